#pragma once
// Live evaluation of rule groups (internal to the module).
//
// Members(): role and department leaves come from the roles indexes; an AND takes the
// intersection of the indexed children as candidates, an OR of indexed children their union.
// Candidates (or, when a rule has no usable index, every user) are then tested one by one, loading
// flats and registrations only when a leaf needs them. Deleted and blocked users never match.
// Not thread-safe: one Evaluator per transaction and thread.
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "daemon/modules/groups/directory.hpp"
#include "daemon/modules/groups/model.hpp"

namespace osiedle::groups {

// One user under test with the data leaves load lazily (shared between the groups tested).
struct Subject {
  explicit Subject(const identity::User& u) : user(u) {}
  const identity::User& user;
  std::optional<std::vector<identity::Flat>> flats;
  std::optional<bool> pending;
  std::optional<std::vector<uint64_t>> roles;
  std::optional<std::vector<uint64_t>> departments;
};

class Evaluator {
 public:
  // REQUIRES: txn and dir outlive the evaluator. `now` is Unix seconds (for inactive_days).
  Evaluator(const storage::ReadTxn& txn, const Directory& dir, int64_t now) : txn_(txn), dir_(dir), now_(now) {}

  // Ascending ids of the eligible users matching the (valid) rule.
  std::vector<uint64_t> Members(const Rule& rule);
  // Whether the subject is eligible and matches the rule.
  bool Matches(const Rule& rule, Subject& s);

  // Not deleted, not blocked.
  static bool Eligible(const identity::User& u);

 private:
  std::optional<std::vector<uint64_t>> Candidates(const Rule& rule);
  bool Test(const Rule& rule, Subject& s);
  bool TestLeaf(const Rule& leaf, Subject& s);
  bool InIndex(const Rule& leaf, Subject& s);
  const std::vector<uint64_t>& IndexSet(const Rule& leaf);
  uint64_t EstateOf(uint64_t building_id);

  const storage::ReadTxn& txn_;
  const Directory& dir_;
  int64_t now_;
  bool bulk_ = false;  // in Members(): role/department tests use the cached index sets
  std::map<const Rule*, std::vector<uint64_t>> index_sets_;
  std::unordered_map<uint64_t, uint64_t> estate_of_building_;
};

}  // namespace osiedle::groups
