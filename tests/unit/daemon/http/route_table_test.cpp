#include <gtest/gtest.h>

#include "daemon/http/types.hpp"
#include "daemon/http/url.hpp"

namespace osiedle::http {
namespace {

Handler Named(std::string name) {
  return [name](Context&) {
    Response r;
    r.body = name;
    return r;
  };
}

RouteTable Table() {
  RouteTable t;
  t.Add({"GET", "/api/v1/admin/users/{id}", "users:read", Named("user"), "one user"});
  t.Add({"GET", "/api/v1/admin/users/export", "users:read", Named("export"), "export"});
  t.Add({"POST", "/api/v1/admin/users/{id}/block", "users:block", Named("block"), "block"});
  t.Add({"GET", "/api/v1/me", kAuthenticated, Named("me"), "me"});
  t.Add({"GET", "/", kPublic, Named("root"), "root"});
  return t;
}

std::string Body(const Route* r) {
  Request req;
  Context ctx{req, {}};
  return r ? r->handler(ctx).body : "<none>";
}

TEST(RouteTable, MatchesLiteralPath) {
  RouteTable t = Table();
  std::map<std::string, std::string> params;
  EXPECT_EQ(Body(t.Match("GET", "/api/v1/me", &params)), "me");
  EXPECT_TRUE(params.empty());
  EXPECT_EQ(Body(t.Match("GET", "/", &params)), "root");
}

TEST(RouteTable, ExtractsSegmentParams) {
  RouteTable t = Table();
  std::map<std::string, std::string> params;
  EXPECT_EQ(Body(t.Match("POST", "/api/v1/admin/users/42/block", &params)), "block");
  EXPECT_EQ(params.at("id"), "42");
}

TEST(RouteTable, LiteralSegmentBeatsParamWhateverTheOrder) {
  RouteTable t = Table();
  std::map<std::string, std::string> params;
  EXPECT_EQ(Body(t.Match("GET", "/api/v1/admin/users/export", &params)), "export");
  EXPECT_EQ(Body(t.Match("GET", "/api/v1/admin/users/7", &params)), "user");
  EXPECT_EQ(params.at("id"), "7");
}

TEST(RouteTable, ParamNeverMatchesEmptyOrSlash) {
  RouteTable t = Table();
  std::map<std::string, std::string> params;
  EXPECT_EQ(t.Match("GET", "/api/v1/admin/users/", &params), nullptr);
  EXPECT_EQ(t.Match("GET", "/api/v1/admin/users/1/2", &params), nullptr);
  EXPECT_EQ(t.Match("POST", "/api/v1/admin/users//block", &params), nullptr);
}

TEST(RouteTable, TrailingSlashAndPrefixDoNotMatch) {
  RouteTable t = Table();
  EXPECT_EQ(t.Match("GET", "/api/v1/me/", nullptr), nullptr);
  EXPECT_EQ(t.Match("GET", "/api/v1/m", nullptr), nullptr);
  EXPECT_EQ(t.Match("GET", "/api/v1/me/x", nullptr), nullptr);
  EXPECT_EQ(t.Match("GET", "api/v1/me", nullptr), nullptr);
  EXPECT_EQ(t.Match("GET", "", nullptr), nullptr);
}

TEST(RouteTable, ReportsKnownPathWithOtherMethod) {
  RouteTable t = Table();
  bool known = false;
  EXPECT_EQ(t.Match("DELETE", "/api/v1/me", nullptr, &known), nullptr);
  EXPECT_TRUE(known);
  EXPECT_EQ(t.Match("GET", "/api/v1/nothing", nullptr, &known), nullptr);
  EXPECT_FALSE(known);
}

TEST(RouteTable, RejectsPatternWithoutLeadingSlash) {
  RouteTable t;
  EXPECT_THROW(t.Add({"GET", "api", kPublic, Named("x"), ""}), std::invalid_argument);
}

TEST(RouteTable, DefaultMaxBodyIsOneMiB) {
  Route r{"POST", "/x", kPublic, Named("x"), ""};
  EXPECT_EQ(r.max_body, size_t{1} << 20);
}

TEST(Request, ParsesCookieHeader) {
  Request req;
  req.headers["cookie"] = "a=1; osiedle_session=tok123 ;b=\"quoted\"; empty=";
  EXPECT_EQ(req.Cookie("osiedle_session"), "tok123");
  EXPECT_EQ(req.Cookie("b"), "quoted");
  EXPECT_EQ(req.Cookie("a"), "1");
  EXPECT_EQ(req.Cookie("empty"), "");
  EXPECT_EQ(req.Cookie("missing"), "");
  EXPECT_EQ(req.Cookie("osiedle"), "");
}

TEST(Request, AccessorsReturnEmptyWhenAbsent) {
  Request req;
  req.headers["x-csrf-token"] = "t";
  req.query["q"] = "v";
  req.params["id"] = "5";
  EXPECT_EQ(req.Header("x-csrf-token"), "t");
  EXPECT_EQ(req.Header("other"), "");
  EXPECT_EQ(req.Query("q"), "v");
  EXPECT_EQ(req.Query("z"), "");
  EXPECT_EQ(req.Param("id"), "5");
  EXPECT_EQ(req.Cookie("x"), "");
}

TEST(DecodePercent, DecodesEscapes) {
  std::string out;
  ASSERT_TRUE(DecodePercent("/a%20b/%C5%81%c3%b3d%C5%BA", &out));
  EXPECT_EQ(out, "/a b/Łódź");
  ASSERT_TRUE(DecodePercent("a+b", &out));
  EXPECT_EQ(out, "a+b");
  ASSERT_TRUE(DecodePercent("a+b", &out, true));
  EXPECT_EQ(out, "a b");
  ASSERT_TRUE(DecodePercent("%2e%2E", &out));
  EXPECT_EQ(out, "..");
}

TEST(DecodePercent, RejectsBadEscapesAndNul) {
  std::string out;
  EXPECT_FALSE(DecodePercent("%", &out));
  EXPECT_FALSE(DecodePercent("abc%4", &out));
  EXPECT_FALSE(DecodePercent("%zz", &out));
  EXPECT_FALSE(DecodePercent("%00", &out));
  EXPECT_FALSE(DecodePercent(std::string_view("a\0b", 3), &out));
}

TEST(ParseQuery, SplitsAndDecodes) {
  std::map<std::string, std::string> q;
  ASSERT_TRUE(ParseQuery("status=pending&query=jan+kowalski&flag&x=%26&&status=other", &q));
  EXPECT_EQ(q.at("status"), "pending");
  EXPECT_EQ(q.at("query"), "jan kowalski");
  EXPECT_EQ(q.at("flag"), "");
  EXPECT_EQ(q.at("x"), "&");
  EXPECT_EQ(q.size(), 4u);
  EXPECT_FALSE(ParseQuery("a=%G1", &q));
}

}  // namespace
}  // namespace osiedle::http
