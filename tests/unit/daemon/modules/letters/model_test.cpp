#include "daemon/modules/letters/model.hpp"

#include <gtest/gtest.h>

#include <set>

#include "daemon/core/crypto.hpp"
#include "daemon/modules/letters/store.hpp"

namespace osiedle::letters {
namespace {

TEST(LetterCodes, NewCodesUseTheAlphabetAndDoNotRepeat) {
  ASSERT_TRUE(crypto::InitCrypto());
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    std::string c = NewCode();
    ASSERT_EQ(c.size(), kCodeLength);
    for (char ch : c) ASSERT_NE(kCodeAlphabet.find(ch), std::string_view::npos) << c;
    seen.insert(c);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(LetterCodes, NormalizeIgnoresCaseDashesAndSpaces) {
  EXPECT_EQ(NormalizeCode("ABCD-EFGH-JKLM"), "ABCDEFGHJKLM");
  EXPECT_EQ(NormalizeCode(" abcd efgh-jklm "), "ABCDEFGHJKLM");
  EXPECT_EQ(NormalizeCode("abcdefghjklm"), "ABCDEFGHJKLM");
}

TEST(LetterCodes, NormalizeRejectsWrongLengthAndCharacters) {
  EXPECT_FALSE(NormalizeCode(""));
  EXPECT_FALSE(NormalizeCode("ABCD-EFGH-JKL"));
  EXPECT_FALSE(NormalizeCode("ABCD-EFGH-JKLMN"));
  EXPECT_FALSE(NormalizeCode("ABCD-EFGH-JKL0"));  // 0 is not in the alphabet (nor O, 1, I)
  EXPECT_FALSE(NormalizeCode("ABCD-EFGH-JKLI"));
  EXPECT_FALSE(NormalizeCode("ABCD/EFGH/JKLM"));
  EXPECT_FALSE(NormalizeCode(std::string(100, '-') + "ABCDEFGHJKLM"));
  EXPECT_FALSE(NormalizeCode(std::string("ABCDEFGH\0JKLM", 13)));
}

TEST(LetterCodes, FormatsInGroupsOfFourAndHashesTheCanonicalForm) {
  EXPECT_EQ(FormatCode("ABCDEFGHJKLM"), "ABCD-EFGH-JKLM");
  EXPECT_EQ(CodeHash("ABCDEFGHJKLM"), crypto::Sha256("ABCDEFGHJKLM"));
  EXPECT_EQ(CodeHash("ABCDEFGHJKLM").size(), 32u);
  EXPECT_NE(CodeHash("ABCDEFGHJKLM"), CodeHash("ABCDEFGHJKLN"));
}

TEST(LetterCodes, StoreCodecRoundTripsAndRefusesUnknownVersionsAndStatuses) {
  LetterCode c;
  c.flat_id = 7;
  c.code_hash = std::string(32, '\x01');
  c.status = CodeStatus::kUsed;
  c.created_at = 100;
  c.created_by = 2;
  c.used_at = 200;
  c.used_by_user_id = 9;
  std::string v = Store::Encode(c);
  auto d = Store::Decode(5, v);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->id, 5u);
  EXPECT_EQ(d->flat_id, 7u);
  EXPECT_EQ(d->code_hash, c.code_hash);
  EXPECT_EQ(d->status, CodeStatus::kUsed);
  EXPECT_EQ(d->used_by_user_id, 9u);
  std::string bad_version = v;
  bad_version[0] = 9;
  EXPECT_FALSE(Store::Decode(5, bad_version));
  EXPECT_FALSE(Store::Decode(5, v.substr(0, v.size() - 2)));
  std::string bad_status = v;  // version, flat 7, length 32, 32 hash bytes, then the status
  ASSERT_EQ(bad_status[35], static_cast<char>(CodeStatus::kUsed));
  bad_status[35] = 3;
  EXPECT_FALSE(Store::Decode(5, bad_status));
}

}  // namespace
}  // namespace osiedle::letters
