#include "setup-wizard/nip.hpp"

#include <gtest/gtest.h>

namespace osiedle::setup {
namespace {

TEST(Nip, AcceptsValidChecksum) {
  EXPECT_TRUE(NipChecksumValid("1234563218"));
  EXPECT_TRUE(NipChecksumValid("5260250274"));
}

TEST(Nip, RejectsWrongCheckDigit) {
  EXPECT_FALSE(NipChecksumValid("1234563211"));
  EXPECT_FALSE(NipChecksumValid("5260250275"));
}

TEST(Nip, RejectsRemainderTen) {
  // 6+10+21+8+15+24+35+48+63 = 230, 230 mod 11 = 10: no digit can match.
  EXPECT_FALSE(NipChecksumValid("1234567890"));
  EXPECT_FALSE(NipChecksumValid("1234567891"));
}

TEST(Nip, RejectsWrongLengthOrLetters) {
  EXPECT_FALSE(NipChecksumValid("123456321"));
  EXPECT_FALSE(NipChecksumValid("12345632188"));
  EXPECT_FALSE(NipChecksumValid("12345a3218"));
}

TEST(Nip, NormalizesDashesSpacesAndPrefix) {
  EXPECT_EQ(NormalizeNip("123-456-32-18"), "1234563218");
  EXPECT_EQ(NormalizeNip(" 123 456 32 18 "), "1234563218");
  EXPECT_EQ(NormalizeNip("PL1234563218"), "1234563218");
  EXPECT_FALSE(NormalizeNip("123.456.32.18"));
  EXPECT_FALSE(NormalizeNip("123456321"));
  EXPECT_FALSE(NormalizeNip(""));
}

}  // namespace
}  // namespace osiedle::setup
