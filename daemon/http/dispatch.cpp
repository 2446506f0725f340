#include "daemon/http/dispatch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>
#include <random>

#include "daemon/core/crypto.hpp"
#include "daemon/core/i18n.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::http {
namespace {

using Clock = std::chrono::steady_clock;

bool IsApiPath(std::string_view path) { return path == "/api" || path.substr(0, 5) == "/api/"; }

bool IsSafeMethod(std::string_view m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

i18n::Lang LangOf(const Request& req) { return i18n::FromTag(req.Header("accept-language")); }

// A short id that ties a 500 answer to its log line. Unique enough for correlation, not a secret.
std::string NewLogId() {
  static const uint64_t seed = std::random_device{}();
  static std::atomic<uint64_t> counter{0};
  uint64_t x = seed + 0x9E3779B97F4A7C15ull * (counter.fetch_add(1) + 1);
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 29;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
  return buf;
}

Response Internal(const Request& req, std::string_view where, const char* what) {
  std::string id = NewLogId();
  spdlog::error("internal error [log id {}] {} {} ({}): {}", id, req.method, req.path, where, what);
  nlohmann::json err = {
      {"code", "internal"}, {"message", i18n::ErrorMessage("internal", LangOf(req))}, {"detail", "log id " + id}};
  return Json(500, {{"error", std::move(err)}});
}

// Runs `fn`, turning any exception into a logged 500.
template <typename Fn>
Response Guarded(const Request& req, std::string_view where, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return Internal(req, where, e.what());
  } catch (...) {
    return Internal(req, where, "unknown exception");
  }
}

// The error code refusing `p` this route (permission, then CSRF), or nullptr when allowed.
const char* Refusal(const Route& route, const Principal& p, const Request& req) {
  if (route.permission != kPublic) {
    if (!p.authenticated()) return "unauthenticated";
    if (route.permission != kAuthenticated && !p.Can(route.permission)) return "forbidden";
  }
  if (p.kind == Principal::Kind::kSession && !IsSafeMethod(req.method)) {
    std::string token = req.Header("x-csrf-token");
    if (token.empty() || p.csrf_token.empty() || !crypto::ConstantTimeEquals(token, p.csrf_token)) {
      return "csrf_invalid";
    }
  }
  return nullptr;
}

Response RunRoute(const Services& s, const Route& route, Request& req) {
  if (req.body.size() > route.max_body) return ErrorResponse(MakeError("body_too_large"), LangOf(req));
  Principal principal;
  if (s.authenticate) {
    try {
      principal = s.authenticate(req);
    } catch (const std::exception& e) {
      return Internal(req, "authenticate", e.what());
    } catch (...) {
      return Internal(req, "authenticate", "unknown exception");
    }
  }
  Context ctx{req, std::move(principal)};
  if (const char* code = Refusal(route, ctx.principal, req)) return ErrorResponse(MakeError(code), ctx);
  return Guarded(req, route.pattern, [&] { return route.handler(ctx); });
}

Response Route404or405(const Request& req, bool path_known) {
  return ErrorResponse(MakeError(path_known ? "method_not_allowed" : "not_found"), LangOf(req));
}

void Finish(const Services& s, Response* r, const Request& req, std::string_view label, Clock::time_point start) {
  AddSecurityHeaders(r, req.path);
  if (s.metrics) {
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    try {
      s.metrics->Record(label, req.method, r->status, ms);
    } catch (...) {
      // Only allocation can fail here; losing one sample is better than losing the answer.
    }
  }
}

bool HasHeader(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(),
                                              [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return true;
    }
  }
  return false;
}

}  // namespace

void AddSecurityHeaders(Response* r, std::string_view path) {
  auto add = [r](const char* name, const char* value) {
    if (!HasHeader(*r, name)) r->headers.emplace_back(name, value);
  };
  add("X-Content-Type-Options", "nosniff");
  add("Referrer-Policy", "same-origin");
  add("X-Frame-Options", "DENY");
  add("Content-Security-Policy", kContentSecurityPolicy);
  if (IsApiPath(path)) add("Cache-Control", "no-store");
}

Response RejectRequest(const Services& s, const Request& req, const Error& error) {
  auto start = Clock::now();
  Response r;
  try {
    r = ErrorResponse(error, LangOf(req));
  } catch (...) {
    r.status = 400;
    r.body = R"({"error":{"code":"bad_request","message":"bad request"}})";
  }
  Finish(s, &r, req, "invalid", start);
  return r;
}

Response Dispatch(const Services& s, Request& req) {
  auto start = Clock::now();
  std::string_view label = "unmatched";
  Response r = Guarded(req, "dispatch", [&]() -> Response {
    bool path_known = false;
    const Route* route = s.routes ? s.routes->Match(req.method, req.path, &req.params, &path_known) : nullptr;
    bool head_as_get = false;
    if (route == nullptr && req.method == "HEAD" && s.routes) {
      route = s.routes->Match("GET", req.path, &req.params, nullptr);
      head_as_get = route != nullptr;
    }
    if (route != nullptr) {
      label = route->pattern;
      Response out = RunRoute(s, *route, req);
      if (head_as_get) {
        out.body.clear();
        out.file_path.clear();
      }
      return out;
    }
    if (!IsApiPath(req.path) && (req.method == "GET" || req.method == "HEAD")) {
      label = "static";
      if (s.static_files) return s.static_files->Serve(req);
    }
    return Route404or405(req, path_known);
  });
  Finish(s, &r, req, label, start);
  return r;
}

}  // namespace osiedle::http
