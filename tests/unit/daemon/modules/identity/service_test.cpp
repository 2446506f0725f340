#include "daemon/modules/identity/service.hpp"

#include <gtest/gtest.h>

#include "tests/unit/daemon/modules/identity/fixture.hpp"

namespace osiedle::identity {
namespace {

using testing::As;
using testing::Fixture;

TEST(IdentityService, RegisterCreatesPendingUserRegistrationAndMail) {
  Fixture f;
  f.SeedFlats();
  auto r = f.id.users.Register(f.Input(" Anna@Example.PL ", 2, Fixture::Kw(2)), Actor{});
  ASSERT_TRUE(r.ok()) << r.error().code;
  User u = f.GetUser(r->user_id);
  EXPECT_EQ(u.email, "anna@example.pl");
  EXPECT_EQ(u.status, UserStatus::kPending);
  EXPECT_EQ(u.consents_version, kConsentsVersion);
  auto page = f.id.users.ListRegistrations(RegistrationStatus::kPending, 0, 50);
  ASSERT_EQ(page.total, 1u);
  EXPECT_TRUE(page.items[0].registration.kw_match);
  EXPECT_EQ(page.items[0].flat.number, "2");
  EXPECT_EQ(page.items[0].estate_name, "Lazurowa");
  EXPECT_TRUE(page.items[0].user.password_hash.empty());
  auto mails = f.Mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail.to, "anna@example.pl");
  EXPECT_EQ(mails[0].mail.subject, "Otrzymaliśmy Twoje zgłoszenie");
  EXPECT_NE(mails[0].mail.body.find("Lazurowa 12, lokal 2"), std::string::npos);
  bool pending = f.env->View([&](const storage::ReadTxn& t) { return f.id.users.HasPendingRegistration(t, u.id); });
  EXPECT_TRUE(pending);
}

TEST(IdentityService, RegistrationRecordsKwMismatch) {
  Fixture f;
  f.SeedFlats();
  auto r = f.id.users.Register(f.Input("a@example.pl", 2, Fixture::Kw(3)), Actor{});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(f.id.users.ListRegistrations(RegistrationStatus::kPending, 0, 50).items[0].registration.kw_match);
}

TEST(IdentityService, ListsRegistrationsNewestFirstOrOldestFirstForTheQueue) {
  Fixture f;
  f.SeedFlats();
  auto first = f.id.users.Register(f.Input("first@example.pl", 2, Fixture::Kw(2)), Actor{});
  auto second = f.id.users.Register(f.Input("second@example.pl", 3, Fixture::Kw(3)), Actor{});
  ASSERT_TRUE(first.ok() && second.ok());
  auto newest = f.id.users.ListRegistrations(RegistrationStatus::kPending, 0, 50);
  auto oldest = f.id.users.ListRegistrations(RegistrationStatus::kPending, 0, 50, /*oldest_first=*/true);
  ASSERT_EQ(newest.items.size(), 2u);
  ASSERT_EQ(oldest.items.size(), 2u);
  EXPECT_EQ(newest.items[0].registration.id, second->registration_id);
  EXPECT_EQ(oldest.items[0].registration.id, first->registration_id);
  EXPECT_EQ(oldest.items[1].registration.id, second->registration_id);
}

TEST(IdentityService, RegisterRefusesBadInput) {
  Fixture f;
  f.SeedFlats();
  auto code = [&](RegistrationInput in) {
    auto r = f.id.users.Register(in, Actor{});
    return r.ok() ? std::string("ok") : r.error().code + "/" + r.error().field;
  };
  auto in = f.Input("a@example.pl", 1, Fixture::Kw(1));
  auto m = in;
  m.kw_number = "WA4M/123/1";
  EXPECT_EQ(code(m), "kw_format_invalid/kw_number");
  m = in;
  std::string kw = Fixture::Kw(1);
  kw.back() = kw.back() == '9' ? '0' : static_cast<char>(kw.back() + 1);
  m.kw_number = kw;
  EXPECT_EQ(code(m), "kw_checksum_invalid/kw_number");
  m = in;
  m.password = "krotkie";
  EXPECT_EQ(code(m), "password_too_weak/password");
  m.password = "aaaaaaaaaaaaaa";
  EXPECT_EQ(code(m), "password_too_weak/password");
  m.password = "a@example.pl";
  EXPECT_EQ(code(m), "password_too_weak/password");
  m = in;
  m.consent_rodo = false;
  EXPECT_EQ(code(m), "consent_required/consents.rodo");
  m = in;
  m.consent_terms = false;
  EXPECT_EQ(code(m), "consent_required/consents.terms");
  m = in;
  m.email = "not-an-email";
  EXPECT_EQ(code(m), "email_invalid/email");
  m = in;
  m.phone = "call me";
  EXPECT_EQ(code(m), "phone_invalid/phone");
  m = in;
  m.flat_number = "99";
  EXPECT_EQ(code(m), "flat_not_found/flat");
  m = in;
  m.building_id = 999;
  EXPECT_EQ(code(m), "building_not_found/building");
  m = in;
  m.first_name = "  ";
  EXPECT_EQ(code(m), "field_required/first_name");
  EXPECT_EQ(code(in), "ok");
  EXPECT_EQ(code(in), "email_taken/email");
  EXPECT_EQ(f.Mails().size(), 1u);
}

TEST(IdentityService, ApproveActivatesUserGivesResidentRoleAndMailsPortalLink) {
  Fixture f;
  f.SeedFlats();
  auto r = f.id.users.Register(f.Input("a@example.pl", 1, Fixture::Kw(1)), Actor{});
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(f.id.users.Approve(r->registration_id, As(42)).ok());
  EXPECT_EQ(f.GetUser(r->user_id).status, UserStatus::kActive);
  auto roles = f.env->View([&](const storage::ReadTxn& t) { return f.roles.RolesOf(t, r->user_id); });
  EXPECT_EQ(roles, std::vector<uint64_t>{roles::kResident});
  auto flats = f.env->View([&](const storage::ReadTxn& t) { return f.id.users.VerifiedFlatsOf(t, r->user_id); });
  ASSERT_EQ(flats.size(), 1u);
  EXPECT_EQ(flats[0].number, "1");
  auto mails = f.Mails();
  ASSERT_EQ(mails.size(), 2u);
  bool found = false;
  for (const auto& m : mails) {
    if (m.mail.subject == "Twoje konto jest gotowe")
      found = m.mail.body.find("https://portal.test") != std::string::npos;
  }
  EXPECT_TRUE(found);
  auto again = f.id.users.Approve(r->registration_id, As(42));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "registration_already_decided");
  EXPECT_EQ(f.id.users.Approve(9999, As(42)).error().code, "registration_not_found");
}

TEST(IdentityService, RejectNeedsReasonAndMailsIt) {
  Fixture f;
  f.SeedFlats();
  auto r = f.id.users.Register(f.Input("a@example.pl", 1, Fixture::Kw(2)), Actor{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(f.id.users.Reject(r->registration_id, "  ", As(42)).error().code, "field_required");
  EXPECT_EQ(f.id.users.Reject(r->registration_id, std::string(501, 'x'), As(42)).error().code, "field_too_long");
  ASSERT_TRUE(f.id.users.Reject(r->registration_id, "Numer KW nie zgadza się z rejestrem.", As(42)).ok());
  EXPECT_EQ(f.GetUser(r->user_id).status, UserStatus::kPending);
  EXPECT_EQ(f.id.users.Reject(r->registration_id, "x", As(42)).error().code, "registration_already_decided");
  auto mails = f.Mails();
  bool found = false;
  for (const auto& m : mails) found |= m.mail.body.find("Numer KW nie zgadza się z rejestrem.") != std::string::npos;
  EXPECT_TRUE(found);
  EXPECT_EQ(f.id.users.ListRegistrations(RegistrationStatus::kRejected, 0, 10).total, 1u);
  EXPECT_EQ(f.id.users.ListRegistrations(RegistrationStatus::kPending, 0, 10).total, 0u);
}

TEST(IdentityService, AutoApprovesOnlyOnKwMatch) {
  auto o = testing::TestOptions();
  o.auto_approve_on_kw_match = true;
  Fixture f(o);
  f.SeedFlats();
  auto match = f.id.users.Register(f.Input("a@example.pl", 1, Fixture::Kw(1)), Actor{});
  auto mismatch = f.id.users.Register(f.Input("b@example.pl", 2, Fixture::Kw(1)), Actor{});
  ASSERT_TRUE(match.ok() && mismatch.ok());
  EXPECT_EQ(f.GetUser(match->user_id).status, UserStatus::kActive);
  EXPECT_EQ(f.GetUser(mismatch->user_id).status, UserStatus::kPending);
}

TEST(IdentityService, ActiveUserAddsAnotherFlatThroughVerification) {
  Fixture f;
  f.SeedFlats();
  uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto dup = f.id.users.AddFlat(uid, f.BuildingId(), "1", Fixture::Kw(1), As(uid));
  EXPECT_EQ(dup.error().code, "ownership_exists");
  auto r = f.id.users.AddFlat(uid, f.BuildingId(), "2", Fixture::Kw(2), As(uid));
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(f.id.users.FlatsOf(uid).size(), 2u);
  ASSERT_TRUE(f.id.users.Approve(r->registration_id, Actor{}).ok());
  auto flats = f.env->View([&](const storage::ReadTxn& t) { return f.id.users.VerifiedFlatsOf(t, uid); });
  EXPECT_EQ(flats.size(), 2u);
}

TEST(IdentityService, FlatMayHaveSeveralOwners) {
  Fixture f;
  f.SeedFlats();
  f.ActiveResident("a@example.pl", 1);
  f.ActiveResident("b@example.pl", 1);
  auto owners = f.env->View([&](const storage::ReadTxn& t) {
    return f.id.store.OwnersOf(t, f.id.store.FindFlat(t, f.BuildingId(), "1")->id);
  });
  EXPECT_EQ(owners.size(), 2u);
}

TEST(IdentityService, BlockRulesProtectSelfAndLastAdmin) {
  Fixture f;
  f.SeedFlats();
  auto admin = f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", testing::kPassword);
  ASSERT_TRUE(admin.ok());
  uint64_t resident = f.ActiveResident("a@example.pl", 1);
  EXPECT_EQ(f.id.users.Block(admin->id, As(admin->id)).error().code, "cannot_block_self");
  EXPECT_EQ(f.id.users.Block(admin->id, As(0)).error().code, "last_admin");
  EXPECT_EQ(f.id.users.SetRoles(admin->id, {roles::kStaff}, As(0)).error().code, "last_admin");
  ASSERT_TRUE(f.id.users.Block(resident, As(admin->id)).ok());
  EXPECT_EQ(f.GetUser(resident).status, UserStatus::kBlocked);
  ASSERT_TRUE(f.id.users.Unblock(resident, As(admin->id)).ok());
  EXPECT_EQ(f.GetUser(resident).status, UserStatus::kActive);
  EXPECT_EQ(f.id.users.Unblock(resident, As(admin->id)).error().code, "user_not_blocked");
}

TEST(IdentityService, StaffCannotBlockAnAdministrator) {
  Fixture f;
  auto admin = f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", testing::kPassword);
  auto admin2 = f.id.users.CreateAdmin("admin2@example.pl", "Ola", "Nowak", testing::kPassword);
  auto staff = f.id.users.CreateAdmin("staff@example.pl", "Jan", "Nowak", testing::kPassword);
  ASSERT_TRUE(admin.ok() && admin2.ok() && staff.ok());
  ASSERT_TRUE(f.id.users.SetRoles(staff->id, {roles::kStaff}, As(admin->id)).ok());
  EXPECT_EQ(f.id.users.Block(admin->id, As(staff->id)).error().code, "forbidden");
  EXPECT_TRUE(f.id.users.Block(admin2->id, As(admin->id)).ok());
}

TEST(IdentityService, ListUsersFiltersAndPaginates) {
  Fixture f;
  f.SeedFlats(5);
  for (int i = 1; i <= 5; ++i) f.ActiveResident("user" + std::to_string(i) + "@example.pl", i);
  auto r = f.id.users.Register(f.Input("pending@example.pl", 1, Fixture::Kw(1)), Actor{});
  ASSERT_TRUE(r.ok());
  UserQuery q;
  q.status = UserStatus::kActive;
  q.limit = 2;
  q.offset = 2;
  UserPage page = f.id.users.ListUsers(q);
  EXPECT_EQ(page.total, 5u);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].user.email, "user3@example.pl");
  UserQuery byname;
  byname.query = "KOWALSKA user4";
  EXPECT_EQ(f.id.users.ListUsers(byname).total, 1u);
  byname.query = "Nowak";
  EXPECT_EQ(f.id.users.ListUsers(byname).total, 0u);
  byname.query = "user4@";
  EXPECT_EQ(f.id.users.ListUsers(byname).total, 1u);
  UserQuery diacritics;
  diacritics.query = "kowalską";  // folded: matches "Kowalska"
  EXPECT_EQ(f.id.users.ListUsers(diacritics).total, 6u);
  UserQuery by_role;
  by_role.role = roles::kResident;
  EXPECT_EQ(f.id.users.ListUsers(by_role).total, 5u);
  UserQuery by_building;
  by_building.building = f.BuildingId();
  EXPECT_EQ(f.id.users.ListUsers(by_building).total, 5u);
  f.id.users.SetGroupHooks([](uint64_t g, uint64_t u) { return g == 7 && u % 2 == 0; }, nullptr);
  UserQuery by_group;
  by_group.group = 7;
  EXPECT_EQ(f.id.users.ListUsers(by_group).total, 3u);
}

TEST(IdentityService, ExportHasNoSecretsAndDeletionRequestIsRecorded) {
  Fixture f;
  f.SeedFlats();
  uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto login = f.id.auth.Login({"a@example.pl", testing::kPassword, ""}, Actor{0, "10.0.0.1", "UA"});
  ASSERT_TRUE(login.ok());
  auto x = f.id.users.ExportUserData(uid);
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(x->user.password_hash.empty());
  ASSERT_EQ(x->sessions.size(), 1u);
  EXPECT_TRUE(x->sessions[0].token_hash.empty());
  EXPECT_EQ(x->flats.size(), 1u);
  EXPECT_EQ(x->registrations.size(), 1u);
  EXPECT_FALSE(x->audit.empty());
  ASSERT_TRUE(f.id.users.RequestDeletion(uid, As(uid)).ok());
  EXPECT_TRUE(f.GetUser(uid).deletion_requested);
}

}  // namespace
}  // namespace osiedle::identity
