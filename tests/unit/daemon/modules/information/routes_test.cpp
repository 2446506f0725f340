#include "daemon/modules/information/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/http/dispatch.hpp"
#include "tests/unit/daemon/modules/information/fixture.hpp"
#include "tests/unit/support/http_request.hpp"
#include "tests/unit/support/route_harness.hpp"

namespace osiedle::information {
namespace {

using nlohmann::json;
using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kOther11;
using testing::kResidents;
using testing::kStaffUser;

// The real pipeline (route table, permission check) over the information
// routes. The caller is chosen per request: a bearer principal for user `as`,
// with information:manage when `as` is kStaffUser.
class InfoRoutesTest : public testing::InfoTest, public ::osiedle::testing::RouteHarness {
protected:
  InfoRoutesTest() : RouteHarness(kStaffUser, {"information:manage"}) {}

  void SetUp() override {
    InfoTest::SetUp();
    RegisterRoutes(table(), *info_);
  }

  // Field(response) is the harness's; Field(key, type, ...) the fixture's.
  using RouteHarness::Field;
  using InfoTest::Field;

  json PageBody(uint64_t capacity, json groups = json::array()) {
    return json{{"section_id", section_},
                {"title", "Wynajem sali"},
                {"body", "Sala na **parterze**."},
                {"groups", groups},
                {"published", true},
                {"form",
                 {{"title", "Rezerwacja"},
                  {"capacity", capacity},
                  {"fields",
                   {{{"key", "day"},
                     {"type", "date"},
                     {"label", "Dzień"},
                     {"required", true}},
                    {{"key", "hours"},
                     {"type", "choice"},
                     {"label", "Godziny"},
                     {"options", {"8-12", "12-16"}}},
                    {{"key", "people"},
                     {"type", "number"},
                     {"label", "Osoby"},
                     {"min", 1},
                     {"max", 50}},
                    {{"key", "rodo"},
                     {"type", "consent"},
                     {"label", "Zgoda"},
                     {"required", true}}}},
                  {"assignee", {{"user_id", kStaffUser}}}}}};
  }
  uint64_t CreatePage(const json &body) {
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/info/pages", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["id"].get<uint64_t>() : 0;
  }
  static std::string Answers(json answers) {
    return json{{"answers", std::move(answers)}}.dump();
  }
  static json Valid() {
    return {{"day", "2026-01-10"},
            {"hours", "8-12"},
            {"people", 3},
            {"rodo", true}};
  }
  http::Response Submit(uint64_t as, uint64_t page,
                        const json &answers = Valid()) {
    return Call(as, "POST",
                "/api/v1/info/pages/" + std::to_string(page) + "/submissions",
                Answers(answers));
  }
};

TEST_F(InfoRoutesTest, ResidentReadsPageAndSignsUp) {
  uint64_t id = CreatePage(PageBody(1));
  auto sections =
      json::parse(Call(kInBuilding20, "GET", "/api/v1/info/sections").body);
  ASSERT_EQ(sections["items"].size(), 1u);
  EXPECT_EQ(sections["items"][0]["pages"][0],
            (json{{"id", id}, {"title", "Wynajem sali"}, {"has_form", true}}));

  auto first = Submit(kInBuilding20, id);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(json::parse(first.body)["status"], "registered");
  EXPECT_TRUE(json::parse(first.body)["waiting_position"].is_null());
  auto second = Submit(kInBuilding11, id);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(json::parse(second.body)["status"], "waiting");
  EXPECT_EQ(json::parse(second.body)["waiting_position"], 1);

  auto page = json::parse(
      Call(kInBuilding11, "GET", "/api/v1/info/pages/" + std::to_string(id))
          .body);
  EXPECT_EQ(page["body_html"], "<p>Sala na <strong>parterze</strong>.</p>\n");
  EXPECT_EQ(page["form"]["taken"], 1);
  EXPECT_EQ(page["form"]["waiting"], 1);
  EXPECT_EQ(page["form"]["open"], true);
  EXPECT_EQ(page["form"]["fields"].size(), 4u);
  EXPECT_FALSE(page["form"].contains("assignee")) << "staff only";
  EXPECT_FALSE(page.contains("body")) << "Markdown source is for staff";
  ASSERT_EQ(page["my_submissions"].size(), 1u);
  EXPECT_EQ(page["my_submissions"][0]["status"], "waiting");

  auto mine =
      json::parse(Call(kInBuilding20, "GET", "/api/v1/me/submissions").body);
  EXPECT_EQ(mine["total"], 1);
  const json &s = mine["items"][0];
  EXPECT_EQ(s["page_title"], "Wynajem sali");
  EXPECT_EQ(s["answers"][0], (json{{"key", "day"},
                                   {"label", "Dzień"},
                                   {"type", "date"},
                                   {"value", "2026-01-10"}}));
  EXPECT_EQ(s["answers"][2]["value"], 3);
  EXPECT_EQ(s["answers"][3]["value"], true);
}

TEST_F(InfoRoutesTest, CancelThroughApiPromotesWaiting) {
  uint64_t id = CreatePage(PageBody(1));
  uint64_t a = json::parse(Submit(kResidents[0], id).body)["id"];
  uint64_t b = json::parse(Submit(kResidents[1], id).body)["id"];
  EXPECT_EQ(Call(kResidents[1], "POST",
                 "/api/v1/me/submissions/" + std::to_string(a) + "/cancel")
                .status,
            404)
      << "not one's own";
  auto r = Call(kResidents[0], "POST",
                "/api/v1/me/submissions/" + std::to_string(a) + "/cancel");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "cancelled");
  auto again = Call(kResidents[0], "POST",
                    "/api/v1/me/submissions/" + std::to_string(a) + "/cancel");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Code(again), "submission_not_cancellable");
  auto mine =
      json::parse(Call(kResidents[1], "GET", "/api/v1/me/submissions").body);
  EXPECT_EQ(mine["items"][0]["id"], b);
  EXPECT_EQ(mine["items"][0]["status"], "registered");
}

TEST_F(InfoRoutesTest, StaffHandleSubmissionsAndRejectPromotes) {
  uint64_t id = CreatePage(PageBody(1));
  uint64_t a = json::parse(Submit(kResidents[0], id).body)["id"];
  uint64_t b = json::parse(Submit(kResidents[1], id).body)["id"];
  auto patch =
      Call(kStaffUser, "PATCH",
           "/api/v1/admin/info/submissions/" + std::to_string(a),
           json{{"status", "rejected"}, {"note", "Termin zajęty"}}.dump());
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(json::parse(patch.body)["staff_note"], "Termin zajęty");
  EXPECT_EQ(json::parse(patch.body)["handled_by"], kStaffUser);
  const std::string list =
      "/api/v1/admin/info/pages/" + std::to_string(id) + "/submissions";
  auto registered =
      json::parse(Call(kStaffUser, "GET", list + "?status=registered").body);
  ASSERT_EQ(registered["total"], 1);
  EXPECT_EQ(registered["items"][0]["id"], b);
  EXPECT_EQ(registered["items"][0]["user_email"],
            "u" + std::to_string(kResidents[1]) + "@example.pl");
  EXPECT_EQ(
      json::parse(Call(kStaffUser, "GET", list + "?mine=1").body)["total"], 2);
  EXPECT_EQ(Code(Call(kStaffUser, "GET", list + "?status=bogus")),
            "field_invalid");
  EXPECT_EQ(Code(Call(kStaffUser, "GET", list + "?mine=yes")), "field_type");
  auto bad = Call(kStaffUser, "PATCH",
                  "/api/v1/admin/info/submissions/" + std::to_string(b),
                  json{{"status", "waiting"}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Field(bad), "status");
  EXPECT_EQ(Code(Call(kStaffUser, "PATCH",
                      "/api/v1/admin/info/submissions/" + std::to_string(b),
                      json{{"stat", "done"}}.dump())),
            "unknown_field");
}

TEST_F(InfoRoutesTest, TargetedPageIsNotFoundByListIdAndSubmission) {
  uint64_t id = CreatePage(PageBody(0, {building11_}));
  const std::string path = "/api/v1/info/pages/" + std::to_string(id);
  EXPECT_TRUE(
      json::parse(
          Call(kInBuilding20, "GET", "/api/v1/info/sections").body)["items"]
          .empty());
  auto get = Call(kInBuilding20, "GET", path);
  EXPECT_EQ(get.status, 404);
  EXPECT_EQ(Code(get), "not_found");
  auto post = Submit(kInBuilding20, id);
  EXPECT_EQ(post.status, 404);
  EXPECT_EQ(Code(post), "not_found");
  EXPECT_EQ(Call(kOther11, "GET", path).status, 200);
  EXPECT_EQ(Submit(kOther11, id).status, 201);
  // Not even the submission list of another resident leaks.
  EXPECT_EQ(
      json::parse(
          Call(kInBuilding20, "GET", "/api/v1/me/submissions").body)["total"],
      0);
}

TEST_F(InfoRoutesTest, SubmissionErrorsNameTheField) {
  uint64_t id = CreatePage(PageBody(0));
  struct Case {
    json answers;
    int status;
    std::string code, field;
  };
  json no_consent = Valid();
  no_consent["rodo"] = false;
  json bad_day = Valid();
  bad_day["day"] = "2026-02-30";
  json bad_hours = Valid();
  bad_hours["hours"] = "22-24";
  json too_many = Valid();
  too_many["people"] = 51;
  json extra = Valid();
  extra["<script>"] = "x";
  const Case cases[] = {
      {no_consent, 400, "field_required", "rodo"},
      {bad_day, 400, "date_invalid", "day"},
      {bad_hours, 400, "option_invalid", "hours"},
      {too_many, 400, "number_out_of_range", "people"},
      {extra, 400, "unknown_field", "<script>"},
  };
  for (const Case &c : cases) {
    auto r = Submit(kInBuilding11, id, c.answers);
    EXPECT_EQ(r.status, c.status) << c.answers.dump();
    EXPECT_EQ(Code(r), c.code) << c.answers.dump();
    EXPECT_EQ(Field(r), c.field) << c.answers.dump();
  }
  const std::string sub =
      "/api/v1/info/pages/" + std::to_string(id) + "/submissions";
  for (const char *body : {"", "{", "[1]", "{\"answers\":5}", "\xFF\xFE"}) {
    auto r = Call(kInBuilding11, "POST", sub, body);
    EXPECT_EQ(r.status, 400) << body;
  }
  EXPECT_EQ(Submit(kInBuilding11, id).status, 201);
  auto twice = Submit(kInBuilding11, id);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Code(twice), "already_submitted");
  EXPECT_EQ(Call(kInBuilding11, "POST", "/api/v1/info/pages/abc/submissions",
                 Answers(Valid()))
                .status,
            404);
  EXPECT_EQ(Call(kInBuilding11, "POST", "/api/v1/info/pages/99999/submissions",
                 Answers(Valid()))
                .status,
            404);
}

TEST_F(InfoRoutesTest, ClosedFormAnswers409) {
  json body = PageBody(0);
  body["form"]["closes_at"] = clock_.NowUnix() + 10;
  uint64_t id = CreatePage(body);
  clock_.Advance(10);
  auto r = Submit(kInBuilding11, id);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Code(r), "form_closed");
}

TEST_F(InfoRoutesTest, ResidentsCannotUseStaffRoutes) {
  uint64_t id = CreatePage(PageBody(0));
  const std::string page = "/api/v1/admin/info/pages/" + std::to_string(id);
  for (auto [method, path] :
       {std::pair{"GET", std::string("/api/v1/admin/info/sections")},
        std::pair{"POST", std::string("/api/v1/admin/info/pages")},
        std::pair{"GET", page}, std::pair{"DELETE", page},
        std::pair{"GET", page + "/submissions"},
        std::pair{"GET", page + "/submissions.csv"},
        std::pair{"PATCH", std::string("/api/v1/admin/info/submissions/1")}}) {
    EXPECT_EQ(Call(kInBuilding11, method, path, "{}").status, 403)
        << method << " " << path;
  }
  EXPECT_EQ(Call(0, "GET", "/api/v1/info/sections").status, 401);
  EXPECT_EQ(Call(0, "GET", "/api/v1/me/submissions").status, 401);
}

TEST_F(InfoRoutesTest, AdminSectionAndPageLifecycle) {
  auto created =
      Call(kStaffUser, "POST", "/api/v1/admin/info/sections",
           json{{"title", "Lokale użytkowe"}, {"position", 5}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  uint64_t sid = json::parse(created.body)["id"];
  auto renamed = Call(kStaffUser, "PUT",
                      "/api/v1/admin/info/sections/" + std::to_string(sid),
                      json{{"title", "Lokale"}}.dump());
  EXPECT_EQ(json::parse(renamed.body)["title"], "Lokale");
  auto sections =
      json::parse(Call(kStaffUser, "GET", "/api/v1/admin/info/sections").body);
  EXPECT_EQ(sections["total"], 2);

  json body = PageBody(0);
  body["section_id"] = sid;
  uint64_t id = CreatePage(body);
  const std::string path = "/api/v1/admin/info/pages/" + std::to_string(id);
  auto admin = json::parse(Call(kStaffUser, "GET", path).body);
  EXPECT_EQ(admin["body"], "Sala na **parterze**.");
  EXPECT_EQ(admin["form"]["assignee"], (json{{"user_id", kStaffUser}}));
  EXPECT_EQ(admin["form"]["fields"][2]["min"], 1.0);
  auto del = Call(kStaffUser, "DELETE",
                  "/api/v1/admin/info/sections/" + std::to_string(sid));
  EXPECT_EQ(del.status, 409);
  EXPECT_EQ(Code(del), "section_not_empty");

  body["form"] = nullptr;
  body["title"] = "Bez formularza";
  auto put = Call(kStaffUser, "PUT", path, body.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_TRUE(json::parse(put.body)["form"].is_null());
  auto list = json::parse(
      Call(kStaffUser, "GET", "/api/v1/admin/info/pages?limit=1").body);
  EXPECT_EQ(list["items"][0]["has_form"], false);
  EXPECT_EQ(list["limit"], 1);
  EXPECT_EQ(Call(kStaffUser, "DELETE", path).status, 200);
  EXPECT_EQ(Call(kStaffUser, "GET", path).status, 404);
  EXPECT_EQ(Call(kStaffUser, "DELETE",
                 "/api/v1/admin/info/sections/" + std::to_string(sid))
                .status,
            200);
}

TEST_F(InfoRoutesTest, BadPageBodiesGetPreciseCodes) {
  struct Case {
    std::function<void(json &)> change;
    std::string code, field;
  };
  const Case cases[] = {
      {[](json &b) { b.erase("title"); }, "field_required", "title"},
      {[](json &b) { b["colour"] = "red"; }, "unknown_field", "colour"},
      {[](json &b) { b["section_id"] = "1"; }, "field_type", "section_id"},
      {[](json &b) { b["form"] = 5; }, "field_type", "form"},
      {[](json &b) { b["form"]["fields"] = "x"; }, "field_type", "form.fields"},
      {[](json &b) { b["form"]["fields"][0]["type"] = "file"; },
       "field_invalid", "form.fields[0].type"},
      {[](json &b) { b["form"]["fields"][0]["colour"] = 1; }, "unknown_field",
       "form.fields[0].colour"},
      {[](json &b) { b["form"]["fields"][2]["min"] = "1"; }, "field_type",
       "form.fields[2].min"},
      {[](json &b) { b["form"]["fields"][1]["key"] = "day"; },
       "field_duplicate", "form.fields[1].key"},
      {[](json &b) { b["form"]["capacity"] = -1; }, "", "form.capacity"},
      {[](json &b) {
         b["form"]["assignee"] = {{"team", 1}};
       },
       "unknown_field", "form.assignee.team"},
      {[](json &b) {
         b["form"]["assignee"] = {{"user_id", kInBuilding11}};
       },
       "assignee_invalid", "form.assignee.user_id"},
      {[](json &b) {
         for (int i = 0; i < 41; ++i)
           b["form"]["fields"].push_back(b["form"]["fields"][0]);
       },
       "field_too_long", "form.fields"},
  };
  for (const Case &c : cases) {
    json body = PageBody(0);
    c.change(body);
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/info/pages", body.dump());
    EXPECT_EQ(r.status, 400) << body.dump() << " " << r.body;
    if (!c.code.empty()) {
      EXPECT_EQ(Code(r), c.code) << body.dump();
    }
    EXPECT_EQ(Field(r), c.field) << body.dump();
  }
  EXPECT_EQ(
      json::parse(
          Call(kStaffUser, "GET", "/api/v1/admin/info/pages").body)["total"],
      0);
}

TEST_F(InfoRoutesTest, CsvDownloadHasHeaders) {
  uint64_t id = CreatePage(PageBody(0));
  Submit(kInBuilding11, id);
  auto r = Call(kStaffUser, "GET",
                "/api/v1/admin/info/pages/" + std::to_string(id) +
                    "/submissions.csv");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  bool disposition = false;
  for (const auto &[name, value] : r.headers)
    disposition = disposition || name == "Content-Disposition";
  EXPECT_TRUE(disposition);
  EXPECT_NE(r.body.find("Dzień;Godziny;Osoby;Zgoda;staff_note\r\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(";2026-01-10;8-12;3;true;"), std::string::npos)
      << r.body;
  EXPECT_EQ(
      Call(kStaffUser, "GET", "/api/v1/admin/info/pages/999/submissions.csv")
          .status,
      404);
}

} // namespace
} // namespace osiedle::information
