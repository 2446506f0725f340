#pragma once
// Test helpers shared by the roles and groups tests: a throw-away LMDB store and a direct call of
// a route's handler (the dispatcher's permission and CSRF checks are tested in http/).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "daemon/http/types.hpp"
#include "storage/env.hpp"

namespace osiedle::testing {

// A fresh store in a mkdtemp directory under /tmp, deleted with the object. Declare it before
// the services that use env() so it is destroyed after them.
class TempStore {
 public:
  TempStore() {
    char tmpl[] = "/tmp/osiedle-test-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    env_ = storage::Env::Open(dir_);
  }
  ~TempStore() {
    env_.reset();
    std::filesystem::remove_all(dir_);
  }
  storage::Env& env() { return *env_; }

 private:
  std::string dir_;
  std::unique_ptr<storage::Env> env_;
};

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
