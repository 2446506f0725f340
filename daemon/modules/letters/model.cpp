#include "daemon/modules/letters/model.hpp"

#include "daemon/core/crypto.hpp"

namespace osiedle::letters {

std::string_view CodeStatusName(CodeStatus s) {
  switch (s) {
    case CodeStatus::kActive:
      return "active";
    case CodeStatus::kUsed:
      return "used";
    case CodeStatus::kRevoked:
      return "revoked";
  }
  return "unknown";
}

std::string CodeHash(std::string_view canonical) { return crypto::Sha256(canonical); }

}  // namespace osiedle::letters
