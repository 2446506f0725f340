#pragma once
// ACME HTTP-01 challenges (certbot --webroot) and the plain-HTTP listener beside HTTPS: challenge files
// are served from the webroot, every other request is redirected to the HTTPS address. Pure functions
// over Request/Response; the listener itself is an http::Server built with an Answer (serve.cpp).
#include <string>
#include <string_view>

#include "daemon/http/types.hpp"

namespace osiedle::http::acme {

inline constexpr std::string_view kChallengePrefix = "/.well-known/acme-challenge/";

// True for a token we look up: 1..128 characters of [A-Za-z0-9_-] (base64url, RFC 8555 §8.3), so it can
// never name a directory, a dot file or a path outside the challenge directory.
bool IsValidToken(std::string_view token);

// Answers a challenge for `token`: 200 text/plain with the bytes of
// <webroot>/.well-known/acme-challenge/<token>; 404 text/plain for an invalid token, a missing file, anything
// but a regular file, a file over 64 KiB, or a path that resolves (through symlinks) outside `webroot`.
// Reads the disk on every call (certbot writes the file just before the CA asks). Thread-safe.
Response ServeChallenge(const std::string& webroot, std::string_view token);

// The plain-HTTP listener's answer: GET/HEAD under kChallengePrefix → ServeChallenge (404 when `webroot` is
// empty); anything else → 301 to `public_url` (its trailing '/' dropped) + the request's path and query,
// percent-encoded again. Thread-safe.
Response AnswerPlainHttp(const std::string& webroot, const std::string& public_url, const Request& req);

}  // namespace osiedle::http::acme
