#include "daemon/modules/contractors/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/core/i18n.hpp"
#include "daemon/http/dispatch.hpp"
#include "tests/unit/support/http_request.hpp"
#include "daemon/http/response.hpp"
#include "tests/unit/daemon/modules/contractors/fixture.hpp"

namespace osiedle::contractors {
namespace {

using nlohmann::json;

// The whole pipeline (route table, permission check, handler) over the
// contractor routes. Callers are bearer principals chosen by the "x-test-as"
// header: "staff" (contractors:manage, user 1), "resident" (user 7),
// "neighbour" (user 8), or anonymous.
struct Api {
  testing::Fixture f;
  http::RouteTable table;
  http::Services services;
  std::string as = "resident";

  Api() {
    RegisterRoutes(table, f.svc);
    services.routes = &table;
    services.authenticate = [](const http::Request& r) {
      http::Principal p;
      const std::string who = r.Header("x-test-as");
      if (who.empty()) return p;
      p.kind = http::Principal::Kind::kBearer;
      p.user_id = who == "staff" ? 1 : who == "neighbour" ? 8 : 7;
      if (who == "staff") p.permissions = {kManage};
      return p;
    };
  }

  http::Response Call(const std::string& method, const std::string& path, const std::string& body = "",
                      std::map<std::string, std::string> query = {}) {
    http::Request req = ::osiedle::testing::MakeRequest(method, path, body);
    req.query = std::move(query);
    req.headers["user-agent"] = "unit-test";
    if (!as.empty()) req.headers["x-test-as"] = as;
    return http::Dispatch(services, req);
  }

  // Creates a contractor as staff; returns its id.
  uint64_t Create(const json& body) {
    std::string saved = as;
    as = "staff";
    auto r = Call("POST", "/api/v1/admin/contractors", body.dump());
    as = saved;
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["id"].get<uint64_t>() : 0;
  }
};

std::string Code(const http::Response& r) {
  auto j = json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"]["code"].get<std::string>() : "";
}

TEST(ContractorsRoutes, EveryRouteHasItsPermission) {
  Api api;
  std::map<std::string, std::string> want = {
      {"GET /api/v1/contractors", http::kAuthenticated},
      {"GET /api/v1/contractors/categories", http::kAuthenticated},
      {"GET /api/v1/contractors/{id}", http::kAuthenticated},
      {"POST /api/v1/contractors/{id}/reviews", http::kAuthenticated},
      {"GET /api/v1/admin/contractors", kManage},
      {"POST /api/v1/admin/contractors", kManage},
      {"PUT /api/v1/admin/contractors/{id}", kManage},
      {"DELETE /api/v1/admin/contractors/{id}", kManage},
      {"GET /api/v1/admin/contractors/categories", kManage},
      {"POST /api/v1/admin/contractors/categories", kManage},
      {"POST /api/v1/admin/contractors/reviews/{id}/hide", kManage},
      {"POST /api/v1/admin/contractors/reviews/{id}/unhide", kManage},
      {"GET /api/v1/admin/contractors/{id}", kManage},
  };
  ASSERT_EQ(api.table.routes().size(), want.size());
  for (const auto& r : api.table.routes()) EXPECT_EQ(want[r.method + " " + r.pattern], r.permission) << r.pattern;
}

TEST(ContractorsRoutes, ResidentFindsAPlumberByTypingHydr) {
  Api api;
  uint64_t plumber = api.Create({{"name", "Hydro-Kowalski"},
                                 {"category_ids", {api.f.CategoryId("Hydraulik")}},
                                 {"website", "https://hydro-kowalski.pl"},
                                 {"recommended", true}});
  api.Create({{"name", "Prąd i Spółka"}, {"category_ids", {api.f.CategoryId("Elektryk")}}});
  auto r = api.Call("GET", "/api/v1/contractors", "", {{"q", "hydr"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  EXPECT_EQ(body["total"], 1);
  EXPECT_EQ(body["offset"], 0);
  EXPECT_EQ(body["limit"], 20);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["id"], plumber);
  EXPECT_EQ(body["items"][0]["categories"][0]["name"], "Hydraulik");
  EXPECT_EQ(body["items"][0]["recommended"], true);
}

// The list is composed from per-contractor texts rendered once: it must stay the JSON object's own bytes (sorted
// keys) and show every edit.
TEST(ContractorsRoutes, ListTextFollowsEveryEdit) {
  Api api;
  uint64_t id = api.Create({{"name", "Hydro \"Kowalski\" ąę"}, {"category_ids", {api.f.CategoryId("Hydraulik")}}});
  auto list = [&] {
    auto r = api.Call("GET", "/api/v1/contractors", "", {{"q", "hydr"}});
    EXPECT_EQ(r.status, 200) << r.body;
    json body = json::parse(r.body);
    EXPECT_EQ(r.body, body.dump());
    return body;
  };
  EXPECT_EQ(list()["items"][0]["name"], "Hydro \"Kowalski\" ąę");
  api.as = "staff";
  ASSERT_EQ(api.Call("PUT", "/api/v1/admin/contractors/" + std::to_string(id),
                     json{{"name", "Hydro Kowalski i syn"}, {"category_ids", {api.f.CategoryId("Hydraulik")}},
                          {"phone", "+48 600 100 200"}}
                         .dump())
                .status,
            200);
  api.as = "resident";
  json after = list();
  EXPECT_EQ(after["items"][0]["name"], "Hydro Kowalski i syn");
  EXPECT_EQ(after["items"][0]["phone"], "+48 600 100 200");
}

TEST(ContractorsRoutes, AnonymousCallersAndResidentsOnStaffRoutesAreRefused) {
  Api api;
  api.as = "";
  EXPECT_EQ(api.Call("GET", "/api/v1/contractors").status, 401);
  api.as = "resident";
  EXPECT_EQ(api.Call("POST", "/api/v1/admin/contractors", R"({"name":"X"})").status, 403);
  EXPECT_EQ(api.Call("GET", "/api/v1/admin/contractors").status, 403);
}

TEST(ContractorsRoutes, InactiveContractorIsNotFoundForResidentsByListAndById) {
  Api api;
  uint64_t id = api.Create({{"name", "Ukryty Malarz"}, {"active", false}});
  auto list = api.Call("GET", "/api/v1/contractors", "", {{"q", "malarz"}});
  EXPECT_EQ(json::parse(list.body)["total"], 0);
  auto one = api.Call("GET", "/api/v1/contractors/" + std::to_string(id));
  EXPECT_EQ(one.status, 404);
  EXPECT_EQ(Code(one), "not_found");
  api.as = "staff";
  EXPECT_EQ(api.Call("GET", "/api/v1/contractors/" + std::to_string(id)).status, 200);
  auto admin = api.Call("GET", "/api/v1/admin/contractors", "", {{"q", "malarz"}});
  EXPECT_EQ(json::parse(admin.body)["total"], 1);
}

TEST(ContractorsRoutes, ReviewOnceThenConflictAndAverageShown) {
  Api api;
  uint64_t id = api.Create({{"name", "Glazura Pro"}});
  const std::string path = "/api/v1/contractors/" + std::to_string(id);
  auto first = api.Call("POST", path + "/reviews", R"({"rating":4,"text":"Solidnie"})");
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = api.Call("POST", path + "/reviews", R"({"rating":5})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Code(again), "review_exists");
  api.as = "neighbour";
  ASSERT_EQ(api.Call("POST", path + "/reviews", R"({"rating":5})").status, 201);
  auto detail = api.Call("GET", path);
  ASSERT_EQ(detail.status, 200);
  json d = json::parse(detail.body);
  EXPECT_DOUBLE_EQ(d["rating"]["average"].get<double>(), 4.5);
  EXPECT_EQ(d["rating"]["count"], 2);
  EXPECT_EQ(d["reviews"]["total"], 2);
  EXPECT_EQ(d["my_review"]["rating"], 5);
  EXPECT_FALSE(d["reviews"]["items"][0].contains("user_id"));  // residents never see who wrote it
}

TEST(ContractorsRoutes, StaffHidesAReviewWithAReason) {
  Api api;
  uint64_t id = api.Create({{"name", "Glazura Pro"}});
  const std::string path = "/api/v1/contractors/" + std::to_string(id);
  auto review = api.Call("POST", path + "/reviews", R"({"rating":1,"text":"obraźliwy wpis"})");
  uint64_t rid = json::parse(review.body)["id"];
  const std::string hide = "/api/v1/admin/contractors/reviews/" + std::to_string(rid) + "/hide";
  EXPECT_EQ(api.Call("POST", hide, R"({"reason":"x"})").status, 403);
  api.as = "staff";
  EXPECT_EQ(Code(api.Call("POST", hide, "{}")), "field_required");
  ASSERT_EQ(api.Call("POST", hide, R"({"reason":"Naruszenie regulaminu"})").status, 200);
  EXPECT_EQ(api.Call("POST", "/api/v1/admin/contractors/reviews/999/hide", R"({"reason":"x"})").status, 404);
  api.as = "neighbour";
  json d = json::parse(api.Call("GET", path).body);
  EXPECT_EQ(d["reviews"]["total"], 0);
  EXPECT_EQ(d["rating"]["count"], 0);
  auto log = api.f.audit.List(audit::Filter{});
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "contractor.review_hide");
  EXPECT_EQ(log[0].ip, "192.0.2.1");
}

TEST(ContractorsRoutes, StaffUnhidesAReviewAndItCountsAgain) {
  Api api;
  uint64_t id = api.Create({{"name", "Glazura Pro"}});
  const std::string path = "/api/v1/contractors/" + std::to_string(id);
  uint64_t rid = json::parse(api.Call("POST", path + "/reviews", R"({"rating":2,"text":"Spóźnienie"})").body)["id"];
  const std::string review = "/api/v1/admin/contractors/reviews/" + std::to_string(rid);
  api.as = "staff";
  ASSERT_EQ(api.Call("POST", review + "/hide", R"({"reason":"Do wyjaśnienia"})").status, 200);
  api.as = "resident";
  EXPECT_EQ(api.Call("POST", review + "/unhide").status, 403);
  api.as = "staff";
  auto shown = api.Call("POST", review + "/unhide");
  ASSERT_EQ(shown.status, 200) << shown.body;
  json r = json::parse(shown.body);
  EXPECT_EQ(r["hidden"], false);
  EXPECT_EQ(r["hidden_reason"], "");
  EXPECT_TRUE(r["hidden_at"].is_null());
  EXPECT_EQ(api.Call("POST", review + "/unhide").status, 200);  // already visible: stays so
  EXPECT_EQ(Code(api.Call("POST", "/api/v1/admin/contractors/reviews/999/unhide")), "not_found");
  EXPECT_EQ(Code(api.Call("POST", "/api/v1/admin/contractors/reviews/x/unhide")), "not_found");
  auto log = api.f.audit.List(audit::Filter{});
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "contractor.review_unhide");
  EXPECT_EQ(log[0].target_id, rid);
  api.as = "neighbour";
  json d = json::parse(api.Call("GET", path).body);
  EXPECT_EQ(d["reviews"]["total"], 1);
  EXPECT_EQ(d["rating"]["count"], 1);
  EXPECT_DOUBLE_EQ(d["rating"]["average"].get<double>(), 2.0);
}

TEST(ContractorsRoutes, StaffDetailShowsInactiveContractorsAndHiddenReviews) {
  Api api;
  uint64_t id = api.Create({{"name", "Malarz"}});
  const std::string path = "/api/v1/contractors/" + std::to_string(id);
  const std::string admin = "/api/v1/admin/contractors/" + std::to_string(id);
  uint64_t rid = json::parse(api.Call("POST", path + "/reviews", R"({"rating":1,"text":"Źle"})").body)["id"];
  EXPECT_EQ(api.Call("GET", admin).status, 403);
  api.as = "staff";
  ASSERT_EQ(
      api.Call("POST", "/api/v1/admin/contractors/reviews/" + std::to_string(rid) + "/hide", R"({"reason":"Spam"})")
          .status,
      200);
  ASSERT_EQ(api.Call("PUT", admin, R"({"name":"Malarz","active":false})").status, 200);
  auto r = api.Call("GET", admin);
  ASSERT_EQ(r.status, 200) << r.body;
  json d = json::parse(r.body);
  EXPECT_EQ(d["active"], false);
  EXPECT_EQ(d["reviews"]["total"], 1);
  EXPECT_EQ(d["reviews"]["items"][0]["hidden"], true);
  EXPECT_EQ(d["reviews"]["items"][0]["hidden_reason"], "Spam");
  EXPECT_EQ(d["reviews"]["items"][0]["user_id"], 7);
  EXPECT_EQ(Code(api.Call("GET", "/api/v1/admin/contractors/999")), "not_found");
  EXPECT_EQ(Code(api.Call("GET", admin, "", {{"limit", "x"}})), "query_invalid");
}

TEST(ContractorsRoutes, UpdateAndDeleteKeepSearchRight) {
  Api api;
  uint64_t id = api.Create({{"name", "Dekarstwo Stare"}});
  api.as = "staff";
  const std::string path = "/api/v1/admin/contractors/" + std::to_string(id);
  ASSERT_EQ(api.Call("PUT", path, R"({"name":"Dachy Nowe"})").status, 200);
  EXPECT_EQ(json::parse(api.Call("GET", "/api/v1/contractors", "", {{"q", "stare"}}).body)["total"], 0);
  EXPECT_EQ(json::parse(api.Call("GET", "/api/v1/contractors", "", {{"q", "dachy"}}).body)["total"], 1);
  ASSERT_EQ(api.Call("DELETE", path).status, 200);
  EXPECT_EQ(json::parse(api.Call("GET", "/api/v1/contractors", "", {{"q", "dachy"}}).body)["total"], 0);
  EXPECT_EQ(api.Call("DELETE", path).status, 404);
  EXPECT_EQ(api.Call("PUT", path, R"({"name":"X"})").status, 404);
}

TEST(ContractorsRoutes, CategoriesListAndCreate) {
  Api api;
  auto list = api.Call("GET", "/api/v1/contractors/categories");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::parse(list.body)["items"].size(), 10u);
  api.as = "staff";
  auto made = api.Call("POST", "/api/v1/admin/contractors/categories", R"({"name":"Kominiarz"})");
  EXPECT_EQ(made.status, 201) << made.body;
  auto dup = api.Call("POST", "/api/v1/admin/contractors/categories", R"({"name":"kominiarz"})");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(Code(dup), "category_name_taken");
  EXPECT_EQ(json::parse(api.Call("GET", "/api/v1/admin/contractors/categories").body)["items"].size(), 11u);
}

TEST(ContractorsRoutes, BadInputGetsPreciseCodes) {
  Api api;
  api.as = "staff";
  const std::string admin = "/api/v1/admin/contractors";
  EXPECT_EQ(Code(api.Call("POST", admin, "not json")), "json_invalid");
  EXPECT_EQ(Code(api.Call("POST", admin, R"({"name":"X","x":1})")), "unknown_field");
  EXPECT_EQ(Code(api.Call("POST", admin, R"({"name":5})")), "field_type");
  EXPECT_EQ(Code(api.Call("POST", admin, R"j({"name":"X","website":"javascript:alert(1)"})j")), "url_invalid");
  EXPECT_EQ(Code(api.Call("POST", admin, R"({"name":"X","category_ids":[4242]})")), "category_not_found");
  auto too_long = api.Call("POST", admin, json{{"name", "X"}, {"description", std::string(2001, 'd')}}.dump());
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(Code(too_long), "field_too_long");
  EXPECT_EQ(api.Call("PUT", admin + "/abc", R"({"name":"X"})").status, 404);
  EXPECT_EQ(api.Call("GET", "/api/v1/contractors/0").status, 404);
  EXPECT_EQ(api.Call("GET", "/api/v1/contractors/18446744073709551616").status, 404);
  EXPECT_EQ(Code(api.Call("GET", "/api/v1/contractors", "", {{"limit", "0"}})), "field_invalid");
  EXPECT_EQ(Code(api.Call("GET", "/api/v1/contractors", "", {{"limit", "abc"}})), "query_invalid");
  EXPECT_EQ(Code(api.Call("GET", "/api/v1/contractors", "", {{"offset", "-1"}})), "query_invalid");
  EXPECT_EQ(Code(api.Call("GET", "/api/v1/contractors", "", {{"q", std::string(201, 'q')}})), "field_too_long");
  uint64_t id = api.Create({{"name", "Ocena"}});
  const std::string reviews = "/api/v1/contractors/" + std::to_string(id) + "/reviews";
  EXPECT_EQ(Code(api.Call("POST", reviews, R"({"rating":6})")), "field_invalid");
  EXPECT_EQ(Code(api.Call("POST", reviews, R"({"rating":"5"})")), "field_type");
  EXPECT_EQ(Code(api.Call("POST", reviews, R"({})")), "field_required");
  EXPECT_EQ(api.Call("POST", "/api/v1/contractors/999/reviews", R"({"rating":5})").status, 404);
}

TEST(ContractorsRoutes, NewErrorCodesHaveMessagesAndStatuses) {
  const std::string generic = i18n::ErrorMessage("no_such_code", i18n::Lang::kPl);
  for (const char* code : {"url_invalid", "category_not_found", "category_name_taken", "review_exists"}) {
    EXPECT_NE(i18n::ErrorMessage(code, i18n::Lang::kPl), generic) << code;
    EXPECT_NE(i18n::ErrorMessage(code, i18n::Lang::kEn), i18n::ErrorMessage(code, i18n::Lang::kPl)) << code;
  }
  EXPECT_EQ(http::StatusForError("review_exists"), 409);
  EXPECT_EQ(http::StatusForError("category_name_taken"), 409);
  EXPECT_EQ(http::StatusForError("url_invalid"), 400);
  EXPECT_EQ(http::StatusForError("category_not_found"),
            400);  // an unknown id in the request body
}

}  // namespace
}  // namespace osiedle::contractors
