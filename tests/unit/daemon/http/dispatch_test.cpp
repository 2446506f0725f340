#include "daemon/http/dispatch.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "daemon/http/response.hpp"

namespace osiedle::http {
namespace {

std::string Header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

std::string ErrorCode(const Response& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) return "<no error>";
  return j["error"]["code"];
}

Handler Ok200() {
  return [](Context& ctx) { return Json(200, {{"user", ctx.principal.user_id}, {"id", ctx.req.Param("id")}}); };
}

// Principals chosen by the test through the X-Test-As header (a fake of the session guard).
Principal FakeAuthenticate(const Request& req) {
  Principal p;
  std::string who = req.Header("x-test-as");
  if (who == "resident") {
    p.kind = Principal::Kind::kSession;
    p.user_id = 10;
    p.csrf_token = "csrf-resident";
  } else if (who == "staff") {
    p.kind = Principal::Kind::kSession;
    p.user_id = 20;
    p.csrf_token = "csrf-staff";
    p.permissions = {"users:read", "users:block"};
  } else if (who == "kiosk") {
    p.kind = Principal::Kind::kBearer;
    p.user_id = 30;
    p.permissions = {"events:checkin"};
  } else if (who == "broken") {
    throw std::runtime_error("session store exploded: secret-path /var/lib");
  }
  return p;
}

class DispatchTest : public ::testing::Test {
 protected:
  DispatchTest() {
    routes_.Add({"GET", "/api/v1/public/buildings", kPublic, Ok200(), ""});
    routes_.Add({"POST", "/api/v1/registrations", kPublic, Ok200(), ""});
    routes_.Add({"GET", "/api/v1/me", kAuthenticated, Ok200(), ""});
    routes_.Add({"POST", "/api/v1/auth/logout", kAuthenticated, Ok200(), ""});
    routes_.Add({"GET", "/api/v1/admin/users/{id}", "users:read", Ok200(), ""});
    routes_.Add({"POST", "/api/v1/admin/users/{id}/block", "users:block", Ok200(), ""});
    routes_.Add({"POST", "/api/v1/kiosk/checkin", "events:checkin", Ok200(), ""});
    routes_.Add({"GET", "/api/v1/boom", kPublic,
                 [](Context&) -> Response { throw std::runtime_error("db password is hunter2"); }, ""});
    routes_.Add({"GET", "/api/v1/boom-int", kPublic, [](Context&) -> Response { throw 42; }, ""});
    Route upload{"POST", "/api/v1/upload", kPublic, Ok200(), ""};
    upload.max_body = 10;
    routes_.Add(upload);
    routes_.Add({"GET", "/healthz", kPublic, [](Context&) { return Json(200, {{"ok", true}}); }, ""});
    services_.routes = &routes_;
    services_.authenticate = FakeAuthenticate;
    services_.metrics = &metrics_;
  }

  Response Call(std::string method, std::string path, std::string as = "", std::string body = "",
                std::map<std::string, std::string> headers = {}) {
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.body = std::move(body);
    req.headers = std::move(headers);
    if (!as.empty()) req.headers["x-test-as"] = as;
    return Dispatch(services_, req);
  }

  RouteTable routes_;
  Metrics metrics_;
  Services services_;
};

TEST_F(DispatchTest, RunsMatchedRouteWithParams) {
  Response r = Call("GET", "/api/v1/admin/users/77", "staff");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["id"], "77");
}

TEST_F(DispatchTest, UnknownApiPathIs404) {
  Response r = Call("GET", "/api/v1/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "not_found");
}

TEST_F(DispatchTest, WrongMethodIs405) {
  Response r = Call("DELETE", "/api/v1/me", "resident");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(ErrorCode(r), "method_not_allowed");
}

TEST_F(DispatchTest, HeadRunsGetRouteWithoutBody) {
  Response r = Call("HEAD", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(DispatchTest, PublicRouteAllowsAnonymous) { EXPECT_EQ(Call("GET", "/api/v1/public/buildings").status, 200); }

TEST_F(DispatchTest, AuthenticatedRouteRefusesAnonymous) {
  Response r = Call("GET", "/api/v1/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCode(r), "unauthenticated");
  EXPECT_EQ(Call("GET", "/api/v1/me", "resident").status, 200);
}

TEST_F(DispatchTest, PermissionRouteRefusesAnonymousWith401AndResidentWith403) {
  EXPECT_EQ(ErrorCode(Call("GET", "/api/v1/admin/users/1")), "unauthenticated");
  Response r = Call("GET", "/api/v1/admin/users/1", "resident");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "forbidden");
  EXPECT_EQ(Call("GET", "/api/v1/admin/users/1", "staff").status, 200);
}

TEST_F(DispatchTest, SessionPostWithoutCsrfTokenIsRefused) {
  Response r = Call("POST", "/api/v1/admin/users/1/block", "staff");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "csrf_invalid");
}

TEST_F(DispatchTest, SessionPostWithWrongCsrfTokenIsRefused) {
  Response r = Call("POST", "/api/v1/admin/users/1/block", "staff", "", {{"x-csrf-token", "csrf-resident"}});
  EXPECT_EQ(ErrorCode(r), "csrf_invalid");
  r = Call("POST", "/api/v1/admin/users/1/block", "staff", "", {{"x-csrf-token", "csrf-staf"}});
  EXPECT_EQ(ErrorCode(r), "csrf_invalid");
}

TEST_F(DispatchTest, SessionPostWithCsrfTokenPasses) {
  Response r = Call("POST", "/api/v1/admin/users/1/block", "staff", "", {{"x-csrf-token", "csrf-staff"}});
  EXPECT_EQ(r.status, 200);
}

TEST_F(DispatchTest, SessionPostOnPublicRouteStillNeedsCsrf) {
  EXPECT_EQ(ErrorCode(Call("POST", "/api/v1/registrations", "resident")), "csrf_invalid");
}

TEST_F(DispatchTest, BearerAndAnonymousPostNeedNoCsrf) {
  EXPECT_EQ(Call("POST", "/api/v1/kiosk/checkin", "kiosk").status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/registrations").status, 200);
}

TEST_F(DispatchTest, SessionGetNeedsNoCsrf) { EXPECT_EQ(Call("GET", "/api/v1/me", "resident").status, 200); }

TEST_F(DispatchTest, HandlerExceptionIs500WithLogIdAndNoLeak) {
  Response r = Call("GET", "/api/v1/boom");
  EXPECT_EQ(r.status, 500);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "internal");
  EXPECT_EQ(j["error"]["detail"].get<std::string>().rfind("log id ", 0), 0u);
  EXPECT_EQ(r.body.find("hunter2"), std::string::npos);
}

TEST_F(DispatchTest, NonStdExceptionIs500) {
  Response r = Call("GET", "/api/v1/boom-int");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCode(r), "internal");
}

TEST_F(DispatchTest, AuthenticateExceptionIs500WithoutLeak) {
  Response r = Call("GET", "/api/v1/me", "broken");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCode(r), "internal");
  EXPECT_EQ(r.body.find("secret-path"), std::string::npos);
}

TEST_F(DispatchTest, BodyOverRouteLimitIs413BeforeHandler) {
  Response r = Call("POST", "/api/v1/upload", "", std::string(11, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(ErrorCode(r), "body_too_large");
  EXPECT_EQ(Call("POST", "/api/v1/upload", "", std::string(10, 'x')).status, 200);
}

TEST_F(DispatchTest, DefaultJsonLimitIsOneMiB) {
  EXPECT_EQ(Call("POST", "/api/v1/registrations", "", std::string((1 << 20) + 1, 'x')).status, 413);
  EXPECT_EQ(Call("POST", "/api/v1/registrations", "", std::string(1 << 20, 'x')).status, 200);
}

TEST_F(DispatchTest, AddsSecurityHeadersEverywhere) {
  for (const Response& r : {Call("GET", "/api/v1/me", "resident"), Call("GET", "/api/v1/nope"), Call("GET", "/x")}) {
    EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(Header(r, "Referrer-Policy"), "same-origin");
    EXPECT_EQ(Header(r, "X-Frame-Options"), "DENY");
    EXPECT_EQ(Header(r, "Content-Security-Policy"), kContentSecurityPolicy);
  }
  EXPECT_EQ(Header(Call("GET", "/api/v1/me", "resident"), "Cache-Control"), "no-store");
  EXPECT_EQ(Header(Call("GET", "/healthz"), "Cache-Control"), "");
}

TEST_F(DispatchTest, NonApiGetWithoutStaticFilesIs404) {
  Response r = Call("GET", "/index.html");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "not_found");
}

TEST_F(DispatchTest, RecordsMetricsByRoutePattern) {
  Call("GET", "/api/v1/admin/users/5", "staff");
  Call("GET", "/api/v1/admin/users/6", "resident");
  Call("GET", "/api/v1/random/path/123");
  std::string text = metrics_.RenderPrometheus();
  EXPECT_NE(text.find("route=\"/api/v1/admin/users/{id}\",method=\"GET\",status=\"200\"} 1"), std::string::npos);
  EXPECT_NE(text.find("route=\"/api/v1/admin/users/{id}\",method=\"GET\",status=\"403\"} 1"), std::string::npos);
  EXPECT_NE(text.find("route=\"unmatched\",method=\"GET\",status=\"404\"} 1"), std::string::npos);
  EXPECT_EQ(text.find("/api/v1/random"), std::string::npos);
}

TEST_F(DispatchTest, RejectRequestAnswersWithHeaders) {
  Request req;
  req.method = "GET";
  req.path = "/api/v1/x";
  Response r = RejectRequest(services_, req, MakeError("path_invalid"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "path_invalid");
  EXPECT_EQ(Header(r, "X-Frame-Options"), "DENY");
}

}  // namespace
}  // namespace osiedle::http
