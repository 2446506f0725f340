#pragma once
// Audit trail: an append-only, hash-chained log of logins, failed logins and every staff action.
// Each entry stores the SHA-256 of the previous entry's hash and its own canonical encoding, so
// editing or deleting an entry breaks the chain and Verify() finds it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/model.hpp"
#include "daemon/modules/audit/store.hpp"
#include "storage/env.hpp"

namespace osiedle::audit {

class Service {
 public:
  // Opens the audit tables. REQUIRES: called at start-up.
  Service(storage::Env& env, const Clock& clock);

  // Appends `e` inside the caller's write transaction (so the action and its record commit
  // together). Fills id, at, prev_hash, hash; text fields are made valid UTF-8 without control
  // characters and cut to a bound (action/target_type 64 B, detail 1000 B, ip 64 B, user agent 512 B).
  // Returns the id. Thread-safe (write transactions are serialized by LMDB).
  uint64_t Append(storage::WriteTxn& txn, Entry e);
  // Appends in its own transaction (for events with no other write, e.g. a failed login).
  // REQUIRES: not inside a View or Update on this thread.
  uint64_t Record(Entry e);

  // Newest first; at most min(filter.limit, 500) entries (limit 0 = 50).
  std::vector<Entry> List(const Filter& filter) const;
  // Walks the whole chain: every hash recomputed, every prev_hash link and the head checked.
  // first_bad_id is the first entry that does not verify (for a deleted last entry: its id).
  Verification Verify() const;
  // Calls fn for every entry, oldest first, until it returns false (the export). fn runs inside a
  // read transaction: it must not open another transaction.
  void ForEach(const std::function<bool(const Entry&)>& fn) const;

  // The bytes hashed for `e` (documented in storage/FORMAT.md so exports can be verified offline):
  // "osiedle.audit.v1" then id, at, actor_id, action, target_type, target_id, subject_user_id,
  // detail, ip, user_agent, each as a netstring "<len>:<bytes>," (integers in decimal).
  static std::string Canonical(const Entry& e);
  // Lower-case hex SHA-256(prev_hash || Canonical(e)).
  static std::string ComputeHash(const std::string& prev_hash, const Entry& e);

 private:
  storage::Env& env_;
  const Clock& clock_;
  Store store_;  // audit.log, audit.log.by_user, audit.meta
};

// An entry (not yet appended) for what `actor` did; Actor is any struct with user_id, ip and user_agent.
template <typename Actor>
Entry MakeEntry(const Actor& actor, std::string action, std::string target_type, uint64_t target_id,
                std::string detail = {}) {
  Entry e;
  e.actor_id = actor.user_id;
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = target_id;
  e.detail = std::move(detail);
  e.ip = actor.ip;
  e.user_agent = actor.user_agent;
  return e;
}

}  // namespace osiedle::audit
