#pragma once
// Shared test helper for route tests: a route table run through the real http::Dispatch (route lookup, permission
// check, handler) whose caller is a bearer principal for the user id in the "x-test-user" header (none = anonymous);
// the staff user holds the given permissions. Use it as a second base of a route-test fixture (its Call, Code, Field,
// HeaderOf then read as the fixture's own). Header-only; include as "tests/unit/support/route_harness.hpp".
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "daemon/http/dispatch.hpp"
#include "daemon/http/types.hpp"
#include "tests/unit/support/http_request.hpp"

namespace osiedle::testing {

class RouteHarness {
 public:
  RouteHarness(uint64_t staff_user, std::set<std::string> staff_permissions) {
    services_.routes = &table_;
    services_.authenticate = [staff_user, perms = std::move(staff_permissions)](const http::Request& r) {
      http::Principal p;
      const std::string user = r.Header("x-test-user");
      if (user.empty()) return p;
      p.kind = http::Principal::Kind::kBearer;
      p.user_id = std::stoull(user);
      if (p.user_id == staff_user) p.permissions = perms;
      return p;
    };
  }
  virtual ~RouteHarness() = default;
  RouteHarness(const RouteHarness&) = delete;
  RouteHarness& operator=(const RouteHarness&) = delete;

  // Register the module's routes here.
  http::RouteTable& table() { return table_; }

  // Dispatches `req` as user `as` (0 = anonymous).
  http::Response DispatchAs(uint64_t as, http::Request req) {
    if (as != 0) req.headers["x-test-user"] = std::to_string(as);
    return http::Dispatch(services_, req);
  }
  // A JSON request (MakeRequest) for `target` ("/path?a=1") as user `as` (0 = anonymous).
  http::Response Call(uint64_t as, const std::string& method, const std::string& target, const std::string& body = "") {
    return DispatchAs(as, MakeRequest(method, target, body));
  }

  // The error code / field of an error answer.
  static std::string Code(const http::Response& r) { return nlohmann::json::parse(r.body)["error"]["code"]; }
  static std::string Field(const http::Response& r) {
    return nlohmann::json::parse(r.body)["error"].value("field", "");
  }
  // The first response header called `name`; "" if absent.
  static std::string HeaderOf(const http::Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return "";
  }

 private:
  http::RouteTable table_;
  http::Services services_;
};

}  // namespace osiedle::testing
