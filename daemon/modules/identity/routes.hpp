#pragma once
// HTTP routes of the identity module (registration, login, /me, staff verification, users and
// the flats registry) and the request authenticator the http layer calls for every request.
#include "daemon/http/types.hpp"
#include "daemon/modules/identity/module.hpp"

namespace osiedle::identity {

// Adds every identity route with its permission. `roles` names the roles in /me.
// REQUIRES: identity and roles outlive the table.
void RegisterRoutes(http::RouteTable& table, Module& identity, roles::Service& roles);

// The caller of `req`: a session from the `osiedle_session` cookie (permissions from roles, lang
// from the user), or anonymous. Bearer tokens are not implemented yet (anonymous). Thread-safe.
// Wire as http::Services::authenticate = [&](const http::Request& r) { return Authenticate(auth, r); }.
http::Principal Authenticate(AuthService& auth, const http::Request& req);

// The Set-Cookie value for a new session token (Secure when `secure`), and the one clearing it.
std::string SessionCookie(const std::string& token, bool secure, int64_t max_age_seconds);
std::string ClearedSessionCookie(bool secure);

}  // namespace osiedle::identity
