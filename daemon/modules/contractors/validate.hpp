#pragma once
// Shape checks of a contractor's contact fields. Each takes a trimmed,
// non-empty value.
#include <string_view>

namespace osiedle::contractors {

// An absolute http:// or https:// URL (scheme case-insensitive) with a
// non-empty host, no user info ("@" before the path), and no white space,
// control characters or any of  " < > \ ` { } | ^.
bool IsValidWebsite(std::string_view url);
// Digits, spaces and + - ( ) / . only, with 3 to 20 digits.
bool IsValidPhone(std::string_view phone);
// One "@" with text on both sides, a dot in the domain, no white space or <>,;"
// characters.
bool IsValidEmail(std::string_view email);

}  // namespace osiedle::contractors
