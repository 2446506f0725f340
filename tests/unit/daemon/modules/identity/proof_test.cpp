// The proof of ownership a sign-up asks for: KW number, member number or a registration letter code (the
// letters module's hooks are replaced here by a fake that knows one code per flat).
#include <gtest/gtest.h>

#include <map>

#include "daemon/modules/identity/service.hpp"
#include "tests/unit/daemon/modules/identity/fixture.hpp"

namespace osiedle::identity {
namespace {

using testing::Fixture;

Options WithProof(const std::string& proof, bool auto_approve = false) {
  Options o = testing::TestOptions();
  o.registration_proof = proof;
  o.auto_approve_on_kw_match = auto_approve;
  return o;
}

// Flats 1..3 of "Lazurowa 12" with member numbers "M-1".."M-3".
void SeedWithMembers(Fixture& f) {
  std::string csv = "osiedle;budynek;lokal;kw;nr_czlonkowski\n";
  for (int k = 1; k <= 3; ++k) {
    csv += "Lazurowa;Lazurowa 12;" + std::to_string(k) + ";" + Fixture::Kw(k) + ";M-" + std::to_string(k) + "\n";
  }
  ASSERT_TRUE(f.id.registry.ImportFlats(csv, 0).ok());
}

RegistrationInput MemberInput(Fixture& f, const std::string& email, int flat, const std::string& member) {
  RegistrationInput in = f.Input(email, flat, "");
  in.member_number = member;
  return in;
}

// One valid code per flat id; consumed codes are gone.
struct FakeLetters {
  std::map<uint64_t, std::string> codes;
  int consumed = 0;
  void Install(Service& users) {
    users.SetLetterHooks({[this](const storage::ReadTxn&, uint64_t flat, std::string_view code) {
                            return codes.count(flat) && codes[flat] == code;
                          },
                          [this](storage::WriteTxn&, uint64_t flat, std::string_view code, uint64_t) {
                            if (!codes.count(flat) || codes[flat] != code) return false;
                            codes.erase(flat);
                            ++consumed;
                            return true;
                          }});
  }
};

uint64_t FlatId(Fixture& f, const std::string& number) {
  return f.env->View([&](const storage::ReadTxn& t) { return f.id.store.FindFlat(t, f.BuildingId(), number)->id; });
}

TEST(IdentityProof, KwIsRequiredByDefault) {
  Fixture f;
  f.SeedFlats();
  auto r = f.id.users.Register(f.Input("a@example.pl", 1, ""), Actor{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "field_required");
  EXPECT_EQ(r.error().field, "kw_number");
  auto ok = f.id.users.Register(f.Input("a@example.pl", 1, Fixture::Kw(1)), Actor{});
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(ok->verified);
}

TEST(IdentityProof, MemberNumberIsRequiredAndMatchedWhenConfigured) {
  Fixture f(WithProof("member-number"));
  SeedWithMembers(f);
  auto missing = f.id.users.Register(f.Input("a@example.pl", 1, Fixture::Kw(1)), Actor{});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "field_required");
  EXPECT_EQ(missing.error().field, "member_number");
  auto too_long = f.id.users.Register(MemberInput(f, "a@example.pl", 1, std::string(33, '9')), Actor{});
  EXPECT_EQ(too_long.error().field, "member_number");
  auto r = f.id.users.Register(MemberInput(f, "a@example.pl", 1, " m 1 "), Actor{});
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_FALSE(r->verified) << "no auto-approve: staff decide";
  auto reg = f.env->View([&](const storage::ReadTxn& t) { return *f.id.store.GetRegistration(t, r->registration_id); });
  EXPECT_EQ(reg.proof, ProofKind::kMemberNumber);
  EXPECT_EQ(reg.member_number, "m 1");
  EXPECT_TRUE(reg.kw_match) << "M-1 and \"m 1\" are the same member number";
  EXPECT_EQ(reg.kw_number, "");
}

TEST(IdentityProof, MemberNumberMatchAutoApproves) {
  Fixture f(WithProof("member-number", true));
  SeedWithMembers(f);
  auto match = f.id.users.Register(MemberInput(f, "a@example.pl", 1, "M-1"), Actor{});
  auto mismatch = f.id.users.Register(MemberInput(f, "b@example.pl", 2, "M-1"), Actor{});
  ASSERT_TRUE(match.ok() && mismatch.ok());
  EXPECT_TRUE(match->verified);
  EXPECT_FALSE(mismatch->verified);
  EXPECT_EQ(f.GetUser(match->user_id).status, UserStatus::kActive);
  EXPECT_EQ(f.GetUser(mismatch->user_id).status, UserStatus::kPending);
}

TEST(IdentityProof, RegistrationsWrittenBeforeProofsDecodeAsKw) {
  Registration reg;
  reg.user_id = 3;
  reg.flat_id = 4;
  reg.kw_number = "WA4M/00000001/2";
  reg.proof = ProofKind::kMemberNumber;
  reg.member_number = "M-9";
  const std::string v = EncodeRegistration(reg);
  Registration back;
  ASSERT_TRUE(DecodeRegistration(1, v, &back));
  EXPECT_EQ(back.proof, ProofKind::kMemberNumber);
  EXPECT_EQ(back.member_number, "M-9");
  // A value of the first format ends after reject_reason (no proof byte, no member number).
  ASSERT_TRUE(DecodeRegistration(1, v.substr(0, v.size() - 5), &back));
  EXPECT_EQ(back.proof, ProofKind::kKw);
  EXPECT_EQ(back.member_number, "");
}

TEST(IdentityProof, LetterCodeVerifiesAtOnceAndIsConsumedInTheSameTransaction) {
  Fixture f(WithProof("letter-code"));
  f.SeedFlats();
  FakeLetters letters;
  letters.codes[FlatId(f, "2")] = "CODE-2";
  letters.Install(f.id.users);
  RegistrationInput in = f.Input("a@example.pl", 2, "");
  auto missing = f.id.users.Register(in, Actor{});
  EXPECT_EQ(missing.error().field, "letter_code");
  in.letter_code = "CODE-1";
  auto wrong = f.id.users.Register(in, Actor{});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "letter_code_invalid");
  EXPECT_EQ(letters.consumed, 0);
  in.letter_code = "CODE-2";
  auto r = f.id.users.Register(in, Actor{});
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_TRUE(r->verified);
  EXPECT_EQ(letters.consumed, 1);
  EXPECT_EQ(f.GetUser(r->user_id).status, UserStatus::kActive);
  auto mails = f.Mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail.subject, "Twoje konto jest gotowe");
  in.email = "b@example.pl";
  auto again = f.id.users.Register(in, Actor{});
  EXPECT_EQ(again.error().code, "letter_code_invalid");
}

TEST(IdentityProof, TenWrongLetterCodesFromOneAddressLockItOut) {
  Fixture f(WithProof("letter-code"));
  f.SeedFlats();
  FakeLetters letters;
  letters.codes[FlatId(f, "2")] = "CODE-2";
  letters.Install(f.id.users);
  RegistrationInput in = f.Input("a@example.pl", 2, "");
  const Actor guesser{0, "203.0.113.7", ""};
  for (int k = 0; k < 10; ++k) {
    in.letter_code = "GUESS-" + std::to_string(k);
    EXPECT_EQ(f.id.users.Register(in, guesser).error().code, "letter_code_invalid");
  }
  in.letter_code = "CODE-2";
  auto locked = f.id.users.Register(in, guesser);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "rate_limited");
  EXPECT_EQ(letters.consumed, 0);
  auto other = f.id.users.Register(in, Actor{0, "198.51.100.2", ""});  // another address is not affected
  ASSERT_TRUE(other.ok()) << other.error().code;
  EXPECT_TRUE(other->verified);
}

TEST(IdentityProof, WithoutLettersEveryCodeIsInvalid) {
  Fixture f;
  f.SeedFlats();
  RegistrationInput in = f.Input("a@example.pl", 1, Fixture::Kw(1));
  in.letter_code = "ABCD-EFGH-JKLM";
  auto r = f.id.users.Register(in, Actor{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "letter_code_invalid");
  EXPECT_EQ(r.error().field, "letter_code");
}

}  // namespace
}  // namespace osiedle::identity
