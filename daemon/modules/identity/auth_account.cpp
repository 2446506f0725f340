// AuthService: password reset links, password change and TOTP enrolment.
#include "daemon/core/crypto.hpp"
#include "daemon/modules/identity/auth_service.hpp"
#include "daemon/modules/identity/mails.hpp"
#include "daemon/modules/identity/service.hpp"
#include "daemon/modules/identity/validation.hpp"

namespace osiedle::identity {

std::string AuthService::ResetLink(const std::string& token) const {
  return options_.public_url + kResetPath + "?token=" + token;
}

Status AuthService::StoreResetToken(const User& user, const std::string& token, bool staff_issued, const Actor& actor) {
  int64_t now = clock_.NowUnix();
  Status st = store_.env().Update([&](storage::WriteTxn& t) -> Status {
    // Only the newest link of a user works.
    store_.PurgeResetTokens(t, now, user.id);
    store_.PutResetToken(t, crypto::Sha256Hex(token),
                         {user.id, now, now + options_.reset_token_seconds, staff_issued ? actor.user_id : 0});
    audit_.Append(t, Audit(actor, staff_issued ? "user.password_reset_issue" : "auth.password_reset_request", user.id));
    int minutes = static_cast<int>(options_.reset_token_seconds / 60);
    return EnqueueStatus(outbox_.Enqueue(t, PasswordResetMail(user, ResetLink(token), minutes)));
  });
  if (st.ok()) outbox_.Notify();
  return st;
}

void AuthService::RequestPasswordReset(std::string_view email_in, const Actor& actor) {
  auto email = NormalizeEmail(email_in);
  if (!email.ok()) return;
  int64_t now = clock_.NowUnix();
  if (reset_mails_.RetryAfter(*email, now) > 0) return;
  reset_mails_.Failure(*email, now);
  auto user = store_.env().View([&](const storage::ReadTxn& t) { return store_.FindUserByEmail(t, *email); });
  if (!user || user->status != UserStatus::kActive) return;
  (void)StoreResetToken(*user, crypto::RandomToken(32), false, actor);
}

Result<std::string> AuthService::IssuePasswordReset(uint64_t user_id, const Actor& actor) {
  auto user = store_.env().View([&](const storage::ReadTxn& t) -> Result<User> {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    if (!MayManage(roles_, t, actor.user_id, user_id)) return MakeError("forbidden");
    return *u;
  });
  if (!user.ok()) return user.error();
  if (user->status == UserStatus::kDeleted) return MakeError("user_deleted");
  std::string token = crypto::RandomToken(32);
  OSIEDLE_RETURN_IF_ERROR(StoreResetToken(*user, token, true, actor));
  return ResetLink(token);
}

Status AuthService::ConfirmPasswordReset(std::string_view token, std::string_view password, const Actor& actor) {
  if (token.empty() || token.size() > 128) return MakeError("reset_token_invalid", "token");
  std::string hash = crypto::Sha256Hex(token);
  int64_t now = clock_.NowUnix();
  auto user = store_.env().View([&](const storage::ReadTxn& t) -> Result<User> {
    auto r = store_.GetResetToken(t, hash);
    if (!r || r->expires_at < now) return MakeError("reset_token_invalid", "token");
    auto u = store_.GetUser(t, r->user_id);
    if (!u || u->status == UserStatus::kDeleted) return MakeError("reset_token_invalid", "token");
    return *u;
  });
  if (!user.ok()) return user.error();
  OSIEDLE_RETURN_IF_ERROR(CheckPassword(password, user->email));
  std::string new_hash = options_.hasher.hash(password);
  Status st = store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto r = store_.GetResetToken(t, hash);  // one-time: a concurrent use may have consumed it
    if (!r || r->expires_at < now || r->user_id != user->id) return MakeError("reset_token_invalid", "token");
    store_.DeleteResetToken(t, hash);
    auto u = store_.GetUser(t, user->id);
    if (!u) return MakeError("reset_token_invalid", "token");
    u->password_hash = new_hash;
    store_.PutUser(t, *u);
    size_t ended = store_.DeleteSessionsOf(t, u->id);
    audit_.Append(t, Audit(Actor{u->id, actor.ip, actor.user_agent}, "auth.password_reset", u->id,
                           "sessions_ended=" + std::to_string(ended)));
    return Ok{};
  });
  if (st.ok()) by_account_.Reset(user->email);
  return st;
}

Status AuthService::ChangePassword(uint64_t user_id, uint64_t keep_session_id, std::string_view current,
                                   std::string_view next, const Actor& actor) {
  auto user = store_.env().View([&](const storage::ReadTxn& t) { return store_.GetUser(t, user_id); });
  if (!user) return MakeError("user_not_found");
  if (current.size() > 1024 || !options_.hasher.verify(current, user->password_hash)) {
    return MakeError("password_incorrect", "current_password");
  }
  OSIEDLE_RETURN_IF_ERROR(CheckPassword(next, user->email, "new_password"));
  std::string new_hash = options_.hasher.hash(next);
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    u->password_hash = new_hash;
    store_.PutUser(t, *u);
    size_t ended = store_.DeleteSessionsOf(t, user_id, keep_session_id);
    audit_.Append(t, Audit(actor, "auth.password_change", user_id, "sessions_ended=" + std::to_string(ended)));
    return Ok{};
  });
}

Result<TotpSetup> AuthService::SetupTotp(uint64_t user_id) {
  std::string secret = crypto::RandomBytes(20);
  return store_.env().Update([&](storage::WriteTxn& t) -> Result<TotpSetup> {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    if (u->totp_enabled) return MakeError("totp_already_enabled");
    u->totp_secret = secret;
    store_.PutUser(t, *u);
    std::string b32 = crypto::Base32Encode(secret);
    return TotpSetup{b32, crypto::TotpUri(options_.totp_issuer, u->email, b32)};
  });
}

Status AuthService::EnableTotp(uint64_t user_id, std::string_view code, const Actor& actor) {
  int64_t now = clock_.NowUnix();
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    if (u->totp_enabled) return MakeError("totp_already_enabled");
    if (u->totp_secret.empty()) return MakeError("totp_not_set_up");
    int64_t step = 0;
    if (!crypto::VerifyTotp(u->totp_secret, code, now, &step)) return MakeError("totp_invalid", "code");
    u->totp_enabled = true;
    u->totp_last_step = step;
    store_.PutUser(t, *u);
    audit_.Append(t, Audit(actor, "auth.totp_enable", user_id));
    return Ok{};
  });
}

Status AuthService::DisableTotp(uint64_t user_id, std::string_view code, std::string_view password,
                                const Actor& actor) {
  auto user = store_.env().View([&](const storage::ReadTxn& t) { return store_.GetUser(t, user_id); });
  if (!user) return MakeError("user_not_found");
  if (!user->totp_enabled) return MakeError("totp_not_enabled");
  int64_t now = clock_.NowUnix();
  int64_t step = 0;
  bool ok = !code.empty() && crypto::VerifyTotp(user->totp_secret, code, now, &step) && step > user->totp_last_step;
  if (!ok && !password.empty() && password.size() <= 1024) ok = options_.hasher.verify(password, user->password_hash);
  if (!ok) return MakeError("totp_invalid", code.empty() ? "password" : "code");
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    u->totp_enabled = false;
    u->totp_secret.clear();
    store_.PutUser(t, *u);
    audit_.Append(t, Audit(actor, "auth.totp_disable", user_id));
    return Ok{};
  });
}

}  // namespace osiedle::identity
