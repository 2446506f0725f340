#pragma once
// Land-register (księga wieczysta) numbers: "WA4M/00012345/6".
// Format ^[A-Z]{2}[0-9][A-Z]/[0-9]{8}/[0-9]$; the last digit is a check digit over the 12
// characters of court code and number: character values 0-9 for digits, X=10, A=11 ... Z=33
// (letters in order, Q and V skipped), weights 1,3,7 repeating, sum mod 10.
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle::kw {

// Normalises (trims, removes spaces, upper-cases) and validates a KW number.
// Returns the canonical form, or Error "kw_format_invalid" / "kw_checksum_invalid"
// with field "kw_number".
Result<std::string> Normalize(std::string_view input);

// The check digit for a 4-character court code and 8-digit number (12 characters, no slashes).
// Returns -1 if a character has no value. 
int CheckDigit(std::string_view court_code_and_number);

// Builds a valid KW number from a court code ("WA4M") and a number (< 10^8); used by the demo
// seeder and tests.
std::string Make(std::string_view court_code, uint32_t number);

}  // namespace osiedle::kw
