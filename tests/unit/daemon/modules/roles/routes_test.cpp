#include "daemon/modules/roles/routes.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "tests/unit/daemon/modules/roles/test_support.hpp"

namespace osiedle::roles {
namespace {

using nlohmann::json;

class RolesRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) -> Status {
                      svc_->SeedBuiltins(t);
                      return {};
                    })
                    .ok());
    RegisterRoutes(table_, *svc_, *audit_);
    principal_.kind = http::Principal::Kind::kSession;
    principal_.user_id = 7;
  }
  http::Response Call(const std::string& method, const std::string& path, const std::string& body = "") {
    return osiedle::testing::CallRoute(table_, principal_, method, path, body);
  }
  static std::string Code(const http::Response& r) { return json::parse(r.body)["error"]["code"]; }

  osiedle::testing::TempEnv store_;
  storage::Env* env_ = &store_.env();
  FakeClock clock_;
  std::unique_ptr<Service> svc_ = std::make_unique<Service>(*env_);
  std::unique_ptr<audit::Service> audit_ = std::make_unique<audit::Service>(*env_, clock_);
  http::RouteTable table_;
  http::Principal principal_;
};

TEST_F(RolesRoutesTest, EveryRouteHasARegistryPermission) {
  std::map<std::string, std::string> want = {
      {"GET /api/v1/admin/permissions", "roles:manage"},  {"GET /api/v1/admin/roles", "users:manage"},
      {"GET /api/v1/admin/roles/{id}", "users:manage"},   {"POST /api/v1/admin/roles", "roles:manage"},
      {"PUT /api/v1/admin/roles/{id}", "roles:manage"},   {"GET /api/v1/admin/departments", "users:read"},
      {"POST /api/v1/admin/departments", "roles:manage"}, {"PUT /api/v1/admin/departments/{id}", "roles:manage"},
  };
  ASSERT_EQ(table_.routes().size(), want.size());
  for (const auto& r : table_.routes()) {
    EXPECT_EQ(want[r.method + " " + r.pattern], r.permission) << r.pattern;
    EXPECT_TRUE(IsKnownPermission(r.permission));
  }
}

TEST_F(RolesRoutesTest, PermissionsAreGroupedByModuleInTheCallersLanguage) {
  principal_.lang = "en";
  auto r = Call("GET", "/api/v1/admin/permissions");
  ASSERT_EQ(r.status, 200);
  auto body = json::parse(r.body);
  size_t total = 0;
  for (const auto& m : body["modules"]) {
    for (const auto& p : m["permissions"]) {
      EXPECT_EQ(p["name"].get<std::string>().rfind(m["module"].get<std::string>() + ":", 0), 0u);
      EXPECT_EQ(p["description"], p["description_en"]);
      ++total;
    }
  }
  EXPECT_EQ(total, Registry().size());
}

TEST_F(RolesRoutesTest, CreateRoleIsAudited) {
  auto r = Call("POST", "/api/v1/admin/roles", R"({"name":"Księgowość","permissions":["audit:read"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = json::parse(r.body);
  EXPECT_EQ(body["id"], 100);
  EXPECT_EQ(body["user_count"], 0);
  auto entries = audit_->List(audit::Filter{});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "role.create");
  EXPECT_EQ(entries[0].actor_id, 7u);
  EXPECT_EQ(entries[0].target_id, 100u);
  EXPECT_EQ(entries[0].ip, "192.0.2.1");
  EXPECT_EQ(entries[0].user_agent, "unit-test");
}

TEST_F(RolesRoutesTest, RefusedChangesAreNotAudited) {
  auto unknown = Call("POST", "/api/v1/admin/roles", R"({"name":"X","permissions":["users:fly"]})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Code(unknown), "permission_unknown");
  auto admin = Call("PUT", "/api/v1/admin/roles/1", R"({"name":"Administrator","permissions":[]})");
  EXPECT_EQ(Code(admin), "role_builtin");
  auto dup = Call("POST", "/api/v1/admin/roles", R"({"name":"pracownik","permissions":[]})");
  EXPECT_EQ(dup.status, 409);
  EXPECT_TRUE(audit_->List(audit::Filter{}).empty());
}

TEST_F(RolesRoutesTest, BadInputGets4xx) {
  EXPECT_EQ(Call("GET", "/api/v1/admin/roles/abc").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/admin/roles/18446744073709551616").status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/admin/roles/0", R"({"name":"X","permissions":[]})").status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/admin/roles", "not json").status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/admin/roles", R"({"name":5,"permissions":[]})").status, 400);
  EXPECT_EQ(Code(Call("POST", "/api/v1/admin/roles", R"({"name":"X","permissions":[],"x":1})")), "unknown_field");
  EXPECT_EQ(Call("POST", "/api/v1/admin/roles", R"({"name":"X"})").status, 400);
}

TEST_F(RolesRoutesTest, ListsRolesWithUserCounts) {
  ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) { return svc_->SetUserRoles(t, 7, {kAdministrator}); }).ok());
  auto r = Call("GET", "/api/v1/admin/roles");
  ASSERT_EQ(r.status, 200);
  auto roles = json::parse(r.body)["roles"];
  ASSERT_EQ(roles.size(), 3u);
  EXPECT_EQ(roles[0]["user_count"], 1);
  EXPECT_EQ(roles[0]["permissions"].size(), Registry().size());
}

TEST_F(RolesRoutesTest, DepartmentsCreateUpdateList) {
  auto c = Call("POST", "/api/v1/admin/departments", R"({"name":"Techniczny","email":"tech@example.pl"})");
  ASSERT_EQ(c.status, 201) << c.body;
  uint64_t id = json::parse(c.body)["id"];
  auto u = Call("PUT", "/api/v1/admin/departments/" + std::to_string(id), R"({"name":"Dział techniczny"})");
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(Call("PUT", "/api/v1/admin/departments/99", R"({"name":"Y"})").status, 404);
  auto list = json::parse(Call("GET", "/api/v1/admin/departments").body)["departments"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "Dział techniczny");
  EXPECT_EQ(list[0]["email"], "");
  auto entries = audit_->List(audit::Filter{});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "department.update");
}

}  // namespace
}  // namespace osiedle::roles
