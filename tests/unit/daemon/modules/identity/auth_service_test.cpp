#include "daemon/modules/identity/auth_service.hpp"

#include <gtest/gtest.h>

#include "tests/unit/daemon/modules/identity/fixture.hpp"

namespace osiedle::identity {
namespace {

using testing::As;
using testing::Fixture;
using testing::kPassword;

const Actor kClient{0, "192.0.2.10", "TestAgent/1"};

std::string Code(const Result<LoginResult>& r) { return r.ok() ? "ok" : r.error().code; }

TEST(AuthService, PendingUserCannotLogInUntilApproved) {
  Fixture f;
  f.SeedFlats();
  auto reg = f.id.users.Register(f.Input("a@example.pl", 1, Fixture::Kw(1)), Actor{});
  ASSERT_TRUE(reg.ok());
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient)), "account_pending");
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", "zle-haslo-123", ""}, kClient)), "invalid_credentials");
  ASSERT_TRUE(f.id.users.Approve(reg->registration_id, Actor{}).ok());
  auto login = f.id.auth.Login({"A@Example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(login.ok()) << login.error().code;
  EXPECT_EQ(login->token.size(), 43u);
  EXPECT_NE(login->session.token_hash, login->token);
  EXPECT_TRUE(login->user.password_hash.empty());
  auto info = f.id.auth.ResolveSession(login->token);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->user.id, reg->user_id);
  EXPECT_EQ(info->session.csrf_token, login->session.csrf_token);
  EXPECT_EQ(f.GetUser(reg->user_id).last_login_at, f.clock.NowUnix());
}

TEST(AuthService, UnknownEmailAndWrongPasswordLookTheSame) {
  Fixture f;
  f.SeedFlats();
  f.ActiveResident("a@example.pl", 1);
  EXPECT_EQ(Code(f.id.auth.Login({"nobody@example.pl", kPassword, ""}, kClient)), "invalid_credentials");
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", "wrong-password-1", ""}, kClient)), "invalid_credentials");
  EXPECT_EQ(Code(f.id.auth.Login({"not an email", kPassword, ""}, kClient)), "invalid_credentials");
  auto failures = f.audit.List({.action_prefix = "auth.login_failed"});
  EXPECT_EQ(failures.size(), 3u);
}

TEST(AuthService, AccountLocksAfterFiveFailuresAndLockGrows) {
  Fixture f;
  f.SeedFlats();
  f.ActiveResident("a@example.pl", 1);
  for (int i = 0; i < 5; ++i) f.id.auth.Login({"a@example.pl", "wrong-password-1", ""}, kClient).ok();
  auto locked = f.id.auth.Login({"a@example.pl", kPassword, ""}, Actor{0, "198.51.100.1", ""});
  ASSERT_EQ(Code(locked), "rate_limited");
  EXPECT_EQ(locked.error().detail, "900");
  f.clock.Advance(901);
  for (int i = 0; i < 5; ++i) f.id.auth.Login({"a@example.pl", "wrong-password-1", ""}, kClient).ok();
  f.clock.Advance(901);
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, Actor{0, "198.51.100.1", ""})), "rate_limited");
  f.clock.Advance(900);
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, Actor{0, "198.51.100.1", ""})), "ok");
}

TEST(AuthService, AddressIsThrottledAcrossAccounts) {
  Fixture f;
  f.SeedFlats();
  f.ActiveResident("a@example.pl", 1);
  for (int i = 0; i < 20; ++i) {
    f.id.auth.Login({"user" + std::to_string(i) + "@example.pl", "wrong-password-1", ""}, kClient).ok();
  }
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient)), "rate_limited");
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, Actor{0, "203.0.113.5", ""})), "ok");
}

TEST(AuthService, BlockedUserIsRefusedOnlyAfterCorrectPasswordAndLosesSessions) {
  Fixture f;
  f.SeedFlats();
  uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto login = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(f.id.users.Block(uid, As(0)).ok());
  EXPECT_FALSE(f.id.auth.ResolveSession(login->token).ok());
  EXPECT_TRUE(f.id.auth.ListSessions(uid).empty());
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", "wrong-password-1", ""}, kClient)), "invalid_credentials");
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient)), "account_blocked");
}

TEST(AuthService, SessionsExpireWhenIdleAndAbsolutely) {
  Fixture f;
  f.SeedFlats();
  f.ActiveResident("a@example.pl", 1);
  auto s = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(s.ok());
  for (int i = 0; i < 102; ++i) {  // 714 h of activity every 7 h: within idle and absolute limits
    f.clock.Advance(7 * 3600);
    ASSERT_TRUE(f.id.auth.ResolveSession(s->token).ok()) << i;
  }
  f.clock.Advance(7 * 3600);
  EXPECT_FALSE(f.id.auth.ResolveSession(s->token).ok());  // past 30 days
  auto idle = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(idle.ok());
  f.clock.Advance(8 * 3600 + 1);
  EXPECT_FALSE(f.id.auth.ResolveSession(idle->token).ok());
  EXPECT_FALSE(f.id.auth.ResolveSession("forged-token").ok());
  EXPECT_FALSE(f.id.auth.ResolveSession(std::string(1000, 'a')).ok());
}

TEST(AuthService, LastSeenIsWrittenAtMostOncePerMinute) {
  Fixture f;
  f.SeedFlats();
  uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto s = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(s.ok());
  int64_t t0 = f.clock.NowUnix();
  f.clock.Advance(30);
  ASSERT_TRUE(f.id.auth.ResolveSession(s->token).ok());
  ASSERT_TRUE(f.id.auth.FlushTouches().ok());
  EXPECT_EQ(f.GetUser(uid).last_seen_at, t0);
  f.clock.Advance(31);
  auto touched = f.id.auth.ResolveSession(s->token);
  ASSERT_TRUE(touched.ok());
  EXPECT_EQ(touched->session.last_seen_at, t0 + 61);  // the answer shows the touch at once
  EXPECT_EQ(f.GetUser(uid).last_seen_at, t0);          // the store, once FlushTouches ran
  ASSERT_TRUE(f.id.auth.FlushTouches().ok());
  EXPECT_EQ(f.GetUser(uid).last_seen_at, t0 + 61);
}

// A touch not written yet still counts for the idle limit: activity every 7 h keeps an 8 h idle session alive
// (the test above), whether or not the touches reached the store.
TEST(AuthService, PendingTouchesKeepTheSessionAliveAndLogoutDropsThem) {
  Fixture f;
  f.SeedFlats();
  const uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto s = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(s.ok());
  for (int i = 0; i < 3; ++i) {
    f.clock.Advance(7 * 3600);
    ASSERT_TRUE(f.id.auth.ResolveSession(s->token).ok()) << i;  // never flushed
  }
  ASSERT_TRUE(f.id.auth.Logout(s->session.id, As(uid)).ok());
  ASSERT_TRUE(f.id.auth.FlushTouches().ok());  // the session is gone: its touch is dropped
  EXPECT_FALSE(f.id.auth.ResolveSession(s->token).ok());
}

TEST(AuthService, RevokeOnlyOwnSessionsAndLogout) {
  Fixture f;
  f.SeedFlats();
  uint64_t a = f.ActiveResident("a@example.pl", 1);
  uint64_t b = f.ActiveResident("b@example.pl", 2);
  auto sa = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  auto sb = f.id.auth.Login({"b@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(sa.ok() && sb.ok());
  EXPECT_EQ(f.id.auth.RevokeSession(a, sb->session.id, As(a)).error().code, "session_not_found");
  EXPECT_TRUE(f.id.auth.RevokeSession(b, sb->session.id, As(b)).ok());
  EXPECT_FALSE(f.id.auth.ResolveSession(sb->token).ok());
  ASSERT_TRUE(f.id.auth.Logout(sa->session.id, As(a)).ok());
  EXPECT_FALSE(f.id.auth.ResolveSession(sa->token).ok());
}

std::string ResetTokenFromMail(Fixture& f) {
  for (const auto& m : f.Mails()) {
    auto pos = m.mail.body.find("token=");
    if (pos != std::string::npos) return m.mail.body.substr(pos + 6, 43);
  }
  return {};
}

TEST(AuthService, PasswordResetByMailedLinkIsOneTimeAndEndsSessions) {
  Fixture f;
  f.SeedFlats();
  f.ActiveResident("a@example.pl", 1);
  auto s = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(s.ok());
  f.id.auth.RequestPasswordReset("nobody@example.pl", kClient);
  size_t before = f.Mails().size();
  f.id.auth.RequestPasswordReset("A@example.pl", kClient);
  ASSERT_EQ(f.Mails().size(), before + 1);
  std::string token = ResetTokenFromMail(f);
  ASSERT_EQ(token.size(), 43u);
  EXPECT_EQ(f.id.auth.ConfirmPasswordReset(token, "short", kClient).error().code, "password_too_weak");
  ASSERT_TRUE(f.id.auth.ConfirmPasswordReset(token, "nowe-haslo-2025", kClient).ok());
  EXPECT_EQ(f.id.auth.ConfirmPasswordReset(token, "nowe-haslo-2026", kClient).error().code, "reset_token_invalid");
  EXPECT_FALSE(f.id.auth.ResolveSession(s->token).ok());
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient)), "invalid_credentials");
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", "nowe-haslo-2025", ""}, kClient)), "ok");
}

TEST(AuthService, ResetLinkExpiresAfterAnHour) {
  Fixture f;
  f.SeedFlats();
  uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto link = f.id.auth.IssuePasswordReset(uid, As(0));
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(link->rfind("https://portal.test/#/reset?token=", 0), 0u);
  std::string token = link->substr(link->find("token=") + 6);
  f.clock.Advance(3601);
  EXPECT_EQ(f.id.auth.ConfirmPasswordReset(token, "nowe-haslo-2025", kClient).error().code, "reset_token_invalid");
}

TEST(AuthService, ChangePasswordEndsOtherSessions) {
  Fixture f;
  f.SeedFlats();
  uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto s1 = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  auto s2 = f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(f.id.auth.ChangePassword(uid, s1->session.id, "wrong-one-123", "nowe-haslo-2025", As(uid)).error().code,
            "password_incorrect");
  ASSERT_TRUE(f.id.auth.ChangePassword(uid, s1->session.id, kPassword, "nowe-haslo-2025", As(uid)).ok());
  EXPECT_TRUE(f.id.auth.ResolveSession(s1->token).ok());
  EXPECT_FALSE(f.id.auth.ResolveSession(s2->token).ok());
}

TEST(AuthService, TotpEnrolmentLoginAndReplay) {
  Fixture f;
  f.SeedFlats();
  uint64_t uid = f.ActiveResident("a@example.pl", 1);
  auto setup = f.id.auth.SetupTotp(uid);
  ASSERT_TRUE(setup.ok());
  auto secret = crypto::Base32Decode(setup->secret_base32);
  ASSERT_TRUE(secret.ok());
  EXPECT_NE(setup->otpauth_uri.find("otpauth://totp/"), std::string::npos);
  EXPECT_EQ(f.id.auth.EnableTotp(uid, "000000x", As(uid)).error().code, "totp_invalid");
  ASSERT_TRUE(f.id.auth.EnableTotp(uid, crypto::TotpCode(*secret, f.clock.NowUnix()), As(uid)).ok());
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient)), "totp_required");
  f.clock.Advance(30);
  std::string code = crypto::TotpCode(*secret, f.clock.NowUnix());
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, "123"}, kClient)), "totp_invalid");
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, code}, kClient)), "ok");
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, code}, kClient)), "totp_invalid");  // replay
  ASSERT_TRUE(f.id.auth.DisableTotp(uid, "", kPassword, As(uid)).ok());
  EXPECT_EQ(Code(f.id.auth.Login({"a@example.pl", kPassword, ""}, kClient)), "ok");
}

TEST(AuthService, StaffWithoutTotpMustEnrolWhenRequired) {
  auto o = testing::TestOptions();
  o.require_totp_for_staff = true;
  Fixture f(o);
  auto admin = f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", kPassword);
  ASSERT_TRUE(admin.ok());
  auto s = f.id.auth.Login({"admin@example.pl", kPassword, ""}, kClient);
  ASSERT_TRUE(s.ok());
  auto info = f.id.auth.ResolveSession(s->token);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(f.id.auth.TotpEnrollmentRequired(info->user, info->roles));
  EXPECT_TRUE(info->permissions.count("users:verify"));
  f.SeedFlats();
  uint64_t resident = f.ActiveResident("a@example.pl", 1);
  EXPECT_FALSE(f.id.auth.TotpEnrollmentRequired(f.GetUser(resident), {roles::kResident}));
}

TEST(AuthService, StaffCannotIssueResetForAdministrator) {
  Fixture f;
  auto admin = f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", kPassword);
  auto staff = f.id.users.CreateAdmin("staff@example.pl", "Jan", "Nowak", kPassword);
  ASSERT_TRUE(admin.ok() && staff.ok());
  ASSERT_TRUE(f.id.users.SetRoles(staff->id, {roles::kStaff}, As(admin->id)).ok());
  EXPECT_EQ(f.id.auth.IssuePasswordReset(admin->id, As(staff->id)).error().code, "forbidden");
}

TEST(AuthService, RealArgon2HashesVerify) {
  auto o = testing::TestOptions();
  o.hasher = Argon2Hasher();
  Fixture f(o);
  auto admin = f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", kPassword);
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(f.GetUser(admin->id).password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(Code(f.id.auth.Login({"admin@example.pl", kPassword, ""}, kClient)), "ok");
}

}  // namespace
}  // namespace osiedle::identity
