#include "daemon/modules/groups/routes.hpp"

#include <nlohmann/json.hpp>

#include "daemon/modules/roles/service.hpp"
#include "tests/unit/daemon/modules/groups/fixture.hpp"

namespace osiedle::groups::testing {
namespace {

using nlohmann::json;

class GroupsRoutesTest : public GroupsTest {
 protected:
  void SetUp() override {
    GroupsTest::SetUp();
    audit_ = std::make_unique<audit::Service>(*env_, clock_);
    RegisterRoutes(table_, *svc_, *audit_);
    principal_.kind = http::Principal::Kind::kSession;
    principal_.user_id = 25;
  }
  http::Response Call(const std::string& method, const std::string& path, const std::string& body = "",
                      std::map<std::string, std::string> query = {}) {
    return osiedle::testing::CallRoute(table_, principal_, method, path, body, std::move(query));
  }
  static std::string Code(const http::Response& r) { return json::parse(r.body)["error"]["code"]; }

  std::unique_ptr<audit::Service> audit_;
  http::RouteTable table_;
  http::Principal principal_;
};

TEST_F(GroupsRoutesTest, RoutesUseGroupsPermissions) {
  for (const auto& r : table_.routes()) {
    bool write = r.method != "GET" && r.pattern != "/api/v1/admin/groups/preview";
    EXPECT_EQ(r.permission, write ? "groups:manage" : "groups:read") << r.method << " " << r.pattern;
    EXPECT_TRUE(roles::IsKnownPermission(r.permission));
  }
  EXPECT_EQ(table_.routes().size(), 7u);
}

TEST_F(GroupsRoutesTest, CreateRuleGroupThenPageMembers) {
  auto c = Call("POST", "/api/v1/admin/groups",
                R"({"name":"Lazurowa 10 A","kind":"rule","rule":{"op":"and","rules":[{"field":"building","value":10},)"
                R"({"field":"staircase","value":{"building":10,"staircase":"A"}}]}})");
  ASSERT_EQ(c.status, 201) << c.body;
  auto g = json::parse(c.body);
  EXPECT_EQ(g["kind"], "rule");
  EXPECT_EQ(g["rule"]["rules"][1]["value"]["staircase"], "A");
  std::string path = "/api/v1/admin/groups/" + std::to_string(g["id"].get<uint64_t>());
  auto want = Oracle([&](const identity::User& u) {
    return FlatOf(u.id) && FlatOf(u.id)->building_id == 10 && FlatOf(u.id)->staircase == "A";
  });
  auto page = json::parse(Call("GET", path + "/members", "", {{"offset", "2"}, {"limit", "3"}}).body);
  EXPECT_EQ(page["total"], want.size());
  EXPECT_EQ(page["user_ids"], json(std::vector<uint64_t>(want.begin() + 2, want.begin() + 5)));
  EXPECT_EQ(page["members"][0]["email"], "u" + std::to_string(want[2]) + "@example.pl");
  EXPECT_EQ(json::parse(Call("GET", path).body)["member_count"], want.size());
  auto entries = audit_->List(audit::Filter{});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "group.create");
  EXPECT_EQ(entries[0].actor_id, 25u);
}

TEST_F(GroupsRoutesTest, PreviewCountsAndRefusesBadRules) {
  auto ok = Call("POST", "/api/v1/admin/groups/preview", R"({"rule":{"field":"never_logged_in","value":true}})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["count"], Oracle([](const identity::User& u) { return u.id % 7 == 0; }).size());
  auto bad = Call("POST", "/api/v1/admin/groups/preview", R"({"rule":{"field":"never_logged_in","value":"yes"}})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Code(bad), "group_rule_invalid");
  EXPECT_EQ(Code(Call("POST", "/api/v1/admin/groups/preview", R"({})")), "field_required");
}

TEST_F(GroupsRoutesTest, StaticGroupUpdateAndDelete) {
  auto c = Call("POST", "/api/v1/admin/groups", R"({"name":"Rada","kind":"static","members":[4,5]})");
  ASSERT_EQ(c.status, 201) << c.body;
  std::string path = "/api/v1/admin/groups/" + std::to_string(json::parse(c.body)["id"].get<uint64_t>());
  auto u = Call("PUT", path, R"({"name":"Rada","description":"2025","kind":"static","members":[6]})");
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(json::parse(Call("GET", path + "/members").body)["user_ids"], json({6}));
  EXPECT_EQ(Call("DELETE", path).status, 200);
  EXPECT_EQ(Call("GET", path).status, 404);
  EXPECT_EQ(Call("DELETE", path).status, 404);
  auto entries = audit_->List(audit::Filter{});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "group.delete");
}

TEST_F(GroupsRoutesTest, BadInputGets4xx) {
  EXPECT_EQ(Code(Call("POST", "/api/v1/admin/groups", R"({"name":"X","kind":"magic"})")), "field_invalid");
  EXPECT_EQ(Code(Call("POST", "/api/v1/admin/groups", R"({"name":"X","kind":"rule"})")), "group_rule_invalid");
  EXPECT_EQ(Code(Call("POST", "/api/v1/admin/groups", R"({"name":"X","kind":"static","members":[9999]})")),
            "user_not_found");
  EXPECT_EQ(Call("POST", "/api/v1/admin/groups", R"({"name":"X","kind":"static","members":["a"]})").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/admin/groups/x").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/admin/groups/1/members").status, 404);
  ASSERT_EQ(Call("POST", "/api/v1/admin/groups", R"({"name":"Y","kind":"static"})").status, 201);
  EXPECT_EQ(Call("GET", "/api/v1/admin/groups/1/members", "", {{"limit", "0"}}).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/admin/groups/1/members", "", {{"limit", "501"}}).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/admin/groups/1/members", "", {{"offset", "-1"}}).status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/admin/groups", R"({"name":"y","kind":"static"})").status, 409);
  EXPECT_EQ(audit_->List(audit::Filter{}).size(), 1u);
}

}  // namespace
}  // namespace osiedle::groups::testing
