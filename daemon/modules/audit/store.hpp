#pragma once
// Typed access to the audit tables (layouts in storage/FORMAT.md, "audit"):
//   audit.log          u64 id → entry (codec v1)
//   audit.log.by_user  u64 user, u64 id → ""   (actor and subject user)
//   audit.meta         "head" → last id, last hash (codec v1): detects a truncated tail
// No rules here: the hash chain is computed by Service.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/modules/audit/model.hpp"
#include "storage/env.hpp"

namespace osiedle::audit {

struct Head {
  uint64_t last_id = 0;
  std::string last_hash;
};

class Store {
 public:
  // Opens (creating) the tables. REQUIRES: start-up, before concurrent use.
  explicit Store(storage::Env& env);

  static std::string Encode(const Entry& e);
  // nullopt for an unknown codec version or a short/corrupt value.
  static std::optional<Entry> Decode(std::string_view value);

  // Writes the entry, its index rows and the new head.
  void Put(storage::WriteTxn& txn, const Entry& e) const;
  std::optional<Head> GetHead(const storage::ReadTxn& txn) const;
  std::optional<Entry> Get(const storage::ReadTxn& txn, uint64_t id) const;

  // Entries with id < before_id (0 = all), newest first, until fn returns false.
  // Undecodable values are passed as nullopt with their id.
  void ScanNewest(const storage::ReadTxn& txn, uint64_t before_id,
                  const std::function<bool(uint64_t id, const std::optional<Entry>&)>& fn) const;
  // Every entry, oldest first, until fn returns false (same nullopt rule).
  void ScanOldest(const storage::ReadTxn& txn,
                  const std::function<bool(uint64_t id, const std::optional<Entry>&)>& fn) const;
  // Ids of entries where `user` acted or was the subject, id < before_id (0 = all), newest first.
  void ScanUserNewest(const storage::ReadTxn& txn, uint64_t user, uint64_t before_id,
                      const std::function<bool(uint64_t id)>& fn) const;

  const storage::Table& log() const { return log_; }

 private:
  storage::Table log_;
  storage::Table by_user_;
  storage::Table meta_;
};

}  // namespace osiedle::audit
