#include "daemon/core/words.hpp"

#include <gtest/gtest.h>

namespace osiedle::words {
namespace {

using Strings = std::vector<std::string>;

TEST(ContractorWords, FoldsCaseAndPolishDiacritics) {
  EXPECT_EQ(Words("ŚLUSARZ Łódź Żółć"), (Strings{"lodz", "slusarz", "zolc"}));
}

TEST(ContractorWords, SplitsOnPunctuationAndSortsDistinct) {
  EXPECT_EQ(Words("Serwis RTV/AGD, serwis-24h!"), (Strings{"24h", "agd", "rtv", "serwis"}));
}

TEST(ContractorWords, UnicodePunctuationSeparatesOtherLettersDoNot) {
  // En dash, no-break space and „quotes” separate; ü stays inside its word.
  EXPECT_EQ(Words("Müller–Nowak\xC2\xA0„Dach”"), (Strings{"dach", "m\xC3\xBCller", "nowak"}));
}

TEST(ContractorWords, LongWordsAreCutAtACharacterBoundary) {
  std::string word(kMaxWordBytes - 1, 'a');
  auto out = Words(word + "ü" + "bbb");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], word);  // the two-byte ü would not fit: cut before it
}

TEST(ContractorWords, QueryWordsLongestFirstAndBounded) {
  EXPECT_EQ(QueryWords("ab hydraulik x"), (Strings{"hydraulik", "ab", "x"}));
  EXPECT_EQ(QueryWords("a b c d e f g h i j k").size(), kMaxQueryWords);
  EXPECT_TRUE(QueryWords(" !?/ ").empty());
}

}  // namespace
}  // namespace osiedle::words
