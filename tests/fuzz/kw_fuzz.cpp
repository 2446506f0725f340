// libFuzzer target: the land-register (KW) number validator.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/core/kw.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto r = osiedle::kw::Normalize(input);
  if (r.ok()) {
    const std::string& kw = *r;
    // A normalised number is canonical: normalising again is a no-op, and Make rebuilds it.
    auto again = osiedle::kw::Normalize(kw);
    if (!again.ok() || *again != kw || kw.size() != 15) __builtin_trap();
    if (osiedle::kw::Make(kw.substr(0, 4), static_cast<uint32_t>(std::stoul(kw.substr(5, 8)))) != kw) {
      __builtin_trap();
    }
  } else if (r.error().code != "kw_format_invalid" && r.error().code != "kw_checksum_invalid") {
    __builtin_trap();
  }
  int d = osiedle::kw::CheckDigit(input);
  if (d < -1 || d > 9) __builtin_trap();
  return 0;
}
