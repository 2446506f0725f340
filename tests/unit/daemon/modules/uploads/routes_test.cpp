#include "daemon/modules/uploads/routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/http/dispatch.hpp"
#include "tests/unit/support/http_request.hpp"
#include "tests/unit/support/route_harness.hpp"
#include "tests/unit/support/sample_files.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::uploads {
namespace {

using nlohmann::json;
using ::osiedle::testing::SamplePdf;
using ::osiedle::testing::SamplePng;

constexpr uint64_t kStaff = 1;
constexpr uint64_t kResident = 2;

class UploadsRoutesTest : public ::testing::Test, public ::osiedle::testing::RouteHarness {
 protected:
  UploadsRoutesTest() : RouteHarness(kStaff, {"uploads:create"}) {}

  void SetUp() override { RegisterRoutes(table(), svc_); }

  http::Response Call(uint64_t as, const std::string& method, const std::string& path, const std::string& body = "") {
    http::Request req = ::osiedle::testing::MakeRequest(method, path, body);
    req.headers["content-type"] = "application/octet-stream";
    return DispatchAs(as, std::move(req));
  }

  ::osiedle::testing::TempEnv env_;
  ::osiedle::testing::TempDir dir_{"osiedle-files"};
  FileStore files_{dir_.Sub("files")};
  FakeClock clock_;
  Service svc_{env_.env(), files_, clock_};
};

TEST_F(UploadsRoutesTest, StaffUploadsPdfAndGetsItsContentId) {
  auto r = Call(kStaff, "POST", "/api/v1/admin/uploads", SamplePdf());
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["kind"], "pdf");
  EXPECT_EQ(j["mime"], "application/pdf");
  EXPECT_EQ(j["size"], SamplePdf().size());
  EXPECT_TRUE(FileStore::IsId(j["id"].get<std::string>()));
}

TEST_F(UploadsRoutesTest, ResidentsAndAnonymousCannotUpload) {
  EXPECT_EQ(Call(kResident, "POST", "/api/v1/admin/uploads", SamplePdf()).status, 403);
  EXPECT_EQ(Call(0, "POST", "/api/v1/admin/uploads", SamplePdf()).status, 401);
}

TEST_F(UploadsRoutesTest, ContentDecidesNotTheClaimedType) {
  auto r = Call(kStaff, "POST", "/api/v1/admin/uploads", "<svg onload=alert(1)>");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Code(r), "upload_type_unsupported");
  r = Call(kStaff, "POST", "/api/v1/admin/uploads", "");
  EXPECT_EQ(Code(r), "upload_empty");
}

TEST_F(UploadsRoutesTest, ImagesAreServedFromDiskButPdfsNever) {
  auto png = json::parse(Call(kStaff, "POST", "/api/v1/admin/uploads", SamplePng()).body);
  auto pdf = json::parse(Call(kStaff, "POST", "/api/v1/admin/uploads", SamplePdf()).body);
  auto r = Call(0, "GET", "/api/v1/images/" + png["id"].get<std::string>());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "image/png");
  EXPECT_EQ(r.file_path, svc_.PathOf(png["id"].get<std::string>()));
  EXPECT_EQ(Call(0, "GET", "/api/v1/images/" + pdf["id"].get<std::string>()).status, 404);
  EXPECT_EQ(Call(0, "GET", "/api/v1/images/" + std::string(64, 'f')).status, 404);
  EXPECT_EQ(Call(0, "GET", "/api/v1/images/..%2f..%2fetc").status, 404);
}

TEST_F(UploadsRoutesTest, ImageRevalidationAnswers304) {
  auto id = json::parse(Call(kStaff, "POST", "/api/v1/admin/uploads", SamplePng()).body)["id"].get<std::string>();
  http::Request req = ::osiedle::testing::MakeRequest("GET", "/api/v1/images/" + id);
  req.headers["if-none-match"] = "\"" + id + "\"";
  auto r = DispatchAs(0, std::move(req));
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.file_path.empty());
}

}  // namespace
}  // namespace osiedle::uploads
