#include "setup-wizard/steps.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/core/crypto.hpp"
#include "tests/unit/setup-wizard/test_dir.hpp"

namespace osiedle::setup {
namespace {

using testing::TempDir;
using testing::WriteText;

Form CoopForm() {
  return {{"name", "SM Lazurowa"},
          {"nip", "123-456-32-18"},
          {"address", "ul. Lazurowa 12, Warszawa"},
          {"phone", "+48 22 100 20 30"},
          {"email", "Biuro@Lazurowa.pl"}};
}

Options OptionsIn(const TempDir& dir) {
  Options o;
  o.state_dir = dir.path();
  return o;
}

TEST(SetupSteps, CooperativeRejectsNipWithWrongCheckDigit) {
  TempDir dir;
  State s;
  Form f = CoopForm();
  f["nip"] = "1234563211";
  FieldErrors e = SaveCooperative(f, "", OptionsIn(dir), s);
  ASSERT_EQ(e.count("nip"), 1u);
  EXPECT_NE(e["nip"].find("cyfra kontrolna"), std::string::npos);
  EXPECT_FALSE(s.cooperative.done);
}

TEST(SetupSteps, CooperativeErrorsAreEnglishWhenChosen) {
  TempDir dir;
  State s;
  s.language.lang = "en";
  Form f = CoopForm();
  f["name"] = "";
  FieldErrors e = SaveCooperative(f, "", OptionsIn(dir), s);
  EXPECT_EQ(e["name"], "This field is required.");
}

TEST(SetupSteps, CooperativeStoresNormalisedValues) {
  TempDir dir;
  State s;
  EXPECT_TRUE(SaveCooperative(CoopForm(), "", OptionsIn(dir), s).empty());
  EXPECT_TRUE(s.cooperative.done);
  EXPECT_EQ(s.cooperative.nip, "1234563218");
  EXPECT_EQ(s.cooperative.email, "biuro@lazurowa.pl");
}

TEST(SetupSteps, CooperativeRefusesHashInConfigValues) {
  TempDir dir;
  State s;
  Form f = CoopForm();
  f["address"] = "ul. Lazurowa 12 #3";
  EXPECT_EQ(SaveCooperative(f, "", OptionsIn(dir), s).count("address"), 1u);
}

TEST(SetupSteps, LogoMustBePngOrJpegByContent) {
  TempDir dir;
  State s;
  WriteText(dir / "upload-1", "GIF89a not a png");
  EXPECT_EQ(SaveCooperative(CoopForm(), dir / "upload-1", OptionsIn(dir), s).count("logo"), 1u);
  WriteText(dir / "upload-2", std::string("\x89PNG\r\n\x1a\n", 8) + "rest");
  EXPECT_TRUE(SaveCooperative(CoopForm(), dir / "upload-2", OptionsIn(dir), s).empty());
  EXPECT_EQ(s.cooperative.logo_file, "logo.png");
  EXPECT_TRUE(std::filesystem::exists(dir / "logo.png"));
}

TEST(SetupSteps, AdminPasswordFollowsIdentityRule) {
  State s;
  Form f{{"first_name", "Anna"},
         {"last_name", "Nowak"},
         {"email", "anna@example.pl"},
         {"password", "short"},
         {"password2", "short"}};
  EXPECT_EQ(SaveAdmin(f, s).count("password"), 1u);
  f["password"] = "Zielona-Lazurowa-2024!";
  f["password2"] = "Zielona-Lazurowa-2025!";
  EXPECT_EQ(SaveAdmin(f, s).count("password2"), 1u);
  EXPECT_TRUE(s.admin.password_hash.empty());
}

TEST(SetupSteps, AdminIsDoneOnlyAfterAValidTotpCode) {
  ASSERT_TRUE(crypto::InitCrypto());
  State s;
  Form f{{"first_name", "Anna"},
         {"last_name", "Nowak"},
         {"email", "anna@example.pl"},
         {"password", "Zielona-Lazurowa-2024!"},
         {"password2", "Zielona-Lazurowa-2024!"}};
  ASSERT_TRUE(SaveAdmin(f, s).empty());
  EXPECT_EQ(s.admin.password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(crypto::VerifyPassword("Zielona-Lazurowa-2024!", s.admin.password_hash));
  EXPECT_FALSE(s.admin.done);
  const int64_t now = 1700000000;
  auto secret = crypto::Base32Decode(s.admin.totp_secret);
  ASSERT_TRUE(secret.ok());
  std::string good = crypto::TotpCode(*secret, now);
  std::string bad = good == "000000" ? "111111" : "000000";
  EXPECT_EQ(ConfirmTotp({{"code", bad}}, now, s).count("code"), 1u);
  EXPECT_FALSE(s.admin.done);
  EXPECT_TRUE(ConfirmTotp({{"code", good}}, now, s).empty());
  EXPECT_TRUE(s.admin.done);
}

TEST(SetupSteps, MailChecksPortAndSecurity) {
  State s;
  Form f{{"host", "smtp.example.pl"}, {"port", "70000"}, {"security", "tls13"}, {"from", "biuro@example.pl"}};
  FieldErrors e = SaveMail(f, s);
  EXPECT_EQ(e.count("port"), 1u);
  EXPECT_EQ(e.count("security"), 1u);
  f["port"] = "465";
  f["security"] = "ssl";
  ASSERT_TRUE(SaveMail(f, s).empty());
  s.cooperative.name = "SM Lazurowa";
  SmtpSettings smtp = SmtpOf(s);
  EXPECT_EQ(smtp.url, "smtps://smtp.example.pl:465");
  EXPECT_FALSE(smtp.starttls);
  EXPECT_EQ(smtp.from, "SM Lazurowa <biuro@example.pl>");
}

TEST(SetupSteps, SkippedMailHasNoServer) {
  State s;
  SkipMail(s);
  EXPECT_TRUE(s.mail.done);
  EXPECT_EQ(SmtpOf(s).url, "");
}

TEST(SetupSteps, FlatsPreviewCountsLinesAndKeepsTheFile) {
  TempDir dir;
  State s;
  WriteText(dir / "upload-csv",
            "budynek;lokal;powierzchnia\nLazurowa 12;1;40,5\nLazurowa 12;2;zle\nLazurowa 14;1;50\n");
  ASSERT_TRUE(SaveFlats(dir / "upload-csv", OptionsIn(dir), s).empty());
  EXPECT_TRUE(s.flats.have_csv);
  EXPECT_FALSE(s.flats.done);  // confirmed separately, after the preview
  EXPECT_EQ(s.flats.imported, 2u);
  EXPECT_EQ(s.flats.errors, 1u);
  ASSERT_EQ(s.flats.lines.size(), 1u);
  EXPECT_EQ(s.flats.lines[0].line, 3u);
  EXPECT_EQ(s.flats.lines[0].code, "area_invalid");
  EXPECT_TRUE(std::filesystem::exists(dir / "flats.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "scratch"));
  EXPECT_TRUE(SaveFlats("", OptionsIn(dir), s).empty());
  EXPECT_TRUE(s.flats.done);
}

TEST(SetupSteps, FlatsFileWithoutHeaderIsRejectedWhole) {
  TempDir dir;
  State s;
  WriteText(dir / "upload-csv", "a;b\n1;2\n");
  FieldErrors e = SaveFlats(dir / "upload-csv", OptionsIn(dir), s);
  EXPECT_EQ(e.count("csv"), 1u);
  EXPECT_FALSE(s.flats.have_csv);
}

TEST(SetupSteps, LanCertificateIsWrittenWithFingerprint) {
  TempDir dir;
  State s;
  EXPECT_EQ(SaveTls({{"mode", "lan"}, {"name", "osiedle"}}, OptionsIn(dir), s).count("name"), 1u);
  ASSERT_TRUE(SaveTls({{"mode", "lan"}, {"name", "Portal.Osiedle.LAN"}}, OptionsIn(dir), s).empty());
  EXPECT_TRUE(s.tls.done);
  EXPECT_EQ(s.tls.name, "portal.osiedle.lan");
  EXPECT_EQ(s.tls.fingerprint.size(), 95u);
  EXPECT_TRUE(std::filesystem::exists(dir / "tls-cert.pem"));
  EXPECT_TRUE(std::filesystem::exists(dir / "tls-key.pem"));
}

TEST(SetupSteps, CertbotFailureIsShown) {
  TempDir dir;
  State s;
  s.admin.done = true;
  s.admin.email = "anna@example.pl";
  Options o = OptionsIn(dir);
  o.acme_webroot = dir / "acme";
  o.certbot = "/bin/false";
  FieldErrors e = SaveTls({{"mode", "public"}, {"name", "portal.example.pl"}}, o, s);
  ASSERT_EQ(e.count("name"), 1u);
  EXPECT_NE(e["name"].find("Let's Encrypt"), std::string::npos);
  EXPECT_FALSE(s.tls.done);
}

TEST(SetupSteps, RegistrationProofMustBeKnown) {
  State s;
  EXPECT_EQ(SaveRegistration({{"proof", "pesel"}}, s).count("proof"), 1u);
  ASSERT_TRUE(SaveRegistration({{"proof", "member-number"}, {"auto_approve", "1"}}, s).empty());
  EXPECT_EQ(s.registration.proof, "member-number");
  EXPECT_TRUE(s.registration.auto_approve);
  EXPECT_FALSE(s.registration.print_letters);
}

}  // namespace
}  // namespace osiedle::setup
