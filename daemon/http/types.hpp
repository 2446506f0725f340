#pragma once
// HTTP as the modules see it: plain structs, no Pistache. daemon/http/server.cpp adapts
// Pistache to these; routes.cpp files in modules build Responses from Requests.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace osiedle::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded path without the query
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> params;   // path parameters from the route pattern ("{id}")
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string client_ip;

  // Empty string when absent.
  std::string Header(const std::string& lower_name) const;
  std::string Query(const std::string& name) const;
  std::string Param(const std::string& name) const;
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Set-Cookie
  // When set (status 200 only), the body is this file, streamed from disk with sendfile — never read into memory —
  // and `body` is ignored. Use for downloads (documents); the caller checked access and existence.
  std::string file_path;
};

// Who is calling. Set by the session guard before a handler runs.
// A caller's permissions, immutable and shared: a session's set is built once per snapshot (identity's memo), not
// copied per request.
class PermissionSet {
 public:
  PermissionSet() = default;
  PermissionSet(std::set<std::string> names)  // NOLINT: implicit, as the set it stands for
      : names_(std::make_shared<const std::set<std::string>>(std::move(names))) {}
  PermissionSet(std::initializer_list<std::string> names) : PermissionSet(std::set<std::string>(names)) {}
  explicit PermissionSet(std::shared_ptr<const std::set<std::string>> names) : names_(std::move(names)) {}

  bool Contains(const std::string& name) const { return names_ && names_->count(name) > 0; }
  const std::set<std::string>& Names() const {
    static const std::set<std::string> kNone;
    return names_ ? *names_ : kNone;
  }

 private:
  std::shared_ptr<const std::set<std::string>> names_;
};

struct Principal {
  enum class Kind { kAnonymous, kSession, kBearer };
  Kind kind = Kind::kAnonymous;
  uint64_t user_id = 0;
  uint64_t session_id = 0;
  std::string csrf_token;           // for kSession
  PermissionSet permissions;
  std::string lang = "pl";          // "pl" or "en"

  bool authenticated() const { return kind != Kind::kAnonymous; }
  bool Can(const std::string& permission) const { return permissions.Contains(permission); }
};

struct Context {
  const Request& req;
  Principal principal;
};

using Handler = std::function<Response(Context&)>;

// Route permissions: kPublic (anyone), kAuthenticated (any logged-in user) or a registry
// permission such as "users:verify".
inline constexpr const char* kPublic = "public";
inline constexpr const char* kAuthenticated = "authenticated";

struct Route {
  std::string method;      // "GET", "POST", "PUT", "DELETE"
  std::string pattern;     // "/api/v1/admin/users/{id}/block"
  std::string permission;  // kPublic, kAuthenticated or a permission
  Handler handler;
  std::string summary;     // one line, for the route listing and OpenAPI check
  size_t max_body = 1 << 20;  // larger request bodies get 413 body_too_large before the handler runs
};

// Every API route with its permission, in one table (listable, testable).
// Thread-safety: fill at start-up; Match() is then safe from many threads.
class RouteTable {
 public:
  void Add(Route route);
  // Finds the route for method+path and fills `params`. Returns nullptr if none matches;
  // *path_known is set if some route matches the path with another method (→ 405).
  const Route* Match(std::string_view method, std::string_view path, std::map<std::string, std::string>* params,
                     bool* path_known = nullptr) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // routes_[i].pattern split on '/'; "{x}" = parameter
};

}  // namespace osiedle::http
