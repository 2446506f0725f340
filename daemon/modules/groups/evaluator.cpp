#include "daemon/modules/groups/evaluator.hpp"

#include <algorithm>
#include <iterator>

namespace osiedle::groups {
namespace {

bool SameStaircase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

bool IsIndexed(const Rule& r) {
  return r.op == Rule::Op::kLeaf && (r.field == RuleField::kRole || r.field == RuleField::kDepartment);
}

}  // namespace

bool Evaluator::Eligible(const identity::User& u) {
  return u.status != identity::UserStatus::kDeleted && u.status != identity::UserStatus::kBlocked;
}

std::vector<uint64_t> Evaluator::Members(const Rule& rule) {
  bulk_ = true;
  std::vector<uint64_t> out;
  auto consider = [&](const identity::User& u) {
    Subject s(u);
    if (Matches(rule, s)) out.push_back(u.id);
  };
  if (auto candidates = Candidates(rule)) {
    for (uint64_t id : *candidates) {
      if (auto u = dir_.GetUser(txn_, id)) consider(*u);
    }
  } else {
    dir_.ForEachUser(txn_, [&](const identity::User& u) {
      consider(u);
      return true;
    });
    std::sort(out.begin(), out.end());
  }
  bulk_ = false;
  return out;
}

bool Evaluator::Matches(const Rule& rule, Subject& s) { return Eligible(s.user) && Test(rule, s); }

// A sorted superset of the rule's matches taken from indexes, or nullopt for "everyone".
std::optional<std::vector<uint64_t>> Evaluator::Candidates(const Rule& rule) {
  if (rule.op == Rule::Op::kLeaf) {
    if (!IsIndexed(rule)) return std::nullopt;
    return IndexSet(rule);
  }
  std::optional<std::vector<uint64_t>> acc;
  for (const Rule& child : rule.rules) {
    auto c = Candidates(child);
    if (!c) {
      if (rule.op == Rule::Op::kOr) return std::nullopt;
      continue;
    }
    if (!acc) {
      acc = std::move(c);
      continue;
    }
    std::vector<uint64_t> merged;
    if (rule.op == Rule::Op::kAnd) {
      std::set_intersection(acc->begin(), acc->end(), c->begin(), c->end(), std::back_inserter(merged));
    } else {
      std::set_union(acc->begin(), acc->end(), c->begin(), c->end(), std::back_inserter(merged));
    }
    acc = std::move(merged);
  }
  return acc;
}

const std::vector<uint64_t>& Evaluator::IndexSet(const Rule& leaf) {
  auto it = index_sets_.find(&leaf);
  if (it != index_sets_.end()) return it->second;
  std::vector<uint64_t> ids =
      leaf.field == RuleField::kRole ? dir_.UsersWithRole(txn_, leaf.id) : dir_.UsersInDepartment(txn_, leaf.id);
  std::sort(ids.begin(), ids.end());
  return index_sets_.emplace(&leaf, std::move(ids)).first->second;
}

bool Evaluator::Test(const Rule& rule, Subject& s) {
  switch (rule.op) {
    case Rule::Op::kAnd:
      return std::all_of(rule.rules.begin(), rule.rules.end(), [&](const Rule& r) { return Test(r, s); });
    case Rule::Op::kOr:
      return std::any_of(rule.rules.begin(), rule.rules.end(), [&](const Rule& r) { return Test(r, s); });
    case Rule::Op::kLeaf:
      return TestLeaf(rule, s);
  }
  return false;
}

bool Evaluator::InIndex(const Rule& leaf, Subject& s) {
  if (bulk_) {
    const auto& set = IndexSet(leaf);
    return std::binary_search(set.begin(), set.end(), s.user.id);
  }
  auto& mine = leaf.field == RuleField::kRole ? s.roles : s.departments;
  if (!mine) {
    mine = leaf.field == RuleField::kRole ? dir_.RolesOf(txn_, s.user.id) : dir_.DepartmentsOf(txn_, s.user.id);
  }
  return std::find(mine->begin(), mine->end(), leaf.id) != mine->end();
}

bool Evaluator::TestLeaf(const Rule& leaf, Subject& s) {
  const identity::User& u = s.user;
  auto flats = [&]() -> const std::vector<identity::Flat>& {
    if (!s.flats) s.flats = dir_.VerifiedFlatsOf(txn_, u.id);
    return *s.flats;
  };
  auto any_flat = [&](auto pred) { return std::any_of(flats().begin(), flats().end(), pred); };
  switch (leaf.field) {
    case RuleField::kRole:
    case RuleField::kDepartment:
      return InIndex(leaf, s);
    case RuleField::kEstate:
      return any_flat([&](const identity::Flat& f) { return EstateOf(f.building_id) == leaf.id; });
    case RuleField::kBuilding:
      return any_flat([&](const identity::Flat& f) { return f.building_id == leaf.id; });
    case RuleField::kStaircase:
      return any_flat([&](const identity::Flat& f) {
        return f.building_id == leaf.id && SameStaircase(f.staircase, leaf.staircase);
      });
    case RuleField::kNeverLoggedIn:
      return u.last_login_at == 0;
    case RuleField::kInactiveDays:
      return u.last_seen_at == 0 || u.last_seen_at < now_ - leaf.days * 86400;
    case RuleField::kPendingVerification:
      if (!s.pending) {
        s.pending = u.status == identity::UserStatus::kPending || dir_.HasPendingRegistration(txn_, u.id);
      }
      return *s.pending;
  }
  return false;
}

uint64_t Evaluator::EstateOf(uint64_t building_id) {
  auto it = estate_of_building_.find(building_id);
  if (it != estate_of_building_.end()) return it->second;
  auto b = dir_.GetBuilding(txn_, building_id);
  uint64_t estate = b ? b->estate_id : 0;
  estate_of_building_.emplace(building_id, estate);
  return estate;
}

}  // namespace osiedle::groups
