#include "daemon/modules/contractors/service.hpp"

#include <gtest/gtest.h>

#include "tests/unit/daemon/modules/contractors/fixture.hpp"

namespace osiedle::contractors {
namespace {

using testing::Fixture;
using testing::kResident;
using testing::kStaff;
using testing::kStaffActor;
using Strings = std::vector<std::string>;

TEST(ContractorsService, SeedAddsPolishCategoriesOnce) {
  Fixture f;
  ASSERT_TRUE(f.env
                  .Update([&](storage::WriteTxn& t) -> Status {
                    f.svc.Seed(t);  // a second run adds nothing
                    return {};
                  })
                  .ok());
  auto cats = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Categories(t); });
  ASSERT_EQ(cats.size(), 10u);
  EXPECT_EQ(cats[0].name, "Elektryk");
  EXPECT_NE(f.CategoryId("Ślusarz"), 0u);
  EXPECT_NE(f.CategoryId("Projektant wnętrz"), 0u);
  EXPECT_NE(f.CategoryId("Firma sprzątająca"), 0u);
}

TEST(ContractorsService, PrefixSearchIgnoresCaseAndDiacritics) {
  Fixture f;
  f.Add("Jan Kowalski", {f.CategoryId("Hydraulik")});
  f.Add("Zamki Nowak", {f.CategoryId("Ślusarz")});
  f.Add("Elektro-Max", {f.CategoryId("Elektryk")}, "Instalacje i pomiary");
  EXPECT_EQ(f.Names("hydr"), Strings{"Jan Kowalski"});
  EXPECT_EQ(f.Names("slusarz"), Strings{"Zamki Nowak"});
  EXPECT_EQ(f.Names("ŚLUS"), Strings{"Zamki Nowak"});
  EXPECT_EQ(f.Names("pomiar"), Strings{"Elektro-Max"});  // description words count too
  EXPECT_EQ(f.Names("kowal"), Strings{"Jan Kowalski"});  // and name words
  EXPECT_TRUE(f.Names("owalski").empty());               // prefixes only, not infixes
}

TEST(ContractorsService, RtvFindsTheRtvAgdServiceCategory) {
  Fixture f;
  f.Add("Naprawa Pralek Bemowo", {f.CategoryId("Serwis RTV/AGD")});
  EXPECT_EQ(f.Names("rtv"), Strings{"Naprawa Pralek Bemowo"});
  EXPECT_EQ(f.Names("AGD"), Strings{"Naprawa Pralek Bemowo"});
}

TEST(ContractorsService, EveryQueryWordMustMatch) {
  Fixture f;
  f.Add("Hydro Bemowo", {f.CategoryId("Hydraulik")});
  f.Add("Hydro Wola", {f.CategoryId("Hydraulik")});
  f.Add("Prąd Bemowo", {f.CategoryId("Elektryk")});
  EXPECT_EQ(f.Names("hydr bem"), Strings{"Hydro Bemowo"});
  EXPECT_EQ(f.Names("bem HYDR"), Strings{"Hydro Bemowo"});
  EXPECT_EQ(f.Names("bemowo").size(), 2u);
  EXPECT_TRUE(f.Names("hydr elektr").empty());
}

TEST(ContractorsService, UpdateReplacesTheIndexedWords) {
  Fixture f;
  uint64_t id = f.Add("Stara Nazwa", {f.CategoryId("Malarz")}, "tapetowanie");
  ContractorInput in;
  in.name = "Nowa Firma";
  in.category_ids = {f.CategoryId("Glazurnik")};
  in.description = "płytki";
  ASSERT_TRUE(f.env.Update([&](storage::WriteTxn& t) { return f.svc.Update(t, kStaffActor, id, in); }).ok());
  EXPECT_TRUE(f.Names("stara").empty());
  EXPECT_TRUE(f.Names("malarz").empty());
  EXPECT_TRUE(f.Names("tapet").empty());
  EXPECT_EQ(f.Names("nowa"), Strings{"Nowa Firma"});
  EXPECT_EQ(f.Names("glazur"), Strings{"Nowa Firma"});
  EXPECT_EQ(f.Names("plytki"), Strings{"Nowa Firma"});
  auto in_old = f.Search("", false, f.CategoryId("Malarz"));
  ASSERT_TRUE(in_old.ok());
  EXPECT_EQ(in_old->total, 0u);
}

TEST(ContractorsService, DeleteRemovesFromIndexAndRecords) {
  Fixture f;
  uint64_t id = f.Add("Dachy Kowalczyk", {f.CategoryId("Dekarz")});
  uint64_t user = 42;
  ASSERT_TRUE(f.Rate(id, user, 5).ok());
  ASSERT_TRUE(f.env.Update([&](storage::WriteTxn& t) { return f.svc.Delete(t, kStaffActor, id); }).ok());
  EXPECT_TRUE(f.Names("dach", true).empty());
  EXPECT_TRUE(f.Names("dekarz", true).empty());
  EXPECT_EQ(f.Search("", true)->total, 0u);
  auto get = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Get(t, id, kStaff); });
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().code, "not_found");
  auto again = f.env.Update([&](storage::WriteTxn& t) { return f.svc.Delete(t, kStaffActor, id); });
  EXPECT_EQ(again.error().code, "not_found");
}

TEST(ContractorsService, InactiveContractorsAreHiddenFromResidents) {
  Fixture f;
  ContractorInput in;
  in.name = "Uśpiony Hydraulik";
  in.active = false;
  auto c = f.Create(in);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(f.Names("hydraulik").empty());
  EXPECT_EQ(f.Search("")->total, 0u);
  EXPECT_EQ(f.Names("hydraulik", /*include_inactive=*/true), Strings{"Uśpiony Hydraulik"});
  auto as_resident = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Get(t, c->id, kResident); });
  EXPECT_EQ(as_resident.error().code, "not_found");
  auto as_staff = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Get(t, c->id, kStaff); });
  EXPECT_TRUE(as_staff.ok());
  EXPECT_EQ(f.Rate(c->id, 7, 4).error().code, "not_found");
}

TEST(ContractorsService, OrdersRecommendedThenRatingThenName) {
  Fixture f;
  uint64_t cat = f.CategoryId("Stolarz");
  uint64_t b = f.Add("B Stolarnia", {cat});
  f.Add("A Stolarnia", {cat});
  uint64_t c = f.Add("C Stolarnia", {cat});
  f.Add("Z Stolarnia", {cat}, "", /*recommended=*/true);
  ASSERT_TRUE(f.Rate(b, 1, 3).ok());
  ASSERT_TRUE(f.Rate(c, 1, 5).ok());
  ASSERT_TRUE(f.Rate(c, 2, 4).ok());  // 4.5 beats 3; unrated A comes last
  EXPECT_EQ(f.Names("stolar"), (Strings{"Z Stolarnia", "C Stolarnia", "B Stolarnia", "A Stolarnia"}));
}

// Summaries, word ids and answers are memoised under the contractors' own version: every write of theirs (a rating,
// an edit) shows in the next search, and commits elsewhere leave the version alone.
TEST(ContractorsService, SearchSeesEveryCommitAtOnce) {
  Fixture f;
  uint64_t cat = f.CategoryId("Stolarz");
  uint64_t b = f.Add("B Stolarnia", {cat});
  uint64_t a = f.Add("A Stolarnia", {cat});
  EXPECT_EQ(f.Names("stolar"), (Strings{"A Stolarnia", "B Stolarnia"}));
  ASSERT_TRUE(f.Rate(b, 1, 5).ok());
  EXPECT_EQ(f.Names("stolar"), (Strings{"B Stolarnia", "A Stolarnia"}));
  auto update = [&](uint64_t id, const std::string& name, bool recommended, bool active) {
    ContractorInput in;
    in.name = name;
    in.category_ids = {cat};
    in.recommended = recommended;
    in.active = active;
    return f.env.Update([&](storage::WriteTxn& t) { return f.svc.Update(t, kStaffActor, id, in); });
  };
  ASSERT_TRUE(update(a, "A Stolarnia", /*recommended=*/true, true).ok());
  EXPECT_EQ(f.Names("stolar"), (Strings{"A Stolarnia", "B Stolarnia"}));
  ASSERT_TRUE(update(b, "B Stolarnia", false, /*active=*/false).ok());
  EXPECT_EQ(f.Names("stolar"), Strings{"A Stolarnia"});

  auto version = [&] { return f.env.View([&](const storage::ReadTxn& t) { return f.svc.Version(t); }); };
  const uint64_t before = version();
  storage::Table other = f.env.OpenTable("test.elsewhere");
  ASSERT_TRUE(f.env.Update([&](storage::WriteTxn& t) -> Status {
                     t.Put(other, "k", "v");
                     return Ok{};
                   }).ok());
  EXPECT_EQ(version(), before);
  ASSERT_TRUE(update(b, "B Stolarnia", false, /*active=*/true).ok());
  EXPECT_GT(version(), before);
  EXPECT_EQ(f.Names("stolar"), (Strings{"A Stolarnia", "B Stolarnia"}));
}

TEST(ContractorsService, PaginatesWithTotal) {
  Fixture f;
  for (char ch = 'a'; ch <= 'e'; ++ch) f.Add(std::string("Malarz ") + ch);
  SearchQuery q;
  q.q = "malarz";
  q.offset = 3;
  q.limit = 2;
  auto page = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Search(t, q); });
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 5u);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].name, "Malarz d");
  q.offset = 9;
  page = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Search(t, q); });
  EXPECT_TRUE(page->items.empty());
  q.limit = 0;
  page = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Search(t, q); });
  EXPECT_EQ(page.error().code, "field_invalid");
}

TEST(ContractorsService, SearchRefusesOverlongQueries) {
  Fixture f;
  auto r = f.Search(std::string(kMaxQueryLen + 1, 'a'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "field_too_long");
  EXPECT_EQ(r.error().field, "q");
}

TEST(ContractorsService, OneReviewPerAccountAndAverage) {
  Fixture f;
  uint64_t id = f.Add("Hydro-Serwis");
  ASSERT_TRUE(f.Rate(id, 7, 5, "Szybko i czysto").ok());
  auto second = f.Rate(id, 7, 1);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "review_exists");
  ASSERT_TRUE(f.Rate(id, 8, 2).ok());
  auto c = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Get(t, id, kResident); });
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->rating_count, 2u);
  EXPECT_DOUBLE_EQ(c->Average(), 3.5);
}

TEST(ContractorsService, ReviewRefusesBadRatingAndLongText) {
  Fixture f;
  uint64_t id = f.Add("Hydro-Serwis");
  EXPECT_EQ(f.Rate(id, 7, 0).error().code, "field_invalid");
  EXPECT_EQ(f.Rate(id, 7, 6).error().code, "field_invalid");
  auto long_text = f.Rate(id, 7, 4, std::string(kMaxReviewLen + 1, 'x'));
  EXPECT_EQ(long_text.error().code, "field_too_long");
  EXPECT_EQ(long_text.error().field, "text");
  EXPECT_EQ(f.Rate(999, 7, 4).error().code, "not_found");
  EXPECT_TRUE(f.Rate(id, 7, 4).ok());  // the refusals stored nothing
}

TEST(ContractorsService, HiddenReviewsLeaveTheAverageAndResidentsView) {
  Fixture f;
  uint64_t id = f.Add("Hydro-Serwis");
  auto spam = f.Rate(id, 7, 1, "reklama konkurencji");
  ASSERT_TRUE(f.Rate(id, 8, 5).ok());
  auto hidden = f.env.Update(
      [&](storage::WriteTxn& t) { return f.svc.HideReview(t, kStaffActor, spam->id, "Treść niezwiązana z usługą"); });
  ASSERT_TRUE(hidden.ok());
  EXPECT_TRUE(hidden->hidden);
  f.env.View([&](const storage::ReadTxn& t) {
    auto c = f.svc.Get(t, id, kResident);
    EXPECT_EQ(c->rating_count, 1u);
    EXPECT_DOUBLE_EQ(c->Average(), 5.0);
    auto residents = f.svc.Reviews(t, kResident, id, 0, 20);
    ASSERT_EQ(residents->total, 1u);
    EXPECT_EQ(residents->items[0].rating, 5);
    EXPECT_EQ(f.svc.Reviews(t, kStaff, id, 0, 20)->total, 2u);
  });
  // Hiding again only replaces the reason; the average is not touched twice.
  ASSERT_TRUE(
      f.env.Update([&](storage::WriteTxn& t) { return f.svc.HideReview(t, kStaffActor, spam->id, "Spam"); }).ok());
  auto c = f.env.View([&](const storage::ReadTxn& t) { return f.svc.Get(t, id, kResident); });
  EXPECT_EQ(c->rating_count, 1u);
  EXPECT_EQ(f.Rate(id, 7, 5).error().code,
            "review_exists");  // still once per account
  auto log = f.audit.List(audit::Filter{});
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "contractor.review_hide");
}

TEST(ContractorsService, HideNeedsAReasonAndAnExistingReview) {
  Fixture f;
  uint64_t id = f.Add("Hydro-Serwis");
  auto r = f.Rate(id, 7, 3);
  auto no_reason = f.env.Update([&](storage::WriteTxn& t) { return f.svc.HideReview(t, kStaffActor, r->id, " "); });
  EXPECT_EQ(no_reason.error().code, "field_required");
  auto missing = f.env.Update([&](storage::WriteTxn& t) { return f.svc.HideReview(t, kStaffActor, 999, "x"); });
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST(ContractorsService, ValidatesContractorFields) {
  Fixture f;
  auto code = [&](ContractorInput in) {
    auto r = f.Create(in);
    return r.ok() ? std::string("ok") : r.error().code + "/" + r.error().field;
  };
  ContractorInput base;
  base.name = "Firma";
  EXPECT_EQ(code(base), "ok");
  ContractorInput in = base;
  in.name = "  ";
  EXPECT_EQ(code(in), "field_required/name");
  in = base;
  in.name = std::string(kMaxNameLen + 1, 'n');
  EXPECT_EQ(code(in), "field_too_long/name");
  in = base;
  in.name = "Firma\nDruga linia";
  EXPECT_EQ(code(in), "field_invalid/name");
  in = base;
  in.description = std::string(kMaxDescriptionLen + 1, 'd');
  EXPECT_EQ(code(in), "field_too_long/description");
  in = base;
  in.website = "javascript:alert(1)";
  EXPECT_EQ(code(in), "url_invalid/website");
  in = base;
  in.website = "ftp://pliki.pl";
  EXPECT_EQ(code(in), "url_invalid/website");
  in = base;
  in.email = "nie-mail";
  EXPECT_EQ(code(in), "email_invalid/email");
  in = base;
  in.phone = "zadzwoń";
  EXPECT_EQ(code(in), "phone_invalid/phone");
  in = base;
  in.category_ids = {12345};
  EXPECT_EQ(code(in), "category_not_found/category_ids");
  in = base;
  in.service_area = std::string(kMaxAreaLen + 1, 'a');
  EXPECT_EQ(code(in), "field_too_long/service_area");
  in = base;
  in.hours = std::string(kMaxHoursLen + 1, 'h');
  EXPECT_EQ(code(in), "field_too_long/hours");
  in = base;
  in.name = "Zła \xC3";
  EXPECT_EQ(code(in), "utf8_invalid/name");
}

TEST(ContractorsService, UpdateOfMissingContractorIsNotFound) {
  Fixture f;
  ContractorInput in;
  in.name = "X";
  auto r = f.env.Update([&](storage::WriteTxn& t) { return f.svc.Update(t, kStaffActor, 77, in); });
  EXPECT_EQ(r.error().code, "not_found");
}

TEST(ContractorsService, CategoryNamesAreUniqueAfterFolding) {
  Fixture f;
  auto dup = f.env.Update([&](storage::WriteTxn& t) { return f.svc.CreateCategory(t, kStaffActor, "SLUSARZ"); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "category_name_taken");
  auto added = f.env.Update([&](storage::WriteTxn& t) { return f.svc.CreateCategory(t, kStaffActor, "Zduń"); });
  ASSERT_TRUE(added.ok());
  f.Add("Piece Kaflowe", {added->id});
  EXPECT_EQ(f.Names("zdun"), Strings{"Piece Kaflowe"});
}

TEST(ContractorsService, StaffChangesAreAudited) {
  Fixture f;
  uint64_t id = f.Add("Audytowany");
  auto log = f.audit.List(audit::Filter{});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "contractor.create");
  EXPECT_EQ(log[0].target_id, id);
  EXPECT_EQ(log[0].actor_id, kStaffActor.user_id);
}

}  // namespace
}  // namespace osiedle::contractors
