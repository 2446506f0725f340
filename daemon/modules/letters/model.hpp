#pragma once
// Registration letters: one-time codes printed in a letter to a flat's owner. The code itself is never
// stored, only its SHA-256. Enum values are stored on disk: never renumber (storage/FORMAT.md, "letters").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/core/typed_code.hpp"

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

// Letter codes are core/typed_code.hpp codes: 12 characters without look-alikes, 60 bits.
using typed_code::FormatCode;
using typed_code::kCodeAlphabet;
using typed_code::kCodeLength;
using typed_code::NewCode;
using typed_code::NormalizeCode;
// Raw SHA-256 of the canonical code: the only form that is stored.
std::string CodeHash(std::string_view canonical);

}  // namespace osiedle::letters
