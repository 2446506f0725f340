// AuthService: login and sessions. Password reset and TOTP enrolment are in auth_account.cpp.
#include "daemon/modules/identity/auth_service.hpp"

#include <algorithm>
#include <exception>

#include "daemon/core/crypto.hpp"
#include "daemon/modules/identity/validation.hpp"

namespace osiedle::identity {

namespace {

Throttle::Policy AccountPolicy() { return {5, 15 * 60, 15 * 60, true, 24 * 3600}; }
Throttle::Policy AddressPolicy() { return {20, 15 * 60, 15 * 60, false, 15 * 60}; }
Throttle::Policy ResetMailPolicy() { return {3, 3600, 3600, false, 3600}; }
constexpr size_t kMaxThrottleKeys = 20000;

User Redacted(User u) {
  u.password_hash.clear();
  u.totp_secret.clear();
  return u;
}

}  // namespace

AuthService::AuthService(Store& store, roles::Service& roles, audit::Service& audit, outbox::Service& outbox,
                         const Clock& clock, Options options)
    : ServiceBase(store, roles, audit, outbox, clock, std::move(options)),
      by_account_(AccountPolicy(), kMaxThrottleKeys),
      by_address_(AddressPolicy(), kMaxThrottleKeys),
      reset_mails_(ResetMailPolicy(), kMaxThrottleKeys) {}

const std::string& AuthService::DummyHash() {
  std::call_once(dummy_once_, [&] { dummy_hash_ = options_.hasher.hash(crypto::RandomToken(16)); });
  return dummy_hash_;
}

audit::Entry AuthService::Audit(const Actor& actor, std::string action, uint64_t subject, std::string detail) const {
  audit::Entry e = ServiceBase::Audit(actor, std::move(action), "user", subject, subject, std::move(detail));
  if (!e.actor_id) e.actor_id = subject;
  return e;
}

void AuthService::AuditFailure(const Actor& actor, uint64_t user_id, const std::string& email, const char* why) {
  audit::Entry e = Audit(Actor{0, actor.ip, actor.user_agent}, "auth.login_failed", user_id,
                         std::string(why) + " email=" + email.substr(0, 254));
  e.actor_id = 0;
  if (!user_id) e.target_type.clear();
  audit_.Record(std::move(e));
}

Result<LoginResult> AuthService::Login(const LoginInput& in, const Actor& actor) {
  int64_t now = clock_.NowUnix();
  auto email = NormalizeEmail(in.email);
  std::string account_key = email.ok() ? *email : std::string(in.email.substr(0, 254));
  std::string address_key = actor.ip;
  int64_t wait = std::max(by_address_.RetryAfter(address_key, now), by_account_.RetryAfter(account_key, now));
  if (wait > 0) return MakeError("rate_limited", "", std::to_string(wait));
  if (in.password.size() > 1024) return MakeError("invalid_credentials");

  std::optional<User> user;
  if (email.ok())
    user = store_.env().View([&](const storage::ReadTxn& t) { return store_.FindUserByEmail(t, *email); });
  // Unknown addresses cost the same argon2 time as known ones, so timing reveals nothing.
  bool password_ok = false;
  if (user && user->status != UserStatus::kDeleted) {
    password_ok = options_.hasher.verify(in.password, user->password_hash);
  } else {
    (void)options_.hasher.verify(in.password, DummyHash());
  }
  if (!password_ok) {
    by_account_.Failure(account_key, now);
    by_address_.Failure(address_key, now);
    AuditFailure(actor, user ? user->id : 0, account_key, "password");
    return MakeError("invalid_credentials");
  }
  if (user->status == UserStatus::kPending) return MakeError("account_pending");
  if (user->status == UserStatus::kBlocked) return MakeError("account_blocked");

  int64_t step = 0;
  if (user->totp_enabled) {
    if (in.totp.empty()) return MakeError("totp_required", "totp");
    bool ok = crypto::VerifyTotp(user->totp_secret, in.totp, now, &step) && step > user->totp_last_step;
    if (!ok) {
      by_account_.Failure(account_key, now);
      by_address_.Failure(address_key, now);
      AuditFailure(actor, user->id, account_key, "totp");
      return MakeError("totp_invalid", "totp");
    }
  }
  auto r = StartSession(user->id, step, actor);
  if (r.ok()) by_account_.Reset(account_key);
  return r;
}

Result<LoginResult> AuthService::StartSession(uint64_t user_id, int64_t totp_step, const Actor& actor) {
  // Chosen outside the transaction so that a retried Update stores the same token.
  std::string token = crypto::RandomToken(32);
  std::string csrf = crypto::RandomToken(32);
  int64_t now = clock_.NowUnix();
  return store_.env().Update([&](storage::WriteTxn& t) -> Result<LoginResult> {
    auto u = store_.GetUser(t, user_id);
    if (!u || u->status != UserStatus::kActive) return MakeError("invalid_credentials");
    if (totp_step) {
      if (totp_step <= u->totp_last_step) return MakeError("totp_invalid", "totp");
      u->totp_last_step = totp_step;
    }
    u->last_login_at = now;
    u->last_seen_at = now;
    store_.PutUser(t, *u);
    Session s;
    s.user_id = user_id;
    s.token_hash = crypto::Sha256Hex(token);
    s.csrf_token = csrf;
    s.created_at = now;
    s.last_seen_at = now;
    s.ip = actor.ip.substr(0, 64);
    s.user_agent = actor.user_agent.substr(0, 256);
    store_.InsertSession(t, &s);
    audit_.Append(t, Audit(Actor{user_id, actor.ip, actor.user_agent}, "auth.login", user_id));
    return LoginResult{token, s, Redacted(*u)};
  });
}

Result<SessionInfo> AuthService::ResolveSession(std::string_view token) {
  auto info = ResolveSessionShared(token);
  if (!info.ok()) return info.error();
  return **info;
}

Result<std::shared_ptr<const SessionInfo>> AuthService::ResolveSessionShared(std::string_view token) {
  if (token.empty() || token.size() > 128) return MakeError("session_invalid");
  std::string hash = crypto::Sha256Hex(token);
  const int64_t now = clock_.NowUnix();
  auto found = store_.env().View([&](const storage::ReadTxn& t) {
    return resolved_.Get(t, hash, [&]() -> Result<SessionInfo> {
      auto s = store_.FindSessionByTokenHash(t, hash);
      if (!s) return MakeError("session_invalid");
      auto u = store_.GetUser(t, s->user_id);
      if (!u || u->status != UserStatus::kActive) return MakeError("session_invalid");
      SessionInfo i;
      i.session = std::move(*s);
      i.user = Redacted(std::move(*u));
      i.roles = roles_.RolesOf(t, i.user.id);
      i.permissions = roles_.PermissionsOf(t, i.user.id);
      return i;
    });
  });
  if (!found->ok()) return found->error();
  std::shared_ptr<const SessionInfo> info(found, &**found);  // shares the memo entry
  const int64_t last_seen = LastSeen(info->session);
  if (now - last_seen > options_.session_idle_seconds ||
      now - info->session.created_at > options_.session_absolute_seconds) {
    (void)store_.env().Update([&](storage::WriteTxn& t) -> Status {
      if (auto s = store_.FindSessionByTokenHash(t, hash)) store_.DeleteSession(t, *s);
      return Ok{};
    });
    return MakeError("session_invalid");
  }
  // At most one touch per session per touch interval, written by FlushTouches: every write is an fsync.
  const bool touch = now - last_seen >= options_.session_touch_seconds;
  if (touch) {
    std::lock_guard lock(touches_mu_);
    touches_[info->session.id] = Touch{info->user.id, now};
  }
  const int64_t shown = touch ? now : last_seen;
  if (shown == info->session.last_seen_at) return info;
  auto copy = std::make_shared<SessionInfo>(*info);
  copy->session.last_seen_at = shown;
  return std::shared_ptr<const SessionInfo>(std::move(copy));
}

int64_t AuthService::LastSeen(const Session& s) const {
  std::lock_guard lock(touches_mu_);
  auto it = touches_.find(s.id);
  return it == touches_.end() ? s.last_seen_at : std::max(s.last_seen_at, it->second.at);
}

void AuthService::StartTouches() { touch_flusher_.Start(); }

Status AuthService::FlushTouches() {
  std::map<uint64_t, Touch> batch;
  {
    std::lock_guard lock(touches_mu_);
    batch = touches_;  // kept until written: LastSeen must see them meanwhile
  }
  if (batch.empty()) return {};
  Status st;
  try {
    st = store_.env().Update([&](storage::WriteTxn& t) -> Status {
      for (const auto& [session_id, touch] : batch) {
        auto s = store_.GetSession(t, session_id);
        if (!s || s->last_seen_at >= touch.at) continue;  // logged out since, or already later
        s->last_seen_at = touch.at;
        store_.PutSession(t, *s);
        if (auto u = store_.GetUser(t, touch.user_id); u && u->last_seen_at < touch.at) {
          u->last_seen_at = touch.at;
          store_.PutUser(t, *u);
        }
      }
      return Ok{};
    });
  } catch (const std::exception& e) {
    st = MakeError("storage_io", "", e.what());
  }
  if (st.ok()) {
    std::lock_guard lock(touches_mu_);
    for (const auto& [session_id, touch] : batch) {
      auto it = touches_.find(session_id);
      if (it != touches_.end() && it->second.at <= touch.at) touches_.erase(it);  // a later touch stays
    }
  }
  return st;
}

Status AuthService::Logout(uint64_t session_id, const Actor& actor) {
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto s = store_.GetSession(t, session_id);
    if (!s) return Ok{};
    store_.DeleteSession(t, *s);
    audit_.Append(t, Audit(actor, "auth.logout", s->user_id));
    return Ok{};
  });
}

std::vector<Session> AuthService::ListSessions(uint64_t user_id) const {
  auto list = store_.env().View([&](const storage::ReadTxn& t) { return store_.SessionsOf(t, user_id); });
  for (Session& s : list) {
    s.token_hash.clear();
    s.csrf_token.clear();
  }
  return list;
}

Status AuthService::RevokeSession(uint64_t user_id, uint64_t session_id, const Actor& actor) {
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto s = store_.GetSession(t, session_id);
    if (!s || s->user_id != user_id) return MakeError("session_not_found");
    store_.DeleteSession(t, *s);
    audit_.Append(t, Audit(actor, "auth.session_revoke", user_id, "session=" + std::to_string(session_id)));
    return Ok{};
  });
}

bool AuthService::TotpEnrollmentRequired(const User& user, const std::vector<uint64_t>& roles) const {
  if (!options_.require_totp_for_staff || user.totp_enabled) return false;
  return std::any_of(roles.begin(), roles.end(),
                     [](uint64_t r) { return r == roles::kAdministrator || r == roles::kStaff; });
}

}  // namespace osiedle::identity
