#include "daemon/modules/letters/service.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "tests/unit/daemon/modules/letters/fixture.hpp"

namespace osiedle::letters {
namespace {

using testing::World;

bool LooksLikeCode(const std::string& s) {
  return std::regex_match(s, std::regex("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}"));
}

TEST(LettersService, IssuesOneCodePerFlatOfABuildingInNaturalOrder) {
  World w;
  auto r = w.svc.Issue(Selection{w.building_a, {}}, Actor{w.staff, "", ""});
  ASSERT_TRUE(r.ok()) << r.error().code;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].flat_number, "1");
  EXPECT_EQ((*r)[1].flat_number, "2");
  EXPECT_EQ((*r)[2].flat_number, "10");
  for (const IssuedLetter& l : *r) {
    EXPECT_TRUE(LooksLikeCode(l.code)) << l.code;
    EXPECT_EQ(l.building_id, w.building_a);
    EXPECT_EQ(l.building_address, "Lazurowa 12");
    EXPECT_EQ(l.estate_name, "Lazurowa");
    EXPECT_EQ(l.staircase, "A");
    EXPECT_EQ(l.url, "https://portal.test/#/rejestracja?budynek=" + std::to_string(w.building_a) +
                         "&lokal=" + l.flat_number + "&kod=" + l.code);
  }
  EXPECT_NE((*r)[0].code, (*r)[1].code);
}

TEST(LettersService, UrlEncodesTheFlatNumber) {
  World w;
  auto letters = w.IssueFor({w.FlatId(w.building_b, "12A")});
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_NE(letters[0].url.find("&lokal=12%20a&kod="), std::string::npos) << letters[0].url;
}

TEST(LettersService, EmptySelectionMeansEveryFlat) {
  World w;
  auto r = w.svc.Issue(Selection{}, Actor{w.staff, "", ""});
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->size(), 5u);
}

TEST(LettersService, RejectsUnknownBuildingFlatAndEmptySelections) {
  World w;
  auto r = w.svc.Issue(Selection{999, {}}, Actor{w.staff, "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "building_not_found");
  r = w.svc.Issue(Selection{0, {w.FlatId(w.building_a, "1"), 999}}, Actor{w.staff, "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "flat_not_found");
  EXPECT_EQ(r.error().detail, "999");
  r = w.svc.Issue(Selection{w.building_a, {w.FlatId(w.building_a, "1")}}, Actor{w.staff, "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "field_invalid");
  // A failed issue stores nothing: the flat in the list above got no code.
  EXPECT_TRUE(w.Codes(w.FlatId(w.building_a, "1")).empty());

  identity::testing::Fixture empty;
  Service svc(*empty.env, empty.clock, empty.id.users, empty.audit, "https://portal.test");
  auto none = svc.Issue(Selection{}, Actor{});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "letters_none");
}

TEST(LettersService, StoresOnlyTheHashOfACode) {
  World w;
  auto letters = w.IssueFor({w.FlatId(w.building_a, "1")});
  const std::string formatted = letters[0].code;
  std::string canonical = formatted;
  canonical.erase(std::remove(canonical.begin(), canonical.end(), '-'), canonical.end());
  w.f.env->Sync();
  std::ifstream in(w.f.dir.path() + "/data.mdb", std::ios::binary);
  ASSERT_TRUE(in.good());
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 0u);
  EXPECT_EQ(bytes.find(canonical), std::string::npos);
  EXPECT_EQ(bytes.find(formatted), std::string::npos);
  EXPECT_NE(bytes.find(CodeHash(canonical)), std::string::npos) << "the hash is what is stored";
}

TEST(LettersService, ListsAFlatsCodesNewestFirstWithoutTheCodes) {
  World w;
  const uint64_t flat = w.FlatId(w.building_a, "2");
  w.IssueFor({flat});
  w.f.clock.Advance(60);
  w.IssueFor({flat});
  auto codes = w.Codes(flat);
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_GT(codes[0].id, codes[1].id);
  EXPECT_EQ(codes[0].status, CodeStatus::kActive);
  EXPECT_EQ(codes[0].created_by, w.staff);
  EXPECT_EQ(codes[0].code_hash.size(), 32u);
  auto missing = w.svc.ListForFlat(999);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "flat_not_found");
}

TEST(LettersService, ReissueRevokesTheFlatsEarlierActiveCodes) {
  World w;
  const uint64_t flat = w.FlatId(w.building_a, "1");
  const uint64_t other = w.FlatId(w.building_a, "2");
  const std::string first = w.IssueFor({flat, other})[0].code;
  const std::string second = w.IssueFor({flat})[0].code;
  auto codes = w.Codes(flat);
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0].status, CodeStatus::kActive);
  EXPECT_EQ(codes[1].status, CodeStatus::kRevoked);
  EXPECT_EQ(codes[1].revoked_by, w.staff);
  EXPECT_EQ(w.Codes(other)[0].status, CodeStatus::kActive) << "another flat's code stays";
  w.f.env->View([&](const storage::ReadTxn& t) {
    EXPECT_FALSE(w.svc.IsValid(t, flat, first));
    EXPECT_TRUE(w.svc.IsValid(t, flat, second));
  });
}

TEST(LettersService, RevokesOnlyAnActiveCode) {
  World w;
  const uint64_t flat = w.FlatId(w.building_a, "1");
  const std::string code = w.IssueFor({flat})[0].code;
  const uint64_t id = w.Codes(flat)[0].id;
  ASSERT_TRUE(w.svc.Revoke(id, Actor{w.staff, "", ""}).ok());
  EXPECT_EQ(w.Codes(flat)[0].status, CodeStatus::kRevoked);
  EXPECT_EQ(w.svc.Revoke(id, Actor{w.staff, "", ""}).error().code, "letter_code_not_active");
  EXPECT_EQ(w.svc.Revoke(12345, Actor{w.staff, "", ""}).error().code, "not_found");
  w.f.env->View([&](const storage::ReadTxn& t) { EXPECT_FALSE(w.svc.IsValid(t, flat, code)); });
}

TEST(LettersService, AuditsIssueAndRevokeWithoutTheCodes) {
  World w;
  auto letters = w.svc.Issue(Selection{w.building_a, {}}, Actor{w.staff, "192.0.2.9", "test"});
  ASSERT_TRUE(letters.ok());
  const uint64_t flat = w.FlatId(w.building_a, "1");
  ASSERT_TRUE(w.svc.Revoke(w.Codes(flat)[0].id, Actor{w.staff, "", ""}).ok());
  auto entries = w.f.audit.List(audit::Filter{});
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "letter_code.revoke");
  EXPECT_EQ(entries[1].action, "letters.issue");
  EXPECT_EQ(entries[1].actor_id, w.staff);
  EXPECT_EQ(entries[1].ip, "192.0.2.9");
  EXPECT_NE(entries[1].detail.find("count=3"), std::string::npos) << entries[1].detail;
  EXPECT_NE(entries[1].detail.find("building=" + std::to_string(w.building_a)), std::string::npos);
  for (const auto& e : entries) {
    for (const IssuedLetter& l : *letters) {
      EXPECT_EQ(e.detail.find(l.code), std::string::npos);
      EXPECT_EQ(e.detail.find(l.code.substr(0, 4) + l.code.substr(5, 4)), std::string::npos);
    }
  }
}

TEST(LettersService, ConsumesACodeOnceAndOnlyForItsFlat) {
  World w;
  const uint64_t flat = w.FlatId(w.building_a, "1");
  const uint64_t other = w.FlatId(w.building_a, "2");
  const std::string code = w.IssueFor({flat})[0].code;
  std::string typed = code;  // lower case, spaces for dashes: what people type
  for (char& c : typed) c = c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto consumed = w.f.env->Update([&](storage::WriteTxn& t) -> Result<bool> {
    EXPECT_FALSE(w.svc.Consume(t, other, code, 7));
    return w.svc.Consume(t, flat, typed, 7);
  });
  ASSERT_TRUE(consumed.ok());
  EXPECT_TRUE(*consumed);
  auto again = w.f.env->Update([&](storage::WriteTxn& t) -> Result<bool> { return w.svc.Consume(t, flat, code, 8); });
  EXPECT_FALSE(*again);
  auto codes = w.Codes(flat);
  EXPECT_EQ(codes[0].status, CodeStatus::kUsed);
  EXPECT_EQ(codes[0].used_by_user_id, 7u);
  EXPECT_EQ(codes[0].used_at, w.f.clock.NowUnix());
}

}  // namespace
}  // namespace osiedle::letters
