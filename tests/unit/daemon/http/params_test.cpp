#include "daemon/http/params.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace osiedle::http {
namespace {

// Calls `h` for a request whose {id} path parameter is `id` (absent when nullptr).
Response CallWithId(const Handler& h, const char* id) {
  Request req;
  req.method = "GET";
  req.path = "/api/v1/things/x";
  if (id != nullptr) req.params["id"] = id;
  Context ctx{req, Principal{}};
  return h(ctx);
}

std::string CodeOf(const Response& r) { return nlohmann::json::parse(r.body)["error"]["code"]; }

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

TEST(HttpWithId, PassesAPositiveIdToTheHandler) {
  uint64_t seen = 0;
  Handler h = WithId([&seen](Context&, uint64_t id) {
    seen = id;
    return NoContent();
  });
  EXPECT_EQ(CallWithId(h, "42").status, 204);
  EXPECT_EQ(seen, 42u);
  EXPECT_EQ(CallWithId(h, "18446744073709551615").status, 204);
  EXPECT_EQ(seen, UINT64_MAX);
}

TEST(HttpWithId, MalformedIdIsNotFoundWithoutCallingTheHandler) {
  bool called = false;
  Handler h = WithId([&called](Context&, uint64_t) {
    called = true;
    return NoContent();
  });
  for (const char* id : {"", "0", "-1", "+1", "1a", " 1", "0x10", "18446744073709551616"}) {
    Response r = CallWithId(h, id);
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_EQ(CodeOf(r), "not_found") << id;
  }
  EXPECT_EQ(CallWithId(h, nullptr).status, 404);
  EXPECT_FALSE(called);
}

TEST(HttpWithId, AnswersTheGivenCodeForAMalformedId) {
  Handler h = WithId([](Context&, uint64_t) { return NoContent(); }, "group_not_found");
  Response r = CallWithId(h, "abc");
  EXPECT_EQ(CodeOf(r), "group_not_found");
  EXPECT_EQ(r.status, 404);
}

}  // namespace
}  // namespace osiedle::http
