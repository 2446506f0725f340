#pragma once
// Users and registrations: the public sign-up with the KW check, the staff verification queue,
// account administration (block, roles, list), RODO export and deletion requests, and the
// read functions the groups module evaluates rules with.
// Thread-safety: all methods are safe from many threads (state lives in LMDB).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/model.hpp"
#include "daemon/modules/identity/options.hpp"
#include "daemon/modules/identity/service_base.hpp"
#include "daemon/modules/identity/store.hpp"
#include "daemon/modules/identity/throttle.hpp"
#include "daemon/modules/outbox/service.hpp"
#include "daemon/modules/roles/service.hpp"

namespace osiedle::identity {

inline constexpr const char* kConsentsVersion = "2025-01";

struct RegistrationInput {
  std::string first_name, last_name, email, phone, password;
  uint64_t building_id = 0;
  std::string flat_number;
  std::string kw_number;      // the proof with registration_proof "kw"
  std::string member_number;  // the proof with registration_proof "member-number"
  std::string letter_code;    // a registration letter's code: when given, the only proof looked at
  bool consent_terms = false;
  bool consent_rodo = false;
  std::string consents_version;  // must be kConsentsVersion
  std::string lang = "pl";
};

struct RegistrationReceipt {
  uint64_t registration_id = 0;
  uint64_t user_id = 0;
  bool verified = false;  // approved at once (letter code, or a matching proof with auto-approve)
};

// A flat with its place in the registry and the user's ownership status.
struct FlatView {
  Flat flat;
  Building building;
  std::string estate_name;
  OwnershipStatus status = OwnershipStatus::kPending;
};

// One registration with the registry side by side (for the staff queue).
struct RegistrationView {
  Registration registration;
  User user;
  Flat flat;  // the register's data: flat.kw_number is the registry KW
  Building building;
  std::string estate_name;
};

struct RegistrationPage {
  uint64_t total = 0;
  std::vector<RegistrationView> items;
};

struct UserQuery {
  std::string query;                                       // matches name or e-mail, case and diacritics ignored
  std::optional<UserStatus> status;                        // nullopt = any
  uint64_t role = 0, estate = 0, building = 0, group = 0;  // 0 = any (estate/building: verified flats)
  size_t offset = 0;
  size_t limit = 50;  // at most 500
};

struct UserSummary {
  User user;
  std::vector<uint64_t> roles;
};

struct UserPage {
  uint64_t total = 0;
  std::vector<UserSummary> items;
};

struct UserDetail {
  User user;
  std::vector<FlatView> flats;
  std::vector<uint64_t> roles;
  std::vector<Registration> registrations;
  std::vector<uint64_t> groups;  // via the groups hook; empty without it
};

// Everything stored about a user (RODO access request). Sessions carry no token hashes.
struct UserExport {
  User user;
  std::vector<FlatView> flats;
  std::vector<Registration> registrations;
  std::vector<Session> sessions;
  std::vector<uint64_t> roles;
  std::vector<audit::Entry> audit;
};

class Service : private ServiceBase {
 public:
  Service(Store& store, roles::Service& roles, audit::Service& audit, outbox::Service& outbox, const Clock& clock,
          Options options);

  // --- for the groups module (inside the caller's read transaction) ---
  void ForEachUser(const storage::ReadTxn& txn, const std::function<bool(const User&)>& fn) const;
  std::optional<User> GetUser(const storage::ReadTxn& txn, uint64_t id) const;
  std::vector<Flat> VerifiedFlatsOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  std::optional<Building> GetBuilding(const storage::ReadTxn& txn, uint64_t id) const;
  std::optional<Flat> GetFlat(const storage::ReadTxn& txn, uint64_t id) const;
  // A building's flats (FlatKey order; empty for an unknown building).
  std::vector<Flat> ListFlats(const storage::ReadTxn& txn, uint64_t building_id) const;
  std::optional<Estate> GetEstate(const storage::ReadTxn& txn, uint64_t id) const;
  // Registry browsing for other modules: every estate (id order), the buildings of an estate (0 = all;
  // by estate, then address) and the distinct non-empty staircases of a building's flats (sorted).
  std::vector<Estate> ListEstates(const storage::ReadTxn& txn) const;
  std::vector<Building> ListBuildings(const storage::ReadTxn& txn, uint64_t estate_id) const;
  std::vector<std::string> StaircasesOf(const storage::ReadTxn& txn, uint64_t building_id) const;
  bool HasPendingRegistration(const storage::ReadTxn& txn, uint64_t user_id) const;

  // The groups module is built after this one; it plugs in membership tests here (called outside
  // any transaction). Call at start-up.
  using GroupMemberFn = std::function<bool(uint64_t group_id, uint64_t user_id)>;
  using GroupsOfFn = std::function<std::vector<uint64_t>(uint64_t user_id)>;
  void SetGroupHooks(GroupMemberFn is_member, GroupsOfFn groups_of);

  // Registration letters live in a module built after this one; it plugs in the check of a letter code
  // (inside the caller's read transaction, before the password is hashed) and its consumption (inside
  // the write transaction that creates the user: true = the code was valid for the flat and is now used).
  // Without hooks every letter code is invalid. Call at start-up.
  struct LetterHooks {
    std::function<bool(const storage::ReadTxn& txn, uint64_t flat_id, std::string_view code)> is_valid;
    std::function<bool(storage::WriteTxn& txn, uint64_t flat_id, std::string_view code, uint64_t user_id)> consume;
  };
  void SetLetterHooks(LetterHooks hooks);

  // Public sign-up: a pending user, a pending ownership claim and a registration (kw_match computed
  // against the register), the "registration received" mail and an audit entry, in one transaction.
  // The proof asked for is options.registration_proof: "kw" (kw_number), "member-number" (member_number,
  // compared with Flat.member_number) or "letter-code". With auto_approve_on_kw_match a matching KW or
  // member number is approved at once. A letter_code (accepted whatever the setting) is consumed in the
  // same transaction and the registration approved at once (user active, ownership verified, Mieszkaniec,
  // the "approved" mail); receipt.verified tells.
  // Errors: field_required/field_too_long/field_invalid (names), email_invalid, phone_invalid,
  // password_too_weak, kw_format_invalid, kw_checksum_invalid, field_required (field kw_number /
  // member_number / letter_code: the proof the setting asks for), field_too_long (member_number),
  // letter_code_invalid (field letter_code: wrong, used, revoked or another flat's), consent_required
  // (field consents.terms / consents.rodo / consents.version), building_not_found (field building),
  // flat_not_found (field flat), email_taken.
  Result<RegistrationReceipt> Register(const RegistrationInput& in, const Actor& actor);
  // A logged-in, active user claims another flat (same verification). Errors as Register plus
  // user_not_found, account_not_active, ownership_exists (a pending or verified claim exists).
  Result<RegistrationReceipt> AddFlat(uint64_t user_id, uint64_t building_id, std::string_view flat_number,
                                      std::string_view kw_number, const Actor& actor);

  // Newest first (oldest first for a work queue). limit at most 500.
  RegistrationPage ListRegistrations(RegistrationStatus status, size_t offset, size_t limit,
                                     bool oldest_first = false) const;
  // Approves: ownership verified, a pending user becomes active, a user without roles gets
  // Mieszkaniec, the "approved" mail with the portal link, an audit entry.
  // Errors: registration_not_found, registration_already_decided.
  Status Approve(uint64_t registration_id, const Actor& actor);
  // Rejects with a reason (required, at most 500 characters; mailed to the user). The user stays
  // as they are: a pending user with no other registration simply cannot log in.
  // Errors: field_required / field_too_long (field reason), registration_not_found,
  // registration_already_decided.
  Status Reject(uint64_t registration_id, std::string_view reason, const Actor& actor);

  // Command line: an active user with the Administrator role. Errors as Register's field rules,
  // email_taken.
  Result<User> CreateAdmin(std::string_view email, std::string_view first_name, std::string_view last_name,
                           std::string_view password);
  // The setup wizard: the same with the argon2id hash it already computed (the password never
  // reaches the wizard's state file) and an enrolled TOTP secret (base32; "" = none), stored as
  // given (TOTP enabled when given), audited. Errors as CreateAdmin (no password rule: the wizard
  // checked it before hashing), password_hash_invalid, totp_secret_invalid (field totp_secret).
  Result<User> CreateAdminWithHash(std::string_view email, std::string_view first_name, std::string_view last_name,
                                   std::string_view password_hash, std::string_view totp_secret);

  // Server-side filtered, paginated list of users (id order). Errors: none (bad filters match nothing).
  UserPage ListUsers(const UserQuery& q) const;
  // Errors: user_not_found.
  Result<UserDetail> GetUserDetail(uint64_t user_id, bool with_groups = true) const;
  // The user's flats (verified and claimed) with building and estate.
  std::vector<FlatView> FlatsOf(uint64_t user_id) const;

  // Blocks: status kBlocked, every session deleted at once, audit. Errors: user_not_found,
  // cannot_block_self, last_admin (the last active administrator), user_deleted, forbidden (only an
  // administrator may block or unblock an administrator).
  Status Block(uint64_t user_id, const Actor& actor);
  // Unblocks to active (or to pending if the user has neither roles nor a verified flat).
  // Errors: user_not_found, user_not_blocked.
  Status Unblock(uint64_t user_id, const Actor& actor);
  // Replaces the user's roles. Errors: user_not_found, role_not_found, last_admin (would leave no
  // active administrator).
  Status SetRoles(uint64_t user_id, const std::vector<uint64_t>& role_ids, const Actor& actor);

  // Audit entries where the user acted or was the subject, newest first.
  std::vector<audit::Entry> Activity(uint64_t user_id, uint64_t before_id, size_t limit) const;
  // RODO: everything stored about the user. Errors: user_not_found.
  Result<UserExport> ExportUserData(uint64_t user_id) const;
  // The user's own profile: names, phone, language (what is not set stays as it is).
  // Errors: user_not_found, field_required/field_too_long/field_invalid (names), phone_invalid.
  struct ProfileUpdate {
    std::optional<std::string> first_name, last_name, phone, lang;
  };
  Result<User> UpdateProfile(uint64_t user_id, const ProfileUpdate& update, const Actor& actor);
  // RODO: marks the account for deletion by the office (idempotent) and audits it.
  // Errors: user_not_found.
  Status RequestDeletion(uint64_t user_id, const Actor& actor);

 private:
  struct ClaimTarget;
  struct Proof;
  Result<Proof> CheckProof(const RegistrationInput& in) const;
  Result<ClaimTarget> CheckClaim(const storage::ReadTxn& t, uint64_t building_id, std::string_view flat_number,
                                 const Proof& proof) const;
  Status ApproveInTxn(storage::WriteTxn& t, Registration& reg, const Actor& actor);
  Status CreateClaim(storage::WriteTxn& t, User& user, uint64_t building_id, std::string_view flat_number,
                     const Proof& proof, const Actor& actor, RegistrationReceipt* out);
  std::vector<FlatView> FlatViews(const storage::ReadTxn& t, uint64_t user_id) const;
  bool IsLastActiveAdmin(const storage::ReadTxn& t, uint64_t user_id) const;
  // A normalised, active administrator not yet stored; InsertAdmin stores it with the role, audited.
  Result<User> NewAdmin(std::string_view email, std::string_view first_name, std::string_view last_name) const;
  Result<User> InsertAdmin(User user);
  GroupMemberFn is_member_;
  GroupsOfFn groups_of_;
  LetterHooks letters_;
  // Wrong letter codes per client address: 10 an hour, then a lock of an hour that doubles up to a day.
  Throttle letter_guesses_{{10, 3600, 3600, true, 24 * 3600}, 20000};
};

// Whether `actor_id` may block, unblock or reset the password of `target_id`: staff may manage
// anyone but administrators; administrators (and the command line, actor 0) anyone.
bool MayManage(const roles::Service& roles, const storage::ReadTxn& t, uint64_t actor_id, uint64_t target_id);

// Outbox::Enqueue returns the id (or a Result of it): treats both as a Status.
inline Status EnqueueStatus(uint64_t) { return Ok{}; }
template <typename R>
Status EnqueueStatus(const R& r) {
  if (!r.ok()) return r.error();
  return Ok{};
}

}  // namespace osiedle::identity
