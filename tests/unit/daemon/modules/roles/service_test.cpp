#include "daemon/modules/roles/service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "tests/unit/daemon/modules/roles/test_support.hpp"

namespace osiedle::roles {
namespace {

// A fresh LMDB store with the roles tables and built-ins.
class RolesTest : public ::testing::Test {
 protected:
  void SetUp() override { Seed(); }
  void Seed() {
    auto st = env_->Update([&](storage::WriteTxn& t) -> Status {
      svc_->SeedBuiltins(t);
      return {};
    });
    ASSERT_TRUE(st.ok());
  }
  Result<Role> Create(const std::string& name, std::vector<std::string> perms) {
    return env_->Update([&](storage::WriteTxn& t) { return svc_->CreateRole(t, Role{0, name, "d", perms, false}); });
  }
  Result<Role> Update(const Role& r) {
    return env_->Update([&](storage::WriteTxn& t) { return svc_->UpdateRole(t, r); });
  }
  Status SetRoles(uint64_t user, std::vector<uint64_t> ids) {
    return env_->Update([&](storage::WriteTxn& t) { return svc_->SetUserRoles(t, user, ids); });
  }
  Result<Department> CreateDept(const std::string& name, const std::string& email = "") {
    return env_->Update([&](storage::WriteTxn& t) { return svc_->CreateDepartment(t, Department{0, name, email}); });
  }
  template <typename F>
  auto View(F&& f) {
    return env_->View(std::forward<F>(f));
  }

  osiedle::testing::TempEnv store_;
  storage::Env* env_ = &store_.env();
  std::unique_ptr<Service> svc_ = std::make_unique<Service>(*env_);
};

TEST(RolesRegistry, ContainsFoundationPermissionsWithModules) {
  for (const char* p :
       {"users:read", "users:verify", "users:manage", "roles:manage", "groups:read", "groups:manage", "flats:read",
        "flats:import", "audit:read", "outbox:read", "settings:manage", "news:publish", "documents:manage"}) {
    EXPECT_TRUE(IsKnownPermission(p)) << p;
  }
  EXPECT_FALSE(IsKnownPermission("users:fly"));
  EXPECT_FALSE(IsKnownPermission(""));
  for (const auto& p : Registry()) {
    EXPECT_EQ(p.name.substr(0, p.name.find(':')), p.module);
    EXPECT_FALSE(p.description_pl.empty());
    EXPECT_FALSE(p.description_en.empty());
  }
}

TEST(RolesRegistry, StaffPermissionsAreKnownAndExcludeAdminOnes) {
  for (const auto& p : StaffPermissions()) EXPECT_TRUE(IsKnownPermission(p)) << p;
  const auto& s = StaffPermissions();
  EXPECT_EQ(std::count(s.begin(), s.end(), "roles:manage"), 0);
  EXPECT_EQ(std::count(s.begin(), s.end(), "settings:manage"), 0);
  EXPECT_EQ(std::count(s.begin(), s.end(), "users:verify"), 1);
}

TEST_F(RolesTest, SeedsBuiltinsIdempotentlyWithoutOverwritingEdits) {
  auto staff = svc_->GetRole(kStaff);
  ASSERT_TRUE(staff.ok());
  staff->permissions = {"users:read"};
  ASSERT_TRUE(Update(*staff).ok());
  Seed();
  Seed();
  auto roles = svc_->ListRoles();
  ASSERT_EQ(roles.size(), 3u);
  EXPECT_EQ(roles[0].id, kAdministrator);
  EXPECT_EQ(roles[0].name, "Administrator");
  EXPECT_EQ(roles[1].name, "Pracownik");
  EXPECT_EQ(roles[2].name, "Mieszkaniec");
  EXPECT_TRUE(roles[2].builtin);
  EXPECT_TRUE(roles[2].permissions.empty());
  EXPECT_EQ(roles[1].permissions, std::vector<std::string>{"users:read"});
}

TEST_F(RolesTest, AdministratorHasEveryPermission) {
  auto admin = svc_->GetRole(kAdministrator);
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(admin->permissions.size(), Registry().size());
  ASSERT_TRUE(SetRoles(7, {kAdministrator}).ok());
  auto perms = View([&](const storage::ReadTxn& t) { return svc_->PermissionsOf(t, 7); });
  for (const auto& p : Registry()) EXPECT_EQ(perms.count(p.name), 1u) << p.name;
}

TEST_F(RolesTest, AdministratorCannotBeChanged) {
  auto admin = svc_->GetRole(kAdministrator);
  ASSERT_TRUE(admin.ok());
  admin->permissions = {"users:read"};
  auto r = Update(*admin);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "role_builtin");
}

TEST_F(RolesTest, BuiltinKeepsItsName) {
  auto r = Update(Role{kStaff, "Kierownik", "", {"users:read"}, false});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "role_builtin");
  EXPECT_EQ(r.error().field, "name");
}

TEST_F(RolesTest, CreatesCustomRolesFromId100) {
  auto a = Create("Księgowość", {"flats:read", "audit:read", "flats:read"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->id, 100u);
  EXPECT_FALSE(a->builtin);
  EXPECT_EQ(a->permissions, (std::vector<std::string>{"audit:read", "flats:read"}));
  auto b = Create("Zarząd", {});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->id, 101u);
  auto got = svc_->GetRole(100);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Księgowość");
  EXPECT_EQ(svc_->ListRoles().size(), 5u);
}

TEST_F(RolesTest, UpdatesCustomRole) {
  auto a = Create("Księgowość", {"flats:read"});
  ASSERT_TRUE(a.ok());
  auto u = Update(Role{a->id, "Księgowa", "nowy opis", {"audit:read"}, true});
  ASSERT_TRUE(u.ok());
  auto got = svc_->GetRole(a->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Księgowa");
  EXPECT_EQ(got->description, "nowy opis");
  EXPECT_EQ(got->permissions, std::vector<std::string>{"audit:read"});
  EXPECT_FALSE(got->builtin);
}

TEST_F(RolesTest, RefusesUnknownPermission) {
  auto r = Create("X", {"users:read", "users:fly"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "permission_unknown");
  EXPECT_EQ(r.error().detail, "users:fly");
  EXPECT_EQ(svc_->ListRoles().size(), 3u);
}

TEST_F(RolesTest, RefusesDuplicateOrEmptyName) {
  ASSERT_TRUE(Create("Księgowość", {}).ok());
  auto dup = Create("  KSIĘGOWOŚĆ ", {});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "role_name_taken");
  auto builtin = Create("administrator", {});
  ASSERT_FALSE(builtin.ok());
  EXPECT_EQ(builtin.error().code, "role_name_taken");
  auto empty = Create("   ", {});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "field_required");
  auto bad = Create("a\xff", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "utf8_invalid");
  auto nul = Create(std::string("a\0b", 3), {});
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, "field_invalid");
  auto longname = Create(std::string(101, 'x'), {});
  ASSERT_FALSE(longname.ok());
  EXPECT_EQ(longname.error().code, "field_too_long");
}

TEST_F(RolesTest, RenamingToOwnNameIsAllowed) {
  auto a = Create("Zarząd", {});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Update(Role{a->id, "zarząd", "", {}, false}).ok());
}

TEST_F(RolesTest, UnknownRoleIsNotFound) {
  EXPECT_EQ(svc_->GetRole(55).error().code, "role_not_found");
  EXPECT_EQ(Update(Role{55, "X", "", {}, false}).error().code, "role_not_found");
}

TEST_F(RolesTest, PermissionsOfIsUnionOfRoles) {
  auto a = Create("A", {"audit:read", "flats:read"});
  auto b = Create("B", {"flats:read", "news:publish"});
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(SetRoles(9, {a->id, b->id, kResident}).ok());
  auto perms = View([&](const storage::ReadTxn& t) { return svc_->PermissionsOf(t, 9); });
  EXPECT_EQ(perms, (std::set<std::string>{"audit:read", "flats:read", "news:publish"}));
  auto none = View([&](const storage::ReadTxn& t) { return svc_->PermissionsOf(t, 10); });
  EXPECT_TRUE(none.empty());
}

TEST_F(RolesTest, SetUserRolesKeepsBothIndexesConsistent) {
  ASSERT_TRUE(SetRoles(5, {kStaff, kAdministrator, kStaff}).ok());
  ASSERT_TRUE(SetRoles(6, {kStaff}).ok());
  View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(svc_->RolesOf(t, 5), (std::vector<uint64_t>{kAdministrator, kStaff}));
    EXPECT_EQ(svc_->UsersWithRole(t, kStaff), (std::vector<uint64_t>{5, 6}));
    EXPECT_EQ(svc_->CountUsersWithRole(t, kAdministrator), 1u);
  });
  ASSERT_TRUE(SetRoles(5, {kResident}).ok());
  View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(svc_->RolesOf(t, 5), std::vector<uint64_t>{kResident});
    EXPECT_EQ(svc_->UsersWithRole(t, kStaff), std::vector<uint64_t>{6});
    EXPECT_EQ(svc_->UsersWithRole(t, kResident), std::vector<uint64_t>{5});
    EXPECT_EQ(svc_->CountUsersWithRole(t, kAdministrator), 0u);
  });
  ASSERT_TRUE(SetRoles(6, {}).ok());
  View([&](const storage::ReadTxn& t) {
    EXPECT_TRUE(svc_->RolesOf(t, 6).empty());
    EXPECT_TRUE(svc_->UsersWithRole(t, kStaff).empty());
  });
}

TEST_F(RolesTest, SetUserRolesRefusesUnknownRoleAndChangesNothing) {
  ASSERT_TRUE(SetRoles(5, {kStaff}).ok());
  auto st = SetRoles(5, {kAdministrator, 999});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "role_not_found");
  EXPECT_EQ(st.error().detail, "999");
  View([&](const storage::ReadTxn& t) { EXPECT_EQ(svc_->RolesOf(t, 5), std::vector<uint64_t>{kStaff}); });
}

TEST_F(RolesTest, DepartmentsCrud) {
  auto a = CreateDept("Dział techniczny", "techniczny@example.pl");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->id, 1u);
  auto b = CreateDept(" Księgowość ");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->name, "Księgowość");
  EXPECT_EQ(CreateDept("dział TECHNICZNY").error().code, "department_name_taken");
  EXPECT_EQ(CreateDept("X", "not-an-email").error().code, "email_invalid");
  EXPECT_EQ(CreateDept("").error().code, "field_required");
  auto u = env_->Update([&](storage::WriteTxn& t) {
    return svc_->UpdateDepartment(t, Department{b->id, "Księgowość", "ksiegowosc@example.pl"});
  });
  ASSERT_TRUE(u.ok());
  auto missing = env_->Update([&](storage::WriteTxn& t) { return svc_->UpdateDepartment(t, Department{77, "Y", ""}); });
  EXPECT_EQ(missing.error().code, "department_not_found");
  auto list = svc_->ListDepartments();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].email, "ksiegowosc@example.pl");
}

TEST_F(RolesTest, UserDepartmentsAreIndexedBothWays) {
  auto a = CreateDept("A");
  auto b = CreateDept("B");
  ASSERT_TRUE(a.ok() && b.ok());
  auto set = [&](uint64_t user, std::vector<uint64_t> ids) {
    return env_->Update([&](storage::WriteTxn& t) { return svc_->SetUserDepartments(t, user, ids); });
  };
  ASSERT_TRUE(set(3, {a->id, b->id}).ok());
  ASSERT_TRUE(set(4, {b->id}).ok());
  EXPECT_EQ(set(4, {42}).error().code, "department_not_found");
  View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(svc_->DepartmentsOf(t, 3), (std::vector<uint64_t>{a->id, b->id}));
    EXPECT_EQ(svc_->UsersInDepartment(t, b->id), (std::vector<uint64_t>{3, 4}));
  });
  ASSERT_TRUE(set(3, {}).ok());
  View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(svc_->UsersInDepartment(t, a->id), std::vector<uint64_t>{});
    EXPECT_EQ(svc_->UsersInDepartment(t, b->id), std::vector<uint64_t>{4});
  });
}

}  // namespace
}  // namespace osiedle::roles
