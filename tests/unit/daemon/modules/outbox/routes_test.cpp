#include "daemon/modules/outbox/routes.hpp"

#include <gtest/gtest.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::outbox {
namespace {

TEST(OutboxRoutes, ListsRecentMessagesWithoutBodies) {
  osiedle::testing::TempEnv store("osiedle-outbox-routes");
  FakeClock clock;
  {
    storage::Env* env = &store.env();
    Service svc(*env, clock);
    http::RouteTable table;
    RegisterRoutes(table, svc);
    for (const char* to : {"a@example.pl", "b@example.pl"}) {
      auto r = env->Update([&](storage::WriteTxn& t) { return svc.Enqueue(t, {to, "Hasło", "tajny link"}); });
      ASSERT_TRUE(r.ok());
    }
    svc.MarkSent(1);

    http::Request req;
    req.method = "GET";
    req.path = "/api/v1/admin/outbox";
    const http::Route* route = table.Match("GET", req.path, &req.params);
    ASSERT_NE(route, nullptr);
    EXPECT_EQ(route->permission, "outbox:read");
    http::Context ctx{req, {}};
    auto resp = route->handler(ctx);
    ASSERT_EQ(resp.status, 200);
    auto body = nlohmann::json::parse(resp.body);
    EXPECT_EQ(body["depth"], 1);
    ASSERT_EQ(body["messages"].size(), 2u);
    EXPECT_EQ(body["messages"][0]["to"], "b@example.pl");
    EXPECT_EQ(body["messages"][0]["state"], "pending");
    EXPECT_EQ(body["messages"][0]["subject"], "Hasło");
    EXPECT_EQ(body["messages"][1]["state"], "sent");
    EXPECT_EQ(body["messages"][1]["sent_at"], FormatIsoUtc(clock.NowUnix()));
    EXPECT_EQ(resp.body.find("tajny link"), std::string::npos);

    http::Request bad = req;
    bad.query["limit"] = "0";
    http::Context bad_ctx{bad, {}};
    EXPECT_EQ(route->handler(bad_ctx).status, 400);
  }
}

}  // namespace
}  // namespace osiedle::outbox
