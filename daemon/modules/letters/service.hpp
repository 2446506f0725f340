#pragma once
// Registration letters: staff issue one-time codes for chosen flats (the plain codes exist only in the
// answer, for the PDF or the mail-merge CSV), list and revoke them; the identity module consumes a code
// when its owner registers (through the hooks App installs: IsValid, Consume).
// Functions taking a txn run inside the caller's transaction; the others open their own (never call them
// inside View/Update). Thread-safety: every function is safe from many threads (state in LMDB).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/actor.hpp"
#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/service.hpp"
#include "daemon/modules/letters/model.hpp"
#include "daemon/modules/letters/store.hpp"

namespace osiedle::letters {

// Which flats get a letter: a building's, the listed ones, or (both empty) every flat.
struct Selection {
  uint64_t building_id = 0;
  std::vector<uint64_t> flat_ids;
};

// One letter to print: where it goes and its code (shown only here, never stored).
struct IssuedLetter {
  uint64_t flat_id = 0, building_id = 0;
  std::string estate_name, building_address, staircase, flat_number;
  std::string code;  // XXXX-XXXX-XXXX
  std::string url;   // the registration form pre-filled with building, flat and code (also the QR code)
};

class Service {
 public:
  // Opens the tables. public_url: the portal's base URL without a trailing slash (for the letter URLs).
  // REQUIRES: called at start-up; the references outlive the Service.
  Service(storage::Env& env, const Clock& clock, identity::Service& identity, audit::Service& audit,
          std::string public_url);

  // A new code for every selected flat, in one transaction with one audit entry (count and selection,
  // never the codes); each flat's earlier active codes are revoked. Letters come ordered by estate,
  // building address, staircase and flat number.
  // Errors: building_not_found (field building_id), flat_not_found (field flat_ids, detail = the id),
  // field_invalid (field flat_ids: both a building and flat ids given), letters_none (no flats selected).
  Result<std::vector<IssuedLetter>> Issue(const Selection& selection, const Actor& actor);
  // A flat's codes, newest first. Errors: flat_not_found.
  Result<std::vector<LetterCode>> ListForFlat(uint64_t flat_id) const;
  // Revokes an active code, with an audit entry. Errors: not_found, letter_code_not_active.
  Status Revoke(uint64_t code_id, const Actor& actor);

  // Whether `typed` (any case, dashes and spaces ignored) is an active code of flat `flat_id`.
  bool IsValid(const storage::ReadTxn& txn, uint64_t flat_id, std::string_view typed) const;
  // Marks the code used by `user_id` if IsValid; returns whether it did. For the identity hook: runs in
  // the transaction that creates the user, so a code is consumed exactly once.
  bool Consume(storage::WriteTxn& txn, uint64_t flat_id, std::string_view typed, uint64_t user_id);

  // <public_url>/#/rejestracja?budynek=<building_id>&lokal=<flat number, URL-encoded>&kod=<code>
  static std::string RegistrationUrl(std::string_view public_url, uint64_t building_id, std::string_view flat_number,
                                     std::string_view code);

  const std::string& public_url() const { return public_url_; }
  const Clock& clock() const { return clock_; }

 private:
  // The selected flats as letters without codes, ordered. Errors as Issue.
  Result<std::vector<IssuedLetter>> Select(const storage::ReadTxn& txn, const Selection& selection) const;
  // Revokes the flat's active codes; returns how many.
  uint64_t RevokeActive(storage::WriteTxn& txn, uint64_t flat_id, const Actor& actor);
  std::optional<LetterCode> Find(const storage::ReadTxn& txn, uint64_t flat_id, std::string_view typed) const;

  const Clock& clock_;
  identity::Service& identity_;
  audit::Service& audit_;
  Store store_;
  std::string public_url_;
};

}  // namespace osiedle::letters
