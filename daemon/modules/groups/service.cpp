#include "daemon/modules/groups/service.hpp"

#include <algorithm>

#include "daemon/core/utf8.hpp"
#include "daemon/modules/groups/evaluator.hpp"

namespace osiedle::groups {
namespace {

Error RuleError(std::string detail) { return MakeError("group_rule_invalid", "rule", std::move(detail)); }

Status CheckNode(const Rule& r, int depth, int& leaves) {
  if (depth > kMaxRuleDepth) return RuleError("nested deeper than " + std::to_string(kMaxRuleDepth) + " levels");
  if (r.op != Rule::Op::kLeaf) {
    if (r.rules.empty()) return RuleError("\"and\"/\"or\" needs at least one rule");
    for (const Rule& c : r.rules) OSIEDLE_RETURN_IF_ERROR(CheckNode(c, depth + 1, leaves));
    return {};
  }
  if (++leaves > kMaxRuleLeaves) return RuleError("more than " + std::to_string(kMaxRuleLeaves) + " conditions");
  switch (r.field) {
    case RuleField::kRole:
    case RuleField::kEstate:
    case RuleField::kBuilding:
    case RuleField::kDepartment:
      if (r.id == 0) return RuleError("value must be a positive id");
      return {};
    case RuleField::kStaircase:
      if (r.id == 0) return RuleError("staircase building must be a positive id");
      if (r.staircase.empty() || r.staircase.size() > kMaxStaircaseLen || !utf8::IsValid(r.staircase) ||
          utf8::HasControl(r.staircase)) {
        return RuleError("staircase must be 1-16 characters");
      }
      return {};
    case RuleField::kInactiveDays:
      if (r.days < 1 || r.days > kMaxInactiveDays) return RuleError("inactive_days must be 1-36500");
      return {};
    case RuleField::kNeverLoggedIn:
    case RuleField::kPendingVerification:
      return {};
  }
  return RuleError("unknown field");
}

}  // namespace

Service::Service(storage::Env& env, const Directory& dir, const Clock& clock, Memo memo)
    : env_(env), dir_(dir), clock_(clock), store_(env), memo_on_(memo == Memo::kBySnapshot) {}

Status Service::ValidateRule(const Rule& rule) {
  int leaves = 0;
  return CheckNode(rule, 1, leaves);
}

std::vector<Group> Service::List(const storage::ReadTxn& txn) const { return store_.List(txn); }

Result<Group> Service::Get(const storage::ReadTxn& txn, uint64_t id) const {
  auto g = store_.Get(txn, id);
  if (!g) return MakeError("group_not_found");
  return *g;
}

Status Service::CheckSpec(const storage::ReadTxn& txn, GroupSpec& spec, uint64_t self_id, std::string* folded) const {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(spec.name, "name", kMaxNameLen, true));
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(spec.description, "description", kMaxDescriptionLen, false));
  *folded = utf8::Fold(spec.name);
  uint64_t owner = store_.IdByName(txn, *folded);
  if (owner != 0 && owner != self_id) return MakeError("group_name_taken", "name");
  if (spec.kind == GroupKind::kRule) {
    if (!spec.members.empty()) return MakeError("field_invalid", "members", "a rule group has no chosen members");
    if (!spec.has_rule) return RuleError("a rule group needs a rule");
    return ValidateRule(spec.rule);
  }
  if (spec.has_rule) return MakeError("field_invalid", "rule", "a static group has no rule");
  std::sort(spec.members.begin(), spec.members.end());
  spec.members.erase(std::unique(spec.members.begin(), spec.members.end()), spec.members.end());
  if (spec.members.size() > kMaxStaticMembers) return MakeError("field_too_long", "members");
  for (uint64_t id : spec.members) {
    auto u = dir_.GetUser(txn, id);
    if (!u || u->status == identity::UserStatus::kDeleted) {
      return MakeError("user_not_found", "members", std::to_string(id));
    }
  }
  return {};
}

Result<Group> Service::Save(storage::WriteTxn& txn, Group g, const GroupSpec& spec, const std::string& old_folded) {
  GroupSpec s = spec;
  std::string folded;
  OSIEDLE_RETURN_IF_ERROR(CheckSpec(txn, s, g.id, &folded));
  g.name = s.name;
  g.description = s.description;
  g.kind = s.kind;
  g.rule = s.kind == GroupKind::kRule ? s.rule : Rule{};
  g.updated_at = clock_.NowUnix();
  if (g.id == 0) {
    g.id = store_.NextId(txn);
    g.created_at = g.updated_at;
  }
  store_.Put(txn, g, folded, old_folded);
  store_.SetMembers(txn, g.id, s.kind == GroupKind::kStatic ? s.members : std::vector<uint64_t>{});
  return g;
}

Result<Group> Service::Create(storage::WriteTxn& txn, const GroupSpec& spec) { return Save(txn, Group{}, spec, {}); }

Result<Group> Service::Update(storage::WriteTxn& txn, uint64_t id, const GroupSpec& spec) {
  auto current = store_.Get(txn, id);
  if (!current) return MakeError("group_not_found");
  std::string old_folded = utf8::Fold(current->name);
  return Save(txn, *current, spec, old_folded);
}

Status Service::Delete(storage::WriteTxn& txn, uint64_t id) {
  auto current = store_.Get(txn, id);
  if (!current) return MakeError("group_not_found");
  store_.Delete(txn, id, utf8::Fold(current->name));
  return {};
}

Result<std::vector<uint64_t>> Service::AllMembers(const storage::ReadTxn& txn, uint64_t group_id) const {
  auto g = store_.Get(txn, group_id);
  if (!g) return MakeError("group_not_found");
  if (g->kind == GroupKind::kRule) return Evaluator(txn, dir_, clock_.NowUnix()).Members(g->rule);
  std::vector<uint64_t> out;
  for (uint64_t id : store_.Members(txn, group_id)) {
    auto u = dir_.GetUser(txn, id);
    if (u && u->status != identity::UserStatus::kDeleted) out.push_back(id);
  }
  return out;
}

Result<MembersPage> Service::Members(const storage::ReadTxn& txn, uint64_t group_id, uint64_t offset,
                                     uint64_t limit) const {
  auto all = AllMembers(txn, group_id);
  if (!all.ok()) return all.error();
  MembersPage page;
  page.total = all->size();
  limit = std::min(limit, kMaxPage);
  if (offset < all->size()) {
    auto first = all->begin() + static_cast<std::ptrdiff_t>(offset);
    auto last = first + static_cast<std::ptrdiff_t>(std::min<uint64_t>(limit, all->size() - offset));
    page.user_ids.assign(first, last);
  }
  return page;
}

Result<bool> Service::IsMember(const storage::ReadTxn& txn, uint64_t group_id, uint64_t user_id) const {
  auto g = store_.Get(txn, group_id);
  if (!g) return MakeError("group_not_found");
  auto u = dir_.GetUser(txn, user_id);
  if (!u || u->status == identity::UserStatus::kDeleted) return false;
  if (g->kind == GroupKind::kStatic) return store_.HasMember(txn, group_id, user_id);
  Subject s(*u);
  return Evaluator(txn, dir_, clock_.NowUnix()).Matches(g->rule, s);
}

std::shared_ptr<const std::vector<Group>> Service::RuleGroups(const storage::ReadTxn& txn) const {
  auto decode = [&] {
    std::vector<Group> rules;
    for (Group& g : store_.List(txn)) {
      if (g.kind == GroupKind::kRule) rules.push_back(std::move(g));
    }
    return rules;
  };
  return memo_on_ ? rule_groups_.Get(txn, decode) : std::make_shared<const std::vector<Group>>(decode());
}

std::vector<uint64_t> Service::GroupsOf(const storage::ReadTxn& txn, uint64_t user_id) const {
  const int64_t now = clock_.NowUnix();
  if (!memo_on_) return ComputeGroupsOf(txn, user_id, now);
  return *groups_of_.Get(txn, now, user_id, [&] { return ComputeGroupsOf(txn, user_id, now); });
}

std::vector<uint64_t> Service::ComputeGroupsOf(const storage::ReadTxn& txn, uint64_t user_id, int64_t now) const {
  std::vector<uint64_t> out;
  auto u = dir_.GetUser(txn, user_id);
  if (u && u->status != identity::UserStatus::kDeleted) {
    out = store_.StaticGroupsOf(txn, user_id);
    if (Evaluator::Eligible(*u)) {
      Evaluator ev(txn, dir_, now);
      Subject s(*u);  // shared: flats, roles and registrations load once for all groups
      const auto rule_groups = RuleGroups(txn);  // held: a range-for over *temporary would dangle
      for (const Group& g : *rule_groups) {
        if (ev.Matches(g.rule, s)) out.push_back(g.id);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  return out;
}

Result<uint64_t> Service::Count(const storage::ReadTxn& txn, const Rule& rule) const {
  OSIEDLE_RETURN_IF_ERROR(ValidateRule(rule));
  return static_cast<uint64_t>(Evaluator(txn, dir_, clock_.NowUnix()).Members(rule).size());
}

}  // namespace osiedle::groups
