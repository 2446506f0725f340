// libFuzzer target: JSON request decoding — ParseObject, then the field reads a typical route does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/core/json.hpp"
#include "daemon/core/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto obj = osiedle::json::ParseObject(body);
  if (!obj.ok()) return 0;
  if (!obj->is_object()) __builtin_trap();
  osiedle::json::Fields f(*obj);
  std::string email = f.Str("email", {.max_len = 254});
  std::string phone = f.Str("phone", {.required = false, .max_len = 32});
  std::string note = f.Str("note", {.required = false, .max_len = 2000, .trim = false, .allow_empty = true});
  if (!osiedle::utf8::IsValid(email) || osiedle::utf8::Length(email) > 254) __builtin_trap();
  if (!osiedle::utf8::IsValid(phone) || osiedle::utf8::Length(phone) > 32) __builtin_trap();
  if (!osiedle::utf8::IsValid(note)) __builtin_trap();
  auto n = f.Int("flat", false, 1, 1000000);
  if (n && (*n < 1 || *n > 1000000)) __builtin_trap();
  (void)f.Bool("remember", false);
  (void)f.StrList("tags", false, 10, 50);
  for (uint64_t id : f.IdList("ids", false, 100)) {
    if (id == 0) __builtin_trap();
  }
  if (const auto* consents = f.Raw("consents", false); consents != nullptr && consents->is_object()) {
    osiedle::json::Fields c(*consents);
    (void)c.Bool("terms", false);
    (void)c.Str("version", {.required = false, .max_len = 20});
    (void)c.Finish();
  }
  (void)f.Finish();
  (void)obj->dump();  // serialising what we parsed must not throw on valid UTF-8
  return 0;
}
