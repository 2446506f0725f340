#pragma once
// Identity: the flats registry (estates → buildings → flats), users, ownership of flats,
// registrations and sessions. Enum values are stored on disk: never renumber (FORMAT.md).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace osiedle::identity {

struct Estate {
  uint64_t id = 0;
  std::string name;  // "Osiedle Lazurowa"
};

struct Building {
  uint64_t id = 0;
  uint64_t estate_id = 0;
  std::string address;  // "Lazurowa 12"
};

struct Flat {
  uint64_t id = 0;
  uint64_t building_id = 0;
  std::string staircase;  // klatka: "A", "1", or ""
  std::string number;     // "12", "12A"
  double area_m2 = 0;
  std::string kw_number;  // canonical "WA4M/00012345/6" or ""
  std::string member_number;
};

enum class UserStatus : uint8_t {
  kPending = 0,  // registered, waiting for verification; cannot log in
  kActive = 1,
  kBlocked = 2,
  kDeleted = 3,  // personal data erased on request; the id stays for the audit trail
};

struct User {
  uint64_t id = 0;
  std::string email;  // lower-cased, unique
  std::string first_name;
  std::string last_name;
  std::string phone;
  std::string password_hash;  // argon2id; never leaves the service
  UserStatus status = UserStatus::kPending;
  std::string lang = "pl";
  int64_t created_at = 0;
  int64_t last_login_at = 0;  // 0 = never
  int64_t last_seen_at = 0;   // last request with a session
  std::string totp_secret;    // raw bytes; empty = TOTP off
  bool totp_enabled = false;
  int64_t totp_last_step = 0;  // refuses replay of a used code
  bool deletion_requested = false;
  std::string consents_version;  // terms + RODO clause version accepted at sign-up ("2025-01")
  int64_t consents_at = 0;
  int64_t deletion_requested_at = 0;
};

enum class OwnershipStatus : uint8_t { kPending = 0, kVerified = 1, kRejected = 2 };

// A user's claim to own a flat; verified by staff (or automatically on a KW match).
struct Ownership {
  uint64_t user_id = 0;
  uint64_t flat_id = 0;
  OwnershipStatus status = OwnershipStatus::kPending;
};

enum class RegistrationStatus : uint8_t { kPending = 0, kApproved = 1, kRejected = 2 };

// What a registrant proved ownership with (options.registration_proof, or a letter code).
enum class ProofKind : uint8_t { kKw = 0, kMemberNumber = 1, kLetterCode = 2 };

// One request to be recognised as the owner of a flat: made at sign-up, or later by a
// logged-in user adding another flat.
struct Registration {
  uint64_t id = 0;
  uint64_t user_id = 0;
  uint64_t flat_id = 0;
  std::string kw_number;  // as given (canonical form); "" when the proof was not a KW number
  // The proof equals the register's (KW or member number) at the time of the request; a letter code
  // always matches (it was valid and was consumed).
  bool kw_match = false;
  ProofKind proof = ProofKind::kKw;
  std::string member_number;  // as given, when proof is kMemberNumber
  RegistrationStatus status = RegistrationStatus::kPending;
  std::string consents_version;  // terms + RODO clause version accepted
  int64_t created_at = 0;
  int64_t decided_at = 0;
  uint64_t decided_by = 0;
  std::string reject_reason;
};

struct Session {
  uint64_t id = 0;
  uint64_t user_id = 0;
  std::string token_hash;  // SHA-256 hex of the cookie token
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  std::string ip;
  std::string user_agent;
};

// A one-time password reset link; stored under the SHA-256 of its token.
struct ResetToken {
  uint64_t user_id = 0;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  uint64_t issued_by = 0;  // 0 = self-service
};

std::string_view UserStatusName(UserStatus s);                  // "pending", "active", "blocked", "deleted"
std::string_view OwnershipStatusName(OwnershipStatus s);        // "pending", "verified", "rejected"
std::string_view RegistrationStatusName(RegistrationStatus s);  // "pending", "approved", "rejected"
std::string_view ProofKindName(ProofKind p);                    // "kw", "member-number", "letter-code"

}  // namespace osiedle::identity
