#pragma once
// Short one-time codes people read from paper or a screen and type in: the setup wizard's code and the codes on
// registration letters. 12 characters from 32 without look-alikes (no 0/O, 1/I): 60 bits, read aloud without doubt.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace osiedle::typed_code {

inline constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
inline constexpr size_t kCodeLength = 12;

// A fresh random code in canonical form (12 alphabet characters, no dashes). Thread-safe.
std::string NewCode();
// The canonical form of what a person typed: case ignored, dashes, spaces and tabs dropped; nullopt unless exactly
// 12 alphabet characters remain (at most 64 bytes are looked at).
std::optional<std::string> NormalizeCode(std::string_view typed);
// "XXXX-XXXX-XXXX" for printing. REQUIRES: canonical is a canonical code.
std::string FormatCode(std::string_view canonical);

}  // namespace osiedle::typed_code
