#include "daemon/modules/identity/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/http/dispatch.hpp"
#include "tests/unit/support/http_request.hpp"
#include "tests/unit/daemon/modules/identity/fixture.hpp"

namespace osiedle::identity {
namespace {

using nlohmann::json;
using testing::Fixture;
using testing::kPassword;

// The whole pipeline (route table, authenticator, permissions, CSRF) over the identity routes.
struct Api {
  Fixture f;
  http::RouteTable table;
  http::Services services;
  std::string cookie, csrf;

  Api() {
    RegisterRoutes(table, f.id, f.roles);
    services.routes = &table;
    services.authenticate = [this](const http::Request& r) { return Authenticate(f.id.auth, r); };
    f.SeedFlats();
  }

  http::Response Call(const std::string& method, const std::string& target, const std::string& body = "") {
    http::Request req = ::osiedle::testing::MakeRequest(method, target, body);
    if (!cookie.empty()) req.headers["cookie"] = cookie;
    if (!csrf.empty()) req.headers["x-csrf-token"] = csrf;
    return http::Dispatch(services, req);
  }

  void LogIn(const std::string& email) {
    cookie.clear();
    csrf.clear();
    auto r = Call("POST", "/api/v1/auth/login", json{{"email", email}, {"password", kPassword}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    std::string set_cookie;
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") set_cookie = v;
    }
    ASSERT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    ASSERT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    cookie = set_cookie.substr(0, set_cookie.find(';'));
    csrf = json::parse(r.body)["csrf_token"];
  }

  json RegistrationBody(const std::string& email, int flat) {
    return json{{"first_name", "Jan"},
                {"last_name", "Wiśniewski"},
                {"email", email},
                {"phone", "600100200"},
                {"password", kPassword},
                {"building", f.BuildingId()},
                {"flat", std::to_string(flat)},
                {"kw_number", Fixture::Kw(flat)},
                {"consents", {{"terms", true}, {"rodo", true}, {"version", kConsentsVersion}}}};
  }
};

std::string ErrorCode(const http::Response& r) {
  auto j = json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"]["code"].get<std::string>() : "";
}

TEST(IdentityRoutes, RegistrationApprovalLoginPath) {
  Api api;
  auto reg = api.Call("POST", "/api/v1/registrations", api.RegistrationBody("jan@example.pl", 1).dump());
  ASSERT_EQ(reg.status, 201) << reg.body;
  json body = json::parse(reg.body);
  EXPECT_EQ(body["status"], "pending");
  EXPECT_EQ(body["verified"], false);  // the KW matched, but without auto-approve the answer does not say so
  EXPECT_EQ(body.size(), 3u);          // id, status, verified: nothing else about the KW match

  auto admin = api.f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", kPassword);
  ASSERT_TRUE(admin.ok());
  api.LogIn("admin@example.pl");
  auto queue = api.Call("GET", "/api/v1/admin/registrations?status=pending");
  ASSERT_EQ(queue.status, 200) << queue.body;
  json q = json::parse(queue.body);
  ASSERT_EQ(q["total"], 1);
  EXPECT_EQ(q["items"][0]["kw_match"], true);
  EXPECT_EQ(q["items"][0]["registry"]["kw_number"], Fixture::Kw(1));
  uint64_t rid = q["items"][0]["id"];

  std::string saved_csrf = api.csrf;
  api.csrf.clear();
  auto no_csrf = api.Call("POST", "/api/v1/admin/registrations/" + std::to_string(rid) + "/approve");
  EXPECT_EQ(ErrorCode(no_csrf), "csrf_invalid");
  api.csrf = saved_csrf;
  auto ok = api.Call("POST", "/api/v1/admin/registrations/" + std::to_string(rid) + "/approve");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto again = api.Call("POST", "/api/v1/admin/registrations/" + std::to_string(rid) + "/approve");
  EXPECT_EQ(again.status, 409);

  api.LogIn("jan@example.pl");
  auto me = api.Call("GET", "/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  json m = json::parse(me.body);
  EXPECT_EQ(m["user"]["email"], "jan@example.pl");
  EXPECT_EQ(m["flats"].size(), 1u);
  EXPECT_EQ(m["roles"][0]["id"], roles::kResident);
  EXPECT_EQ(m["csrf_token"], api.csrf);
  EXPECT_EQ(api.Call("GET", "/api/v1/admin/registrations").status, 403);

  auto out = api.Call("POST", "/api/v1/auth/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(api.Call("GET", "/api/v1/me").status, 401);
}

TEST(IdentityRoutes, RegistrationErrorsHavePreciseCodes) {
  Api api;
  auto call = [&](const json& b) { return ErrorCode(api.Call("POST", "/api/v1/registrations", b.dump())); };
  json b = api.RegistrationBody("x@example.pl", 1);
  json m = b;
  m["consents"]["rodo"] = false;
  EXPECT_EQ(call(m), "consent_required");
  m = b;
  m.erase("consents");
  EXPECT_EQ(call(m), "consent_required");
  m = b;
  m["kw_number"] = "WA4M/1/1";
  EXPECT_EQ(call(m), "kw_format_invalid");
  m = b;
  m["flat"] = "999";
  EXPECT_EQ(call(m), "flat_not_found");
  m = b;
  m["admin"] = true;
  EXPECT_EQ(call(m), "unknown_field");
  m = b;
  m["building"] = "one";
  EXPECT_EQ(call(m), "field_type");
  EXPECT_EQ(ErrorCode(api.Call("POST", "/api/v1/registrations", "{\"a\":")), "json_invalid");
  EXPECT_EQ(api.Call("POST", "/api/v1/registrations", b.dump()).status, 201);
  auto taken = api.Call("POST", "/api/v1/registrations", b.dump());
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(ErrorCode(taken), "email_taken");
}

TEST(IdentityRoutes, LoginFailuresAndThrottling) {
  Api api;
  auto bad = api.Call("POST", "/api/v1/auth/login", json{{"email", "no@example.pl"}, {"password", "x"}}.dump());
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(ErrorCode(bad), "invalid_credentials");
  for (int i = 0; i < 5; ++i) {
    api.Call("POST", "/api/v1/auth/login", json{{"email", "no@example.pl"}, {"password", "x"}}.dump());
  }
  auto limited = api.Call("POST", "/api/v1/auth/login", json{{"email", "no@example.pl"}, {"password", "x"}}.dump());
  EXPECT_EQ(limited.status, 429);
  bool retry_after = false;
  for (const auto& [k, v] : limited.headers) retry_after |= k == "Retry-After";
  EXPECT_TRUE(retry_after);
}

TEST(IdentityRoutes, ForgedCookieIsAnonymous) {
  Api api;
  api.cookie = "osiedle_session=forged";
  EXPECT_EQ(api.Call("GET", "/api/v1/me").status, 401);
  EXPECT_EQ(api.Call("GET", "/api/v1/public/buildings").status, 200);
}

TEST(IdentityRoutes, ImportCsvThroughApi) {
  Api api;
  ASSERT_TRUE(api.f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", kPassword).ok());
  api.LogIn("admin@example.pl");
  auto r = api.Call("POST", "/api/v1/admin/flats/import?dry_run=1", "budynek;lokal\nNowa 1;1\nNowa 1;\n");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["imported"], 1);
  EXPECT_EQ(j["errors"][0]["line"], 3);
  EXPECT_EQ(j["errors"][0]["code"], "flat_number_missing");
  EXPECT_EQ(j["dry_run"], true);
  auto missing = api.Call("POST", "/api/v1/admin/flats/import", "budynek;x\nNowa 1;1\n");
  EXPECT_EQ(ErrorCode(missing), "csv_header_missing");
}

TEST(IdentityRoutes, EveryRouteHasAKnownPermission) {
  Api api;
  for (const auto& r : api.table.routes()) {
    EXPECT_TRUE(r.permission == http::kPublic || r.permission == http::kAuthenticated ||
                roles::IsKnownPermission(r.permission))
        << r.pattern;
  }
}

}  // namespace
}  // namespace osiedle::identity
