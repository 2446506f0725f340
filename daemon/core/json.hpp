#pragma once
// Decoding JSON request bodies safely. Heavy header (nlohmann/json): include it only from
// routes.cpp files and the http layer, never from model/store/service headers.
//
//   auto body = json::ParseObject(req.body);            // size, depth, UTF-8 checked
//   if (!body) return http::ErrorResponse(body.error());
//   json::Fields f(*body);
//   std::string email = f.Str("email", {.max_len = 254});
//   std::string phone = f.Str("phone", {.required = false, .max_len = 32});
//   if (auto err = f.Finish(); !err.ok()) return ...;    // first error, or unknown_field
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/core/result.hpp"

namespace osiedle::json {

using Json = nlohmann::json;

constexpr size_t kMaxBodyBytes = 1 << 20;  // 1 MiB for JSON bodies
constexpr int kMaxDepth = 16;

// Parses a request body that must be a JSON object. Errors: "body_too_large", "utf8_invalid",
// "json_invalid", "json_too_deep", "json_not_object".
Result<Json> ParseObject(std::string_view body, size_t max_bytes = kMaxBodyBytes, int max_depth = kMaxDepth);

// Compact JSON text, as every answer is written: invalid UTF-8 is replaced (U+FFFD), never thrown on.
std::string Dump(const Json& j);

struct StrOpts {
  bool required = true;
  size_t max_len = 200;  // in code points
  bool trim = true;
  bool allow_empty = false;  // when required, an empty (after trim) string is "field_required"
};

// Reads typed fields from a JSON object, recording the first error. Unknown keys are an error
// ("unknown_field") at Finish(). Errors: "field_required", "field_type", "field_too_long",
// "utf8_invalid" — each with the field's name.
class Fields {
 public:
  explicit Fields(const Json& obj) : obj_(obj) {}
  std::string Str(const std::string& name, StrOpts opts = {});
  std::optional<int64_t> Int(const std::string& name, bool required = true, int64_t min = INT64_MIN,
                             int64_t max = INT64_MAX);
  std::optional<bool> Bool(const std::string& name, bool required = true);
  std::vector<std::string> StrList(const std::string& name, bool required = true, size_t max_items = 100,
                                   size_t max_len = 200);
  std::vector<uint64_t> IdList(const std::string& name, bool required = true, size_t max_items = 1000);
  // The raw value (e.g. a nested object), or nullptr if absent. Marks the key as known.
  const Json* Raw(const std::string& name, bool required = true);
  bool Has(const std::string& name) const { return obj_.contains(name); }
  // The first error, or "unknown_field" for a key never asked for.
  Status Finish() const;
  bool ok() const { return !error_; }

 private:
  void Fail(const char* code, const std::string& field);
  // Checks a string value of field `name`: UTF-8, trim, emptiness (if `nonempty`), length, control
  // characters. nullopt after Fail on the first problem.
  std::optional<std::string> Text(const std::string& raw, const std::string& name, bool trim, bool nonempty,
                                  size_t max_len);
  // The array under `name` with at most `max_items` items, or nullptr (absent, or after Fail).
  const Json* Array(const std::string& name, bool required, size_t max_items);
  const Json& obj_;
  std::set<std::string> seen_;
  std::optional<Error> error_;
};

}  // namespace osiedle::json
