#pragma once
// Authentication: login with throttling and TOTP, sessions (hashed 256-bit tokens, idle and
// absolute expiry), password reset links, password change and TOTP enrolment.
// Thread-safety: all methods are safe from many threads.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/periodic_flush.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/model.hpp"
#include "daemon/modules/identity/options.hpp"
#include "daemon/modules/identity/service_base.hpp"
#include "daemon/modules/identity/store.hpp"
#include "daemon/modules/identity/throttle.hpp"
#include "daemon/modules/outbox/service.hpp"
#include "daemon/modules/roles/service.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::identity {

inline constexpr const char* kSessionCookie = "osiedle_session";

struct LoginInput {
  std::string email;
  std::string password;
  std::string totp;  // empty when not given
};

struct LoginResult {
  std::string token;  // the cookie value; only its SHA-256 is stored
  Session session;
  User user;  // without secrets
};

// A valid session with its user and what the user may do.
struct SessionInfo {
  Session session;
  User user;  // without secrets
  std::vector<uint64_t> roles;
  std::set<std::string> permissions;
};

struct TotpSetup {
  std::string secret_base32;
  std::string otpauth_uri;
};

class AuthService : private ServiceBase {
 public:
  AuthService(Store& store, roles::Service& roles, audit::Service& audit, outbox::Service& outbox, const Clock& clock,
              Options options);

  // Checks throttling (per account: 5 failures → 15 min lock, doubling; per address: 20 failures
  // in 15 min), the password (unknown e-mails cost the same argon2 time), then the account state
  // and TOTP; creates a session and audits the login (or the failure).
  // Errors: rate_limited (detail = seconds to wait), invalid_credentials, account_pending,
  // account_blocked (only after a correct password), totp_required, totp_invalid.
  Result<LoginResult> Login(const LoginInput& in, const Actor& actor);

  // The session for a cookie token, if valid (exists, not idle/absolutely expired, user active).
  // Touches last_seen_at at most once per session_touch_seconds: the touch waits in memory and FlushTouches
  // writes it (every second once StartTouches ran), so no request waits for its fsync. Errors: session_invalid.
  // The store's part of the answer is memoised by token hash under the snapshot id; the clock checks (idle,
  // absolute) run per call against the later of the stored and the pending last_seen_at.
  Result<SessionInfo> ResolveSession(std::string_view token);
  // The same, sharing the memo's answer instead of copying it (every authenticated request asks).
  Result<std::shared_ptr<const SessionInfo>> ResolveSessionShared(std::string_view token);
  Status Logout(uint64_t session_id, const Actor& actor);
  // The user's sessions, oldest first, without token hashes or CSRF tokens.
  std::vector<Session> ListSessions(uint64_t user_id) const;
  // Errors: session_not_found (also for someone else's session).
  Status RevokeSession(uint64_t user_id, uint64_t session_id, const Actor& actor);

  // Self-service: mails a one-time link (valid reset_token_seconds) if an active account has the
  // address; always succeeds so the answer reveals nothing. At most 3 mails per address per hour.
  void RequestPasswordReset(std::string_view email, const Actor& actor);
  // Staff-issued: returns the link to hand over (and mails it). Errors: user_not_found, user_deleted,
  // forbidden (a non-administrator for an administrator: that would be an account takeover).
  Result<std::string> IssuePasswordReset(uint64_t user_id, const Actor& actor);
  // Sets the password and ends every session of the user. Errors: reset_token_invalid,
  // password_too_weak, field_too_long (field password).
  Status ConfirmPasswordReset(std::string_view token, std::string_view password, const Actor& actor);
  // Ends the user's other sessions. Errors: password_incorrect (field current_password),
  // password_too_weak (field new_password), user_not_found.
  Status ChangePassword(uint64_t user_id, uint64_t keep_session_id, std::string_view current, std::string_view next,
                        const Actor& actor);

  // New secret (not active until EnableTotp). Errors: totp_already_enabled, user_not_found.
  Result<TotpSetup> SetupTotp(uint64_t user_id);
  // Errors: totp_not_set_up, totp_already_enabled, totp_invalid (field code).
  Status EnableTotp(uint64_t user_id, std::string_view code, const Actor& actor);
  // With a current code or the password. Errors: totp_not_enabled, totp_invalid.
  Status DisableTotp(uint64_t user_id, std::string_view code, std::string_view password, const Actor& actor);
  // True when require_totp_for_staff is on and this staff member has no TOTP yet.
  bool TotpEnrollmentRequired(const User& user, const std::vector<uint64_t>& roles) const;

  // Starts the thread that writes pending session touches every second. Idempotent.
  void StartTouches();
  // Writes the pending touches (session and user last_seen_at) in one write transaction; on a storage error they
  // stay pending. Errors: "storage_io". Also run by the destructor.
  Status FlushTouches();

  const Options& options() const { return options_; }
  // The path of the reset page, appended to public_url with "?token=".
  static constexpr const char* kResetPath = "/#/reset";  // the portal's hash route

 private:
  const std::string& DummyHash();
  std::string ResetLink(const std::string& token) const;
  Status StoreResetToken(const User& user, const std::string& token, bool staff_issued, const Actor& actor);
  Result<LoginResult> StartSession(uint64_t user_id, int64_t totp_step, const Actor& actor);
  void AuditFailure(const Actor& actor, uint64_t user_id, const std::string& email, const char* why);
  // ServiceBase::Audit about user `subject`; an anonymous actor counts as the subject.
  audit::Entry Audit(const Actor& actor, std::string action, uint64_t subject, std::string detail = {}) const;

  Throttle by_account_;
  Throttle by_address_;
  Throttle reset_mails_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;

  // The session's last_seen_at as the store and the pending touches know it.
  int64_t LastSeen(const Session& s) const;

  // ResolveSession's stored part by token hash, under the snapshot id: it depends on the store alone, so a memo hit
  // is exactly what a fresh lookup would answer.
  storage::SnapshotMemo<std::string, Result<SessionInfo>> resolved_{4096};  // tokens; then it starts over

  // Touches not written yet: session id → (user id, second).
  struct Touch {
    uint64_t user_id = 0;
    int64_t at = 0;
  };
  mutable std::mutex touches_mu_;
  std::map<uint64_t, Touch> touches_;  // guarded by touches_mu_
  PeriodicFlush touch_flusher_{"identity: session touches", std::chrono::seconds(1), [this] { return FlushTouches(); }};
};

}  // namespace osiedle::identity
