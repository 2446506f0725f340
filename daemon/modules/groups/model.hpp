#pragma once
// Groups of users: static (chosen members) or rule groups evaluated live against identity and
// roles data. Enum values are stored on disk: never renumber (storage/FORMAT.md).
#include <cstdint>
#include <string>
#include <vector>

namespace osiedle::groups {

enum class GroupKind : uint8_t { kStatic = 0, kRule = 1 };

enum class RuleField : uint8_t {
  kRole = 0,                 // id: role id
  kEstate = 1,               // id: estate id (through the user's verified flats)
  kBuilding = 2,             // id: building id (through the user's verified flats)
  kStaircase = 3,            // id: building id, staircase: "A"
  kDepartment = 4,           // id: department id
  kNeverLoggedIn = 5,        // last_login_at == 0
  kInactiveDays = 6,         // days: last_seen_at older than `days` days, or never seen
  kPendingVerification = 7,  // status pending or a pending registration (e.g. a second flat)
};

// A rule tree: an AND/OR node of child rules, or a leaf test on one field.
struct Rule {
  enum class Op : uint8_t { kLeaf = 0, kAnd = 1, kOr = 2 };
  Op op = Op::kLeaf;
  std::vector<Rule> rules;  // children of kAnd / kOr
  RuleField field = RuleField::kRole;
  uint64_t id = 0;        // kRole, kEstate, kBuilding, kStaircase (building), kDepartment
  std::string staircase;  // kStaircase
  int64_t days = 0;       // kInactiveDays

  bool operator==(const Rule&) const = default;
};

inline constexpr int kMaxRuleDepth = 5;  // a leaf alone has depth 1
inline constexpr int kMaxRuleLeaves = 50;
inline constexpr int64_t kMaxInactiveDays = 36500;
inline constexpr size_t kMaxStaircaseLen = 16;

struct Group {
  uint64_t id = 0;
  std::string name;
  std::string description;
  GroupKind kind = GroupKind::kStatic;
  Rule rule;  // meaningful for kRule only
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// What a caller gives to create or replace a group.
struct GroupSpec {
  std::string name;
  std::string description;
  GroupKind kind = GroupKind::kStatic;
  std::vector<uint64_t> members;  // kStatic only
  bool has_rule = false;          // kRule requires it; kStatic refuses it
  Rule rule;
};

struct MembersPage {
  uint64_t total = 0;
  std::vector<uint64_t> user_ids;  // ascending
};

}  // namespace osiedle::groups
