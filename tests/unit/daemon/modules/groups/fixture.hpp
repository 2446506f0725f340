#pragma once
// A temp LMDB store with the real roles service and an in-memory identity of 300 users, wired
// through the production IdentityDirectory adapter. Oracle() recomputes membership by brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "daemon/core/clock.hpp"
#include "daemon/modules/groups/identity_directory.hpp"
#include "daemon/modules/groups/service.hpp"
#include "daemon/modules/roles/service.hpp"
#include "tests/unit/daemon/modules/roles/test_support.hpp"

namespace osiedle::groups::testing {

using identity::UserStatus;

// Stands in for identity::Service with the five functions groups uses.
struct FakeIdentity {
  std::map<uint64_t, identity::User> users;
  std::map<uint64_t, std::vector<identity::Flat>> flats;
  std::map<uint64_t, identity::Building> buildings;
  std::set<uint64_t> pending_registrations;

  void ForEachUser(const storage::ReadTxn&, const std::function<bool(const identity::User&)>& fn) const {
    for (const auto& [id, u] : users) {
      if (!fn(u)) return;
    }
  }
  std::optional<identity::User> GetUser(const storage::ReadTxn&, uint64_t id) const {
    auto it = users.find(id);
    return it == users.end() ? std::nullopt : std::optional<identity::User>(it->second);
  }
  std::vector<identity::Flat> VerifiedFlatsOf(const storage::ReadTxn&, uint64_t user_id) const {
    auto it = flats.find(user_id);
    return it == flats.end() ? std::vector<identity::Flat>{} : it->second;
  }
  std::optional<identity::Building> GetBuilding(const storage::ReadTxn&, uint64_t id) const {
    auto it = buildings.find(id);
    return it == buildings.end() ? std::nullopt : std::optional<identity::Building>(it->second);
  }
  bool HasPendingRegistration(const storage::ReadTxn&, uint64_t user_id) const {
    return pending_registrations.count(user_id) > 0;
  }
};

inline Rule Leaf(RuleField f, uint64_t id = 0) {
  Rule r;
  r.field = f;
  r.id = id;
  return r;
}

inline Rule Node(Rule::Op op, std::vector<Rule> children) {
  Rule r;
  r.op = op;
  r.rules = std::move(children);
  return r;
}

inline constexpr int kUsers = 300;
inline constexpr int64_t kDay = 86400;

class GroupsTest : public ::testing::Test {
 protected:
  void SetUp() override { Populate(); }

  // Users 1..300: status, flats, logins, roles and departments follow the id (see comments).
  void Populate() {
    const int64_t now = clock_.NowUnix();
    identity_.buildings[10] = {10, 1, "Lazurowa 10"};
    identity_.buildings[11] = {11, 1, "Lazurowa 11"};
    identity_.buildings[20] = {20, 2, "Wrzosowa 20"};
    const uint64_t building_of[] = {10, 11, 20};
    ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) -> Status {
                      roles_->SeedBuiltins(t);
                      auto d = roles_->CreateDepartment(t, roles::Department{0, "Techniczny", ""});
                      if (!d.ok()) return d.error();
                      dept_ = d->id;
                      for (uint64_t i = 1; i <= kUsers; ++i) {
                        identity::User u;
                        u.id = i;
                        u.email = "u" + std::to_string(i) + "@example.pl";
                        u.status = i % 50 == 1   ? UserStatus::kDeleted
                                   : i % 50 == 2 ? UserStatus::kBlocked
                                   : i % 50 == 3 ? UserStatus::kPending
                                                 : UserStatus::kActive;
                        u.last_login_at = i % 7 == 0 ? 0 : now - 3 * kDay;
                        u.last_seen_at = i % 5 == 0 ? now - 40 * kDay : i % 5 == 1 ? 0 : now - kDay;
                        identity_.users[i] = u;
                        if (i % 10 != 0) {  // every tenth user has no verified flat
                          identity::Flat f;
                          f.id = 1000 + i;
                          f.building_id = building_of[i % 3];
                          f.staircase = i % 2 == 0 ? "A" : "B";
                          f.number = std::to_string(i);
                          identity_.flats[i].push_back(f);
                        }
                        if (i % 40 == 4) identity_.pending_registrations.insert(i);
                        std::vector<uint64_t> r = {roles::kResident};
                        if (i % 25 == 0) r.push_back(roles::kStaff);
                        OSIEDLE_RETURN_IF_ERROR(roles_->SetUserRoles(t, i, r));
                        if (i % 30 == 0) OSIEDLE_RETURN_IF_ERROR(roles_->SetUserDepartments(t, i, {dept_}));
                      }
                      return {};
                    })
                    .ok());
  }

  static bool Eligible(const identity::User& u) {
    return u.status != UserStatus::kDeleted && u.status != UserStatus::kBlocked;
  }
  // Eligible users satisfying pred, ascending.
  std::vector<uint64_t> Oracle(const std::function<bool(const identity::User&)>& pred) const {
    std::vector<uint64_t> out;
    for (const auto& [id, u] : identity_.users) {
      if (Eligible(u) && pred(u)) out.push_back(id);
    }
    return out;
  }
  const identity::Flat* FlatOf(uint64_t id) const {
    auto it = identity_.flats.find(id);
    return it == identity_.flats.end() ? nullptr : &it->second[0];
  }

  std::vector<uint64_t> Evaluate(const Rule& rule) {
    auto id = CreateRuleGroup("tmp-" + std::to_string(counter_++), rule);
    return env_->View([&](const storage::ReadTxn& t) { return *svc_->AllMembers(t, id); });
  }
  uint64_t CreateRuleGroup(const std::string& name, const Rule& rule) {
    GroupSpec spec{name, "", GroupKind::kRule, {}, true, rule};
    auto g = env_->Update([&](storage::WriteTxn& t) { return svc_->Create(t, spec); });
    EXPECT_TRUE(g.ok()) << (g.ok() ? "" : g.error().code + " " + g.error().detail);
    return g.ok() ? g->id : 0;
  }
  Result<Group> CreateStatic(const std::string& name, std::vector<uint64_t> members) {
    GroupSpec spec{name, "", GroupKind::kStatic, std::move(members), false, {}};
    return env_->Update([&](storage::WriteTxn& t) { return svc_->Create(t, spec); });
  }
  template <typename F>
  auto View(F&& f) {
    return env_->View(std::forward<F>(f));
  }

  osiedle::testing::TempEnv store_;
  storage::Env* env_ = &store_.env();
  FakeClock clock_;
  FakeIdentity identity_;
  std::unique_ptr<roles::Service> roles_ = std::make_unique<roles::Service>(*env_);
  std::unique_ptr<Directory> directory_ = std::make_unique<IdentityDirectory<FakeIdentity>>(identity_, *roles_);
  // FakeIdentity lives outside the store, so a snapshot id does not name its state: no memo.
  std::unique_ptr<Service> svc_ = std::make_unique<Service>(*env_, *directory_, clock_, Service::Memo::kOff);
  uint64_t dept_ = 0;
  int counter_ = 0;
};

}  // namespace osiedle::groups::testing
