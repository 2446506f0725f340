#include "daemon/modules/documents/routes.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "daemon/http/dispatch.hpp"
#include "tests/unit/daemon/modules/documents/fixture.hpp"
#include "tests/unit/support/http_request.hpp"
#include "tests/unit/support/route_harness.hpp"

namespace osiedle::documents {
namespace {

using nlohmann::json;
using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kStaffUser;

// The real pipeline (route table, permission check) over the documents routes. The caller is chosen per request: a
// bearer principal for user `as`, with documents:manage when `as` is kStaffUser.
class DocumentsRoutesTest : public testing::DocumentsTest, public ::osiedle::testing::RouteHarness {
 protected:
  DocumentsRoutesTest() : RouteHarness(kStaffUser, {"documents:manage"}) {}

  void SetUp() override {
    DocumentsTest::SetUp();
    RegisterRoutes(table(), *docs_);
  }


  json Body(json extra = json::object()) {
    json b{{"title", "Regulamin"},
           {"category_id", categories_["regulaminy"]},
           {"upload_id", Pdf()},
           {"filename", "regulamin.pdf"}};
    b.update(extra);
    return b;
  }
  uint64_t Publish(json body) {
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/documents", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["id"].get<uint64_t>() : 0;
  }
};

TEST_F(DocumentsRoutesTest, StaffPublishesAndResidentDownloads) {
  uint64_t id = Publish(Body({{"title", "Statut Spółdzielni"},
                              {"category_id", categories_["statut"]},
                              {"filename", "Statut spółdzielni \"2025\""},
                              {"note", "tekst jednolity"}}));
  auto list = Call(kInBuilding20, "GET", "/api/v1/documents");
  ASSERT_EQ(list.status, 200) << list.body;
  json page = json::parse(list.body);
  EXPECT_EQ(page["total"], 1);
  EXPECT_EQ(page["limit"], 20);
  json item = page["items"][0];
  EXPECT_EQ(item["id"], id);
  EXPECT_EQ(item["category"], "Statut");
  EXPECT_EQ(item["version"], 1);
  EXPECT_EQ(item["filename"], "Statut spółdzielni \"2025\".pdf");
  EXPECT_EQ(item["file_url"], "/api/v1/documents/" + std::to_string(id) + "/file");
  EXPECT_EQ(item["updated_at"], "2025-12-01T00:00:00Z");
  EXPECT_FALSE(item.contains("downloads")) << "counters are for staff";
  EXPECT_FALSE(item.contains("groups"));

  auto file = Call(kInBuilding20, "GET", "/api/v1/documents/" + std::to_string(id) + "/file");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.content_type, "application/pdf");
  EXPECT_EQ(file.file_path, uploads_.PathOf(docs_->Get(Staff(), id)->current.upload_id));
  EXPECT_EQ(HeaderOf(file, "Content-Disposition"),
            "attachment; filename=\"Statut spoldzielni _2025_.pdf\"; "
            "filename*=UTF-8''Statut%20sp%C3%B3%C5%82dzielni%20%222025%22.pdf");
  EXPECT_EQ(HeaderOf(file, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(file, "Cache-Control"), "private, no-store");

  auto cats = json::parse(Call(kInBuilding20, "GET", "/api/v1/documents/categories").body)["items"];
  ASSERT_EQ(cats.size(), 8u);
  EXPECT_EQ(cats[0]["slug"], "statut");
  EXPECT_EQ(cats[0]["statutory"], true);
  EXPECT_EQ(cats[0]["count"], 1);
  EXPECT_EQ(cats[1]["count"], 0);

  auto staff = json::parse(Call(kStaffUser, "GET", "/api/v1/documents/" + std::to_string(id)).body);
  EXPECT_EQ(staff["downloads"], 1);
  ASSERT_EQ(staff["versions"].size(), 1u);
  EXPECT_EQ(staff["versions"][0]["note"], "tekst jednolity");
  EXPECT_EQ(staff["versions"][0]["downloads"], 1);
  EXPECT_EQ(staff["versions"][0]["file_url"], "/api/v1/documents/" + std::to_string(id) + "/versions/1/file");
}

TEST_F(DocumentsRoutesTest, StaffOnlyDocumentIsNotFoundForResidentsByEveryUrl) {
  auto staff_group = CreateRuleGroup("Pracownicy", groups::testing::Leaf(groups::RuleField::kRole, roles::kStaff));
  uint64_t internal = Publish(Body({{"title", "Notatka zarządu"}, {"groups", {staff_group}}}));
  uint64_t b11 = Publish(Body({{"title", "Lazurowa 11"}, {"groups", {building11_}}, {"upload_id", Pdf("b11")}}));
  ASSERT_EQ(Call(kStaffUser, "POST", "/api/v1/admin/documents/" + std::to_string(internal) + "/versions",
                 json{{"upload_id", Pdf("v2")}, {"filename", "v2.pdf"}}.dump())
                .status,
            201);
  const std::string base = "/api/v1/documents/" + std::to_string(internal);
  for (uint64_t user : {kInBuilding11, kInBuilding20}) {
    auto list = json::parse(Call(user, "GET", "/api/v1/documents").body);
    for (const json& it : list["items"]) EXPECT_NE(it["id"], internal);
    for (const std::string& path : {base, base + "/file", base + "/versions/1/file", base + "/versions/2/file"}) {
      auto r = Call(user, "GET", path);
      EXPECT_EQ(r.status, 404) << user << " " << path;
      EXPECT_EQ(Code(r), "not_found");
      EXPECT_TRUE(r.file_path.empty());
    }
  }
  // Group A's resident sees group A's document; a resident elsewhere gets the same 404 as for a missing id.
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/documents/" + std::to_string(b11) + "/file").status, 200);
  auto guessed = Call(kInBuilding20, "GET", "/api/v1/documents/" + std::to_string(b11) + "/file");
  auto missing = Call(kInBuilding20, "GET", "/api/v1/documents/99999/file");
  EXPECT_EQ(guessed.status, 404);
  EXPECT_EQ(guessed.body, missing.body) << "a hidden document is indistinguishable from a missing one";
  EXPECT_EQ(json::parse(Call(kInBuilding20, "GET", "/api/v1/documents").body)["total"], 0);
  // Residents' version URLs answer 404 even for their own visible documents; staff get the file.
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/documents/" + std::to_string(b11) + "/versions/1/file").status, 404);
  EXPECT_EQ(Call(kStaffUser, "GET", base + "/versions/1/file").status, 200);
  EXPECT_EQ(Call(kStaffUser, "GET", base + "/file").status, 200);
}

TEST_F(DocumentsRoutesTest, NewVersionReplacesTheOldOneInLists) {
  uint64_t id = Publish(Body());
  clock_.Advance(3600);
  auto r = Call(kStaffUser, "POST", "/api/v1/admin/documents/" + std::to_string(id) + "/versions",
                json{{"upload_id", Pdf("nowy")}, {"filename", "regulamin-2026"}, {"note", "nowe stawki"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["version"], 2);
  json page = json::parse(Call(kInBuilding20, "GET", "/api/v1/documents").body);
  ASSERT_EQ(page["total"], 1);
  EXPECT_EQ(page["items"][0]["version"], 2);
  EXPECT_EQ(page["items"][0]["filename"], "regulamin-2026.pdf");
  EXPECT_EQ(page["items"][0]["updated_at"], "2025-12-01T01:00:00Z");
  json one = json::parse(Call(kInBuilding20, "GET", "/api/v1/documents/" + std::to_string(id)).body);
  EXPECT_FALSE(one.contains("versions"));
  json admin = json::parse(Call(kStaffUser, "GET", "/api/v1/admin/documents").body);
  EXPECT_EQ(admin["items"][0]["groups"], json::array());
}

TEST_F(DocumentsRoutesTest, ResidentsCannotUseStaffRoutes) {
  uint64_t id = Publish(Body());
  const std::string doc = "/api/v1/admin/documents/" + std::to_string(id);
  EXPECT_EQ(Call(kInBuilding11, "GET", "/api/v1/admin/documents").status, 403);
  EXPECT_EQ(Call(kInBuilding11, "POST", "/api/v1/admin/documents", Body().dump()).status, 403);
  EXPECT_EQ(Call(kInBuilding11, "PUT", doc, json{{"title", "x"}, {"category_id", 1}}.dump()).status, 403);
  EXPECT_EQ(Call(kInBuilding11, "DELETE", doc).status, 403);
  EXPECT_EQ(Call(kInBuilding11, "POST", "/api/v1/admin/documents/categories", json{{"name", "X"}}.dump()).status, 403);
  EXPECT_EQ(Call(0, "GET", "/api/v1/documents").status, 401);
  EXPECT_EQ(Call(0, "GET", "/api/v1/documents/" + std::to_string(id) + "/file").status, 401);
}

TEST_F(DocumentsRoutesTest, BadInputGetsPreciseCodes) {
  struct Case {
    json body;
    std::string code, field;
  };
  const std::string png = Png();
  const Case cases[] = {
      {Body({{"colour", "red"}}), "unknown_field", "colour"},
      {Body({{"title", 5}}), "field_type", "title"},
      {Body({{"title", std::string(201, 'x')}}), "field_too_long", "title"},
      {Body({{"description", std::string(2001, 'x')}}), "field_too_long", "description"},
      {Body({{"note", std::string(501, 'x')}}), "field_too_long", "note"},
      {Body({{"filename", std::string(201, 'x')}}), "field_too_long", "filename"},
      {Body({{"filename", "../"}}), "field_required", "filename"},
      {Body({{"upload_id", png}}), "upload_not_pdf", "upload_id"},
      {Body({{"upload_id", std::string(64, 'f')}}), "not_found", "upload_id"},
      {Body({{"upload_id", "../../etc/passwd"}}), "not_found", "upload_id"},
      {Body({{"category_id", 0}}), "field_invalid", "category_id"},
      {Body({{"category_id", 424242}}), "category_not_found", "category_id"},
      {Body({{"category_id", "1"}}), "field_type", "category_id"},
      {Body({{"groups", {99999}}}), "group_not_found", "groups"},
      {Body({{"groups", "all"}}), "field_type", "groups"},
  };
  for (const Case& c : cases) {
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/documents", c.body.dump());
    EXPECT_NE(r.status, 201) << c.body.dump(-1, ' ', true);
    EXPECT_LT(r.status, 500);
    EXPECT_EQ(Code(r), c.code) << c.body.dump(-1, ' ', true).substr(0, 120) << " " << r.body;
    EXPECT_EQ(Field(r), c.field) << c.code;
  }
  for (std::string raw : {std::string("{"), std::string("[]"), std::string("{\"title\":\"\xC3\x28\"}")}) {
    auto r = Call(kStaffUser, "POST", "/api/v1/admin/documents", raw);
    EXPECT_EQ(r.status, 400) << raw;
  }
  EXPECT_EQ(json::parse(Call(kStaffUser, "GET", "/api/v1/admin/documents").body)["total"], 0);
}

TEST_F(DocumentsRoutesTest, HostileFilenameIsSanitisedIntoSafeHeaders) {
  uint64_t id = Publish(Body({{"filename", "../../a\r\nSet-Cookie: x=1"}}));
  auto file = Call(kInBuilding20, "GET", "/api/v1/documents/" + std::to_string(id) + "/file");
  ASSERT_EQ(file.status, 200);
  const std::string cd = HeaderOf(file, "Content-Disposition");
  EXPECT_EQ(cd.find('\r'), std::string::npos);
  EXPECT_EQ(cd.find('\n'), std::string::npos);
  EXPECT_EQ(cd.find('/'), std::string::npos);
  EXPECT_EQ(cd, "attachment; filename=\"a__Set-Cookie: x=1.pdf\"; filename*=UTF-8''a__Set-Cookie%3A%20x%3D1.pdf");
  uint64_t euro = Publish(Body({{"filename", "Cennik 5€ ŻÓŁW%.pdf"}, {"upload_id", Pdf("euro")}}));
  auto r = Call(kInBuilding20, "GET", "/api/v1/documents/" + std::to_string(euro) + "/file");
  EXPECT_EQ(HeaderOf(r, "Content-Disposition"),
            "attachment; filename=\"Cennik 5_ zolW_.pdf\"; "
            "filename*=UTF-8''Cennik%205%E2%82%AC%20%C5%BB%C3%93%C5%81W%25.pdf");
}

TEST_F(DocumentsRoutesTest, BadIdsAndQueriesAreClientErrors) {
  for (const char* path : {"/api/v1/documents/abc", "/api/v1/documents/0", "/api/v1/documents/-1/file",
                           "/api/v1/documents/99999999999999999999999", "/api/v1/documents/1/versions/x/file"}) {
    auto r = Call(kInBuilding20, "GET", path);
    EXPECT_EQ(r.status, 404) << path;
  }
  EXPECT_EQ(Call(kInBuilding20, "GET", "/api/v1/documents?limit=1000").status, 400);
  EXPECT_EQ(Field(Call(kInBuilding20, "GET", "/api/v1/documents?category=x")), "category");
  EXPECT_EQ(Code(Call(kInBuilding20, "GET", "/api/v1/documents?q=\xFF")), "utf8_invalid");
  EXPECT_EQ(Code(Call(kInBuilding20, "GET", "/api/v1/documents?q=" + std::string(201, 'a'))), "field_too_long");
  EXPECT_EQ(
      Call(kStaffUser, "PUT", "/api/v1/admin/documents/77", json{{"title", "x"}, {"category_id", 1}}.dump()).status,
      404);
  EXPECT_EQ(Call(kStaffUser, "DELETE", "/api/v1/admin/documents/77").status, 404);
  EXPECT_EQ(Call(kStaffUser, "POST", "/api/v1/admin/documents/77/versions",
                 json{{"upload_id", Pdf()}, {"filename", "a.pdf"}}.dump())
                .status,
            404);
}

TEST_F(DocumentsRoutesTest, SearchAndCategoryFilter) {
  Publish(Body({{"title", "Uchwała w sprawie opłat"}, {"category_id", categories_["uchwaly"]}}));
  Publish(Body(
      {{"title", "Zgłoszenie usterki"}, {"category_id", categories_["formularze-do-druku"]}, {"upload_id", Pdf("z")}}));
  auto q = [&](const std::string& query) {
    return json::parse(Call(kInBuilding20, "GET", "/api/v1/documents?" + query).body)["total"].get<int>();
  };
  EXPECT_EQ(q("q=uchwala"), 1);
  EXPECT_EQ(q("q=ZGLOSZ"), 1);
  EXPECT_EQ(q("q=op"), 1);
  EXPECT_EQ(q("q=xyz"), 0);
  EXPECT_EQ(q("category=" + std::to_string(categories_["uchwaly"])), 1);
  EXPECT_EQ(q("category=" + std::to_string(categories_["statut"])), 0);
}

TEST_F(DocumentsRoutesTest, CategoryAdministration) {
  auto c = Call(kStaffUser, "POST", "/api/v1/admin/documents/categories",
                json{{"name", "Ogłoszenia"}, {"statutory", false}}.dump());
  ASSERT_EQ(c.status, 201) << c.body;
  const uint64_t id = json::parse(c.body)["id"];
  EXPECT_EQ(json::parse(c.body)["slug"], "ogloszenia");
  auto dup = Call(kStaffUser, "POST", "/api/v1/admin/documents/categories", json{{"name", "OGŁOSZENIA"}}.dump());
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(Code(dup), "category_name_taken");
  EXPECT_EQ(Code(Call(kStaffUser, "POST", "/api/v1/admin/documents/categories",
                      json{{"name", "X"}, {"position", -5}}.dump())),
            "field_invalid");
  EXPECT_EQ(Code(Call(kStaffUser, "POST", "/api/v1/admin/documents/categories", json{{"name", "X"}, {"x", 1}}.dump())),
            "unknown_field");
  auto put = Call(kStaffUser, "PUT", "/api/v1/admin/documents/categories/" + std::to_string(id),
                  json{{"name", "Ogłoszenia zarządu"}, {"position", 0}}.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body)["slug"], "ogloszenia-zarzadu");
  Publish(Body({{"category_id", id}}));
  auto busy = Call(kStaffUser, "DELETE", "/api/v1/admin/documents/categories/" + std::to_string(id));
  EXPECT_EQ(busy.status, 409);
  EXPECT_EQ(Code(busy), "category_not_empty");
  EXPECT_EQ(
      Call(kStaffUser, "DELETE", "/api/v1/admin/documents/categories/" + std::to_string(categories_["inne"])).status,
      200);
  EXPECT_EQ(Call(kStaffUser, "DELETE", "/api/v1/admin/documents/categories/999").status, 404);
}

TEST_F(DocumentsRoutesTest, DeleteKeepsFilesButRemovesEveryUrl) {
  uint64_t id = Publish(Body());
  const std::string upload = docs_->Get(Staff(), id)->current.upload_id;
  EXPECT_EQ(Call(kStaffUser, "DELETE", "/api/v1/admin/documents/" + std::to_string(id)).status, 200);
  EXPECT_EQ(Call(kStaffUser, "GET", "/api/v1/documents/" + std::to_string(id) + "/file").status, 404);
  EXPECT_EQ(Call(kStaffUser, "GET", "/api/v1/documents/" + std::to_string(id)).status, 404);
  EXPECT_TRUE(std::filesystem::is_regular_file(files_.PathOf(upload)));
}

}  // namespace
}  // namespace osiedle::documents
