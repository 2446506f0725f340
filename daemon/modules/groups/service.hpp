#pragma once
// Groups: static groups (chosen members) and rule groups evaluated live (role, estate, building,
// staircase, department, never logged in, inactive N days, pending verification; AND/OR).
// Membership: deleted users are never members; blocked users are never members of rule groups
// but stay in static groups (they were chosen explicitly; they cannot log in anyway).
// Thread-safety: all functions are safe from many threads; each runs in the caller's txn.
#include <cstdint>
#include <memory>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/groups/directory.hpp"
#include "daemon/modules/groups/model.hpp"
#include "daemon/modules/groups/store.hpp"
#include "storage/env.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::groups {

class Service {
 public:
  // Whether GroupsOf may memoise its answers under the snapshot id (see GroupsOf). Only for a directory
  // that answers from the store alone, as IdentityDirectory does; a directory holding data outside the
  // store (the tests' in-memory identity) needs kOff.
  enum class Memo { kBySnapshot, kOff };

  // Opens the tables. REQUIRES: called at start-up; dir and clock outlive the service.
  Service(storage::Env& env, const Directory& dir, const Clock& clock, Memo memo = Memo::kBySnapshot);

  // Checks depth (<= kMaxRuleDepth), leaves (<= kMaxRuleLeaves), non-empty AND/OR, ids > 0,
  // staircase 1..16 chars, days 1..36500. Errors: "group_rule_invalid" (field "rule", detail says why).
  static Status ValidateRule(const Rule& rule);

  // Every group by id.
  std::vector<Group> List(const storage::ReadTxn& txn) const;
  // Errors: "group_not_found".
  Result<Group> Get(const storage::ReadTxn& txn, uint64_t id) const;
  // Errors: "field_required" / "field_too_long" / "utf8_invalid" (name, description), "group_name_taken"
  // (unique ignoring case and Polish diacritics), "group_rule_invalid" (also: rule group without a rule),
  // "field_invalid" (members for a rule group, or a rule for a static group), "user_not_found" (field
  // members, detail = id; deleted users too), "field_too_long" (members: more than kMaxStaticMembers).
  Result<Group> Create(storage::WriteTxn& txn, const GroupSpec& spec);
  // Replaces everything but id and created_at (the kind may change). Errors as Create, "group_not_found".
  Result<Group> Update(storage::WriteTxn& txn, uint64_t id, const GroupSpec& spec);
  // Errors: "group_not_found".
  Status Delete(storage::WriteTxn& txn, uint64_t id);

  // Ascending ids of all current members. Errors: "group_not_found".
  Result<std::vector<uint64_t>> AllMembers(const storage::ReadTxn& txn, uint64_t group_id) const;
  // One page of AllMembers (limit is capped at kMaxPage). Errors: "group_not_found".
  Result<MembersPage> Members(const storage::ReadTxn& txn, uint64_t group_id, uint64_t offset, uint64_t limit) const;
  // Errors: "group_not_found". An unknown user is not a member.
  Result<bool> IsMember(const storage::ReadTxn& txn, uint64_t group_id, uint64_t user_id) const;
  // Ascending ids of the groups the user belongs to (static and rule).
  // The answer depends only on the store and the current second (rules such as "inactive N days"),
  // so it is memoised per user under (txn.SnapshotId(), second): exact, never stale. A page load's
  // several calls (news, ads, documents…) evaluate the rules once.
  std::vector<uint64_t> GroupsOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  // How many users a rule matches now (live preview). Errors: "group_rule_invalid".
  Result<uint64_t> Count(const storage::ReadTxn& txn, const Rule& rule) const;

  const Directory& directory() const { return dir_; }
  storage::Env& env() { return env_; }

  static constexpr size_t kMaxNameLen = 100;
  static constexpr size_t kMaxDescriptionLen = 1000;
  static constexpr size_t kMaxStaticMembers = 50000;
  static constexpr uint64_t kMaxPage = 500;

 private:
  Status CheckSpec(const storage::ReadTxn& txn, GroupSpec& spec, uint64_t self_id, std::string* folded) const;
  Result<Group> Save(storage::WriteTxn& txn, Group g, const GroupSpec& spec, const std::string& old_folded);

  // The rule groups, decoded once per snapshot.
  std::shared_ptr<const std::vector<Group>> RuleGroups(const storage::ReadTxn& txn) const;

  storage::Env& env_;
  const Directory& dir_;
  const Clock& clock_;
  Store store_;

  std::vector<uint64_t> ComputeGroupsOf(const storage::ReadTxn& txn, uint64_t user_id, int64_t now) const;

  const bool memo_on_;
  storage::SnapshotMemo<uint64_t, std::vector<uint64_t>> groups_of_{4096};  // users; then it starts over
  storage::SnapshotCache<std::vector<Group>> rule_groups_;
};

}  // namespace osiedle::groups
