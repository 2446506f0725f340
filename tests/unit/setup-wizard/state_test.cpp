#include "setup-wizard/state.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "tests/unit/setup-wizard/test_dir.hpp"

namespace osiedle::setup {
namespace {

using testing::ReadText;
using testing::TempDir;
using testing::WriteText;

State Sample() {
  State s;
  s.mode = "new";
  s.language = {"en", true};
  s.cooperative.name = "SM Łąkowa";
  s.cooperative.nip = "1234563218";
  s.cooperative.done = true;
  s.admin.email = "a@example.pl";
  s.admin.totp_secret = "JBSWY3DPEHPK3PXP";
  s.mail.port = 465;
  s.mail.security = "ssl";
  s.flats.have_csv = true;
  s.flats.imported = 12;
  s.flats.lines.push_back({7, "kw_checksum_invalid", "kw_number"});
  s.registration.proof = "kw";
  return s;
}

TEST(SetupState, RoundTripsThroughTheStateDir) {
  TempDir dir;
  std::string state_dir = dir / "state";
  ASSERT_TRUE(SaveState(state_dir, Sample()).ok());
  auto back = LoadState(state_dir);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->mode, "new");
  EXPECT_EQ(back->language.lang, "en");
  EXPECT_EQ(back->cooperative.name, "SM Łąkowa");
  EXPECT_TRUE(back->cooperative.done);
  EXPECT_EQ(back->admin.totp_secret, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(back->mail.port, 465);
  EXPECT_EQ(back->flats.imported, 12u);
  ASSERT_EQ(back->flats.lines.size(), 1u);
  EXPECT_EQ(back->flats.lines[0].line, 7u);
  EXPECT_EQ(back->registration.proof, "kw");
  EXPECT_FALSE(back->applied.done);
}

TEST(SetupState, FilesArePrivateAndNoTempIsLeft) {
  TempDir dir;
  std::string state_dir = dir / "state";
  ASSERT_TRUE(SaveState(state_dir, Sample()).ok());
  struct stat st {};
  ASSERT_EQ(::stat(state_dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((state_dir + "/state.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(state_dir + "/state.json.tmp"));
}

TEST(SetupState, MissingFileIsAFreshStart) {
  TempDir dir;
  auto s = LoadState(dir.path());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->mode, "");
  EXPECT_EQ(s->FirstOpenStep(), 1);
}

TEST(SetupState, ACorruptFileIsReportedNotReplaced) {
  TempDir dir;
  WriteText(dir / "state.json", "{\"mode\": ");
  auto s = LoadState(dir.path());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "state_invalid");
  EXPECT_EQ(ReadText(dir / "state.json"), "{\"mode\": ");
}

TEST(SetupState, AFailedWriteKeepsThePreviousState) {
  TempDir dir;
  ASSERT_TRUE(SaveState(dir.path(), Sample()).ok());
  std::string before = ReadText(dir / "state.json");
  // A directory where the temp file would go makes the write fail before the rename.
  std::filesystem::create_directory(dir / "state.json.tmp");
  State changed = Sample();
  changed.mode = "restore";
  auto st = SaveState(dir.path(), changed);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "state_write_failed");
  EXPECT_EQ(ReadText(dir / "state.json"), before);
}

TEST(SetupState, FirstOpenStepFollowsDoneFlags) {
  State s;
  s.language.done = s.cooperative.done = true;
  EXPECT_EQ(s.FirstOpenStep(), 3);
  s.admin.done = s.tls.done = s.mail.done = s.flats.done = s.registration.done = true;
  EXPECT_EQ(s.FirstOpenStep(), kStepCount);
  s.applied.done = true;
  EXPECT_EQ(s.FirstOpenStep(), kStepCount + 1);
}

}  // namespace
}  // namespace osiedle::setup
