#pragma once
// NIP (Polish tax identification number): 10 digits, the last a checksum.
#include <optional>
#include <string>
#include <string_view>

namespace osiedle::setup {

// The 10 digits of `typed` with spaces and dashes removed (and an optional "PL" prefix), or nullopt
// when anything else is left or the length is not 10.
std::optional<std::string> NormalizeNip(std::string_view typed);
// True when `digits` (10 digits) carries a valid checksum: weights 6,5,7,2,3,4,5,6,7, sum mod 11
// equals the last digit (a remainder of 10 is never valid).
bool NipChecksumValid(std::string_view digits);

}  // namespace osiedle::setup
