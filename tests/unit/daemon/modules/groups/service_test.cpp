#include "daemon/modules/groups/service.hpp"

#include "tests/unit/daemon/modules/groups/fixture.hpp"

namespace osiedle::groups::testing {
namespace {

using Op = Rule::Op;

TEST_F(GroupsTest, RoleLeafMatchesRoleHoldersButNotDeletedOrBlocked) {
  auto staff = Evaluate(Leaf(RuleField::kRole, roles::kStaff));
  EXPECT_EQ(staff, Oracle([](const identity::User& u) { return u.id % 25 == 0; }));
  EXPECT_FALSE(staff.empty());
  auto residents = Evaluate(Leaf(RuleField::kRole, roles::kResident));
  EXPECT_EQ(residents.size(), static_cast<size_t>(kUsers - 2 * (kUsers / 50)));
  EXPECT_EQ(std::count(residents.begin(), residents.end(), 1u), 0);  // deleted
  EXPECT_EQ(std::count(residents.begin(), residents.end(), 2u), 0);  // blocked
  EXPECT_EQ(std::count(residents.begin(), residents.end(), 3u), 1);  // pending still counts
}

TEST_F(GroupsTest, DepartmentLeaf) {
  EXPECT_EQ(Evaluate(Leaf(RuleField::kDepartment, dept_)),
            Oracle([](const identity::User& u) { return u.id % 30 == 0; }));
}

TEST_F(GroupsTest, EstateAndBuildingLeavesFollowVerifiedFlats) {
  auto building11 = Evaluate(Leaf(RuleField::kBuilding, 11));
  EXPECT_EQ(building11,
            Oracle([&](const identity::User& u) { return FlatOf(u.id) && FlatOf(u.id)->building_id == 11; }));
  EXPECT_FALSE(building11.empty());
  auto estate1 = Evaluate(Leaf(RuleField::kEstate, 1));
  EXPECT_EQ(estate1, Oracle([&](const identity::User& u) {
              return FlatOf(u.id) && (FlatOf(u.id)->building_id == 10 || FlatOf(u.id)->building_id == 11);
            }));
  EXPECT_TRUE(Evaluate(Leaf(RuleField::kEstate, 99)).empty());
}

TEST_F(GroupsTest, StaircaseLeafNeedsBuildingAndStaircase) {
  Rule r = Leaf(RuleField::kStaircase, 20);
  r.staircase = "a";  // case-insensitive
  auto got = Evaluate(r);
  EXPECT_EQ(got, Oracle([&](const identity::User& u) {
              return FlatOf(u.id) && FlatOf(u.id)->building_id == 20 && FlatOf(u.id)->staircase == "A";
            }));
  EXPECT_FALSE(got.empty());
}

TEST_F(GroupsTest, NeverLoggedInLeaf) {
  EXPECT_EQ(Evaluate(Leaf(RuleField::kNeverLoggedIn)), Oracle([](const identity::User& u) { return u.id % 7 == 0; }));
}

TEST_F(GroupsTest, InactiveDaysCountsNeverSeenAsInactive) {
  Rule r = Leaf(RuleField::kInactiveDays);
  r.days = 30;
  EXPECT_EQ(Evaluate(r), Oracle([](const identity::User& u) { return u.id % 5 == 0 || u.id % 5 == 1; }));
  r.days = 41;  // the 40-days-ago users are no longer old enough
  EXPECT_EQ(Evaluate(r), Oracle([](const identity::User& u) { return u.id % 5 == 1; }));
}

TEST_F(GroupsTest, InactiveDaysMovesWithTheClock) {
  Rule r = Leaf(RuleField::kInactiveDays);
  r.days = 2;
  auto before = Evaluate(r);
  clock_.Advance(2 * kDay);
  auto after = Evaluate(r);
  EXPECT_GT(after.size(), before.size());
  EXPECT_EQ(after, Oracle([](const identity::User&) { return true; }));
}

TEST_F(GroupsTest, PendingVerificationIsStatusOrPendingRegistration) {
  auto got = Evaluate(Leaf(RuleField::kPendingVerification));
  EXPECT_EQ(got, Oracle([](const identity::User& u) { return u.id % 50 == 3 || u.id % 40 == 4; }));
  EXPECT_EQ(std::count(got.begin(), got.end(), 44u), 1);  // active, but a second flat awaits verification
}

TEST_F(GroupsTest, AndOrCombinations) {
  Rule staff_or_dept = Node(Op::kOr, {Leaf(RuleField::kRole, roles::kStaff), Leaf(RuleField::kDepartment, dept_)});
  EXPECT_EQ(Evaluate(staff_or_dept), Oracle([](const identity::User& u) { return u.id % 25 == 0 || u.id % 30 == 0; }));

  Rule resident_in_10_never = Node(Op::kAnd, {Leaf(RuleField::kRole, roles::kResident), Leaf(RuleField::kBuilding, 10),
                                              Leaf(RuleField::kNeverLoggedIn)});
  EXPECT_EQ(Evaluate(resident_in_10_never), Oracle([&](const identity::User& u) {
              return FlatOf(u.id) && FlatOf(u.id)->building_id == 10 && u.id % 7 == 0;
            }));

  // OR with a non-indexed child falls back to a scan; nested AND inside.
  Rule mixed = Node(Op::kOr, {Node(Op::kAnd, {Leaf(RuleField::kEstate, 2), Leaf(RuleField::kRole, roles::kStaff)}),
                              Leaf(RuleField::kPendingVerification)});
  EXPECT_EQ(Evaluate(mixed), Oracle([&](const identity::User& u) {
              bool estate2 = FlatOf(u.id) && FlatOf(u.id)->building_id == 20;
              return (estate2 && u.id % 25 == 0) || u.id % 50 == 3 || u.id % 40 == 4;
            }));

  Rule disjoint = Node(Op::kAnd, {Leaf(RuleField::kBuilding, 10), Leaf(RuleField::kBuilding, 11)});
  EXPECT_TRUE(Evaluate(disjoint).empty());
}

TEST_F(GroupsTest, CountPreviewsWithoutSaving) {
  auto n = View([&](const storage::ReadTxn& t) { return svc_->Count(t, Leaf(RuleField::kRole, roles::kStaff)); });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, Oracle([](const identity::User& u) { return u.id % 25 == 0; }).size());
  EXPECT_TRUE(View([&](const storage::ReadTxn& t) { return svc_->List(t); }).empty());
  auto bad = View([&](const storage::ReadTxn& t) { return svc_->Count(t, Leaf(RuleField::kRole, 0)); });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "group_rule_invalid");
}

TEST_F(GroupsTest, IsMemberAgreesWithMembers) {
  std::vector<uint64_t> ids = {
      CreateRuleGroup("staff", Leaf(RuleField::kRole, roles::kStaff)),
      CreateRuleGroup("b20-or-pending",
                      Node(Op::kOr, {Leaf(RuleField::kBuilding, 20), Leaf(RuleField::kPendingVerification)})),
      CreateStatic("static", {5, 6, 7, 52, 53}).value().id,
  };
  identity_.users[53].status = UserStatus::kDeleted;  // deleted after being chosen
  View([&](const storage::ReadTxn& t) {
    for (uint64_t g : ids) {
      auto members = *svc_->AllMembers(t, g);
      for (uint64_t u = 0; u <= kUsers + 1; ++u) {
        bool listed = std::binary_search(members.begin(), members.end(), u);
        EXPECT_EQ(*svc_->IsMember(t, g, u), listed) << "group " << g << " user " << u;
      }
    }
  });
}

TEST_F(GroupsTest, GroupsOfListsStaticAndRuleGroups) {
  uint64_t staff = CreateRuleGroup("staff", Leaf(RuleField::kRole, roles::kStaff));
  uint64_t b10 = CreateRuleGroup("b10", Leaf(RuleField::kBuilding, 10));
  auto chosen = CreateStatic("chosen", {25, 27});
  ASSERT_TRUE(chosen.ok());
  // User 25: staff, building 25 % 3 = 1 → 11, chosen.
  View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(svc_->GroupsOf(t, 25), (std::vector<uint64_t>{staff, chosen->id}));
    EXPECT_EQ(svc_->GroupsOf(t, 27), (std::vector<uint64_t>{b10, chosen->id}));  // 27 % 3 = 0 → building 10
    EXPECT_TRUE(svc_->GroupsOf(t, 9999).empty());
  });
}

// GroupsOf memoises under (snapshot id, second): any commit or the next second computes afresh, so the
// memo never answers what a fresh evaluation would not.
TEST_F(GroupsTest, GroupsOfMemoFollowsEveryCommitAndTheClock) {
  Service memo(*env_, *directory_, clock_, Service::Memo::kBySnapshot);
  auto groups_of = [&](uint64_t user) {
    return View([&](const storage::ReadTxn& t) { return memo.GroupsOf(t, user); });
  };
  uint64_t staff = CreateRuleGroup("staff", Leaf(RuleField::kRole, roles::kStaff));
  Rule idle = Leaf(RuleField::kInactiveDays);
  idle.days = 2;
  uint64_t inactive = CreateRuleGroup("idle", idle);
  // User 22: active, seen a day ago, resident only, a flat in building 11 (estate 1).
  EXPECT_TRUE(groups_of(22).empty());
  EXPECT_TRUE(groups_of(22).empty());  // memoised

  // A commit (roles live in the store) is seen at once.
  ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) {
                     return roles_->SetUserRoles(t, 22, {roles::kResident, roles::kStaff});
                   }).ok());
  EXPECT_EQ(groups_of(22), std::vector<uint64_t>{staff});
  // So is a new rule group, and a deleted one.
  uint64_t b = CreateRuleGroup("b", Leaf(RuleField::kBuilding, 20));  // not 22's building
  uint64_t estate1 = CreateRuleGroup("e1", Leaf(RuleField::kEstate, 1));
  EXPECT_EQ(groups_of(22), (std::vector<uint64_t>{staff, estate1}));
  ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) { return svc_->Delete(t, estate1); }).ok());
  EXPECT_EQ(groups_of(22), std::vector<uint64_t>{staff});
  // Time alone moves "inactive 2 days" membership: the next second is a new key.
  clock_.Advance(2 * kDay);
  EXPECT_EQ(groups_of(22), (std::vector<uint64_t>{staff, inactive}));
  // Inside a write transaction there is no snapshot: always evaluated afresh.
  ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) -> Status {
                     EXPECT_TRUE(roles_->SetUserRoles(t, 22, {roles::kResident}).ok());
                     EXPECT_EQ(memo.GroupsOf(t, 22), std::vector<uint64_t>{inactive});
                     return {};
                   }).ok());
  EXPECT_EQ(groups_of(22), std::vector<uint64_t>{inactive});
  (void)b;
}

TEST_F(GroupsTest, StaticGroupKeepsBlockedButNeverDeletedMembers) {
  auto g = CreateStatic("wybrani", {4, 5, 6, 5});
  ASSERT_TRUE(g.ok());
  identity_.users[5].status = UserStatus::kBlocked;
  identity_.users[6].status = UserStatus::kDeleted;
  View([&](const storage::ReadTxn& t) { EXPECT_EQ(*svc_->AllMembers(t, g->id), (std::vector<uint64_t>{4, 5})); });
  View([&](const storage::ReadTxn& t) { EXPECT_TRUE(svc_->GroupsOf(t, 6).empty()); });
}

TEST_F(GroupsTest, StaticGroupRefusesUnknownOrDeletedUsers) {
  auto unknown = CreateStatic("a", {4, 9999});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "user_not_found");
  EXPECT_EQ(unknown.error().detail, "9999");
  auto deleted = CreateStatic("b", {1});  // user 1 is deleted
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.error().code, "user_not_found");
}

TEST_F(GroupsTest, DeletedUsersAreNeverMembers) {
  identity_.users[25].status = UserStatus::kDeleted;
  identity_.pending_registrations.insert(25);
  for (const Rule& r : {Leaf(RuleField::kRole, roles::kStaff), Leaf(RuleField::kPendingVerification),
                        Leaf(RuleField::kNeverLoggedIn)}) {
    auto members = Evaluate(r);
    EXPECT_EQ(std::count(members.begin(), members.end(), 25u), 0);
  }
}

TEST_F(GroupsTest, MembersPagination) {
  uint64_t g = CreateRuleGroup("residents", Leaf(RuleField::kRole, roles::kResident));
  View([&](const storage::ReadTxn& t) {
    auto all = *svc_->AllMembers(t, g);
    std::vector<uint64_t> joined;
    for (uint64_t off = 0; off < all.size() + 50; off += 50) {
      auto page = svc_->Members(t, g, off, 50);
      ASSERT_TRUE(page.ok());
      EXPECT_EQ(page->total, all.size());
      EXPECT_LE(page->user_ids.size(), 50u);
      joined.insert(joined.end(), page->user_ids.begin(), page->user_ids.end());
    }
    EXPECT_EQ(joined, all);
    EXPECT_TRUE(svc_->Members(t, g, all.size(), 10)->user_ids.empty());
    EXPECT_EQ(svc_->Members(t, g, 0, 100000)->user_ids.size(),
              Service::kMaxPage > all.size() ? all.size() : Service::kMaxPage);
    EXPECT_EQ(svc_->Members(t, 777, 0, 10).error().code, "group_not_found");
  });
}

TEST_F(GroupsTest, NamesAreUniqueIgnoringCaseAndDiacritics) {
  ASSERT_TRUE(CreateStatic("Zarząd", {4}).ok());
  auto dup = CreateStatic(" ZARZAD ", {});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "group_name_taken");
  EXPECT_EQ(CreateStatic("  ", {}).error().code, "field_required");
}

TEST_F(GroupsTest, UpdateRenamesAndChangesKind) {
  auto g = CreateStatic("Rada", {4, 5});
  ASSERT_TRUE(g.ok());
  GroupSpec spec{"Rada nadzorcza", "opis", GroupKind::kRule, {}, true, Leaf(RuleField::kDepartment, dept_)};
  auto u = env_->Update([&](storage::WriteTxn& t) { return svc_->Update(t, g->id, spec); });
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->created_at, g->created_at);
  ASSERT_TRUE(CreateStatic("Rada", {}).ok());  // the old name is free again
  View([&](const storage::ReadTxn& t) {
    auto got = svc_->Get(t, g->id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->kind, GroupKind::kRule);
    EXPECT_EQ(got->rule, spec.rule);
    EXPECT_EQ(*svc_->AllMembers(t, g->id), Oracle([](const identity::User& x) { return x.id % 30 == 0; }));
    EXPECT_TRUE(svc_->GroupsOf(t, 4).empty());  // static membership is gone
  });
}

TEST_F(GroupsTest, DeleteRemovesGroupAndMemberships) {
  auto g = CreateStatic("Tymczasowa", {4});
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) { return svc_->Delete(t, g->id); }).ok());
  View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(svc_->Get(t, g->id).error().code, "group_not_found");
    EXPECT_TRUE(svc_->GroupsOf(t, 4).empty());
  });
  EXPECT_EQ(env_->Update([&](storage::WriteTxn& t) { return svc_->Delete(t, g->id); }).error().code, "group_not_found");
  EXPECT_TRUE(CreateStatic("Tymczasowa", {}).ok());
}

TEST_F(GroupsTest, KindAndRuleMustAgree) {
  GroupSpec rule_without_rule{"x", "", GroupKind::kRule, {}, false, {}};
  auto a = env_->Update([&](storage::WriteTxn& t) { return svc_->Create(t, rule_without_rule); });
  EXPECT_EQ(a.error().code, "group_rule_invalid");
  GroupSpec rule_with_members{"y", "", GroupKind::kRule, {4}, true, Leaf(RuleField::kNeverLoggedIn)};
  auto b = env_->Update([&](storage::WriteTxn& t) { return svc_->Create(t, rule_with_members); });
  EXPECT_EQ(b.error().code, "field_invalid");
  EXPECT_EQ(b.error().field, "members");
  GroupSpec static_with_rule{"z", "", GroupKind::kStatic, {}, true, Leaf(RuleField::kNeverLoggedIn)};
  auto c = env_->Update([&](storage::WriteTxn& t) { return svc_->Create(t, static_with_rule); });
  EXPECT_EQ(c.error().code, "field_invalid");
  EXPECT_EQ(c.error().field, "rule");
}

TEST(GroupsValidateRule, RefusesBadTrees) {
  auto code = [](const Rule& r) {
    auto st = Service::ValidateRule(r);
    return st.ok() ? std::string("ok") : st.error().code;
  };
  Rule ok = Leaf(RuleField::kNeverLoggedIn);
  EXPECT_EQ(code(ok), "ok");
  Rule deep = ok;
  for (int i = 0; i < 4; ++i) deep = Node(Op::kAnd, {deep});
  EXPECT_EQ(code(deep), "ok");  // depth 5
  EXPECT_EQ(code(Node(Op::kOr, {deep})), "group_rule_invalid");
  EXPECT_EQ(code(Node(Op::kAnd, {})), "group_rule_invalid");
  EXPECT_EQ(code(Node(Op::kAnd, std::vector<Rule>(50, ok))), "ok");
  EXPECT_EQ(code(Node(Op::kAnd, std::vector<Rule>(51, ok))), "group_rule_invalid");
  EXPECT_EQ(code(Leaf(RuleField::kBuilding, 0)), "group_rule_invalid");
  Rule days = Leaf(RuleField::kInactiveDays);
  EXPECT_EQ(code(days), "group_rule_invalid");
  days.days = 1;
  EXPECT_EQ(code(days), "ok");
  Rule stair = Leaf(RuleField::kStaircase, 10);
  EXPECT_EQ(code(stair), "group_rule_invalid");
  stair.staircase = std::string("A\0", 2);
  EXPECT_EQ(code(stair), "group_rule_invalid");
  stair.staircase = std::string(17, 'A');
  EXPECT_EQ(code(stair), "group_rule_invalid");
}

}  // namespace
}  // namespace osiedle::groups::testing
