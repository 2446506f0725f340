#include "daemon/core/crypto.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace osiedle::crypto {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 appendix B, SHA1

TEST(Crypto, InitSucceeds) { EXPECT_TRUE(InitCrypto()); }

TEST(Crypto, RandomBytesHaveRequestedLengthAndDiffer) {
  std::string a = RandomBytes(32), b = RandomBytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(RandomBytes(0).empty());
}

TEST(Crypto, RandomTokenIsBase64UrlWithoutPadding) {
  std::string t = RandomToken();
  EXPECT_EQ(t.size(), 43u);  // 32 bytes → ceil(256/6)
  for (char c : t) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
  EXPECT_NE(t, RandomToken());
}

TEST(Crypto, Sha256MatchesKnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abc").size(), 32u);
}

TEST(Crypto, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

TEST(Crypto, HmacSha1MatchesRfc2202) {
  EXPECT_EQ(HexEncode(HmacSha1(std::string(20, '\x0b'), "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(HexEncode(HmacSha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(Crypto, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode("f"), "MY");
  auto d = Base32Decode("mzxw 6ytb oi======");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, "foobar");
  std::string raw = RandomBytes(20);
  EXPECT_EQ(*Base32Decode(Base32Encode(raw)), raw);
}

TEST(Crypto, Base32RejectsForeignCharacters) {
  auto d = Base32Decode("MZXW1");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, "field_invalid");
}

TEST(Crypto, TotpMatchesRfc6238Sha1Vectors) {
  EXPECT_EQ(TotpCode(kRfcSecret, 59, 8), "94287082");
  EXPECT_EQ(TotpCode(kRfcSecret, 1111111109, 8), "07081804");
  EXPECT_EQ(TotpCode(kRfcSecret, 1111111111, 8), "14050471");
  EXPECT_EQ(TotpCode(kRfcSecret, 1234567890, 8), "89005924");
  EXPECT_EQ(TotpCode(kRfcSecret, 2000000000, 8), "69279037");
  EXPECT_EQ(TotpCode(kRfcSecret, 20000000000, 8), "65353130");
}

TEST(Crypto, TotpDefaultsToSixDigits) { EXPECT_EQ(TotpCode(kRfcSecret, 59), "287082"); }

TEST(Crypto, VerifyTotpAcceptsOneStepEitherSide) {
  int64_t now = 1111111111;
  std::string code = TotpCode(kRfcSecret, now);
  int64_t step = 0;
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, now, &step));
  EXPECT_EQ(step, now / 30);
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, now + 30));
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, now - 30));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, now + 90));
}

TEST(Crypto, VerifyTotpRejectsMalformedCodes) {
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "", 59));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "28708", 59));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "2870822", 59));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "28708a", 59));
}

TEST(Crypto, TotpUriCarriesBase32SecretAndEscapedNames) {
  std::string uri = TotpUri("SM Lazurowa", "jan@example.pl", "foobar");
  EXPECT_EQ(uri,
            "otpauth://totp/SM%20Lazurowa:jan@example.pl?secret=MZXW6YTBOI&issuer=SM%20Lazurowa"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(Crypto, PasswordHashVerifiesOnlyTheRightPassword) {
  std::string h = HashPassword("correct horse battery");
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery", h));
  EXPECT_FALSE(VerifyPassword("correct horse batterz", h));
  EXPECT_NE(HashPassword("correct horse battery"), h);  // salted
}

TEST(Crypto, VerifyPasswordRejectsMalformedHashes) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  EXPECT_FALSE(VerifyPassword("x", std::string(500, '$')));
  EXPECT_FALSE(VerifyPassword("x", std::string("$argon2id$\0", 11)));
}

TEST(Crypto, ConcurrentPasswordHashesAreBounded) {
  SetMaxConcurrentPasswordHashes(1);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back([] { (void)HashPassword("pw"); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(PeakConcurrentPasswordHashes(), 1);
  SetMaxConcurrentPasswordHashes(2);
}

}  // namespace
}  // namespace osiedle::crypto
