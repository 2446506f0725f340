#pragma once
// Audit trail: an append-only, hash-chained log of logins, failed logins and every staff action.
// Each entry stores the SHA-256 of the previous entry's hash and its own canonical encoding, so
// editing or deleting an entry breaks the chain and Verify() finds it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "storage/env.hpp"

namespace osiedle::audit {

struct Entry {
  uint64_t id = 0;          // assigned by Append
  int64_t at = 0;           // assigned by Append (clock)
  uint64_t actor_id = 0;    // user who acted; 0 = system or anonymous
  std::string action;       // "auth.login", "auth.login_failed", "registration.approve", ...
  std::string target_type;  // "user", "registration", "role", "group", "flat", ... or ""
  uint64_t target_id = 0;
  uint64_t subject_user_id = 0;  // the user the action concerns (for per-user activity), or 0
  std::string detail;       // short free text (no secrets)
  std::string ip;
  std::string user_agent;
  std::string prev_hash;    // hex; assigned by Append
  std::string hash;         // hex; assigned by Append
};

struct Filter {
  uint64_t actor_id = 0;         // 0 = any
  uint64_t subject_user_id = 0;  // 0 = any: entries where this user acted or was the subject
  std::string action_prefix;     // "" = any; "auth." = logins
  uint64_t before_id = 0;        // 0 = newest; else entries with id < before_id (pagination)
  size_t limit = 50;             // at most 500
};

struct Verification {
  bool ok = true;
  uint64_t entries = 0;
  uint64_t first_bad_id = 0;  // 0 when ok
};

class Service {
 public:
  // Opens the audit tables. REQUIRES: called at start-up.
  Service(storage::Env& env, const Clock& clock);

  // Appends `e` inside the caller's write transaction (so the action and its record commit
  // together). Fills id, at, prev_hash, hash. Returns the id.
  uint64_t Append(storage::WriteTxn& txn, Entry e);
  // Appends in its own transaction (for events with no other write, e.g. a failed login).
  uint64_t Record(Entry e);

  // Newest first.
  std::vector<Entry> List(const Filter& filter) const;
  // Walks the whole chain.
  Verification Verify() const;

 private:
  storage::Env& env_;
  const Clock& clock_;
  storage::Table log_;          // audit.log: u64 id → entry
  storage::Table by_user_;      // audit.log.by_user: u64 user, u64 id → ""
};

}  // namespace osiedle::audit
