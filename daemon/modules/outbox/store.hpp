#pragma once
// Typed access to the outbox tables (layouts in storage/FORMAT.md, "outbox"):
//   outbox.messages         u64 id → message (codec v1)
//   outbox.messages.by_due  u64 next_attempt_at, u64 id → ""   (pending messages only)
// The index is kept in step by Put, so its entry count is the number of pending messages.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/modules/outbox/model.hpp"
#include "storage/env.hpp"

namespace osiedle::outbox {

class Store {
 public:
  // Opens (creating) the tables. REQUIRES: start-up, before concurrent use.
  explicit Store(storage::Env& env);

  static std::string Encode(const Message& m);
  // nullopt for an unknown codec version or a short/corrupt value.
  static std::optional<Message> Decode(std::string_view value);

  // Writes `m`; `old` is the stored version it replaces (nullptr for a new message), whose due
  // index row is removed. A pending message gets a due row at its next_attempt_at.
  void Put(storage::WriteTxn& txn, const Message& m, const Message* old) const;
  std::optional<Message> Get(const storage::ReadTxn& txn, uint64_t id) const;
  // Ids of pending messages with next_attempt_at <= now, oldest due first, until fn returns false.
  void ScanDue(const storage::ReadTxn& txn, int64_t now, const std::function<bool(uint64_t id)>& fn) const;
  // Messages newest first until fn returns false (undecodable values are skipped).
  void ScanNewest(const storage::ReadTxn& txn, const std::function<bool(const Message&)>& fn) const;
  // Number of pending messages (O(1)).
  uint64_t PendingCount(const storage::ReadTxn& txn) const;

  const storage::Table& messages() const { return messages_; }

 private:
  storage::Table messages_;
  storage::Table due_;
};

}  // namespace osiedle::outbox
