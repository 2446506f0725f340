#pragma once
// Shared test helper: an http::Request for a method and a target ("/path?a=1&b=2"), as the server adapter
// would build it (query split on & and =, no percent-decoding), for route tests through http::Dispatch.
// Header-only; include as "tests/unit/support/http_request.hpp".
#include <string>

#include "daemon/http/types.hpp"

namespace osiedle::testing {

inline http::Request MakeRequest(const std::string& method, const std::string& target, const std::string& body = "") {
  http::Request req;
  req.method = method;
  auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string query = target.substr(q + 1);
    for (size_t pos = 0; pos < query.size();) {
      size_t amp = query.find('&', pos);
      std::string kv = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
      auto eq = kv.find('=');
      req.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
      pos = amp == std::string::npos ? query.size() : amp + 1;
    }
  }
  req.body = body;
  req.client_ip = "192.0.2.1";
  req.headers["content-type"] = "application/json";
  return req;
}

}  // namespace osiedle::testing
