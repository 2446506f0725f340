#pragma once
// Splitting text into search words (contractor index, document titles): utf8::Fold (lower
// case, Polish diacritics stripped), then runs of letters and digits. ASCII
// punctuation, white space and the common Unicode punctuation (U+00A0..U+00BF,
// U+2000..U+206F) separate words; other non-ASCII letters stay inside words.
// Words are cut to kMaxWordBytes at a character boundary.
#include <string>
#include <string_view>
#include <vector>

namespace osiedle::words {

inline constexpr size_t kMaxWordBytes = 64;
inline constexpr size_t kMaxQueryWords = 8;

// The distinct words of `text`, sorted ("Serwis RTV/AGD" → agd, rtv, serwis).
std::vector<std::string> Words(std::string_view text);

// The distinct words of a search query, longest first (the most selective is
// looked up first); at most kMaxQueryWords, the rest ignored.
std::vector<std::string> QueryWords(std::string_view q);

}  // namespace osiedle::words
