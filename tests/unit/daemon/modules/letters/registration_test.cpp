// Registering with a letter code, end to end through identity::Service and the hooks osiedled installs.
#include <gtest/gtest.h>

#include "daemon/modules/letters/service.hpp"
#include "tests/unit/daemon/modules/letters/fixture.hpp"

namespace osiedle::letters {
namespace {

using testing::World;

TEST(LettersRegistration, AValidCodeVerifiesTheOwnerAtOnce) {
  World w;
  const uint64_t flat = w.FlatId(w.building_a, "2");
  const std::string code = w.IssueFor({flat})[0].code;
  auto r = w.f.id.users.Register(w.WithCode("ewa@example.pl", w.building_a, "2", code), Actor{});
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().field;
  EXPECT_TRUE(r->verified);
  const identity::User u = w.f.GetUser(r->user_id);
  EXPECT_EQ(u.status, identity::UserStatus::kActive);
  w.f.env->View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(w.f.id.store.GetOwnership(t, r->user_id, flat), identity::OwnershipStatus::kVerified);
    EXPECT_EQ(w.f.roles.RolesOf(t, r->user_id), std::vector<uint64_t>{roles::kResident});
    auto reg = w.f.id.store.GetRegistration(t, r->registration_id);
    ASSERT_TRUE(reg);
    EXPECT_EQ(reg->status, identity::RegistrationStatus::kApproved);
    EXPECT_EQ(reg->proof, identity::ProofKind::kLetterCode);
  });
  auto codes = w.Codes(flat);
  EXPECT_EQ(codes[0].status, CodeStatus::kUsed);
  EXPECT_EQ(codes[0].used_by_user_id, r->user_id);
  // The "approved" mail, not "received".
  auto mails = w.f.Mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail.subject, "Twoje konto jest gotowe");
  EXPECT_NE(mails[0].mail.body.find("https://portal.test"), std::string::npos) << mails[0].mail.body;
  auto entries = w.f.audit.List(audit::Filter{});
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "registration.approve");
  EXPECT_EQ(entries[1].action, "registration.create");
  EXPECT_EQ(entries[1].detail, "letter_code=1");
}

TEST(LettersRegistration, WrongUsedRevokedAndOtherFlatCodesAllAnswerTheSame) {
  World w;
  const uint64_t flat1 = w.FlatId(w.building_a, "1");
  const uint64_t flat2 = w.FlatId(w.building_a, "2");
  auto letters = w.IssueFor({flat1, flat2});
  const std::string code1 = letters[0].code, code2 = letters[1].code;
  ASSERT_TRUE(w.f.id.users.Register(w.WithCode("a@example.pl", w.building_a, "1", code1), Actor{}).ok());

  auto expect_invalid = [&](const std::string& email, const std::string& flat, const std::string& code) {
    auto r = w.f.id.users.Register(w.WithCode(email, w.building_a, flat, code), Actor{});
    ASSERT_FALSE(r.ok()) << email;
    EXPECT_EQ(r.error().code, "letter_code_invalid") << email;
    EXPECT_EQ(r.error().field, "letter_code") << email;
    w.f.env->View([&](const storage::ReadTxn& t) { EXPECT_FALSE(w.f.id.store.FindUserByEmail(t, email)); });
  };
  expect_invalid("used@example.pl", "1", code1);
  expect_invalid("other@example.pl", "1", code2);
  expect_invalid("wrong@example.pl", "2", "ABCD-EFGH-JKLM");
  expect_invalid("garbage@example.pl", "2", "not a code at all");
  ASSERT_TRUE(w.svc.Revoke(w.Codes(flat2)[0].id, Actor{w.staff, "", ""}).ok());
  expect_invalid("revoked@example.pl", "2", code2);
}

TEST(LettersRegistration, ACodeIsAcceptedWhateverTheProofSettingAndWithoutAKw) {
  for (const char* proof : {"kw", "member-number", "letter-code"}) {
    auto o = identity::testing::TestOptions();
    o.registration_proof = proof;
    World w(o);
    const std::string code = w.IssueFor({w.FlatId(w.building_b, "3")})[0].code;
    auto r = w.f.id.users.Register(w.WithCode("ola@example.pl", w.building_b, "3", code), Actor{});
    ASSERT_TRUE(r.ok()) << proof << ": " << r.error().code;
    EXPECT_TRUE(r->verified) << proof;
  }
}

TEST(LettersRegistration, ALetterCodeSettingRequiresACode) {
  auto o = identity::testing::TestOptions();
  o.registration_proof = "letter-code";
  World w(o);
  auto in = w.f.Input("jan@example.pl", 1, testing::Fixture::Kw(1));
  auto r = w.f.id.users.Register(in, Actor{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "field_required");
  EXPECT_EQ(r.error().field, "letter_code");
}

}  // namespace
}  // namespace osiedle::letters
