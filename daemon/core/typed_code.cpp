#include "daemon/core/typed_code.hpp"

#include "daemon/core/crypto.hpp"

namespace osiedle::typed_code {

std::string NewCode() {
  // 32 divides 256, so a byte's low five bits are uniform over the alphabet.
  const std::string random = crypto::RandomBytes(kCodeLength);
  std::string code;
  code.reserve(kCodeLength);
  for (unsigned char b : random) code.push_back(kCodeAlphabet[b & 31u]);
  return code;
}

std::optional<std::string> NormalizeCode(std::string_view typed) {
  if (typed.size() > 64) return std::nullopt;
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
    if (out.size() > kCodeLength) return std::nullopt;
  }
  if (out.size() != kCodeLength) return std::nullopt;
  return out;
}

std::string FormatCode(std::string_view canonical) {
  std::string out;
  for (size_t i = 0; i < canonical.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(canonical[i]);
  }
  return out;
}

}  // namespace osiedle::typed_code
