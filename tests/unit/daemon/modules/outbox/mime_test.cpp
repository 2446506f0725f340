#include "daemon/modules/outbox/mime.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace osiedle::outbox::mime {
namespace {

TEST(OutboxMime, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64("\xff\xfe"), "//4=");
}

TEST(OutboxMime, FormatsRfc5322DateInUtc) {
  EXPECT_EQ(FormatDate(1764547200), "Mon, 01 Dec 2025 00:00:00 +0000");
  EXPECT_EQ(FormatDate(1709648999), "Tue, 05 Mar 2024 14:29:59 +0000");
}

TEST(OutboxMime, ExtractsTheAddressOfAMailbox) {
  EXPECT_EQ(ExtractAddress("SM Lazurowa <biuro@example.pl>"), "biuro@example.pl");
  EXPECT_EQ(ExtractAddress(" biuro@example.pl "), "biuro@example.pl");
  EXPECT_EQ(ExtractAddress("\"A <b>\" <biuro@example.pl>"), "biuro@example.pl");
  EXPECT_EQ(ExtractAddress("Broken <biuro@example.pl"), "");
}

TEST(OutboxMime, ShortAsciiHeaderStaysReadable) {
  EXPECT_EQ(EncodeHeaderText("Registration received"), "Registration received");
  EXPECT_EQ(EncodeHeaderText("=?x?="), "=?UTF-8?B?PT94Pz0=?=");
}

// Decodes standard base64 (test helper; input is known-good).
std::string DecodeBase64(const std::string& in) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;  // '=' and line breaks
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

TEST(OutboxMime, PolishHeaderBecomesEncodedWordsOnCodePointBoundaries) {
  std::string subject = "Zgłoszenie przyjęte — żółć gęślą jaźń, Spółdzielnia Mieszkaniowa „Lazurowa”";
  std::string encoded = EncodeHeaderText(subject);
  std::string decoded;
  int words = 0;
  size_t pos = 0;
  while (pos < encoded.size()) {
    size_t end = encoded.find("\r\n ", pos);
    std::string word = encoded.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    EXPECT_LE(word.size() + strlen("Subject: "), 76u);
    ASSERT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
    ASSERT_EQ(word.substr(word.size() - 2), "?=");
    std::string chunk = DecodeBase64(word.substr(10, word.size() - 12));
    ASSERT_FALSE(chunk.empty());
    EXPECT_NE(static_cast<uint8_t>(chunk[0]) & 0xc0, 0x80) << "word starts inside a code point";
    decoded += chunk;
    ++words;
    pos = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_GT(words, 1);
  EXPECT_EQ(decoded, subject);
}

TEST(OutboxMime, FormatsTheSenderMailbox) {
  EXPECT_EQ(FormatMailbox("biuro@example.pl"), "<biuro@example.pl>");
  EXPECT_EQ(FormatMailbox("SM Lazurowa <biuro@example.pl>"), "SM Lazurowa <biuro@example.pl>");
  EXPECT_EQ(FormatMailbox("Spółdzielnia <biuro@example.pl>"), "=?UTF-8?B?U3DDs8WCZHppZWxuaWE=?= <biuro@example.pl>");
  EXPECT_EQ(FormatMailbox("\"Biuro \\\"Lazurowa\\\"\" <biuro@example.pl>"),
            "Biuro \"\\\"Lazurowa\\\"\" <biuro@example.pl>");
}

TEST(OutboxMime, EncodesOnlyNonAsciiWordsOfTheSenderNameAndFolds) {
  EXPECT_EQ(FormatMailbox("Spółdzielnia Mieszkaniowa „Lazurowa” w Warszawie <biuro@lazurowa.example>"),
            "=?UTF-8?B?U3DDs8WCZHppZWxuaWE=?= Mieszkaniowa\r\n =?UTF-8?B?4oCeTGF6dXJvd2HigJ0=?= w Warszawie "
            "<biuro@lazurowa.example>");
}

TEST(OutboxMime, BuildsACrlfMessageWithBase64BodyLines) {
  Mail mail{"jan@example.pl", "Hasło", std::string(200, 'x') + "\nkoniec\n"};
  std::string m = BuildMessage("SM <biuro@example.pl>", mail, 1764547200, "abc@example.pl");
  EXPECT_NE(m.find("Date: Mon, 01 Dec 2025 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(m.find("To: <jan@example.pl>\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?SGFzxYJv?=\r\n"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <abc@example.pl>\r\n"), std::string::npos);
  EXPECT_NE(m.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Transfer-Encoding: base64\r\n\r\n"), std::string::npos);
  size_t start = 0;
  while (start < m.size()) {
    size_t crlf = m.find("\r\n", start);
    ASSERT_NE(crlf, std::string::npos) << "message must end with CRLF";
    std::string line = m.substr(start, crlf - start);
    EXPECT_LE(line.size(), 78u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "bare LF";
    start = crlf + 2;
  }
  // The body's LF line ends were encoded as CRLF: "koniec\r\n" at the end.
  std::string body = m.substr(m.find("\r\n\r\n") + 4);
  std::string flat;
  for (char c : body)
    if (c != '\r' && c != '\n') flat.push_back(c);
  EXPECT_EQ(flat, Base64(std::string(200, 'x') + "\r\nkoniec\r\n"));
}

}  // namespace
}  // namespace osiedle::outbox::mime
