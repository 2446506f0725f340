#pragma once
// The request pipeline, independent of Pistache: route match → body limit → authenticate →
// permission → CSRF → handler, every exception caught, security headers and metrics on every answer.
#include <functional>
#include <string_view>

#include "daemon/core/result.hpp"
#include "daemon/http/metrics.hpp"
#include "daemon/http/static_files.hpp"
#include "daemon/http/types.hpp"

namespace osiedle::http {

// What Dispatch needs; every pointer may be null (no routes / no metrics / no static files).
// The pointees must outlive every Dispatch call and are only read (Metrics is thread-safe).
struct Services {
  const RouteTable* routes = nullptr;
  // Resolves the caller (session cookie, bearer token) for every matched route, public ones included
  // (so public handlers see who calls). May throw (→ 500 internal). When empty, callers are anonymous.
  std::function<Principal(const Request&)> authenticate;
  Metrics* metrics = nullptr;
  const StaticFiles* static_files = nullptr;
};

// Answers one request. `req.params` is filled from the route pattern. Never throws.
// API paths (/api and below): 404 not_found, 405 method_not_allowed,
// 413 body_too_large (over Route::max_body), 401 unauthenticated, 403 forbidden, 403 csrf_invalid
// (session + method other than GET/HEAD/OPTIONS without a matching X-CSRF-Token),
// 500 internal {"error":{"code":"internal","message","detail":"log id <id>"}} when a handler throws.
// Other GET/HEAD paths not matching a route are served from static files. HEAD on a GET route runs
// the GET handler and drops the body.
Response Dispatch(const Services& services, Request& req);

// An error answered before Dispatch could run (e.g. a malformed request target in the server
// adapter), with the same security headers and metrics (route label "invalid"). Never throws.
Response RejectRequest(const Services& services, const Request& req, const Error& error);

// Adds the security headers (nosniff, Referrer-Policy, X-Frame-Options, CSP; Cache-Control no-store
// under /api) unless the response already sets them.
void AddSecurityHeaders(Response* response, std::string_view path);

// The Content-Security-Policy sent with every response.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

}  // namespace osiedle::http
