#include "setup-wizard/nip.hpp"

namespace osiedle::setup {

std::optional<std::string> NormalizeNip(std::string_view typed) {
  std::string out;
  size_t i = 0;
  while (i < typed.size() && typed[i] == ' ') ++i;
  if (typed.size() - i >= 2 && (typed[i] == 'P' || typed[i] == 'p') && (typed[i + 1] == 'L' || typed[i + 1] == 'l'))
    i += 2;
  for (; i < typed.size(); ++i) {
    char c = typed[i];
    if (c >= '0' && c <= '9') {
      out += c;
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
    if (out.size() > 10) return std::nullopt;
  }
  if (out.size() != 10) return std::nullopt;
  return out;
}

bool NipChecksumValid(std::string_view digits) {
  static constexpr int kWeights[9] = {6, 5, 7, 2, 3, 4, 5, 6, 7};
  if (digits.size() != 10) return false;
  int sum = 0;
  for (int i = 0; i < 10; ++i)
    if (digits[i] < '0' || digits[i] > '9') return false;
  for (int i = 0; i < 9; ++i) sum += kWeights[i] * (digits[i] - '0');
  int check = sum % 11;
  return check != 10 && check == digits[9] - '0';
}

}  // namespace osiedle::setup
