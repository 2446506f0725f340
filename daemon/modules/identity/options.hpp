#pragma once
// Settings of the identity module (set by osiedled from its config) and small shared types.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "daemon/core/actor.hpp"

namespace osiedle::identity {

// How passwords are hashed and checked. The default is argon2id (crypto::HashPassword, bounded
// concurrency); tests may inject a cheap one. Both functions must be thread-safe.
struct PasswordHasher {
  std::function<std::string(std::string_view password)> hash;
  std::function<bool(std::string_view password, const std::string& stored_hash)> verify;
};
PasswordHasher Argon2Hasher();

struct Options {
  // Base URL of the portal, used in mails ("https://portal.example.pl"), no trailing slash.
  std::string public_url = "http://localhost:8080";
  // The proof of ownership the sign-up form asks for: "kw" (land-register number), "member-number"
  // (the cooperative's member number) or "letter-code" (a registration letter's one-time code). A valid
  // letter code is accepted whatever this says.
  std::string registration_proof = "kw";
  // Approve a registration at once when its proof (KW or member number) equals the register's.
  bool auto_approve_on_kw_match = false;
  // Staff (Administrator/Pracownik) without TOTP may log in but /me reports
  // totp_enrollment_required = true so the admin UI sends them to enrol.
  bool require_totp_for_staff = false;
  // Adds "Secure" to the session cookie (set when serving HTTPS).
  bool secure_cookies = false;
  int64_t session_idle_seconds = 8 * 3600;
  int64_t session_absolute_seconds = 30 * 86400;
  // A session's last_seen_at is written at most this often (a write is an fsync).
  int64_t session_touch_seconds = 60;
  int64_t reset_token_seconds = 3600;
  std::string totp_issuer = "Osiedle";
  PasswordHasher hasher = Argon2Hasher();
};

// Who performs an action (for audit entries).
using osiedle::Actor;  // daemon/core/actor.hpp (user_id 0 = system / anonymous)

}  // namespace osiedle::identity
