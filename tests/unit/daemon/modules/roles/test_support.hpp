#pragma once
// Test helpers shared by the roles and groups tests: a direct call of a route's handler (the
// dispatcher's permission and CSRF checks are tested in http/); temp stores come from support/temp_dir.hpp.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "daemon/http/types.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::testing {

// Runs the handler of the route matching method + path as `principal`, from 192.0.2.1 with the
// user agent "unit-test". A missing route is a test failure (and an empty 200 response).
inline http::Response CallRoute(const http::RouteTable& table, const http::Principal& principal,
                                const std::string& method, const std::string& path, const std::string& body = "",
                                std::map<std::string, std::string> query = {}) {
  http::Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.query = std::move(query);
  req.client_ip = "192.0.2.1";
  req.headers["user-agent"] = "unit-test";
  const http::Route* route = table.Match(method, path, &req.params);
  if (route == nullptr) {
    ADD_FAILURE() << "no route " << method << " " << path;
    return {};
  }
  http::Context ctx{req, principal};
  return route->handler(ctx);
}

}  // namespace osiedle::testing
