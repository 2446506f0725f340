#include "setup-wizard/apply.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/app/app.hpp"
#include "daemon/core/crypto.hpp"
#include "setup-wizard/steps.hpp"
#include "tests/unit/setup-wizard/test_dir.hpp"

namespace osiedle::setup {
namespace {
namespace fs = std::filesystem;

using testing::ReadText;
using testing::TempDir;
using testing::WriteText;

struct Box {
  TempDir dir;
  Options o;
  State s;
  Box() {
    crypto::InitCrypto();
    o.state_dir = dir / "state";
    o.config_out = dir / "etc/osiedle.conf";
    o.data_dir = dir / "data";
    o.tls_dir = dir / "etc/tls";
    o.backup_key_file = dir / "etc/backup.key";
    o.acme_webroot = dir / "data/acme";
    fs::create_directories(o.state_dir);
    fs::create_directories(o.acme_webroot);
    s.mode = "new";
    EXPECT_TRUE(SaveLanguage({{"lang", "pl"}}, s).empty());
    EXPECT_TRUE(SaveCooperative({{"name", "SM Lazurowa"},
                                 {"nip", "1234563218"},
                                 {"address", "ul. Lazurowa 12"},
                                 {"phone", "+48 22 100 20 30"},
                                 {"email", "biuro@lazurowa.pl"}},
                                "", o, s)
                    .empty());
    EXPECT_TRUE(SaveAdmin({{"first_name", "Anna"},
                           {"last_name", "Nowak"},
                           {"email", "anna@lazurowa.pl"},
                           {"password", "Zielona-Lazurowa-2024!"},
                           {"password2", "Zielona-Lazurowa-2024!"}},
                          s)
                    .empty());
    s.admin.done = true;
    EXPECT_TRUE(SaveTls({{"mode", "lan"}, {"name", "portal.lazurowa.lan"}}, o, s).empty());
    SkipMail(s);
    WriteText(o.state_dir + "/upload", "budynek;lokal\nLazurowa 12;1\nLazurowa 12;2\n");
    EXPECT_TRUE(SaveFlats(o.state_dir + "/upload", o, s).empty());
    EXPECT_TRUE(SaveFlats("", o, s).empty());
    EXPECT_TRUE(SaveRegistration({{"proof", "letter-code"}, {"print_letters", "1"}}, s).empty());
  }
};

TEST(SetupApply, RefusesIncompleteSteps) {
  Box box;
  box.s.tls.done = false;
  auto st = Apply(box.o, box.s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "steps_incomplete");
  EXPECT_EQ(st.error().field, "4");
}

TEST(SetupApply, ConfigHasEverySettingOsiedledNeeds) {
  Box box;
  auto text = ConfigText(box.o, box.s, "2025-01-01T00:00:00Z");
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("written by osiedle-setup on 2025-01-01"), std::string::npos);
  for (const char* line :
       {"listen = 0.0.0.0:443\n", "http-listen = 0.0.0.0:80\n", "public-url = https://portal.lazurowa.lan\n",
        "registration-proof = letter-code\n", "site-nip = 1234563218\n", "auto-approve-on-match = false\n"})
    EXPECT_NE(text->find(line), std::string::npos) << line;
  EXPECT_EQ(text->find("smtp-url"), std::string::npos);  // skipped: mail stays queued
}

TEST(SetupApply, BuildsTheStoreAndWritesEverything) {
  Box box;
  ASSERT_TRUE(Apply(box.o, box.s).ok());
  EXPECT_TRUE(box.s.applied.done);
  EXPECT_EQ(box.s.applied.public_url, "https://portal.lazurowa.lan");
  EXPECT_TRUE(fs::exists(box.o.config_out));
  EXPECT_FALSE(fs::exists(box.o.config_out + ".tmp"));
  EXPECT_TRUE(fs::exists(box.o.data_dir + "/data.mdb"));
  EXPECT_TRUE(fs::exists(box.o.data_dir + "/acme"));
  EXPECT_FALSE(fs::exists(box.o.data_dir + "/.setup-staging"));
  EXPECT_TRUE(fs::exists(box.o.tls_dir + "/cert.pem"));
  EXPECT_TRUE(fs::exists(box.o.tls_dir + "/key.pem"));
  EXPECT_TRUE(fs::exists(box.o.backup_key_file));
  EXPECT_TRUE(box.s.applied.letters);
  EXPECT_EQ(box.s.applied.letter_count, 2u);
  EXPECT_EQ(ReadText(box.o.state_dir + "/letters.pdf").rfind("%PDF", 0), 0u);
  // The store holds the administrator with the wizard's hash and TOTP, and the flats.
  app::Config cfg;
  cfg.data_dir = box.o.data_dir;
  SystemClock clock;
  app::App app(cfg, clock);
  auto users = app.identity.users.ListUsers({});
  ASSERT_EQ(users.items.size(), 1u);
  EXPECT_EQ(users.items[0].user.email, "anna@lazurowa.pl");
  auto detail = app.identity.users.GetUserDetail(users.items[0].user.id, false);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(app.identity.registry.ListBuildings(0).size(), 1u);
  // Applying again changes nothing.
  EXPECT_TRUE(Apply(box.o, box.s).ok());
}

TEST(SetupApply, FailureLeavesNothingHalfConfiguredAndCanBeRetried) {
  Box box;
  Options broken = box.o;
  WriteText(box.dir / "not-a-dir", "x");
  broken.tls_dir = box.dir / "not-a-dir/tls";  // fails after the store was built
  State s = box.s;
  auto st = Apply(broken, s);
  ASSERT_FALSE(st.ok());
  EXPECT_FALSE(s.applied.done);
  EXPECT_FALSE(fs::exists(box.o.config_out));
  EXPECT_FALSE(fs::exists(box.o.config_out + ".tmp"));
  EXPECT_FALSE(fs::exists(box.o.data_dir + "/data.mdb"));
  EXPECT_FALSE(fs::exists(box.o.backup_key_file));
  EXPECT_FALSE(fs::exists(box.o.state_dir + "/letters.pdf"));
  EXPECT_FALSE(fs::exists(box.o.data_dir + "/.setup-staging"));
  EXPECT_TRUE(fs::exists(box.o.acme_webroot));  // what data-dir held before stays
  EXPECT_TRUE(fs::exists(box.o.state_dir + "/flats.csv"));

  ASSERT_TRUE(Apply(box.o, s).ok());
  EXPECT_TRUE(fs::exists(box.o.config_out));
  EXPECT_TRUE(fs::exists(box.o.data_dir + "/data.mdb"));
}

TEST(SetupApply, UnwritableConfigDirFailsBeforeAnything) {
  Box box;
  WriteText(box.dir / "file", "x");
  box.o.config_out = box.dir / "file/osiedle.conf";
  auto st = Apply(box.o, box.s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "config_dir_unwritable");
  EXPECT_FALSE(fs::exists(box.o.data_dir + "/data.mdb"));
  EXPECT_FALSE(fs::exists(box.o.tls_dir));
}

TEST(SetupApply, RefusesADataDirThatHasAStore) {
  Box box;
  WriteText(box.o.data_dir + "/data.mdb", "");
  auto st = Apply(box.o, box.s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "data_dir_not_empty");
}

}  // namespace
}  // namespace osiedle::setup
