#pragma once
// The groups tables (storage/FORMAT.md, "groups"). Internal to the module.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/groups/model.hpp"
#include "storage/env.hpp"

namespace osiedle::groups {

class Store {
 public:
  // Opens the tables. REQUIRES: called at start-up.
  explicit Store(storage::Env& env);

  std::optional<Group> Get(const storage::ReadTxn& txn, uint64_t id) const;
  // Every group by id.
  std::vector<Group> List(const storage::ReadTxn& txn) const;
  // Id of the group whose folded name is `folded`, or 0.
  uint64_t IdByName(const storage::ReadTxn& txn, const std::string& folded) const;

  uint64_t NextId(storage::WriteTxn& txn) const { return txn.NextId(groups_); }
  // Writes the group and its name index entry (`old_folded` is removed if it differs).
  void Put(storage::WriteTxn& txn, const Group& g, const std::string& folded, const std::string& old_folded) const;
  // Removes the group, its name entry and its static members.
  void Delete(storage::WriteTxn& txn, uint64_t id, const std::string& folded) const;

  // Static members.
  void SetMembers(storage::WriteTxn& txn, uint64_t group_id, const std::vector<uint64_t>& user_ids) const;
  // Ascending user ids.
  std::vector<uint64_t> Members(const storage::ReadTxn& txn, uint64_t group_id) const;
  bool HasMember(const storage::ReadTxn& txn, uint64_t group_id, uint64_t user_id) const;
  // Static groups the user was put in, ascending.
  std::vector<uint64_t> StaticGroupsOf(const storage::ReadTxn& txn, uint64_t user_id) const;

  // Value codec of groups.groups (exposed for tests). Decode returns nullopt on corruption.
  static std::string Encode(const Group& g);
  static std::optional<Group> Decode(uint64_t id, std::string_view value);

 private:
  storage::Table groups_;           // groups.groups: u64 id → group v1
  storage::Table by_name_;          // groups.groups.by_name: str folded name → u64 id
  storage::Table members_;          // groups.members: u64 group, u64 user → ""
  storage::Table members_by_user_;  // groups.members.by_user: u64 user, u64 group → ""
};

}  // namespace osiedle::groups
