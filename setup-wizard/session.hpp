#pragma once
// The one-time setup code and the sessions it opens. Only someone who can read the box's console
// or journal knows the code, so nobody else on the LAN can take over a fresh box.
// Thread-safety: Gate is safe from many threads.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace osiedle::setup {

inline constexpr int kMaxWrongCodesPerMinute = 5;
inline constexpr size_t kMaxSessions = 32;

// The setup code is a core/typed_code.hpp code (typed_code::NewCode, shown with typed_code::FormatCode).

class Gate {
 public:
  explicit Gate(std::string code) : code_(std::move(code)) {}

  enum class Outcome { kOk, kWrong, kThrottled };
  // Checks a typed code. kOk opens a session: *token (256-bit, base64url) for the cookie and
  // *csrf for the forms. After kMaxWrongCodesPerMinute wrong codes in the last 60 s every try
  // (right or wrong) is kThrottled until the window has passed.
  Outcome TryCode(std::string_view typed, int64_t now, std::string* token, std::string* csrf);
  // The CSRF token of the session `token`, or nullopt when there is no such session.
  std::optional<std::string> CsrfOf(std::string_view token) const;
  const std::string& code() const { return code_; }

 private:
  const std::string code_;
  mutable std::mutex mu_;
  std::vector<int64_t> wrong_;                   // times of recent wrong codes
  std::map<std::string, std::string> sessions_;  // sha256(token) -> csrf
};

}  // namespace osiedle::setup
