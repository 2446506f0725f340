#include "daemon/core/certificate.hpp"

#include <gtest/gtest.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace osiedle::certificate {
namespace {

// A parsed certificate, freed on scope exit.
struct ParsedCert {
  mbedtls_x509_crt crt;
  int rc;
  explicit ParsedCert(const std::string& pem) {
    mbedtls_x509_crt_init(&crt);
    rc = mbedtls_x509_crt_parse(&crt, reinterpret_cast<const unsigned char*>(pem.c_str()), pem.size() + 1);
  }
  ~ParsedCert() { mbedtls_x509_crt_free(&crt); }
};

struct ParsedKey {
  mbedtls_pk_context pk;
  int rc;
  explicit ParsedKey(const std::string& pem) {
    mbedtls_pk_init(&pk);
    rc = mbedtls_pk_parse_key(&pk, reinterpret_cast<const unsigned char*>(pem.c_str()), pem.size() + 1, nullptr, 0);
  }
  ~ParsedKey() { mbedtls_pk_free(&pk); }
};

std::vector<std::string> SanDnsNames(const mbedtls_x509_crt& crt) {
  std::vector<std::string> out;
  for (const mbedtls_x509_sequence* s = &crt.subject_alt_names; s != nullptr && s->buf.p != nullptr; s = s->next) {
    EXPECT_EQ(s->buf.tag, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2);
    out.emplace_back(reinterpret_cast<const char*>(s->buf.p), s->buf.len);
  }
  return out;
}

std::string Subject(const mbedtls_x509_crt& crt) {
  char buf[512];
  int n = mbedtls_x509_dn_gets(buf, sizeof buf, &crt.subject);
  return n < 0 ? "" : std::string(buf, static_cast<size_t>(n));
}

std::time_t ToUnix(const mbedtls_x509_time& t) {
  std::tm tm{};
  tm.tm_year = t.year - 1900;
  tm.tm_mon = t.mon - 1;
  tm.tm_mday = t.day;
  tm.tm_hour = t.hour;
  tm.tm_min = t.min;
  tm.tm_sec = t.sec;
  return timegm(&tm);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Certificate, AcceptsLanAndPublicNames) {
  EXPECT_TRUE(IsValidDnsName("osiedle.lan"));
  EXPECT_TRUE(IsValidDnsName("osiedle.local"));
  EXPECT_TRUE(IsValidDnsName("portal.sm-testowa.pl"));
  EXPECT_TRUE(IsValidDnsName("Osiedle.LAN"));
  EXPECT_TRUE(IsValidDnsName("xn--dkaa-6qa.pl"));
  EXPECT_TRUE(IsValidDnsName("a1.b2"));
  EXPECT_TRUE(IsValidDnsName(std::string(63, 'a') + ".pl"));
}

TEST(Certificate, RefusesNamesNotFitForADnsSan) {
  for (const char* bad : {"", "osiedle", "osiedle.lan.", ".osiedle.lan", "osiedle..lan", "-osiedle.lan", "osiedle-.lan",
                          "*.osiedle.lan", "osiedle_1.lan", "osiedle lan", "192.168.1.10", "osiedle.lan:443",
                          "https://osiedle.lan", "osiedle.lan/x", "żółw.pl", "a,CN=b.pl"}) {
    EXPECT_FALSE(IsValidDnsName(bad)) << bad;
  }
  EXPECT_FALSE(IsValidDnsName(std::string(64, 'a') + ".pl"));
  std::string long_name;
  while (long_name.size() < 254) long_name += "abcdefghi.";
  long_name.resize(254);
  long_name.back() = 'x';
  EXPECT_FALSE(IsValidDnsName(long_name));
  EXPECT_FALSE(IsValidDnsName(std::string_view("osiedle.lan\0x", 13)));
}

TEST(Certificate, MakeSelfSignedRefusesBadInput) {
  auto r = MakeSelfSigned("osiedle", 365);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "dns_name_invalid");
  EXPECT_EQ(r.error().field, "name");
  for (int days : {0, -1, kMaxDays + 1}) {
    auto d = MakeSelfSigned("osiedle.lan", days);
    ASSERT_FALSE(d.ok()) << days;
    EXPECT_EQ(d.error().code, "certificate_days_invalid");
  }
}

TEST(Certificate, SelfSignedCarriesTheNameAsCnAndSan) {
  auto r = MakeSelfSigned("Osiedle.LAN", 30);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().detail;
  EXPECT_NE(r->cert_pem.find("-----BEGIN CERTIFICATE-----"), std::string::npos);
  EXPECT_NE(r->key_pem.find("PRIVATE KEY-----"), std::string::npos);
  ParsedCert c(r->cert_pem);
  ASSERT_EQ(c.rc, 0);
  EXPECT_EQ(Subject(c.crt), "CN=osiedle.lan");
  EXPECT_EQ(SanDnsNames(c.crt), std::vector<std::string>{"osiedle.lan"});
  EXPECT_EQ(c.crt.version, 3);
  EXPECT_EQ(mbedtls_pk_get_type(&c.crt.pk), MBEDTLS_PK_ECKEY);
  EXPECT_EQ(mbedtls_pk_ec(c.crt.pk)->grp.id, MBEDTLS_ECP_DP_SECP256R1);
  EXPECT_EQ(c.crt.sig_md, MBEDTLS_MD_SHA256);
  EXPECT_EQ(c.crt.ca_istrue, 0);
  EXPECT_EQ(c.crt.key_usage, static_cast<unsigned int>(MBEDTLS_X509_KU_DIGITAL_SIGNATURE));
  EXPECT_EQ(mbedtls_x509_crt_check_extended_key_usage(&c.crt, MBEDTLS_OID_SERVER_AUTH,
                                                      MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)),
            0);
  EXPECT_NE(mbedtls_x509_crt_check_extended_key_usage(&c.crt, MBEDTLS_OID_CLIENT_AUTH,
                                                      MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH)),
            0);
  // mbedTLS's own name check (what a client does): the SAN matches, another name does not.
  uint32_t flags = 0;
  EXPECT_EQ(mbedtls_x509_crt_verify(&c.crt, &c.crt, nullptr, "osiedle.lan", &flags, nullptr, nullptr), 0) << flags;
  EXPECT_NE(mbedtls_x509_crt_verify(&c.crt, &c.crt, nullptr, "inne.lan", &flags, nullptr, nullptr), 0);
}

TEST(Certificate, ValidityStartsADayAgoAndLastsTheGivenDays) {
  auto r = MakeSelfSigned("osiedle.local", 90);
  ASSERT_TRUE(r.ok());
  ParsedCert c(r->cert_pem);
  ASSERT_EQ(c.rc, 0);
  std::time_t now = std::time(nullptr);
  std::time_t from = ToUnix(c.crt.valid_from), to = ToUnix(c.crt.valid_to);
  EXPECT_NEAR(static_cast<double>(now - 86400), static_cast<double>(from), 60);
  EXPECT_EQ(to - from, 90 * 86400);
}

TEST(Certificate, KeyMatchesTheCertificateAndEachPairIsNew) {
  auto a = MakeSelfSigned("osiedle.lan", 30);
  auto b = MakeSelfSigned("osiedle.lan", 30);
  ASSERT_TRUE(a.ok() && b.ok());
  ParsedCert ca(a->cert_pem), cb(b->cert_pem);
  ParsedKey ka(a->key_pem), kb(b->key_pem);
  ASSERT_EQ(ca.rc, 0);
  ASSERT_EQ(ka.rc, 0);
  ASSERT_EQ(kb.rc, 0);
  EXPECT_EQ(mbedtls_pk_check_pair(&ca.crt.pk, &ka.pk), 0);
  EXPECT_NE(mbedtls_pk_check_pair(&ca.crt.pk, &kb.pk), 0);
  EXPECT_NE(a->key_pem, b->key_pem);
  ASSERT_EQ(ca.crt.serial.len, 16u);
  EXPECT_LT(ca.crt.serial.p[0], 0x80);  // positive
  EXPECT_NE(std::string(reinterpret_cast<const char*>(ca.crt.serial.p), ca.crt.serial.len),
            std::string(reinterpret_cast<const char*>(cb.crt.serial.p), cb.crt.serial.len));
}

TEST(Certificate, FingerprintIsColonSeparatedUpperHexOfTheDer) {
  auto r = MakeSelfSigned("osiedle.lan", 30);
  ASSERT_TRUE(r.ok());
  auto fp = Fingerprint(r->cert_pem);
  ASSERT_TRUE(fp.ok());
  EXPECT_TRUE(std::regex_match(*fp, std::regex("([0-9A-F]{2}:){31}[0-9A-F]{2}"))) << *fp;
  auto again = Fingerprint(r->cert_pem);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*fp, *again);
  auto other = MakeSelfSigned("osiedle.lan", 30);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*fp, *Fingerprint(other->cert_pem));
  // A certificate chain: the fingerprint is the first (leaf) certificate's.
  EXPECT_EQ(*fp, *Fingerprint(r->cert_pem + other->cert_pem));
}

TEST(Certificate, FingerprintRefusesWhatIsNotACertificate) {
  auto r = MakeSelfSigned("osiedle.lan", 30);
  ASSERT_TRUE(r.ok());
  for (const std::string& bad :
       {std::string(), std::string("hello"), r->key_pem, r->cert_pem.substr(0, r->cert_pem.size() / 2)}) {
    auto fp = Fingerprint(bad);
    ASSERT_FALSE(fp.ok());
    EXPECT_EQ(fp.error().code, "certificate_invalid");
  }
}

class CertificateFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/osiedle-cert-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(CertificateFiles, WritePairCreatesTheFilesWithAPrivateKey) {
  auto r = MakeSelfSigned("osiedle.lan", 30);
  ASSERT_TRUE(r.ok());
  std::string cert = dir_ + "/tls/cert.pem", key = dir_ + "/tls/key.pem";
  ASSERT_TRUE(WritePair(*r, cert, key).ok());
  EXPECT_EQ(ReadAll(cert), r->cert_pem);
  EXPECT_EQ(ReadAll(key), r->key_pem);
  struct stat st {};
  ASSERT_EQ(stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(cert.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  // Replacing leaves no temp files behind.
  auto again = MakeSelfSigned("osiedle.lan", 30);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(WritePair(*again, cert, key).ok());
  EXPECT_EQ(ReadAll(cert), again->cert_pem);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ + "/tls"), std::filesystem::directory_iterator()),
            2);
}

TEST_F(CertificateFiles, WritePairReportsAnUnwritableDirectory) {
  auto r = MakeSelfSigned("osiedle.lan", 30);
  ASSERT_TRUE(r.ok());
  std::string blocker = dir_ + "/file";
  std::ofstream(blocker) << "x";
  auto s = WritePair(*r, blocker + "/cert.pem", blocker + "/key.pem");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "certificate_write_failed");
  EXPECT_FALSE(std::filesystem::exists(blocker + "/key.pem"));
}

}  // namespace
}  // namespace osiedle::certificate
