#include "daemon/modules/ads/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/http/dispatch.hpp"
#include "tests/unit/daemon/modules/ads/fixture.hpp"
#include "tests/unit/support/http_request.hpp"
#include "tests/unit/support/route_harness.hpp"

namespace osiedle::ads {
namespace {

using nlohmann::json;
using testing::kDay;
using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kStaffUser;

// The real pipeline (route table, permission check) over the ads routes. The caller is a bearer principal for user
// `as`, holding ads:manage when `as` is kStaffUser.
class AdsRoutesTest : public testing::AdsTest, public ::osiedle::testing::RouteHarness {
 protected:
  AdsRoutesTest() : RouteHarness(kStaffUser, {"ads:manage"}) {}

  void SetUp() override {
    AdsTest::SetUp();
    RegisterRoutes(table(), *ads_);
  }


  json Body(std::string title) const {
    return json{{"title", std::move(title)},
                {"advertiser", "Pizzeria Roma"},
                {"image_id", image_},
                {"alt", "Pizza margherita na drewnianym stole"},
                {"link", "https://roma.example.pl/menu"},
                {"starts_at", clock_.NowUnix() - 60},
                {"ends_at", clock_.NowUnix() + 7 * kDay},
                {"placement", "slider"}};
  }
  uint64_t Post(const json& body) {
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/ads", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["id"].get<uint64_t>() : 0;
  }
};

// The home page's slider is composed from banner texts rendered once: byte for byte the items of
// GET /api/v1/ads?placement=slider, also after an edit.
TEST_F(AdsRoutesTest, SliderTextIsTheSliderThroughEdits) {
  table().Add({"GET", "/test/slider", http::kAuthenticated,
               [this](http::Context& ctx) {
                 http::Response r;
                 r.status = 200;
                 r.body = SliderText(*ads_, ctx);
                 return r;
               },
               ""});
  auto check = [&] {
    std::string text = Call(kInBuilding20, "GET", "/test/slider").body;
    EXPECT_EQ(text, json::parse(Call(kInBuilding20, "GET", "/api/v1/ads?placement=slider").body)["items"].dump());
    return json::parse(text);
  };
  EXPECT_EQ(check().size(), 0u);
  const uint64_t id = Post(Body("Pizza \"Roma\" -20%"));
  Post(Body("Druga"));
  EXPECT_EQ(check().size(), 2u);
  json edited = Body("Pizza -30%");
  ASSERT_EQ(Call(kStaffUser, "PUT", "/api/v1/admin/ads/" + std::to_string(id), edited.dump()).status, 200);
  bool seen = false;
  for (const json& ad : check()) seen = seen || ad["title"] == "Pizza -30%";
  EXPECT_TRUE(seen);
}

TEST_F(AdsRoutesTest, StaffCreatesResidentSeesAndClicks) {
  json body = Body("Pizza -20%");
  body["paid"] = true;
  body["price"] = 9900;
  body["notes"] = "Umowa 12/2025";
  body["position"] = 3;
  const uint64_t id = Post(body);
  auto list = Call(kInBuilding20, "GET", "/api/v1/ads?placement=slider");
  ASSERT_EQ(list.status, 200) << list.body;
  json items = json::parse(list.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["id"], id);
  EXPECT_EQ(items[0]["title"], "Pizza -20%");
  EXPECT_EQ(items[0]["alt"], "Pizza margherita na drewnianym stole");
  EXPECT_EQ(items[0]["image_url"], "/api/v1/images/" + image_);
  EXPECT_EQ(items[0]["click_url"], "/api/v1/ads/" + std::to_string(id) + "/click");
  EXPECT_FALSE(items[0].contains("link")) << "residents go through the click redirect";
  EXPECT_FALSE(items[0].contains("notes"));
  EXPECT_FALSE(items[0].contains("price"));
  EXPECT_EQ(json::parse(Call(kInBuilding20, "GET", "/api/v1/ads?placement=stack").body)["items"].size(), 0u);
  EXPECT_EQ(json::parse(Call(kInBuilding20, "GET", "/api/v1/ads").body)["items"].size(), 1u) << "slider by default";

  auto click = Call(kInBuilding20, "GET", "/api/v1/ads/" + std::to_string(id) + "/click");
  EXPECT_EQ(click.status, 302);
  EXPECT_EQ(HeaderOf(click, "Location"), "https://roma.example.pl/menu");
  EXPECT_EQ(HeaderOf(click, "Cache-Control"), "no-store");

  ASSERT_TRUE(ads_->Flush().ok());
  auto admin = Call(kStaffUser, "GET", "/api/v1/admin/ads");
  ASSERT_EQ(admin.status, 200);
  json page = json::parse(admin.body);
  EXPECT_EQ(page["total"], 1);
  EXPECT_EQ(page["limit"], 20);
  EXPECT_EQ(page["items"][0]["impressions"], 2);
  EXPECT_EQ(page["items"][0]["clicks"], 1);
  EXPECT_EQ(page["items"][0]["price"], 9900);
  EXPECT_EQ(page["items"][0]["link"], "https://roma.example.pl/menu");
  EXPECT_EQ(page["items"][0]["placement"], "slider");
  EXPECT_EQ(page["items"][0]["position"], 3);
  EXPECT_EQ(page["items"][0]["state"], "running");

  auto stats =
      Call(kStaffUser, "GET", "/api/v1/admin/ads/" + std::to_string(id) + "/stats?from=2025-11-30&to=2025-12-02");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(json::parse(stats.body)["days"],
            json::parse(R"([{"date":"2025-11-30","impressions":0,"clicks":0},
                            {"date":"2025-12-01","impressions":2,"clicks":1},
                            {"date":"2025-12-02","impressions":0,"clicks":0}])"));
}

TEST_F(AdsRoutesTest, TargetedBannerIsNotFoundForOthers) {
  json body = Body("Lazurowa 11");
  body["groups"] = {building11_};
  const uint64_t id = Post(body);
  const std::string click = "/api/v1/ads/" + std::to_string(id) + "/click";
  EXPECT_EQ(json::parse(Call(kInBuilding20, "GET", "/api/v1/ads").body)["items"].size(), 0u);
  auto r = Call(kInBuilding20, "GET", click);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Code(r), "not_found");
  EXPECT_EQ(HeaderOf(r, "Location"), "");
  EXPECT_EQ(Call(kInBuilding11, "GET", click).status, 302);
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/ads/999/click").status, 404);
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/ads/abc/click").status, 404);
  ASSERT_TRUE(ads_->Flush().ok());
  EXPECT_EQ(json::parse(Call(kStaffUser, "GET", "/api/v1/admin/ads/" + std::to_string(id)).body)["clicks"], 1);
}

TEST_F(AdsRoutesTest, ResidentsCannotUseStaffRoutes) {
  const uint64_t id = Post(Body("x"));
  const std::string one = "/api/v1/admin/ads/" + std::to_string(id);
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/admin/ads").status, 403);
  EXPECT_EQ(Call(kInBuilding11, "POST", "/api/v1/admin/ads", Body("y").dump()).status, 403);
  EXPECT_EQ(Call(kInBuilding11, "PUT", one, Body("y").dump()).status, 403);
  EXPECT_EQ(Call(kInBuilding11, "DELETE", one).status, 403);
  EXPECT_EQ(Call(kInBuilding11, "GET", one + "/stats?from=2025-12-01&to=2025-12-01").status, 403);
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/admin/ads/stats.csv?from=2025-12-01&to=2025-12-01").status, 403);
  EXPECT_EQ(Call(0, "GET", "/api/v1/ads").status, 401);
  EXPECT_EQ(Call(0, "GET", "/api/v1/ads/" + std::to_string(id) + "/click").status, 401);
}

TEST_F(AdsRoutesTest, UpdateAndDelete) {
  const uint64_t id = Post(Body("Stara"));
  const std::string one = "/api/v1/admin/ads/" + std::to_string(id);
  json body = Body("Nowa");
  body["placement"] = "stack";
  body["enabled"] = false;
  auto put = Call(kStaffUser, "PUT", one, body.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body)["title"], "Nowa");
  EXPECT_EQ(json::parse(put.body)["enabled"], false);
  EXPECT_EQ(json::parse(put.body)["price"], nullptr);
  EXPECT_EQ(json::parse(put.body)["state"], "disabled");
  EXPECT_EQ(json::parse(Call(kInBuilding20, "GET", "/api/v1/ads?placement=stack").body)["items"].size(), 0u);
  EXPECT_EQ(Call(kStaffUser, "DELETE", one).status, 200);
  EXPECT_EQ(Call(kStaffUser, "GET", one).status, 404);
  EXPECT_EQ(Call(kStaffUser, "PUT", one, body.dump()).status, 404);
  EXPECT_EQ(Call(kStaffUser, "DELETE", one).status, 404);
}

TEST_F(AdsRoutesTest, CsvExport) {
  json body = Body("+48 dzwoń");
  body["advertiser"] = "=cmd|' /C calc'!A0";
  const uint64_t id = Post(body);
  Call(kInBuilding20, "GET", "/api/v1/ads");
  Call(kInBuilding20, "GET", "/api/v1/ads/" + std::to_string(id) + "/click");
  ASSERT_TRUE(ads_->Flush().ok());
  auto r = Call(kStaffUser, "GET", "/api/v1/admin/ads/stats.csv?from=2025-12-01&to=2025-12-31");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(HeaderOf(r, "Content-Disposition"), "attachment; filename=\"reklamy-2025-12-01-2025-12-31.csv\"");
  EXPECT_EQ(r.body,
            "\xEF\xBB\xBF"
            "data;reklama;reklamodawca;wyświetlenia;kliknięcia;CTR\r\n"
            "2025-12-01;'+48 dzwoń;'=cmd|' /C calc'!A0;1;1;100,00%\r\n");
}

TEST_F(AdsRoutesTest, BadInputGetsPreciseCodes) {
  struct Case {
    std::function<void(json&)> mutate;
    std::string code, field;
  };
  const std::string pdf = pdf_;
  const Case cases[] = {
      {[](json& b) { b["link"] = "javascript:alert(document.cookie)"; }, "link_invalid", "link"},
      {[](json& b) { b["link"] = "https://a.pl/" + std::string(2000, 'x'); }, "field_too_long", "link"},
      {[pdf](json& b) { b["image_id"] = pdf; }, "upload_not_image", "image_id"},
      {[](json& b) { b["image_id"] = "nope"; }, "upload_not_image", "image_id"},
      {[](json& b) { b.erase("alt"); }, "field_required", "alt"},
      {[](json& b) { b.erase("ends_at"); }, "field_required", "ends_at"},
      {[](json& b) { b["colour"] = "red"; }, "unknown_field", "colour"},
      {[](json& b) { b["placement"] = "popup"; }, "field_invalid", "placement"},
      {[](json& b) { b["price"] = -5; }, "", "price"},
      {[](json& b) { b["price"] = 5; }, "field_invalid", "price"},
      {[](json& b) { b["position"] = "first"; }, "field_type", "position"},
      {[](json& b) { b["starts_at"] = "2025-12-01"; }, "field_type", "starts_at"},
      {[](json& b) { b["ends_at"] = b["starts_at"]; }, "field_invalid", "ends_at"},
      {[](json& b) { b["groups"] = {0}; }, "", "groups"},
      {[](json& b) { b["title"] = std::string(121, 'x'); }, "field_too_long", "title"},
  };
  for (const Case& c : cases) {
    json body = Body("Zła");
    c.mutate(body);
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/ads", body.dump());
    EXPECT_EQ(r.status, 400) << body.dump() << " " << r.body;
    json err = json::parse(r.body)["error"];
    if (!c.code.empty()) {
      EXPECT_EQ(err["code"], c.code) << body.dump();
    }
    EXPECT_EQ(err["field"], c.field) << body.dump();
  }
  EXPECT_EQ(Call(kStaffUser, "POST", "/api/v1/admin/ads", "{not json").status, 400);
  EXPECT_EQ(json::parse(Call(kStaffUser, "GET", "/api/v1/admin/ads").body)["total"], 0);
  EXPECT_EQ(Code(Call(kInBuilding20, "GET", "/api/v1/ads?placement=banner")), "field_invalid");
  EXPECT_EQ(Code(Call(kStaffUser, "GET", "/api/v1/admin/ads?limit=0")), "field_type");
}

TEST_F(AdsRoutesTest, BadDatesAndRanges) {
  const uint64_t id = Post(Body("Daty"));
  const std::string stats = "/api/v1/admin/ads/" + std::to_string(id) + "/stats";
  struct Case {
    std::string query, code, field;
  };
  const Case cases[] = {
      {"", "field_invalid", "from"},
      {"?from=2025-12-01", "field_invalid", "to"},
      {"?from=2025-02-30&to=2025-03-01", "field_invalid", "from"},
      {"?from=01.12.2025&to=2025-12-02", "field_invalid", "from"},
      {"?from=2025-12-02&to=2025-12-01", "field_invalid", "to"},
      {"?from=2025-01-01&to=2026-01-02", "range_too_long", "to"},
  };
  for (const Case& c : cases) {
    for (const std::string& path : {stats, std::string("/api/v1/admin/ads/stats.csv")}) {
      auto r = Call(kStaffUser, "GET", path + c.query);
      EXPECT_EQ(r.status, 400) << path << c.query;
      EXPECT_EQ(Code(r), c.code) << path << c.query;
      EXPECT_EQ(json::parse(r.body)["error"]["field"], c.field) << path << c.query;
    }
  }
  EXPECT_EQ(Call(kStaffUser, "GET", stats + "?from=2025-01-01&to=2026-01-01").status, 200) << "366 days";
  EXPECT_EQ(Call(kStaffUser, "GET", "/api/v1/admin/ads/999/stats?from=2025-01-01&to=2025-01-01").status, 404);
}

}  // namespace
}  // namespace osiedle::ads
