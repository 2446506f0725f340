#include "daemon/modules/letters/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/core/csv.hpp"
#include "daemon/modules/identity/routes.hpp"
#include "tests/unit/daemon/modules/letters/fixture.hpp"
#include "tests/unit/support/route_harness.hpp"

namespace osiedle::letters {
namespace {

using nlohmann::json;

// The letters routes and the identity routes (for registering with a code) through the real dispatcher;
// w.staff holds letters:manage, any other user id is a resident without it.
struct Api : testing::World, osiedle::testing::RouteHarness {
  Api() : RouteHarness(staff_id(), {"letters:manage"}) {
    Letterhead head{"SM Łąka", "5261040828",         "ul. Łąkowa 1", "+48 22 100 20 30", "biuro@laka.example.pl",
                    "",        "https://portal.test"};
    RegisterRoutes(table(), svc, head);
    identity::RegisterRoutes(table(), f.id, f.roles);
  }
  uint64_t staff_id() const { return staff; }

  http::Response IssueCsv(const json& body) {
    return Call(staff, "POST", "/api/v1/admin/letters?format=csv", body.dump());
  }

  // The codes of a mail-merge CSV answer, in row order.
  static std::vector<std::string> CsvCodes(const http::Response& r) {
    auto table = csv::Parse(r.body.substr(csv::kUtf8Bom.size()));
    std::vector<std::string> out;
    if (!table.ok()) return out;
    for (const auto& row : table->rows) out.push_back(row.fields.at(4));
    return out;
  }

  json Registration(const std::string& email, const std::string& flat, const std::string& code) {
    return json{{"first_name", "Jan"},
                {"last_name", "Wiśniewski"},
                {"email", email},
                {"password", identity::testing::kPassword},
                {"building", building_a},
                {"flat", flat},
                {"letter_code", code},
                {"consents", {{"terms", true}, {"rodo", true}, {"version", identity::kConsentsVersion}}}};
  }
};

TEST(LettersRoutes, IssuesACsvForABuildingAsAnAttachment) {
  Api api;
  auto r = api.IssueCsv({{"building_id", api.building_a}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(Api::HeaderOf(r, "Content-Disposition"), "attachment; filename=\"listy-rejestracyjne-2025-12-01.csv\"");
  EXPECT_EQ(Api::HeaderOf(r, "Cache-Control"), "no-store");
  EXPECT_EQ(Api::CsvCodes(r).size(), 3u);
}

TEST(LettersRoutes, IssuesAPdfByDefault) {
  Api api;
  auto r = api.Call(api.staff, "POST", "/api/v1/admin/letters",
                    json{{"flat_ids", {api.FlatId(api.building_b, "3")}}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/pdf");
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Api::HeaderOf(r, "Content-Disposition"), "attachment; filename=\"listy-rejestracyjne-2025-12-01.pdf\"");
}

TEST(LettersRoutes, RejectsBadInputWithStableCodes) {
  Api api;
  auto r = api.Call(api.staff, "POST", "/api/v1/admin/letters?format=docx", "{}");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Api::Code(r), "format_invalid");
  r = api.IssueCsv({{"building_id", 999}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Api::Code(r), "building_not_found");
  r = api.IssueCsv({{"flat_ids", {999}}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Api::Code(r), "flat_not_found");
  r = api.IssueCsv({{"flats", {1}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Api::Code(r), "unknown_field");
  r = api.IssueCsv({{"building_id", "A"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Api::Code(r), "field_type");
  r = api.Call(api.staff, "POST", "/api/v1/admin/letters?format=csv", "[1,2]");
  EXPECT_EQ(r.status, 400);
}

TEST(LettersRoutes, NeedLettersManage) {
  Api api;
  const uint64_t resident = api.staff + 100;
  EXPECT_EQ(api.Call(0, "POST", "/api/v1/admin/letters", "{}").status, 401);
  EXPECT_EQ(api.Call(resident, "POST", "/api/v1/admin/letters", "{}").status, 403);
  EXPECT_EQ(api.Call(resident, "GET", "/api/v1/admin/flats/1/letter-codes").status, 403);
  EXPECT_EQ(api.Call(resident, "POST", "/api/v1/admin/letter-codes/1/revoke", "{}").status, 403);
}

TEST(LettersRoutes, ListsAndRevokesAFlatsCodes) {
  Api api;
  const uint64_t flat = api.FlatId(api.building_a, "1");
  ASSERT_EQ(api.IssueCsv({{"flat_ids", {flat}}}).status, 200);
  auto r = api.Call(api.staff, "GET", "/api/v1/admin/flats/" + std::to_string(flat) + "/letter-codes");
  ASSERT_EQ(r.status, 200) << r.body;
  json items = json::parse(r.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["status"], "active");
  EXPECT_EQ(items[0]["created_at"], "2025-12-01T00:00:00Z");
  EXPECT_EQ(items[0]["created_by"], api.staff);
  EXPECT_TRUE(items[0]["used_at"].is_null());
  EXPECT_TRUE(items[0]["used_by_user_id"].is_null());
  EXPECT_FALSE(items[0].contains("code"));
  const std::string revoke = "/api/v1/admin/letter-codes/" + std::to_string(items[0]["id"].get<uint64_t>()) + "/revoke";
  r = api.Call(api.staff, "POST", revoke, "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "revoked");
  r = api.Call(api.staff, "POST", revoke, "{}");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Api::Code(r), "letter_code_not_active");
  EXPECT_EQ(api.Call(api.staff, "POST", "/api/v1/admin/letter-codes/999/revoke", "{}").status, 404);
  r = api.Call(api.staff, "GET", "/api/v1/admin/flats/999/letter-codes");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Api::Code(r), "flat_not_found");
}

TEST(LettersRoutes, RegisteringWithACodeIsVerifiedOnceAndThen422) {
  Api api;
  auto issued = api.IssueCsv({{"building_id", api.building_a}});
  const std::string code = Api::CsvCodes(issued).at(0);  // flat "1"
  auto r = api.Call(0, "POST", "/api/v1/registrations", api.Registration("ewa@example.pl", "1", code).dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["verified"], true);
  EXPECT_EQ(json::parse(r.body)["status"], "approved");
  r = api.Call(0, "POST", "/api/v1/registrations", api.Registration("ola@example.pl", "1", code).dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Api::Code(r), "letter_code_invalid");
  EXPECT_EQ(Api::Field(r), "letter_code");
  r = api.Call(0, "POST", "/api/v1/registrations", api.Registration("ola@example.pl", "2", code).dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Api::Code(r), "letter_code_invalid");
}

}  // namespace
}  // namespace osiedle::letters
