#include "daemon/modules/audit/routes.hpp"

#include <gtest/gtest.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "daemon/core/crypto.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::audit {
namespace {

// The audit routes over a temp store, called through the route table as the server would.
class AuditRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    svc_ = std::make_unique<Service>(store_.env(), clock_);
    RegisterRoutes(table_, *svc_);
    for (int i = 1; i <= 5; ++i) {
      Entry e;
      e.actor_id = i % 2 == 0 ? 7 : 8;
      e.action = i == 5 ? "auth.login" : "user.block";
      e.user_agent = "Mozilla/5.0 \xff";
      clock_.Advance(60);
      svc_->Record(e);
    }
  }
  http::Response Get(const std::string& path, std::map<std::string, std::string> query = {}) {
    http::Request req;
    req.method = "GET";
    req.path = path;
    req.query = std::move(query);
    const http::Route* route = table_.Match("GET", path, &req.params);
    EXPECT_NE(route, nullptr) << path;
    if (!route) return {};
    EXPECT_EQ(route->permission, "audit:read");
    http::Context ctx{req, {}};
    return route->handler(ctx);
  }

  osiedle::testing::TempEnv store_{"osiedle-audit-routes"};
  FakeClock clock_;
  std::unique_ptr<Service> svc_;
  http::RouteTable table_;
};

TEST_F(AuditRoutesTest, ListsNewestFirstWithNextCursor) {
  auto r = Get("/api/v1/admin/audit", {{"limit", "2"}});
  ASSERT_EQ(r.status, 200);
  auto body = nlohmann::json::parse(r.body);
  ASSERT_EQ(body["entries"].size(), 2u);
  EXPECT_EQ(body["entries"][0]["id"], 5);
  EXPECT_EQ(body["entries"][0]["action"], "auth.login");
  EXPECT_EQ(body["entries"][0]["at"], FormatIsoUtc(clock_.NowUnix()));
  EXPECT_EQ(body["entries"][0]["hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(body["next_before"], 4);
  auto next = nlohmann::json::parse(Get("/api/v1/admin/audit", {{"limit", "2"}, {"before", "4"}}).body);
  EXPECT_EQ(next["entries"][0]["id"], 3);
  auto last = nlohmann::json::parse(Get("/api/v1/admin/audit", {{"before", "2"}}).body);
  EXPECT_EQ(last["entries"].size(), 1u);
  EXPECT_TRUE(last["next_before"].is_null());
}

TEST_F(AuditRoutesTest, FiltersByActorAndActionPrefix) {
  auto body = nlohmann::json::parse(Get("/api/v1/admin/audit", {{"actor", "7"}}).body);
  ASSERT_EQ(body["entries"].size(), 2u);
  EXPECT_EQ(body["entries"][0]["id"], 4);
  auto auth = nlohmann::json::parse(Get("/api/v1/admin/audit", {{"action", "auth."}}).body);
  ASSERT_EQ(auth["entries"].size(), 1u);
  EXPECT_EQ(auth["entries"][0]["id"], 5);
}

TEST_F(AuditRoutesTest, RejectsMalformedQueryParameters) {
  for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{{"limit", "abc"},
                                                                             {"limit", "501"},
                                                                             {"before", "-1"},
                                                                             {"actor", "1e3"},
                                                                             {"user", "99999999999999999999999"}}) {
    auto r = Get("/api/v1/admin/audit", {{name, value}});
    EXPECT_EQ(r.status, 400) << name << "=" << value;
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], "field_invalid") << name;
    EXPECT_EQ(body["error"]["field"], name);
  }
}

TEST_F(AuditRoutesTest, VerifyReportsTheChain) {
  auto body = nlohmann::json::parse(Get("/api/v1/admin/audit/verify").body);
  EXPECT_EQ(body["ok"], true);
  EXPECT_EQ(body["entries"], 5);
  EXPECT_EQ(body["first_bad_id"], 0);
}

TEST_F(AuditRoutesTest, ExportIsJsonLinesThatReverify) {
  auto r = Get("/api/v1/admin/audit/export");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/x-ndjson");
  std::istringstream lines(r.body);
  std::string line, prev = kGenesisHash;
  int n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    Entry e;
    e.id = j["id"];
    e.at = j["at_unix"];
    e.actor_id = j["actor_id"];
    e.action = j["action"];
    e.target_type = j["target_type"];
    e.target_id = j["target_id"];
    e.subject_user_id = j["subject_user_id"];
    e.detail = j["detail"];
    e.ip = j["ip"];
    e.user_agent = j["user_agent"];
    EXPECT_EQ(j["prev_hash"], prev);
    EXPECT_EQ(Service::ComputeHash(prev, e), j["hash"]) << "entry " << e.id;
    prev = j["hash"];
    ++n;
  }
  EXPECT_EQ(n, 5);
}

}  // namespace
}  // namespace osiedle::audit
