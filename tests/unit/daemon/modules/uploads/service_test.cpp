#include "daemon/modules/uploads/service.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/unit/support/sample_files.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::uploads {
namespace {

using ::osiedle::testing::SamplePdf;
using ::osiedle::testing::SamplePng;

class UploadsServiceTest : public ::testing::Test {
 protected:
  ::osiedle::testing::TempEnv env_;
  ::osiedle::testing::TempDir dir_{"osiedle-files"};
  FileStore files_{dir_.Sub("files")};
  FakeClock clock_{1'760'000'000};
  Service svc_{env_.env(), files_, clock_};
};

TEST_F(UploadsServiceTest, StoresPdfDurablyUnderItsHash) {
  auto up = svc_.Store(7, SamplePdf());
  ASSERT_TRUE(up.ok()) << up.error().code;
  EXPECT_EQ(up->kind, Kind::kPdf);
  EXPECT_EQ(up->size, SamplePdf().size());
  EXPECT_EQ(up->uploaded_by, 7u);
  EXPECT_TRUE(FileStore::IsId(up->id));
  EXPECT_TRUE(std::filesystem::is_regular_file(svc_.PathOf(up->id)));
  EXPECT_EQ(svc_.PathOf(up->id), dir_.Sub("files") + "/" + up->id.substr(0, 2) + "/" + up->id);
  auto again = svc_.Get(up->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->uploaded_at, 1'760'000'000);
}

TEST_F(UploadsServiceTest, SameBytesTwiceKeepTheFirstRecord) {
  auto first = svc_.Store(7, SamplePng());
  clock_.Advance(60);
  auto second = svc_.Store(8, SamplePng());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->id, second->id);
  EXPECT_EQ(second->uploaded_by, 7u);
  EXPECT_EQ(second->uploaded_at, first->uploaded_at);
  EXPECT_NE(svc_.Store(7, SamplePdf("inna")).value().id, svc_.Store(7, SamplePdf("jeszcze inna")).value().id);
}

TEST_F(UploadsServiceTest, RefusesBadAndOversizedFilesWithoutStoringThem) {
  EXPECT_EQ(svc_.Store(7, "not a pdf").error().code, "upload_type_unsupported");
  std::string big_png = SamplePng();
  big_png.insert(33, std::string(Service::kMaxImageBytes, 'x'));  // bytes between IHDR and IDAT
  EXPECT_EQ(svc_.Store(7, big_png).error().code, "upload_too_large");
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("files")));
}

TEST_F(UploadsServiceTest, UnknownOrMalformedIdsAreNotFound) {
  EXPECT_EQ(svc_.Get(std::string(64, 'a')).error().code, "not_found");
  EXPECT_EQ(svc_.Get("../../etc/passwd").error().code, "not_found");
  EXPECT_EQ(svc_.Get(std::string(64, 'A')).error().code, "not_found");
  EXPECT_EQ(svc_.Get("").error().code, "not_found");
}

TEST_F(UploadsServiceTest, ReadsImagesBack) {
  auto up = svc_.Store(7, SamplePng());
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(svc_.Read(up->id).value(), SamplePng());
  EXPECT_EQ(svc_.Read(std::string(64, '0')).error().code, "not_found");
}

}  // namespace
}  // namespace osiedle::uploads
