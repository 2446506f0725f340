#pragma once
// Audit entries as stored and listed. See service.hpp for the rules and storage/FORMAT.md for the bytes.
#include <cstddef>
#include <cstdint>
#include <string>

namespace osiedle::audit {

struct Entry {
  uint64_t id = 0;          // assigned by Append
  int64_t at = 0;           // assigned by Append (clock)
  uint64_t actor_id = 0;    // user who acted; 0 = system or anonymous
  std::string action;       // "auth.login", "auth.login_failed", "registration.approve", ...
  std::string target_type;  // "user", "registration", "role", "group", "flat", ... or ""
  uint64_t target_id = 0;
  uint64_t subject_user_id = 0;  // the user the action concerns (for per-user activity), or 0
  std::string detail;            // short free text (no secrets)
  std::string ip;
  std::string user_agent;
  std::string prev_hash;  // hex; assigned by Append
  std::string hash;       // hex; assigned by Append
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

// prev_hash of the first entry: 64 hex zeros.
inline const std::string kGenesisHash(64, '0');

}  // namespace osiedle::audit
