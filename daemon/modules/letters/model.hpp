#pragma once
// Registration letters: one-time codes printed in a letter to a flat's owner. The code itself is never
// stored, only its SHA-256. Enum values are stored on disk: never renumber (storage/FORMAT.md, "letters").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace osiedle::letters {

enum class CodeStatus : uint8_t {
  kActive = 0,   // printed, not used yet
  kUsed = 1,     // a registration consumed it
  kRevoked = 2,  // by staff, or by a newer letter for the same flat
};

// One issued code (its hash, never the code).
struct LetterCode {
  uint64_t id = 0;
  uint64_t flat_id = 0;
  std::string code_hash;  // raw SHA-256 (32 bytes) of the canonical code
  CodeStatus status = CodeStatus::kActive;
  int64_t created_at = 0;
  uint64_t created_by = 0;
  int64_t used_at = 0;  // 0 = not used
  uint64_t used_by_user_id = 0;
  int64_t revoked_at = 0;  // 0 = not revoked
  uint64_t revoked_by = 0;
};

// "active", "used", "revoked".
std::string_view CodeStatusName(CodeStatus s);

// The 32 characters a code is made of: no 0/O, 1/I, so it reads aloud and types without doubt.
inline constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
inline constexpr size_t kCodeLength = 12;  // 60 bits

// A fresh random code in canonical form (12 alphabet characters, no dashes). Thread-safe.
// REQUIRES: crypto::InitCrypto() was called.
std::string NewCode();
// The canonical form of what a person typed: case ignored, dashes and spaces dropped; nullopt unless
// exactly 12 alphabet characters remain (at most 64 bytes are looked at).
std::optional<std::string> NormalizeCode(std::string_view typed);
// "XXXX-XXXX-XXXX" for printing. REQUIRES: canonical is a canonical code.
std::string FormatCode(std::string_view canonical);
// Raw SHA-256 of the canonical code: the only form that is stored.
std::string CodeHash(std::string_view canonical);

}  // namespace osiedle::letters
