#include "daemon/core/words.hpp"

#include <algorithm>
#include <cstdint>

#include "daemon/core/utf8.hpp"

namespace osiedle::words {
namespace {

bool IsAsciiWordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Length of the UTF-8 sequence starting with lead byte `c` (1 for a stray
// continuation byte).
size_t SeqLen(unsigned char c) {
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

// Code point of a well-formed sequence of `len` bytes at `p` (Fold keeps valid
// input valid).
uint32_t Decode(const unsigned char* p, size_t len) {
  uint32_t cp = len == 2 ? (p[0] & 0x1F) : len == 3 ? (p[0] & 0x0F) : (p[0] & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[k] & 0x3F);
  return cp;
}

bool IsSeparator(uint32_t cp) { return (cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xD7; }

// A word being collected; once a character does not fit, the rest of the word
// is dropped.
struct Collector {
  std::vector<std::string> out;
  std::string word;
  bool cut = false;

  void Add(std::string_view ch) {
    if (cut || word.size() + ch.size() > kMaxWordBytes) {
      cut = true;
      return;
    }
    word.append(ch);
  }
  void Flush() {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
    cut = false;
  }
};

std::vector<std::string> Split(std::string_view text) {
  const std::string folded = utf8::Fold(text);
  Collector col;
  const auto* p = reinterpret_cast<const unsigned char*>(folded.data());
  const size_t n = folded.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (IsAsciiWordByte(c)) {
        col.Add(std::string_view(folded).substr(i, 1));
      } else {
        col.Flush();
      }
      ++i;
      continue;
    }
    size_t len = std::min(SeqLen(c), n - i);
    bool valid = len > 1 && std::all_of(p + i + 1, p + i + len, [](unsigned char b) { return (b & 0xC0) == 0x80; });
    if (!valid) {  // a stray byte: a separator (it never reaches here from
                   // validated input)
      col.Flush();
      ++i;
      continue;
    }
    if (IsSeparator(Decode(p + i, len))) {
      col.Flush();
    } else {
      col.Add(std::string_view(folded).substr(i, len));
    }
    i += len;
  }
  col.Flush();
  return std::move(col.out);
}

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out = Split(text);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> QueryWords(std::string_view q) {
  std::vector<std::string> out = Words(q);
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  if (out.size() > kMaxQueryWords) out.resize(kMaxQueryWords);
  return out;
}

}  // namespace osiedle::words
