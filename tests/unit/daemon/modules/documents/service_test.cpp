#include "daemon/modules/documents/service.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/unit/daemon/modules/documents/fixture.hpp"

namespace osiedle::documents {
namespace {

using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kStaffUser;

class DocumentsServiceTest : public testing::DocumentsTest {};

TEST_F(DocumentsServiceTest, SeedsStatutoryCategoriesOnceInOrder) {
  auto cats = docs_->Categories(Staff());
  ASSERT_EQ(cats.size(), 8u);
  EXPECT_EQ(cats[0].category.name, "Statut");
  EXPECT_EQ(cats[2].category.name, "Uchwały");
  EXPECT_EQ(cats[2].category.slug, "uchwaly");
  EXPECT_EQ(cats[3].category.slug, "protokoly-obrad-organow");
  EXPECT_TRUE(cats[5].category.statutory);
  EXPECT_EQ(cats[5].category.name, "Sprawozdania finansowe");
  EXPECT_FALSE(cats[6].category.statutory);
  EXPECT_EQ(cats[7].category.name, "Inne");
  // Running the migration again, and after staff renamed one, adds nothing.
  ASSERT_TRUE(
      docs_->UpdateCategory(staff_actor_, categories_["inne"], CategoryInput{"Różne", std::nullopt, false}).ok());
  ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) -> Status {
                    docs_->Seed(t);
                    docs_->Seed(t);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(docs_->Categories(Staff()).size(), 9u) << "the renamed default comes back once, never twice";
  ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) -> Status {
                    docs_->Seed(t);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(docs_->Categories(Staff()).size(), 9u);
}

TEST_F(DocumentsServiceTest, CreatesDocumentWithFirstVersion) {
  const std::string pdf = Pdf("statut");
  auto d =
      docs_->Create(staff_actor_, Input("Statut spółdzielni"), VersionInput{pdf, "statut 2025", "tekst jednolity"});
  ASSERT_TRUE(d.ok()) << d.error().code << " " << d.error().field;
  EXPECT_EQ(d->current, 1u);
  auto v = docs_->Get(Staff(), d->id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->category, "Regulaminy");
  EXPECT_EQ(v->current.filename, "statut 2025.pdf") << ".pdf is added";
  EXPECT_EQ(v->current.upload_id, pdf);
  EXPECT_EQ(v->current.size, ::osiedle::testing::SamplePdf("statut").size());
  EXPECT_EQ(v->current.uploaded_by, kStaffUser);
  ASSERT_EQ(v->versions.size(), 1u);
  EXPECT_EQ(v->versions[0].note, "tekst jednolity");
}

TEST_F(DocumentsServiceTest, RefusesNonPdfAndUnknownUploads) {
  auto png = docs_->Create(staff_actor_, Input("Obraz"), FileOf(Png()));
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.error().code, "upload_not_pdf");
  EXPECT_EQ(png.error().field, "upload_id");
  for (std::string id : {std::string(64, 'a'), std::string("../../etc/passwd"), std::string()}) {
    auto r = docs_->Create(staff_actor_, Input("Brak"), FileOf(id));
    ASSERT_FALSE(r.ok()) << id;
    EXPECT_EQ(r.error().code, "not_found") << id;
    EXPECT_EQ(r.error().field, "upload_id");
  }
  EXPECT_EQ(docs_->List(Staff(), {}).value().total, 0u);
}

TEST_F(DocumentsServiceTest, ChecksFieldsAndReferences) {
  struct Case {
    DocumentInput in;
    std::string code, field;
  };
  DocumentInput long_title = Input(std::string(201, 'x'));
  DocumentInput long_desc = Input("ok");
  long_desc.description = std::string(2001, 'x');
  DocumentInput bad_utf8 = Input("zly \xC3\x28");
  DocumentInput newline = Input("dwie\nlinie");
  DocumentInput no_cat = Input("ok");
  no_cat.category_id = 999;
  DocumentInput no_group = Input("ok", {777});
  DocumentInput many_groups = Input("ok");
  for (uint64_t g = 1; g <= 51; ++g) many_groups.groups.push_back(g);
  const Case cases[] = {
      {Input("   "), "field_required", "title"},    {long_title, "field_too_long", "title"},
      {long_desc, "field_too_long", "description"}, {bad_utf8, "utf8_invalid", "title"},
      {newline, "field_invalid", "title"},          {no_cat, "category_not_found", "category_id"},
      {no_group, "group_not_found", "groups"},      {many_groups, "field_too_long", "groups"},
  };
  const std::string pdf = Pdf();
  for (const Case& c : cases) {
    auto r = docs_->Create(staff_actor_, c.in, FileOf(pdf));
    ASSERT_FALSE(r.ok()) << c.code;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().field, c.field) << c.code;
  }
  auto long_note = docs_->Create(staff_actor_, Input("ok"), VersionInput{pdf, "a.pdf", std::string(501, 'n')});
  EXPECT_EQ(long_note.error().field, "note");
  EXPECT_EQ(docs_->List(Staff(), {}).value().total, 0u);
}

TEST_F(DocumentsServiceTest, SanitizesFilenames) {
  auto s = [](std::string_view raw) {
    auto r = Service::SanitizeFilename(raw);
    return r.ok() ? *r : "!" + r.error().code;
  };
  EXPECT_EQ(s("Regulamin.PDF"), "Regulamin.PDF");
  EXPECT_EQ(s("Regulamin"), "Regulamin.pdf");
  EXPECT_EQ(s("../../etc/passwd"), "passwd.pdf");
  EXPECT_EQ(s("..\\..\\boot.ini"), "boot.ini.pdf");
  EXPECT_EQ(s("a\r\nSet-Cookie: x=1.pdf"), "a__Set-Cookie: x=1.pdf");
  EXPECT_EQ(s(".hidden"), "hidden.pdf");
  EXPECT_EQ(s("zgoda\xE2\x80\xAE"
              "fdp.exe"),
            "zgoda_fdp.exe.pdf")
      << "bidi override removed";
  EXPECT_EQ(s("Uchwała nr 5.pdf"), "Uchwała nr 5.pdf");
  EXPECT_EQ(s("../"), "!field_required");
  EXPECT_EQ(s(" . . "), "!field_required");
  EXPECT_EQ(s("\xFF.pdf"), "!utf8_invalid");
  EXPECT_EQ(s(std::string(197, 'x')), "!field_too_long") << "201 code points with .pdf";
  EXPECT_EQ(s(std::string(196, 'x')), std::string(196, 'x') + ".pdf");
}

TEST_F(DocumentsServiceTest, TargetedDocumentIsInvisibleToOthersEverywhere) {
  Document everyone = MustCreate(Input("Regulamin porządku domowego"), "a");
  Document b11 = MustCreate(Input("Lazurowa 11: przegląd", {building11_}), "b");
  EXPECT_EQ(ListIds(Resident(kInBuilding11)), (std::vector<uint64_t>{b11.id, everyone.id}));
  EXPECT_EQ(ListIds(Resident(kInBuilding20)), (std::vector<uint64_t>{everyone.id}));
  EXPECT_EQ(docs_->Get(Resident(kInBuilding20), b11.id).error().code, "not_found");
  EXPECT_EQ(docs_->Download(Resident(kInBuilding20), b11.id).error().code, "not_found");
  EXPECT_TRUE(docs_->Get(Resident(kInBuilding11), b11.id).ok());
  EXPECT_TRUE(docs_->Download(Resident(kInBuilding11), b11.id).ok());
  // Counts per category follow visibility too.
  for (const CategoryView& c : docs_->Categories(Resident(kInBuilding20))) {
    EXPECT_EQ(c.count, c.category.slug == "regulaminy" ? 1u : 0u) << c.category.slug;
  }
}

TEST_F(DocumentsServiceTest, StaffOnlyDocumentAndOldVersionsAreHiddenFromResidents) {
  auto staff_group = CreateRuleGroup("Pracownicy", groups::testing::Leaf(groups::RuleField::kRole, roles::kStaff));
  Document internal = MustCreate(Input("Notatka wewnętrzna", {staff_group}), "int");
  ASSERT_TRUE(docs_->AddVersion(staff_actor_, internal.id, FileOf(Pdf("int2"))).ok());
  Document open = MustCreate(Input("Cennik"), "open");
  ASSERT_TRUE(docs_->AddVersion(staff_actor_, open.id, FileOf(Pdf("open2"))).ok());
  for (uint64_t user : {kInBuilding11, kInBuilding20}) {
    EXPECT_EQ(ListIds(Resident(user)), (std::vector<uint64_t>{open.id}));
    EXPECT_EQ(docs_->Get(Resident(user), internal.id).error().code, "not_found");
    EXPECT_EQ(docs_->Download(Resident(user), internal.id).error().code, "not_found");
    EXPECT_EQ(docs_->DownloadVersion(Resident(user), internal.id, 1).error().code, "not_found");
    EXPECT_EQ(docs_->DownloadVersion(Resident(user), open.id, 1).error().code, "not_found") << "old versions: staff";
    auto seen = docs_->Get(Resident(user), open.id);
    ASSERT_TRUE(seen.ok());
    EXPECT_TRUE(seen->versions.empty()) << "residents never see the history";
  }
  EXPECT_TRUE(docs_->DownloadVersion(Staff(), internal.id, 1).ok());
  EXPECT_EQ(docs_->DownloadVersion(Staff(), internal.id, 3).error().code, "not_found");
  EXPECT_EQ(docs_->DownloadVersion(Staff(), internal.id, 0).error().code, "not_found");
}

TEST_F(DocumentsServiceTest, NewVersionReplacesOldInListsAndMovesToTop) {
  Document first = MustCreate(Input("Regulamin rozliczeń"), "v1");
  clock_.Advance(60);
  Document second = MustCreate(Input("Regulamin parkingu"), "p1");
  EXPECT_EQ(ListIds(Resident(kInBuilding20)), (std::vector<uint64_t>{second.id, first.id}));
  clock_.Advance(60);
  const std::string v2 = Pdf("v2");
  auto added = docs_->AddVersion(staff_actor_, first.id, VersionInput{v2, "rozliczenia-2026", "zmiana stawek"});
  ASSERT_TRUE(added.ok()) << added.error().code;
  EXPECT_EQ(added->n, 2u);
  auto page = docs_->List(Resident(kInBuilding20), {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 2u) << "one entry per document, not per version";
  EXPECT_EQ(page->items[0].doc.id, first.id);
  EXPECT_EQ(page->items[0].current.n, 2u);
  EXPECT_EQ(page->items[0].current.filename, "rozliczenia-2026.pdf");
  EXPECT_EQ(docs_->Download(Resident(kInBuilding20), first.id)->path, uploads_.PathOf(v2));
  auto staff = docs_->Get(Staff(), first.id);
  ASSERT_EQ(staff->versions.size(), 2u);
  EXPECT_EQ(staff->versions[0].n, 2u);
  EXPECT_EQ(staff->versions[1].n, 1u);
  EXPECT_EQ(docs_->AddVersion(staff_actor_, first.id, FileOf(Png())).error().code, "upload_not_pdf");
  EXPECT_EQ(docs_->AddVersion(staff_actor_, 999, FileOf(v2)).error().code, "not_found");
}

TEST_F(DocumentsServiceTest, CountsDownloadsPerVersionAndDocument) {
  Document d = MustCreate(Input("Wniosek o zmianę liczby osób"), "w1");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(docs_->Download(Resident(kInBuilding11), d.id).ok());
  ASSERT_TRUE(docs_->AddVersion(staff_actor_, d.id, FileOf(Pdf("w2"))).ok());
  auto file = docs_->Download(Resident(kInBuilding20), d.id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->filename, "dokument.pdf");
  ASSERT_TRUE(docs_->DownloadVersion(Staff(), d.id, 1).ok());
  auto v = docs_->Get(Staff(), d.id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->downloads, 5u);
  EXPECT_EQ(v->versions[0].downloads, 1u);
  EXPECT_EQ(v->versions[1].downloads, 4u);
  EXPECT_EQ(docs_->List(Staff(), {}).value().items[0].downloads, 5u);
  // The counts wait in memory (a download commits nothing); Flush writes them, and a new service finds them.
  const uint64_t commits = env_->View([](const storage::ReadTxn& t) { return t.SnapshotId(); });
  ASSERT_TRUE(docs_->Download(Resident(kInBuilding11), d.id).ok());
  EXPECT_EQ(env_->View([](const storage::ReadTxn& t) { return t.SnapshotId(); }), commits);
  ASSERT_TRUE(docs_->Flush().ok());
  EXPECT_GT(env_->View([](const storage::ReadTxn& t) { return t.SnapshotId(); }), commits);
  ASSERT_TRUE(docs_->Flush().ok());  // nothing pending: no change
  Service fresh(*env_, clock_, *svc_, audit_, uploads_);
  EXPECT_EQ(fresh.Get(Staff(), d.id)->downloads, 6u);
  EXPECT_EQ(fresh.Get(Staff(), d.id)->versions[0].downloads, 2u);  // the current version, newest first
  EXPECT_EQ(docs_->Get(Staff(), d.id)->downloads, 6u);  // not counted twice after the flush
  // A refused download is not counted.
  auto hidden = MustCreate(Input("Tylko 11", {building11_}), "h");
  EXPECT_FALSE(docs_->Download(Resident(kInBuilding20), hidden.id).ok());
  EXPECT_EQ(docs_->Get(Staff(), hidden.id)->downloads, 0u);
}

TEST_F(DocumentsServiceTest, SearchFoldsDiacriticsAndMatchesWordPrefixes) {
  Document a = MustCreate(Input("Sprawozdanie finansowe za 2024 rok", {}, "sprawozdania-finansowe"), "s");
  Document b = MustCreate(Input("Uchwała nr 12/2025 w sprawie opłat", {}, "uchwaly"), "u");
  Document c = MustCreate(Input("Zgłoszenie usterki", {}, "formularze-do-druku"), "z");
  auto q = [&](std::string text, uint64_t category = 0) {
    ListQuery query;
    query.q = std::move(text);
    query.category_id = category;
    return ListIds(Resident(kInBuilding20), query);
  };
  EXPECT_EQ(q("SPRAWOZ"), (std::vector<uint64_t>{a.id}));
  EXPECT_EQ(q("uchwala"), (std::vector<uint64_t>{b.id}));
  EXPECT_EQ(q("zglosz uster"), (std::vector<uint64_t>{c.id}));
  EXPECT_EQ(q("opłat 2025"), (std::vector<uint64_t>{b.id}));
  EXPECT_TRUE(q("nansowe").empty()) << "prefixes only";
  EXPECT_TRUE(q("uchwala zgloszenie").empty()) << "every word must match";
  EXPECT_EQ(q("", categories_["uchwaly"]), (std::vector<uint64_t>{b.id}));
  EXPECT_TRUE(q("sprawozdanie", categories_["uchwaly"]).empty());
  ListQuery bad;
  bad.q = "\xC3";
  EXPECT_EQ(docs_->List(Staff(), bad).error().code, "utf8_invalid");
  bad.q = std::string(201, 'a');
  EXPECT_EQ(docs_->List(Staff(), bad).error().code, "field_too_long");
}

TEST_F(DocumentsServiceTest, UpdateAndDeleteKeepIndexesConsistent) {
  Document d = MustCreate(Input("Stary tytuł"), "d");
  clock_.Advance(10);
  auto u = docs_->Update(staff_actor_, d.id, Input("Nowy tytuł", {building11_}, "inne"));
  ASSERT_TRUE(u.ok()) << u.error().code;
  EXPECT_EQ(u->current, 1u) << "metadata changes keep the version";
  EXPECT_TRUE(ListIds(Resident(kInBuilding20)).empty());
  ListQuery old_title;
  old_title.q = "stary";
  EXPECT_TRUE(ListIds(Staff(), old_title).empty());
  EXPECT_EQ(ListIds(Resident(kInBuilding11)), (std::vector<uint64_t>{d.id}));
  EXPECT_EQ(docs_->DeleteCategory(staff_actor_, categories_["inne"]).error().code, "category_not_empty");
  EXPECT_EQ(docs_->Update(staff_actor_, 999, Input("x")).error().code, "not_found");
  const std::string file = docs_->Get(Staff(), d.id)->current.upload_id;
  ASSERT_TRUE(docs_->Delete(staff_actor_, d.id).ok());
  EXPECT_EQ(docs_->Delete(staff_actor_, d.id).error().code, "not_found");
  EXPECT_TRUE(ListIds(Staff()).empty());
  EXPECT_EQ(docs_->Get(Staff(), d.id).error().code, "not_found");
  EXPECT_TRUE(std::filesystem::is_regular_file(files_.PathOf(file))) << "files stay: content-addressed, maybe shared";
  EXPECT_TRUE(docs_->DeleteCategory(staff_actor_, categories_["inne"]).ok());
  EXPECT_EQ(docs_->DeleteCategory(staff_actor_, categories_["inne"]).error().code, "not_found");
}

TEST_F(DocumentsServiceTest, CategoriesHaveUniqueSlugsAndBoundedFields) {
  auto c = docs_->CreateCategory(staff_actor_, CategoryInput{"Ogłoszenia zarządu", std::nullopt, false});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->slug, "ogloszenia-zarzadu");
  EXPECT_EQ(c->position, 9) << "appended after the last";
  EXPECT_EQ(docs_->CreateCategory(staff_actor_, CategoryInput{"OGŁOSZENIA  zarządu!", 1, false}).error().code,
            "category_name_taken");
  EXPECT_EQ(docs_->CreateCategory(staff_actor_, CategoryInput{"!!!", 1, false}).error().code, "field_invalid");
  EXPECT_EQ(docs_->CreateCategory(staff_actor_, CategoryInput{std::string(101, 'k'), 1, false}).error().code,
            "field_too_long");
  EXPECT_EQ(docs_->CreateCategory(staff_actor_, CategoryInput{"Ok", -1, false}).error().field, "position");
  auto moved = docs_->UpdateCategory(staff_actor_, c->id, CategoryInput{"Ogłoszenia zarządu", 0, true});
  ASSERT_TRUE(moved.ok()) << "renaming to its own slug is fine";
  EXPECT_EQ(docs_->Categories(Staff())[0].category.id, c->id);
  EXPECT_EQ(docs_->UpdateCategory(staff_actor_, c->id, CategoryInput{"Statut", 0, true}).error().code,
            "category_name_taken");
}

}  // namespace
}  // namespace osiedle::documents
