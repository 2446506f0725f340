#include "daemon/modules/news/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/core/i18n.hpp"
#include "daemon/http/dispatch.hpp"
#include "tests/unit/support/http_request.hpp"
#include "tests/unit/support/route_harness.hpp"
#include "tests/unit/daemon/modules/news/fixture.hpp"

namespace osiedle::news {
namespace {

using nlohmann::json;
using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kStaffUser;

// The real pipeline (route table, permission check) over the news routes. The caller is chosen per request: a bearer
// principal for user `as`, with the staff permissions when `as` is kStaffUser.
class NewsRoutesTest : public testing::NewsTest, public ::osiedle::testing::RouteHarness {
 protected:
  NewsRoutesTest() : RouteHarness(kStaffUser, {"news:publish", "news:moderate"}) {}

  void SetUp() override {
    NewsTest::SetUp();
    RegisterRoutes(table(), *news_);
  }

  http::Response Call(uint64_t as, const std::string& method, const std::string& path, const std::string& body = "",
                      std::map<std::string, std::string> query = {}) {
    http::Request req = ::osiedle::testing::MakeRequest(method, path, body);
    req.query = std::move(query);
    return DispatchAs(as, std::move(req));
  }

  uint64_t Publish(json body) {
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/news", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["id"].get<uint64_t>() : 0;
  }
};

TEST_F(NewsRoutesTest, StaffPublishesAndResidentReadsFeed) {
  uint64_t id = Publish({{"title", "Przegląd gazowy"},
                         {"lead", "W przyszłym tygodniu"},
                         {"body", "**Uwaga**"},
                         {"pinned", true},
                         {"comments_enabled", true}});
  auto r = Call(kInBuilding20, "GET", "/api/v1/news");
  ASSERT_EQ(r.status, 200) << r.body;
  json feed = json::parse(r.body);
  EXPECT_EQ(feed["total"], 1);
  EXPECT_EQ(feed["offset"], 0);
  EXPECT_EQ(feed["limit"], 20);
  ASSERT_EQ(feed["items"].size(), 1u);
  EXPECT_EQ(feed["items"][0]["id"], id);
  EXPECT_EQ(feed["items"][0]["unread"], true);
  EXPECT_EQ(feed["items"][0]["pinned"], true);
  EXPECT_FALSE(feed["items"][0].contains("read_count")) << "counters are for staff";
  EXPECT_FALSE(feed["items"][0].contains("body_html")) << "lists carry no body";

  auto one = Call(kInBuilding20, "GET", "/api/v1/news/" + std::to_string(id));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(json::parse(one.body)["body_html"], "<p><strong>Uwaga</strong></p>\n");
  EXPECT_EQ(Call(kInBuilding20, "POST", "/api/v1/news/" + std::to_string(id) + "/read").status, 200);
  EXPECT_EQ(json::parse(Call(kInBuilding20, "GET", "/api/v1/news").body)["items"][0]["unread"], false);

  auto admin = json::parse(Call(kStaffUser, "GET", "/api/v1/admin/news/" + std::to_string(id)).body);
  EXPECT_EQ(admin["read_count"], 1);
  EXPECT_EQ(admin["body"], "**Uwaga**");
  EXPECT_EQ(admin["state"], "published");
}

TEST_F(NewsRoutesTest, TargetedItemIsNotFoundForOthers) {
  uint64_t id = Publish({{"title", "Lazurowa 11"}, {"groups", {building11_}}, {"comments_enabled", true}});
  const std::string path = "/api/v1/news/" + std::to_string(id);
  EXPECT_EQ(json::parse(Call(kInBuilding20, "GET", "/api/v1/news").body)["total"], 0);
  for (auto [method, p] :
       {std::pair{"GET", path}, std::pair{"POST", path + "/read"}, std::pair{"GET", path + "/comments"}}) {
    auto r = Call(kInBuilding20, method, p, "");
    EXPECT_EQ(r.status, 404) << method << " " << p;
    EXPECT_EQ(Code(r), "not_found");
  }
  auto post = Call(kInBuilding20, "POST", path + "/comments", json{{"body", "x"}}.dump());
  EXPECT_EQ(post.status, 404);
  EXPECT_EQ(Call(kInBuilding11, "GET", path).status, 200);
}

TEST_F(NewsRoutesTest, ResidentsCannotUseStaffRoutes) {
  uint64_t id = Publish({{"title", "x"}});
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/admin/news").status, 403);
  EXPECT_EQ(Call(kInBuilding11, "POST", "/api/v1/admin/news", json{{"title", "y"}}.dump()).status, 403);
  EXPECT_EQ(Call(kInBuilding11, "DELETE", "/api/v1/admin/news/" + std::to_string(id)).status, 403);
  EXPECT_EQ(Call(0, "GET", "/api/v1/news").status, 401);
}

TEST_F(NewsRoutesTest, BadInputGetsPreciseCodes) {
  struct Case {
    json body;
    std::string code, field;
  };
  const Case cases[] = {
      {json{{"lead", "x"}}, "field_required", "title"},
      {json{{"title", "x"}, {"colour", "red"}}, "unknown_field", "colour"},
      {json{{"title", 5}}, "field_type", "title"},
      {json{{"title", "x"}, {"pinned", "yes"}}, "field_type", "pinned"},
      {json{{"title", "x"}, {"publish_at", -5}}, "", "publish_at"},
      {json{{"title", "x"}, {"groups", {0}}}, "", "groups"},
      {json{{"title", std::string(201, 'x')}}, "field_too_long", "title"},
  };
  for (const Case& c : cases) {
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/news", c.body.dump());
    EXPECT_EQ(r.status, 400) << c.body.dump() << " " << r.body;
    json err = json::parse(r.body)["error"];
    if (!c.code.empty()) {
      EXPECT_EQ(err["code"], c.code) << c.body.dump();
    }
    EXPECT_EQ(err["field"], c.field) << c.body.dump();
  }
  EXPECT_EQ(Call(kStaffUser, "POST", "/api/v1/admin/news", "{not json").status, 400);
  EXPECT_EQ(Code(Call(kStaffUser, "GET", "/api/v1/admin/news/abc")), "not_found");
  EXPECT_EQ(Code(Call(kInBuilding11, "GET", "/api/v1/news", "", {{"limit", "0"}})), "field_type");
  EXPECT_EQ(Code(Call(kInBuilding11, "GET", "/api/v1/news", "", {{"offset", "-1"}})), "field_type");
  EXPECT_EQ(json::parse(Call(kStaffUser, "GET", "/api/v1/admin/news").body)["total"], 0);
}

TEST_F(NewsRoutesTest, NullTimesMeanNotSet) {
  uint64_t id = Publish({{"title", "x"}, {"publish_at", nullptr}, {"expire_at", nullptr}});
  auto admin = json::parse(Call(kStaffUser, "GET", "/api/v1/admin/news/" + std::to_string(id)).body);
  EXPECT_EQ(admin["publish_at"], clock_.NowUnix());
  EXPECT_TRUE(admin["expire_at"].is_null());
}

TEST_F(NewsRoutesTest, CommentsFlowWithModeration) {
  uint64_t id = Publish({{"title", "Dyskusja"}, {"comments_enabled", true}});
  const std::string base = "/api/v1/news/" + std::to_string(id);
  auto posted = Call(kInBuilding11, "POST", base + "/comments", json{{"body", "Świetnie"}}.dump());
  ASSERT_EQ(posted.status, 201) << posted.body;
  uint64_t cid = json::parse(posted.body)["id"];
  const std::string report = "/api/v1/news/comments/" + std::to_string(cid) + "/report";
  EXPECT_EQ(Call(kInBuilding20, "POST", report).status, 200);
  auto again = Call(kInBuilding20, "POST", report);
  EXPECT_EQ(Code(again), "comment_already_reported");

  auto staff_list = json::parse(
      Call(kStaffUser, "GET", "/api/v1/admin/news/" + std::to_string(id) + "/comments", "", {{"reported", "1"}}).body);
  ASSERT_EQ(staff_list["items"].size(), 1u);
  EXPECT_EQ(staff_list["items"][0]["report_count"], 1);

  const std::string hide = "/api/v1/admin/news/comments/" + std::to_string(cid) + "/hide";
  EXPECT_EQ(Call(kInBuilding11, "POST", hide, json{{"reason", "x"}}.dump()).status, 403);
  EXPECT_EQ(Code(Call(kStaffUser, "POST", hide, json{{"reason", std::string(501, 'r')}}.dump())), "field_too_long");
  auto hidden = Call(kStaffUser, "POST", hide, json{{"reason", "Spam"}}.dump());
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  EXPECT_EQ(json::parse(hidden.body)["hidden"], true);
  auto resident_list = json::parse(Call(kInBuilding20, "GET", base + "/comments").body);
  EXPECT_EQ(resident_list["total"], 0);
}

TEST_F(NewsRoutesTest, CommentsDisabledAnswersItsCode) {
  uint64_t id = Publish({{"title", "Bez dyskusji"}});
  auto r = Call(kInBuilding11, "POST", "/api/v1/news/" + std::to_string(id) + "/comments", json{{"body", "x"}}.dump());
  EXPECT_EQ(Code(r), "comments_disabled");
  EXPECT_EQ(Code(Call(kInBuilding11, "POST", "/api/v1/news/" + std::to_string(id) + "/comments", "{}")),
            "field_required");
}

TEST_F(NewsRoutesTest, UpdateAndDelete) {
  uint64_t id = Publish({{"title", "Stary"}});
  const std::string path = "/api/v1/admin/news/" + std::to_string(id);
  auto put = Call(kStaffUser, "PUT", path, json{{"title", "Nowy"}, {"body", "<script>x</script>tekst"}}.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body)["title"], "Nowy");
  EXPECT_EQ(json::parse(put.body)["body_html"].get<std::string>().find("<script"), std::string::npos);
  EXPECT_EQ(Call(kStaffUser, "DELETE", path).status, 200);
  EXPECT_EQ(Call(kStaffUser, "GET", path).status, 404);
  EXPECT_EQ(Call(kStaffUser, "PUT", path, json{{"title", "x"}}.dump()).status, 404);
}

// The home page's news part is composed from summaries rendered once for all readers: it must stay byte for byte
// what GET /api/v1/news answers, per reader, through every change a summary shows.
TEST_F(NewsRoutesTest, FeedHeadTextIsTheFeedsFirstPageThroughEveryChange) {
  table().Add({"GET", "/test/head", http::kAuthenticated,
               [this](http::Context& ctx) {
                 http::Response r;
                 r.status = 200;
                 r.body = FeedHeadText(*news_, ctx, 2);
                 return r;
               },
               ""});
  auto check = [&](uint64_t as, bool has_more) {
    std::string text = Call(as, "GET", "/test/head").body;
    json head = json::parse(text);
    EXPECT_EQ(text, head.dump());  // sorted keys, as every other answer
    EXPECT_EQ(head["has_more"], has_more);
    EXPECT_EQ(head["items"], json::parse(Call(as, "GET", "/api/v1/news", "", {{"limit", "2"}}).body)["items"]);
    return head;
  };
  uint64_t a = Publish({{"title", "Pierwszy"}, {"lead", "A"}});
  EXPECT_EQ(check(kInBuilding20, false)["items"][0]["id"], a);
  uint64_t b = Publish({{"title", "Drugi \"cytat\" \u0105\u0119 </script>"}, {"lead", "B\nC"}, {"comments_enabled", true}});
  uint64_t c = Publish({{"title", "Trzeci"}, {"image_id", "abc123"}});
  check(kInBuilding20, true);
  check(kInBuilding11, true);

  // Read by one resident: unread only for the other.
  ASSERT_EQ(Call(kInBuilding20, "POST", "/api/v1/news/" + std::to_string(c) + "/read").status, 200);
  EXPECT_EQ(check(kInBuilding20, true)["items"][0]["unread"], false);
  EXPECT_EQ(check(kInBuilding11, true)["items"][0]["unread"], true);
  // An edit, a pin and a comment each show at once.
  ASSERT_EQ(Call(kStaffUser, "PUT", "/api/v1/admin/news/" + std::to_string(c), json{{"title", "Trzeci, poprawiony"}, {"image_id", "abc123"}}.dump()).status,
            200);
  EXPECT_EQ(check(kInBuilding11, true)["items"][0]["title"], "Trzeci, poprawiony");
  ASSERT_EQ(Call(kStaffUser, "PUT", "/api/v1/admin/news/" + std::to_string(a),
                 json{{"title", "Pierwszy"}, {"lead", "A"}, {"pinned", true}}.dump())
                .status,
            200);
  json pinned = check(kInBuilding11, true);
  EXPECT_EQ(pinned["items"][0]["id"], a);
  EXPECT_EQ(pinned["items"][0]["pinned"], true);
  ASSERT_EQ(Call(kStaffUser, "PUT", "/api/v1/admin/news/" + std::to_string(a), json{{"title", "Pierwszy"}}.dump()).status,
            200);
  ASSERT_EQ(Call(kInBuilding11, "POST", "/api/v1/news/" + std::to_string(b) + "/comments", json{{"body", "Dzięki"}}.dump())
                .status,
            201);
  json commented = check(kInBuilding11, true);
  ASSERT_EQ(commented["items"][1]["id"], b);
  EXPECT_EQ(commented["items"][1]["comment_count"], 1);
}

TEST_F(NewsRoutesTest, ImageUrlSitsNextToImageId) {
  uint64_t with = Publish({{"title", "Z obrazkiem"}, {"image_id", "abc123"}});
  uint64_t without = Publish({{"title", "Bez obrazka"}});
  auto feed = json::parse(Call(kInBuilding20, "GET", "/api/v1/news").body);
  ASSERT_EQ(feed["items"].size(), 2u);
  for (const json& item : feed["items"]) {
    if (item["id"] == with) {
      EXPECT_EQ(item["image_url"], "/api/v1/images/abc123");
    } else {
      EXPECT_EQ(item["id"], without);
      EXPECT_TRUE(item["image_url"].is_null());
      EXPECT_TRUE(item["image_id"].is_null());
    }
  }
  auto one = json::parse(Call(kInBuilding20, "GET", "/api/v1/news/" + std::to_string(with)).body);
  EXPECT_EQ(one["image_url"], "/api/v1/images/abc123");
  auto admin = json::parse(Call(kStaffUser, "GET", "/api/v1/admin/news/" + std::to_string(with)).body);
  EXPECT_EQ(admin["image_url"], "/api/v1/images/abc123");
}

TEST_F(NewsRoutesTest, ModerationQueueListsReportedCommentsAcrossItems) {
  uint64_t a = Publish({{"title", "Pierwszy"}, {"comments_enabled", true}});
  uint64_t b = Publish({{"title", "Drugi"}, {"comments_enabled", true}});
  auto comment = [&](uint64_t item, const char* text) {
    const std::string path = "/api/v1/news/" + std::to_string(item) + "/comments";
    auto r = Call(kInBuilding11, "POST", path, json{{"body", text}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["id"].get<uint64_t>();
  };
  uint64_t ca = comment(a, "Na pierwszym");
  uint64_t cb = comment(b, "Na drugim");
  comment(b, "Nikt nie zgłosił");
  auto report = [&](uint64_t cid) {
    return Call(kInBuilding20, "POST", "/api/v1/news/comments/" + std::to_string(cid) + "/report").status;
  };
  ASSERT_EQ(report(cb), 200);
  clock_.Advance(60);
  ASSERT_EQ(report(ca), 200);

  const std::string queue = "/api/v1/admin/news/comments";
  EXPECT_EQ(Call(kInBuilding11, "GET", queue, "", {{"reported", "1"}}).status, 403);
  EXPECT_EQ(Call(0, "GET", queue).status, 401);
  auto r = Call(kStaffUser, "GET", queue, "", {{"reported", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json page = json::parse(r.body);
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["id"], ca);
  EXPECT_EQ(page["items"][0]["item_id"], a);
  EXPECT_EQ(page["items"][0]["item_title"], "Pierwszy");
  EXPECT_EQ(page["items"][0]["report_count"], 1);
  EXPECT_EQ(page["items"][0]["last_reported_at"], FormatIsoUtc(clock_.NowUnix()));
  EXPECT_EQ(page["items"][1]["id"], cb);
  EXPECT_EQ(page["items"][1]["item_title"], "Drugi");
  EXPECT_EQ(json::parse(Call(kStaffUser, "GET", queue).body)["total"], 3);
  auto second =
      json::parse(Call(kStaffUser, "GET", queue, "", {{"reported", "1"}, {"offset", "1"}, {"limit", "1"}}).body);
  EXPECT_EQ(second["offset"], 1);
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["id"], cb);
  EXPECT_EQ(Code(Call(kStaffUser, "GET", queue, "", {{"reported", "yes"}})), "field_type");
  EXPECT_EQ(Code(Call(kStaffUser, "GET", queue, "", {{"limit", "-1"}})), "field_type");
}

TEST(NewsErrors, NewCodesHaveMessagesInBothLanguages) {
  const std::string generic_pl = i18n::ErrorMessage("no_such_code", i18n::Lang::kPl);
  for (const char* code : {"comments_disabled", "comment_already_reported", "markdown_unsafe"}) {
    EXPECT_NE(i18n::ErrorMessage(code, i18n::Lang::kPl), generic_pl) << code;
    EXPECT_NE(i18n::ErrorMessage(code, i18n::Lang::kPl), i18n::ErrorMessage(code, i18n::Lang::kEn)) << code;
  }
}

}  // namespace
}  // namespace osiedle::news
