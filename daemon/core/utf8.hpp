#pragma once
// UTF-8 helpers for input checking and search.
#include <string>
#include <string_view>

namespace osiedle::utf8 {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValid(std::string_view s);
// Number of code points. REQUIRES: IsValid(s).
size_t Length(std::string_view s);
// Lower-cases and strips Polish diacritics for search ("Ślusarz" → "slusarz").
std::string Fold(std::string_view s);
// Trims ASCII white space on both ends.
std::string_view Trim(std::string_view s);

}  // namespace osiedle::utf8
