#include "daemon/http/static_files.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "daemon/core/crypto.hpp"
#include "daemon/http/dispatch.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::http {
namespace {

namespace fs = std::filesystem;

std::string Header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

std::string Gunzip(const std::string& in) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "<init failed>";
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "<inflate failed>";
}

void WriteFile(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    dir_ = tmp_.path();
    fs::path web = dir_ / "web";
    WriteFile(web / "portal/index.html", "<!doctype html><title>portal</title>");
    WriteFile(web / "admin/index.html", "<!doctype html><title>admin</title>");
    WriteFile(web / "kiosk/index.html", "<!doctype html><title>kiosk</title>");
    app_js_ = "export const x = 1;\n";
    for (int i = 0; i < 200; ++i) app_js_ += "console.log('repetitive line " + std::to_string(i % 5) + "');\n";
    WriteFile(web / "portal/app.js", app_js_);
    WriteFile(web / "admin/admin.css", "body{color:red}");
    WriteFile(web / "common/logo.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'));
    WriteFile(web / "manifest.webmanifest", "{\"name\":\"Osiedle\"}");
    WriteFile(dir_ / "secret.txt", "TOP SECRET");
    fs::create_symlink(dir_ / "secret.txt", web / "portal/leak.txt");
    fs::create_symlink(web / "admin/admin.css", web / "portal/linked.css");
    files_ = StaticFiles::Load(web.string());
  }

  Response Get(std::string path, std::map<std::string, std::string> headers = {}, std::string method = "GET") {
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.headers = std::move(headers);
    return files_.Serve(req);
  }

  osiedle::testing::TempDir tmp_{"osiedle_static"};
  fs::path dir_;
  std::string app_js_;
  StaticFiles files_;
};

TEST_F(StaticFilesTest, RootServesPortalIndex) {
  Response r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>portal</title>");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(Header(r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, AdminAndKioskFallBackToTheirIndex) {
  EXPECT_NE(Get("/admin").body.find("admin"), std::string::npos);
  EXPECT_NE(Get("/admin/").body.find("admin"), std::string::npos);
  EXPECT_NE(Get("/admin/users/12").body.find("admin"), std::string::npos);
  EXPECT_NE(Get("/kiosk/screen").body.find("kiosk"), std::string::npos);
  EXPECT_EQ(Get("/admin/missing.js").status, 404);
}

TEST_F(StaticFilesTest, ServesAssetsWithTypesAndCaching) {
  Response css = Get("/admin/admin.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Header(css, "Cache-Control"), "max-age=3600");
  EXPECT_EQ(Get("/common/logo.png").content_type, "image/png");
  EXPECT_EQ(Get("/portal/app.js").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/manifest.webmanifest").content_type, "application/manifest+json");
}

TEST_F(StaticFilesTest, RootLevelNamesFallBackToPortal) {
  Response r = Get("/app.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, app_js_);
}

TEST_F(StaticFilesTest, EtagIsStrongSha256PrefixAndAnswers304) {
  Response r = Get("/portal/app.js");
  std::string etag = Header(r, "ETag");
  EXPECT_EQ(etag, "\"" + crypto::Sha256Hex(app_js_).substr(0, 16) + "\"");
  Response again = Get("/portal/app.js", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Header(again, "ETag"), etag);
  EXPECT_EQ(Get("/portal/app.js", {{"if-none-match", "\"other\", " + etag}}).status, 304);
  EXPECT_EQ(Get("/portal/app.js", {{"if-none-match", "\"0000000000000000\""}}).status, 200);
}

TEST_F(StaticFilesTest, GzipWhenAcceptedAndSmaller) {
  Response r = Get("/portal/app.js", {{"accept-encoding", "br, gzip, deflate"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Header(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(Header(r, "Vary"), "Accept-Encoding");
  EXPECT_LT(r.body.size(), app_js_.size());
  EXPECT_EQ(Gunzip(r.body), app_js_);
}

TEST_F(StaticFilesTest, NoGzipWhenNotAcceptedOrRefused) {
  Response plain = Get("/portal/app.js");
  EXPECT_EQ(Header(plain, "Content-Encoding"), "");
  EXPECT_EQ(plain.body, app_js_);
  EXPECT_EQ(Header(plain, "Vary"), "Accept-Encoding");
  EXPECT_EQ(Header(Get("/portal/app.js", {{"accept-encoding", "gzip;q=0"}}), "Content-Encoding"), "");
  // PNG is not compressible: never gzipped.
  EXPECT_EQ(Header(Get("/common/logo.png", {{"accept-encoding", "gzip"}}), "Content-Encoding"), "");
}

TEST_F(StaticFilesTest, HeadHasHeadersButNoBody) {
  Response r = Get("/portal/app.js", {}, "HEAD");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_FALSE(Header(r, "ETag").empty());
}

TEST_F(StaticFilesTest, RefusesTraversal) {
  for (const char* p : {"/../secret.txt", "/portal/../../secret.txt", "/portal/..", "/./portal/index.html",
                        "/portal\\..\\..\\secret.txt", "//etc/passwd", "/portal//index.html"}) {
    Response r = Get(p);
    EXPECT_EQ(r.status, 400) << p;
    EXPECT_EQ(r.body.find("TOP SECRET"), std::string::npos) << p;
  }
  EXPECT_EQ(Get(std::string("/portal/index.html\0.png", 23)).status, 400);
  EXPECT_EQ(Get("relative").status, 400);
}

TEST_F(StaticFilesTest, SkipsSymlinkEscapingRoot) {
  Response r = Get("/portal/leak.txt");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("TOP SECRET"), std::string::npos);
  EXPECT_EQ(Get("/portal/linked.css").body, "body{color:red}");
}

TEST_F(StaticFilesTest, UnknownFileIs404AndPostIs405) {
  EXPECT_EQ(Get("/nothing.html").status, 404);
  EXPECT_EQ(Get("/portal/index.html", {}, "POST").status, 405);
}

TEST(StaticFiles, MissingRootServes404) {
  StaticFiles files = StaticFiles::Load("/nonexistent/osiedle/web");
  EXPECT_EQ(files.file_count(), 0u);
  Request req;
  req.method = "GET";
  req.path = "/";
  EXPECT_EQ(files.Serve(req).status, 404);
}

TEST_F(StaticFilesTest, DispatchDecodedTraversalNeverLeaves) {
  // The server adapter decodes %2e%2e to ".." before Dispatch; Dispatch hands it to static files.
  Services s;
  s.static_files = &files_;
  Request req;
  req.method = "GET";
  req.path = "/portal/../../secret.txt";
  Response r = Dispatch(s, req);
  EXPECT_EQ(r.status, 400);
  req.path = "/admin/admin.css";
  EXPECT_EQ(Dispatch(s, req).status, 200);
}

}  // namespace
}  // namespace osiedle::http
