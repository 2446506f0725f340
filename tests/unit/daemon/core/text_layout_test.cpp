#include "daemon/core/text_layout.hpp"

#include <gtest/gtest.h>

#include "daemon/core/uri.hpp"

namespace osiedle {
namespace {

// "Fits" = at most n bytes, so the expected breaks are easy to see.
auto AtMost(size_t n) {
  return [n](const std::string& line) { return line.size() <= n; };
}

TEST(TextLayout, BreaksBetweenWordsWhenTheNextWordDoesNotFit) {
  EXPECT_EQ(text_layout::WrapWords("ala ma kota i psa", AtMost(8)),
            (std::vector<std::string>{"ala ma", "kota i", "psa"}));
}

TEST(TextLayout, AWordLongerThanTheLineStandsAlone) {
  EXPECT_EQ(text_layout::WrapWords("a https://portal.example.pl/#/rejestracja b", AtMost(5)),
            (std::vector<std::string>{"a", "https://portal.example.pl/#/rejestracja", "b"}));
}

TEST(TextLayout, CollapsesWhitespaceAndGivesNoLinesForBlankText) {
  EXPECT_EQ(text_layout::WrapWords("  jeden \n\t dwa  ", AtMost(100)), (std::vector<std::string>{"jeden dwa"}));
  EXPECT_TRUE(text_layout::WrapWords(" \n ", AtMost(100)).empty());
}

TEST(Uri, PercentEncodesAllButUnreservedAndTheKeptCharacters) {
  EXPECT_EQ(uri::PercentEncode("12A/3 ż"), "12A%2F3%20%C5%BC");
  EXPECT_EQ(uri::PercentEncode("jan@example.pl"), "jan%40example.pl");
  EXPECT_EQ(uri::PercentEncode("jan@example.pl", "@"), "jan@example.pl");
  EXPECT_EQ(uri::PercentEncode("a-b.c_d~e"), "a-b.c_d~e");
}

TEST(Uri, WebSchemeLengthIsCaseInsensitiveAndOnlyForHttp) {
  EXPECT_EQ(uri::WebSchemeLength("https://a.pl"), 8u);
  EXPECT_EQ(uri::WebSchemeLength("HTTP://a.pl"), 7u);
  EXPECT_EQ(uri::WebSchemeLength("javascript:alert(1)"), 0u);
  EXPECT_EQ(uri::WebSchemeLength("http:/a.pl"), 0u);
  EXPECT_EQ(uri::WebSchemeLength(""), 0u);
}

}  // namespace
}  // namespace osiedle
