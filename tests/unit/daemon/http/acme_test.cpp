#include "daemon/http/acme.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace osiedle::http::acme {
namespace {

namespace fs = std::filesystem;

class AcmeWebroot : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/osiedle-acme-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    base_ = tmpl;
    root_ = base_ + "/webroot";
    fs::create_directories(root_ + "/.well-known/acme-challenge");
    Write(root_ + "/.well-known/acme-challenge/tok_EN-1", std::string("abc.def\n\0\xff", 10));
    Write(base_ + "/secret", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }
  static Request Get(const std::string& path) {
    Request r;
    r.method = "GET";
    r.path = path;
    return r;
  }
  std::string Location(const Response& r) {
    for (const auto& [name, value] : r.headers) {
      if (name == "Location") return value;
    }
    return "";
  }
  std::string base_, root_;
};

TEST(Acme, TokensAreBase64UrlOnly) {
  EXPECT_TRUE(IsValidToken("a"));
  EXPECT_TRUE(IsValidToken("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"));
  EXPECT_TRUE(IsValidToken(std::string(128, '_')));
  for (const char* bad : {"", ".", "..", "../secret", "a/b", "a.b", ".hidden", "a b", "a%2f", "a\\b"}) {
    EXPECT_FALSE(IsValidToken(bad)) << bad;
  }
  EXPECT_FALSE(IsValidToken(std::string(129, 'a')));
  EXPECT_FALSE(IsValidToken(std::string_view("a\0b", 3)));
}

TEST_F(AcmeWebroot, ServesTheChallengeFileByteExact) {
  Response r = ServeChallenge(root_, "tok_EN-1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain");
  EXPECT_EQ(r.body, std::string("abc.def\n\0\xff", 10));
}

TEST_F(AcmeWebroot, UnknownAndInvalidTokensAre404) {
  EXPECT_EQ(ServeChallenge(root_, "nope").status, 404);
  EXPECT_EQ(ServeChallenge(root_, "../../secret").status, 404);
  EXPECT_EQ(ServeChallenge(root_, "").status, 404);
  EXPECT_EQ(ServeChallenge("", "tok_EN-1").status, 404);
  EXPECT_EQ(ServeChallenge(base_ + "/missing", "tok_EN-1").status, 404);
}

TEST_F(AcmeWebroot, NoDirectoriesFifosOrHugeFiles) {
  fs::create_directories(root_ + "/.well-known/acme-challenge/dir");
  EXPECT_EQ(ServeChallenge(root_, "dir").status, 404);
  ASSERT_EQ(mkfifo((root_ + "/.well-known/acme-challenge/fifo").c_str(), 0600), 0);
  EXPECT_EQ(ServeChallenge(root_, "fifo").status, 404);
  Write(root_ + "/.well-known/acme-challenge/big", std::string(64 * 1024 + 1, 'x'));
  EXPECT_EQ(ServeChallenge(root_, "big").status, 404);
}

TEST_F(AcmeWebroot, SymlinksLeadingOutOfTheWebrootAre404) {
  fs::create_symlink(base_ + "/secret", root_ + "/.well-known/acme-challenge/link");
  EXPECT_EQ(ServeChallenge(root_, "link").status, 404);
  // A symlinked challenge directory pointing outside the webroot is refused too.
  std::string other = base_ + "/other";
  fs::create_directories(other + "/acme-challenge");
  Write(other + "/acme-challenge/outside", "outside");
  fs::remove_all(root_ + "/.well-known");
  fs::create_symlink(other, root_ + "/.well-known");
  EXPECT_EQ(ServeChallenge(root_, "outside").status, 404);
  // A symlink that stays inside the webroot is fine.
  std::string inner = root_ + "/inner";
  fs::create_directories(inner + "/acme-challenge");
  Write(inner + "/acme-challenge/ok", "ok");
  fs::remove(root_ + "/.well-known");
  fs::create_symlink(inner, root_ + "/.well-known");
  EXPECT_EQ(ServeChallenge(root_, "ok").body, "ok");
}

TEST_F(AcmeWebroot, PlainHttpServesChallengesAndRedirectsTheRest) {
  Response c = AnswerPlainHttp(root_, "https://osiedle.test", Get("/.well-known/acme-challenge/tok_EN-1"));
  EXPECT_EQ(c.status, 200);
  EXPECT_EQ(AnswerPlainHttp(root_, "https://osiedle.test", Get("/.well-known/acme-challenge/../x")).status, 404);
  EXPECT_EQ(AnswerPlainHttp("", "https://osiedle.test", Get("/.well-known/acme-challenge/tok_EN-1")).status, 404);

  Request r = Get("/portal/a b/ż");
  r.query = {{"q", "x&y"}, {"flag", ""}};
  Response moved = AnswerPlainHttp(root_, "https://osiedle.test/", r);
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(Location(moved), "https://osiedle.test/portal/a%20b/%C5%BC?flag&q=x%26y");
  EXPECT_EQ(Location(AnswerPlainHttp(root_, "https://osiedle.test:8443", Get("/"))), "https://osiedle.test:8443/");
  // Header splitting and scheme-relative tricks stay inside the path.
  EXPECT_EQ(Location(AnswerPlainHttp(root_, "https://osiedle.test", Get("//evil.example/\r\nX: y"))),
            "https://osiedle.test//evil.example/%0D%0AX:%20y");
  Request post = Get("/.well-known/acme-challenge/tok_EN-1");
  post.method = "POST";
  EXPECT_EQ(AnswerPlainHttp(root_, "https://osiedle.test", post).status, 301);
}

}  // namespace
}  // namespace osiedle::http::acme
