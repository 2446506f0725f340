#pragma once
// The letters tables (storage/FORMAT.md, "letters"): codes by id, a by-hash index for the lookup at
// registration, and a by-flat index for the staff list and for revoking a flat's earlier codes.
// Functions run inside the caller's transaction. Thread-safety: as storage::Env.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/letters/model.hpp"
#include "storage/env.hpp"

namespace osiedle::letters {

class Store {
 public:
  // Opens (creating) the tables. REQUIRES: called at start-up.
  explicit Store(storage::Env& env);

  // Assigns c->id and stores the code with both index entries. Returns false (nothing stored) if a code
  // with the same hash exists.
  bool Insert(storage::WriteTxn& t, LetterCode* c) const;
  // Rewrites an existing code (status, used/revoked fields); the hash and flat never change.
  void Put(storage::WriteTxn& t, const LetterCode& c) const;
  std::optional<LetterCode> Get(const storage::ReadTxn& t, uint64_t id) const;
  // The code whose hash is `code_hash` (raw 32 bytes).
  std::optional<LetterCode> FindByHash(const storage::ReadTxn& t, std::string_view code_hash) const;
  // A flat's codes, newest first.
  std::vector<LetterCode> ListByFlat(const storage::ReadTxn& t, uint64_t flat_id) const;

  storage::Env& env() const { return env_; }

  static std::string Encode(const LetterCode& c);
  // nullopt if corrupt or of an unknown version.
  static std::optional<LetterCode> Decode(uint64_t id, std::string_view value);

 private:
  storage::Env& env_;
  storage::Table codes_;    // letters.codes: u64 id → code v1
  storage::Table by_hash_;  // letters.codes.by_hash: 32-byte SHA-256 → u64 id
  storage::Table by_flat_;  // letters.codes.by_flat: u64 flat id, u64 id → ""
};

}  // namespace osiedle::letters
