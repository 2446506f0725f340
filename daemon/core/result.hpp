#pragma once
// Result<T>: a value or an Error. Services and stores return it across module boundaries;
// not-found, validation failures and permission refusals are Errors, never exceptions.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace osiedle {

// An error as the API reports it. `code` is a stable snake_case word that tests assert on
// (see daemon/http/errors.cpp for the status each code maps to); `field` names the input field
// at fault, if any; `detail` is extra context for logs and for messages that need a parameter.
struct Error {
  std::string code;
  std::string field;
  std::string detail;
};

inline Error MakeError(std::string code, std::string field = {}, std::string detail = {}) {
  return Error{std::move(code), std::move(field), std::move(detail)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok().
  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
struct Ok {};
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}                                       // NOLINT(google-explicit-constructor)
  Result(Error error) : err_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return err_; }

 private:
  Error err_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace osiedle

// Returns the error of `expr` (a Result) from the enclosing function if it failed.
#define OSIEDLE_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    auto osiedle_r_ = (expr);                         \
    if (!osiedle_r_.ok()) return osiedle_r_.error();  \
  } while (0)
