#include "daemon/modules/outages/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/http/dispatch.hpp"
#include "tests/unit/daemon/modules/outages/world.hpp"
#include "tests/unit/support/http_request.hpp"

namespace osiedle::outages {
namespace {

using nlohmann::json;
using testing::World;

// The real pipeline (route table, permissions, error mapping) over the outages routes. Callers are
// bearer principals with the permissions of their roles (no CSRF for bearer tokens).
struct Api {
  World w;
  http::RouteTable table;
  http::Services services;
  uint64_t as = 0;  // 0 = anonymous

  Api() {
    RegisterRoutes(table, w.svc);
    services.routes = &table;
    services.authenticate = [this](const http::Request&) {
      http::Principal p;
      if (as == 0) return p;
      p.kind = http::Principal::Kind::kBearer;
      p.user_id = as;
      p.permissions = w.f.env->View([&](const storage::ReadTxn& t) { return w.f.roles.PermissionsOf(t, as); });
      return p;
    };
  }

  http::Response Call(const std::string& method, const std::string& target, const json& body = nullptr) {
    http::Request req = osiedle::testing::MakeRequest(method, target, body.is_null() ? "" : body.dump());
    return http::Dispatch(services, req);
  }

  json Outage(uint64_t building, const std::string& title) {
    return json{{"kind", "water"},
                {"title", title},
                {"places", json::array({{{"building_id", building}}})},
                {"start_at", w.f.clock.NowUnix() + 3600},
                {"expected_end_at", w.f.clock.NowUnix() + 7200}};
  }

  // Creates as staff; returns the id.
  uint64_t Create(const json& body) {
    uint64_t saved = as;
    as = w.staff;
    auto r = Call("POST", "/api/v1/admin/outages", body);
    as = saved;
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("id", uint64_t{0});
  }
};

std::string ErrorCode(const http::Response& r) {
  auto j = json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"]["code"].get<std::string>() : "";
}

std::vector<uint64_t> ItemIds(const http::Response& r) {
  std::vector<uint64_t> ids;
  const json page = json::parse(r.body);
  for (const auto& item : page["items"]) ids.push_back(item["id"]);
  return ids;
}

// The home page's outage part is composed from texts rendered once for all readers: it must stay byte for byte
// what GET /api/v1/outages/active answers, through edits and updates.
TEST(OutagesRoutes, ActiveTextIsTheActiveListThroughEveryChange) {
  Api api;
  api.table.Add({"GET", "/test/active", http::kAuthenticated,
                 [&api](http::Context& ctx) {
                   http::Response r;
                   r.status = 200;
                   r.body = ActiveText(api.w.svc, ctx, 10);
                   return r;
                 },
                 ""});
  auto check = [&](uint64_t as) {
    api.as = as;
    std::string text = api.Call("GET", "/test/active").body;
    EXPECT_EQ(text, api.Call("GET", "/api/v1/outages/active?limit=10").body);
    return json::parse(text);
  };
  EXPECT_EQ(check(api.w.anna)["total"], 0);
  uint64_t a = api.Create(api.Outage(api.w.building_a, "Brak wody \"pion\" ąę"));
  EXPECT_EQ(check(api.w.anna)["items"][0]["id"], a);
  check(api.w.jan);
  api.as = api.w.staff;
  json edited = api.Outage(api.w.building_a, "Brak wody — poprawione");
  ASSERT_EQ(api.Call("PUT", "/api/v1/admin/outages/" + std::to_string(a), edited).status, 200);
  EXPECT_EQ(check(api.w.anna)["items"][0]["title"], "Brak wody — poprawione");
  api.as = api.w.staff;
  ASSERT_EQ(api.Call("POST", "/api/v1/admin/outages/" + std::to_string(a) + "/updates",
                     json{{"text", "Ekipa na miejscu."}, {"status", "ongoing"}})
                .status,
            201);
  json after = check(api.w.anna);
  EXPECT_EQ(after["items"][0]["status"], "ongoing");
  EXPECT_EQ(after["items"][0]["updates"].size(), 1u);
}

TEST(OutagesRoutes, ResidentSeesOwnBuildingByListAndIdButNeverAnother) {
  Api api;
  uint64_t a = api.Create(api.Outage(api.w.building_a, "Lazurowa 12"));
  uint64_t b = api.Create(api.Outage(api.w.building_b, "Wrzosowa 3"));
  api.as = api.w.anna;
  auto active = api.Call("GET", "/api/v1/outages/active");
  ASSERT_EQ(active.status, 200) << active.body;
  EXPECT_EQ(ItemIds(active), std::vector<uint64_t>{a}) << active.body;
  json page = json::parse(active.body);
  EXPECT_EQ(page["total"], 1);
  EXPECT_EQ(page["items"][0]["kind"], "water");
  EXPECT_EQ(page["items"][0]["status"], "planned");
  EXPECT_FALSE(page["items"][0].contains("created_by"));
  EXPECT_EQ(api.Call("GET", "/api/v1/outages/" + std::to_string(a)).status, 200);
  auto other = api.Call("GET", "/api/v1/outages/" + std::to_string(b));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(ErrorCode(other), "not_found");
  EXPECT_EQ(ErrorCode(api.Call("GET", "/api/v1/outages/abc")), "not_found");
  api.as = api.w.staff;  // staff read any outage by id
  EXPECT_EQ(api.Call("GET", "/api/v1/outages/" + std::to_string(b)).status, 200);
}

TEST(OutagesRoutes, AdminRoutesNeedThePermissionAndResidentRoutesALogin) {
  Api api;
  api.as = api.w.anna;
  EXPECT_EQ(api.Call("GET", "/api/v1/admin/outages").status, 403);
  EXPECT_EQ(api.Call("POST", "/api/v1/admin/outages", api.Outage(api.w.building_a, "x")).status, 403);
  EXPECT_EQ(api.Call("PUT", "/api/v1/admin/outages/public-buildings/" + std::to_string(api.w.building_a),
                     json{{"enabled", true}})
                .status,
            403);
  api.as = 0;
  EXPECT_EQ(api.Call("GET", "/api/v1/outages/active").status, 401);
}

TEST(OutagesRoutes, UpdateResolvesAndTheBannerEmpties) {
  Api api;
  uint64_t id = api.Create(api.Outage(api.w.building_a, "Brak wody"));
  api.as = api.w.staff;
  auto up = api.Call("POST", "/api/v1/admin/outages/" + std::to_string(id) + "/updates",
                     json{{"text", "Usunięto awarię."}, {"status", "resolved"}});
  ASSERT_EQ(up.status, 201) << up.body;
  json o = json::parse(up.body);
  EXPECT_EQ(o["status"], "resolved");
  EXPECT_EQ(o["updates"][0]["status"], "resolved");
  EXPECT_EQ(o["updates"][0]["author_id"], api.w.staff);
  auto resolved = api.Call("GET", "/api/v1/admin/outages?status=resolved");
  EXPECT_EQ(ItemIds(resolved), std::vector<uint64_t>{id});
  api.as = api.w.anna;
  EXPECT_EQ(ItemIds(api.Call("GET", "/api/v1/outages/active")), std::vector<uint64_t>{});
}

TEST(OutagesRoutes, EditReplacesTheOutage) {
  Api api;
  uint64_t id = api.Create(api.Outage(api.w.building_a, "Brak wody"));
  api.as = api.w.staff;
  json body = api.Outage(api.w.building_a, "Brak ciepłej wody");
  body["kind"] = "hot_water";
  body["places"] = json::array({{{"building_id", api.w.building_a}, {"staircase", "2"}}});
  auto put = api.Call("PUT", "/api/v1/admin/outages/" + std::to_string(id), body);
  ASSERT_EQ(put.status, 200) << put.body;
  json got = json::parse(api.Call("GET", "/api/v1/admin/outages/" + std::to_string(id)).body);
  EXPECT_EQ(got["kind"], "hot_water");
  EXPECT_EQ(got["places"][0]["staircase"], "2");
  body["status"] = "ongoing";  // status changes only through updates
  EXPECT_EQ(ErrorCode(api.Call("PUT", "/api/v1/admin/outages/" + std::to_string(id), body)), "unknown_field");
  EXPECT_EQ(ErrorCode(api.Call("PUT", "/api/v1/admin/outages/9999", api.Outage(api.w.building_a, "x"))), "not_found");
}

TEST(OutagesRoutes, PublicPageNeedsNoLoginAndHonoursTheFlag) {
  Api api;
  uint64_t id = api.Create(api.Outage(api.w.building_a, "Brak wody"));
  const std::string page = "/api/v1/public/buildings/" + std::to_string(api.w.building_a) + "/outages";
  auto off = api.Call("GET", page);
  EXPECT_EQ(off.status, 404);
  EXPECT_EQ(ErrorCode(off), "outages_public_disabled");
  auto missing = api.Call("GET", "/api/v1/public/buildings/424242/outages");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorCode(missing), "building_not_found");

  api.as = api.w.staff;
  const std::string flag = "/api/v1/admin/outages/public-buildings/" + std::to_string(api.w.building_a);
  EXPECT_EQ(ErrorCode(api.Call("PUT", flag, json{{"enabled", "yes"}})), "field_type");
  ASSERT_EQ(api.Call("PUT", flag, json{{"enabled", true}}).status, 200);
  auto listed = json::parse(api.Call("GET", "/api/v1/admin/outages/public-buildings").body);
  EXPECT_EQ(listed["building_ids"], json::array({api.w.building_a}));

  api.as = 0;
  auto on = api.Call("GET", page);
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(ItemIds(on), std::vector<uint64_t>{id});
  EXPECT_FALSE(json::parse(on.body)["items"][0].contains("created_by"));
  EXPECT_EQ(ErrorCode(api.Call("GET", "/api/v1/public/buildings/" + std::to_string(api.w.building_b) + "/outages")),
            "outages_public_disabled");
}

TEST(OutagesRoutes, BadInputGetsPreciseCodes) {
  Api api;
  api.as = api.w.staff;
  auto post = [&](json body) { return ErrorCode(api.Call("POST", "/api/v1/admin/outages", body)); };
  json good = api.Outage(api.w.building_a, "Brak wody");
  json b = good;
  b["kind"] = "plumbing";
  EXPECT_EQ(post(b), "outage_kind_invalid");
  b = good;
  b["status"] = "done";
  EXPECT_EQ(post(b), "outage_status_invalid");
  b = good;
  b["colour"] = "red";
  EXPECT_EQ(post(b), "unknown_field");
  b = good;
  b["places"] = json::array();
  EXPECT_EQ(post(b), "outage_places_required");
  b.erase("places");
  EXPECT_EQ(post(b), "outage_places_required");
  b = good;
  b["places"] = json::array({{{"building_id", api.w.building_a}, {"floor", 3}}});
  EXPECT_EQ(post(b), "unknown_field");
  b["places"] = json::array({42});
  EXPECT_EQ(post(b), "outage_place_invalid");
  b["places"] = json::array({{{"building_id", 424242}}});
  auto nf = api.Call("POST", "/api/v1/admin/outages", b);
  EXPECT_EQ(ErrorCode(nf), "building_not_found");
  EXPECT_EQ(nf.status, 404);
  b = good;
  b["expected_end_at"] = good["start_at"];
  EXPECT_EQ(post(b), "outage_end_before_start");
  b = good;
  b["title"] = std::string(201, 'x');
  EXPECT_EQ(post(b), "field_too_long");
  b = good;
  b["start_at"] = "jutro";
  EXPECT_EQ(post(b), "field_type");
  EXPECT_EQ(ErrorCode(api.Call("GET", "/api/v1/admin/outages?limit=0")), "field_type");
  EXPECT_EQ(ErrorCode(api.Call("GET", "/api/v1/admin/outages?status=maybe")), "outage_status_invalid");
  EXPECT_EQ(ErrorCode(api.Call("GET", "/api/v1/admin/outages?building=x")), "field_type");
  uint64_t id = api.Create(good);
  auto upd = [&](json body) {
    return ErrorCode(api.Call("POST", "/api/v1/admin/outages/" + std::to_string(id) + "/updates", body));
  };
  EXPECT_EQ(upd(json::object()), "field_required");
  EXPECT_EQ(upd(json{{"text", std::string(1001, 'x')}}), "field_too_long");
  EXPECT_EQ(upd(json{{"text", "x"}, {"status", "closed"}}), "outage_status_invalid");
  EXPECT_EQ(upd(json{{"text", "x"}, {"expected_end_at", 5}}), "outage_end_before_start");
  EXPECT_EQ(ErrorCode(api.Call("POST", "/api/v1/admin/outages/9999/updates", json{{"text", "x"}})), "not_found");
}

TEST(OutagesRoutes, AdminListIsPaginated) {
  Api api;
  for (int i = 0; i < 3; ++i) api.Create(api.Outage(api.w.building_a, "Awaria " + std::to_string(i)));
  api.as = api.w.staff;
  json page = json::parse(api.Call("GET", "/api/v1/admin/outages?offset=1&limit=1").body);
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["offset"], 1);
  EXPECT_EQ(page["limit"], 1);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["title"], "Awaria 1");
  EXPECT_TRUE(page["items"][0].contains("created_by"));
}

TEST(OutagesRoutes, PlacesCarryRegistryNamesForResidentsStaffAndThePublic) {
  Api api;
  json body = api.Outage(api.w.building_a, "Brak wody");
  body["places"] = json::array({{{"building_id", api.w.building_a}, {"staircase", "1"}},
                                {{"estate_id", api.w.estate_lazurowa}}});
  uint64_t id = api.Create(body);
  const json staircase{{"building_id", api.w.building_a}, {"building_address", "Lazurowa 12"}, {"staircase", "1"}};
  const json estate{{"estate_id", api.w.estate_lazurowa}, {"estate_name", "Lazurowa"}};
  const json places = json::array({staircase, estate});

  api.as = api.w.anna;
  auto active = json::parse(api.Call("GET", "/api/v1/outages/active").body);
  EXPECT_EQ(active["items"][0]["places"], places) << active.dump();
  EXPECT_EQ(json::parse(api.Call("GET", "/api/v1/outages/" + std::to_string(id)).body)["places"], places);

  api.as = api.w.staff;
  EXPECT_EQ(json::parse(api.Call("GET", "/api/v1/admin/outages").body)["items"][0]["places"], places);
  auto saved = api.Call("PUT", "/api/v1/admin/outages/" + std::to_string(id), body);
  EXPECT_EQ(json::parse(saved.body)["places"], places) << saved.body;
  ASSERT_EQ(api.Call("PUT", "/api/v1/admin/outages/public-buildings/" + std::to_string(api.w.building_a),
                     json{{"enabled", true}})
                .status,
            200);

  api.as = 0;
  auto pub = json::parse(api.Call("GET", "/api/v1/public/buildings/" + std::to_string(api.w.building_a) + "/outages")
                             .body);
  EXPECT_EQ(pub["building_address"], "Lazurowa 12");
  EXPECT_EQ(pub["items"][0]["places"], places);
}

TEST(OutagesRoutes, PlacesListsEstatesBuildingsAndStaircasesForStaffOnly) {
  Api api;
  api.as = api.w.anna;
  EXPECT_EQ(api.Call("GET", "/api/v1/admin/outages/places").status, 403);
  api.as = 0;
  EXPECT_EQ(api.Call("GET", "/api/v1/admin/outages/places").status, 401);
  api.as = api.w.staff;
  auto r = api.Call("GET", "/api/v1/admin/outages/places");
  ASSERT_EQ(r.status, 200) << r.body;
  const json want{{"estates",
                   json::array({{{"id", api.w.estate_lazurowa},
                                 {"name", "Lazurowa"},
                                 {"buildings", json::array({{{"id", api.w.building_a},
                                                             {"address", "Lazurowa 12"},
                                                             {"staircases", json::array({"1", "2"})}},
                                                            {{"id", api.w.building_a2},
                                                             {"address", "Lazurowa 14"},
                                                             {"staircases", json::array({"1"})}}})}},
                                {{"id", api.w.estate_wrzosowa},
                                 {"name", "Wrzosowa"},
                                 {"buildings", json::array({{{"id", api.w.building_b},
                                                             {"address", "Wrzosowa 3"},
                                                             {"staircases", json::array({"1"})}}})}}})}};
  EXPECT_EQ(json::parse(r.body), want);
  // The route asks for outages:manage, not flats:read.
  std::map<std::string, std::string> params;
  const http::Route* route = api.table.Match("GET", "/api/v1/admin/outages/places", &params);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->permission, "outages:manage");
}

}  // namespace
}  // namespace osiedle::outages
