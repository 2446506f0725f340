#pragma once
// UTF-8 helpers for input checking and search.
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle::utf8 {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValid(std::string_view s);
// Number of code points. REQUIRES: IsValid(s).
size_t Length(std::string_view s);
// Lower-cases and strips Polish diacritics for search ("Ślusarz" → "slusarz").
std::string Fold(std::string_view s);
// Trims ASCII white space on both ends.
std::string_view Trim(std::string_view s);
// True if `s` holds a C0 control character or DEL. Tab, CR and LF count only when
// `allow_line_breaks` is false (a NUL would cut a storage key short; CR/LF would split a header).
bool HasControl(std::string_view s, bool allow_line_breaks = true);
// Trims `s` in place and checks it as a name-like text field, in this order: "utf8_invalid",
// "field_invalid" (HasControl), "field_required" (empty after trim, if `required`),
// "field_too_long" (more than `max_len` code points) — each with `field`.
Status CheckText(std::string& s, const char* field, size_t max_len, bool required);

}  // namespace osiedle::utf8
