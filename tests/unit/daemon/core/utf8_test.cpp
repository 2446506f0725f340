#include "daemon/core/utf8.hpp"

#include <gtest/gtest.h>

namespace osiedle::utf8 {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValid(""));
  EXPECT_TRUE(IsValid("Zażółć gęślą jaźń"));
  EXPECT_TRUE(IsValid("\xF0\x9F\x8F\xA0"));  // U+1F3E0
  EXPECT_TRUE(IsValid("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(IsValid("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8, RejectsMalformedText) {
  EXPECT_FALSE(IsValid("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValid("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValid("\xF0\x80\x80\xAF"));  // overlong
  EXPECT_FALSE(IsValid("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValid("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValid("\xC5"));              // truncated
  EXPECT_FALSE(IsValid("\x80"));              // lone continuation
  EXPECT_FALSE(IsValid("\xFF"));
  EXPECT_FALSE(
      IsValid("ab\xC5"
              "c"));              // continuation missing
  EXPECT_FALSE(IsValid("\xB9"));  // Windows-1250 'ą'
}

TEST(Utf8, LengthCountsCodePoints) {
  EXPECT_EQ(Length(""), 0u);
  EXPECT_EQ(Length("abc"), 3u);
  EXPECT_EQ(Length("żółw"), 4u);
  EXPECT_EQ(Length("\xF0\x9F\x8F\xA0!"), 2u);
}

TEST(Utf8, FoldLowercasesAndStripsPolishDiacritics) {
  EXPECT_EQ(Fold("Ślusarz"), "slusarz");
  EXPECT_EQ(Fold("ZAŻÓŁĆ GĘŚLĄ JAŹŃ"), "zazolc gesla jazn");
  EXPECT_EQ(Fold("zażółć gęślą jaźń"), "zazolc gesla jazn");
  EXPECT_EQ(Fold("ul. Lazurowa 12"), "ul. lazurowa 12");
}

TEST(Utf8, FoldLeavesOtherLettersAsTheyAre) {
  EXPECT_EQ(Fold("Müller"), "müller");
  EXPECT_EQ(Fold("Ü"), "Ü");
  EXPECT_EQ(Fold("\xF0\x9F\x8F\xA0"), "\xF0\x9F\x8F\xA0");
}

TEST(Utf8, TrimRemovesAsciiWhitespaceOnly) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");
}

}  // namespace
}  // namespace osiedle::utf8
