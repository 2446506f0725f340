#include "daemon/core/file_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/core/crypto.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle {
namespace {

TEST(FileStore, NamesFilesBySha256AndReadsThemBack) {
  testing::TempDir dir;
  FileStore store(dir.Sub("files"));
  auto id = store.Put("zawartość pliku");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, crypto::Sha256Hex("zawartość pliku"));
  EXPECT_TRUE(std::filesystem::is_regular_file(store.PathOf(*id)));
  EXPECT_EQ(store.Read(*id).value(), "zawartość pliku");
  EXPECT_EQ(std::filesystem::file_size(store.PathOf(*id)), std::string("zawartość pliku").size());
  EXPECT_EQ(store.PathOf(*id), dir.Sub("files") + "/" + id->substr(0, 2) + "/" + *id);
}

TEST(FileStore, PuttingTheSameBytesAgainKeepsOneFileAndNoTemporaries) {
  testing::TempDir dir;
  FileStore store(dir.Sub("files"));
  auto a = store.Put("abc");
  auto b = store.Put("abc");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.Sub("files"))) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST(FileStore, RejectsMalformedIds) {
  testing::TempDir dir;
  FileStore store(dir.path());
  EXPECT_FALSE(FileStore::IsId("../../etc/passwd"));
  EXPECT_FALSE(FileStore::IsId(std::string(63, 'a')));
  EXPECT_FALSE(FileStore::IsId(std::string(64, 'A')));
  EXPECT_TRUE(FileStore::IsId(std::string(64, 'a')));
  EXPECT_EQ(store.Read("../x").error().code, "not_found");
  EXPECT_EQ(store.Read(std::string(64, 'a')).error().code, "not_found");
}

TEST(FileStore, ReportsAnUnwritableRoot) {
  FileStore store("/proc/osiedle-cannot-write-here");
  auto id = store.Put("x");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, "storage_io");
}

}  // namespace
}  // namespace osiedle
