#include "daemon/core/utf8.hpp"

#include <cstdint>

namespace osiedle::utf8 {
namespace {

// Decodes one code point at s[*i] and advances *i. Returns -1 (advancing one byte) on a
// malformed sequence: overlong forms, surrogates and values above U+10FFFF are malformed.
int32_t Next(std::string_view s, size_t* i) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c = b(*i);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int len;
  int32_t cp;
  int32_t min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++*i;
    return -1;
  }
  if (*i + len > s.size()) {
    ++*i;
    return -1;
  }
  for (int k = 1; k < len; ++k) {
    uint8_t cc = b(*i + k);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return -1;
  }
  *i += len;
  return cp;
}

void Append(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Polish letters (both cases) → the ASCII lower-case letter they are searched as.
struct FoldEntry {
  int32_t cp;
  char ascii;
};
constexpr FoldEntry kPolish[] = {
    {0x0105, 'a'}, {0x0104, 'a'},  // ą Ą
    {0x0107, 'c'}, {0x0106, 'c'},  // ć Ć
    {0x0119, 'e'}, {0x0118, 'e'},  // ę Ę
    {0x0142, 'l'}, {0x0141, 'l'},  // ł Ł
    {0x0144, 'n'}, {0x0143, 'n'},  // ń Ń
    {0x00F3, 'o'}, {0x00D3, 'o'},  // ó Ó
    {0x015B, 's'}, {0x015A, 's'},  // ś Ś
    {0x017A, 'z'}, {0x0179, 'z'},  // ź Ź
    {0x017C, 'z'}, {0x017B, 'z'},  // ż Ż
};

char FoldPolish(int32_t cp) {
  for (const auto& e : kPolish) {
    if (e.cp == cp) return e.ascii;
  }
  return 0;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

bool IsValid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (Next(s, &i) < 0) return false;
  }
  return true;
}

size_t Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    int32_t cp = Next(s, &i);
    if (cp < 0) {
      out.append(s.substr(start, i - start));  // malformed bytes pass through unchanged
    } else if (cp < 0x80) {
      out.push_back(cp >= 'A' && cp <= 'Z' ? static_cast<char>(cp - 'A' + 'a') : static_cast<char>(cp));
    } else if (char folded = FoldPolish(cp)) {
      out.push_back(folded);
    } else {
      Append(out, cp);
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool HasControl(std::string_view s, bool allow_line_breaks) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (allow_line_breaks && (c == '\t' || c == '\n' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

Status CheckText(std::string& s, const char* field, size_t max_len, bool required) {
  if (!IsValid(s)) return MakeError("utf8_invalid", field);
  if (HasControl(s)) return MakeError("field_invalid", field, "control character");
  s = std::string(Trim(s));
  if (required && s.empty()) return MakeError("field_required", field);
  if (Length(s) > max_len) return MakeError("field_too_long", field);
  return {};
}

}  // namespace osiedle::utf8
