#include "daemon/core/kw.hpp"

namespace osiedle::kw {
namespace {

// Character values of the check-digit algorithm: digits are themselves, X is 10, and the other
// letters follow in alphabetical order from 11 with Q and V (never used in court codes) skipped.
int CharValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c == 'X') return 10;
  static constexpr char kLetters[] = "ABCDEFGHIJKLMNOPRSTUWYZ";  // 23 letters: A=11 ... Z=33
  for (int i = 0; kLetters[i] != '\0'; ++i) {
    if (kLetters[i] == c) return 11 + i;
  }
  return -1;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ^[A-Z]{2}[0-9][A-Z]/[0-9]{8}/[0-9]$
bool HasFormat(const std::string& s) {
  if (s.size() != 15) return false;
  if (!IsUpper(s[0]) || !IsUpper(s[1]) || !IsDigit(s[2]) || !IsUpper(s[3])) return false;
  if (s[4] != '/' || s[13] != '/') return false;
  for (int i = 5; i < 13; ++i) {
    if (!IsDigit(s[i])) return false;
  }
  return IsDigit(s[14]);
}

}  // namespace

int CheckDigit(std::string_view s) {
  if (s.size() != 12) return -1;
  static constexpr int kWeights[] = {1, 3, 7};
  int sum = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    int v = CharValue(s[i]);
    if (v < 0) return -1;
    sum += v * kWeights[i % 3];
  }
  return sum % 10;
}

Result<std::string> Normalize(std::string_view input) {
  if (input.size() > 64) return MakeError("kw_format_invalid", "kw_number");
  std::string s;
  for (char c : input) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    s.push_back(c);
  }
  if (!HasFormat(s)) return MakeError("kw_format_invalid", "kw_number");
  int digit = CheckDigit(s.substr(0, 4) + s.substr(5, 8));
  if (digit < 0) return MakeError("kw_format_invalid", "kw_number");
  if (digit != s[14] - '0') return MakeError("kw_checksum_invalid", "kw_number");
  return s;
}

std::string Make(std::string_view court_code, uint32_t number) {
  std::string digits = std::to_string(number % 100000000u);
  digits.insert(0, 8 - digits.size(), '0');
  std::string code(court_code);
  int check = CheckDigit(code + digits);
  return code + "/" + digits + "/" + std::to_string(check < 0 ? 0 : check);
}

}  // namespace osiedle::kw
