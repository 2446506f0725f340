#include "daemon/core/kw.hpp"

#include <gtest/gtest.h>

namespace osiedle::kw {
namespace {

// Real-world valid numbers published as examples by open-source validators and algorithm
// descriptions (algorytm.org's GD1W example, pyekw's README, a .NET validator's tests).
TEST(Kw, AcceptsKnownValidNumbers) {
  for (const char* n : {"GD1W/00090409/1", "WA4M/00123456/4", "KR2I/00012345/2"}) {
    auto r = Normalize(n);
    ASSERT_TRUE(r.ok()) << n << ": " << r.error().code;
    EXPECT_EQ(*r, n);
  }
}

TEST(Kw, CheckDigitUsesTheCharacterTable) {
  EXPECT_EQ(CheckDigit("GD1W00090409"), 1);
  EXPECT_EQ(CheckDigit("WA4M00123456"), 4);
  // Single characters in front of zeros isolate one value times its weight (1, 3 or 7).
  EXPECT_EQ(CheckDigit("00X000000000"), 0);  // X = 10: 70
  EXPECT_EQ(CheckDigit("X00000000000"), 0);  // 10
  EXPECT_EQ(CheckDigit("Z00000000000"), 3);
  EXPECT_EQ(CheckDigit("0Y0000000000"), 6);
  EXPECT_EQ(CheckDigit("00W000000000"), 7);  // 31 * 7 = 217
  EXPECT_EQ(CheckDigit("A00000000000"), 1);
  EXPECT_EQ(CheckDigit("R00000000000"), 7);  // Q skipped: R = 27
  EXPECT_EQ(CheckDigit("U00000000000"), 0);  // U = 30
}

TEST(Kw, CheckDigitRejectsCharactersWithoutValue) {
  EXPECT_EQ(CheckDigit("WQ4M00123456"), -1);
  EXPECT_EQ(CheckDigit("WV4M00123456"), -1);
  EXPECT_EQ(CheckDigit("WA4M0012345"), -1);
  EXPECT_EQ(CheckDigit("wa4m00123456"), -1);
}

TEST(Kw, NormalizesSpacesAndCase) {
  auto r = Normalize("  wa4m / 00123456 / 4 ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "WA4M/00123456/4");
}

TEST(Kw, WrongCheckDigitIsChecksumError) {
  auto r = Normalize("WA4M/00123456/5");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "kw_checksum_invalid");
  EXPECT_EQ(r.error().field, "kw_number");
}

TEST(Kw, MalformedNumbersAreFormatErrors) {
  for (const char* n :
       {"", "WA4M/0012345/4", "WA4M/001234567/4", "W14M/00123456/4", "WA4M-00123456-4", "WAAM/00123456/4",
        "WA4M/00123456/", "WA4M/0012345A/4", "WQ4M/00123456/4", "WA4M/00123456/44"}) {
    auto r = Normalize(n);
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().code, "kw_format_invalid") << n;
  }
}

TEST(Kw, MakeBuildsNumbersThatValidate) {
  EXPECT_EQ(Make("WA4M", 123456), "WA4M/00123456/4");
  for (uint32_t n : {0u, 1u, 99999999u, 4242u}) {
    std::string kw = Make("WA1M", n);
    EXPECT_TRUE(Normalize(kw).ok()) << kw;
  }
}

}  // namespace
}  // namespace osiedle::kw
