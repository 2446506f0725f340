#include "storage/codec.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace osiedle::storage {
namespace {

TEST(StorageCodec, BigEndianKeysSortNumerically) {
  std::string a = Key().U64(255), b = Key().U64(256), c = Key().U64(1ull << 40);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(a, std::string("\0\0\0\0\0\0\0\xff", 8));
  EXPECT_EQ(GetU64BE(c), 1ull << 40);
  std::string d;
  PutU32BE(d, 0x01020304);
  EXPECT_EQ(d, "\x01\x02\x03\x04");
  EXPECT_EQ(GetU32BE(d), 0x01020304u);
}

TEST(StorageCodec, StringKeysAreTerminatedSoPrefixesDoNotCollide) {
  std::string ab = Key().Str("ab").U64(1);
  std::string abc = Key().Str("abc").U64(1);
  std::string prefix = Key().Str("ab");
  EXPECT_EQ(ab.rfind(prefix, 0), 0u);
  EXPECT_NE(abc.rfind(prefix, 0), 0u);
}

TEST(StorageCodec, KeyReaderMirrorsKey) {
  std::string k = Key().U64(7).Str("Lazurowa 12").U32(3).Raw("tail");
  KeyReader r(k);
  EXPECT_EQ(r.U64(), 7u);
  EXPECT_EQ(r.Str(), "Lazurowa 12");
  EXPECT_EQ(r.U32(), 3u);
  EXPECT_EQ(r.Rest(), "tail");
  EXPECT_EQ(r.U64(), std::nullopt);
  KeyReader bad("abc");
  EXPECT_EQ(bad.Str(), std::nullopt);
  EXPECT_EQ(bad.U32(), std::nullopt);
}

TEST(StorageCodec, ValueRoundTrip) {
  Writer w(3);
  w.U64(0)
      .U64(127)
      .U64(128)
      .U64(UINT64_MAX)
      .I64(-1)
      .I64(INT64_MIN)
      .I64(INT64_MAX)
      .U8(200)
      .Bool(true)
      .Str("żółw")
      .Str("")
      .Double(52.3)
      .U64List({1, 2, 300})
      .StrList({"a", "", "ć"});
  Reader r(w.data());
  EXPECT_EQ(r.version(), 3);
  EXPECT_EQ(r.U64(), 0u);
  EXPECT_EQ(r.U64(), 127u);
  EXPECT_EQ(r.U64(), 128u);
  EXPECT_EQ(r.U64(), UINT64_MAX);
  EXPECT_EQ(r.I64(), -1);
  EXPECT_EQ(r.I64(), INT64_MIN);
  EXPECT_EQ(r.I64(), INT64_MAX);
  EXPECT_EQ(r.U8(), 200);
  EXPECT_TRUE(r.Bool());
  EXPECT_EQ(r.Str(), "żółw");
  EXPECT_EQ(r.Str(), "");
  EXPECT_DOUBLE_EQ(r.Double(), 52.3);
  EXPECT_EQ(r.U64List(), (std::vector<uint64_t>{1, 2, 300}));
  EXPECT_EQ(r.StrList(), (std::vector<std::string>{"a", "", "ć"}));
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.AtEnd());
}

TEST(StorageCodec, VarintEncodingIsCompact) {
  EXPECT_EQ(Writer(1).U64(1).data().size(), 2u);
  EXPECT_EQ(Writer(1).U64(300).data(), std::string("\x01\xac\x02"));
  EXPECT_EQ(Writer(1).I64(-1).data(), std::string("\x01\x01"));  // zig-zag
  EXPECT_EQ(Writer(1).I64(1).data(), std::string("\x01\x02"));
}

TEST(StorageCodec, EmptyValueIsNotOk) {
  Reader r("");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.U64(), 0u);
}

TEST(StorageCodec, TruncatedValuesSetNotOk) {
  std::string full = Writer(1).U64(1ull << 40).Str("hello").Double(1.5).U64List({5, 6}).Take();
  // Every strict prefix (after the version byte) must fail somewhere without crashing.
  for (size_t n = 1; n < full.size(); ++n) {
    Reader r(std::string_view(full).substr(0, n));
    r.U64();
    r.Str();
    r.Double();
    r.U64List();
    EXPECT_FALSE(r.ok()) << n;
  }
}

TEST(StorageCodec, ReadsAfterFailureReturnZeroValues) {
  std::string v = Writer(1).Str("abc").Take();
  v.resize(3);  // length 3, only 1 byte of data
  v += std::string("\x07", 1);
  Reader r(std::string_view(v).substr(0, 3));
  EXPECT_EQ(r.Str(), "");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.U8(), 0);
  EXPECT_EQ(r.U64(), 0u);
  EXPECT_EQ(r.Double(), 0.0);
}

TEST(StorageCodec, CorruptLengthsDoNotAllocateHugely) {
  std::string v = "\x01";
  v += "\xff\xff\xff\xff\xff\xff\xff\xff\x7f";  // length ~2^63
  Reader a(v);
  EXPECT_TRUE(a.Str().empty());
  EXPECT_FALSE(a.ok());
  Reader b(v);
  EXPECT_TRUE(b.U64List().empty());
  EXPECT_FALSE(b.ok());
  Reader c(v);
  EXPECT_TRUE(c.StrList().empty());
  EXPECT_FALSE(c.ok());
}

TEST(StorageCodec, OverlongVarintIsRejected) {
  std::string v = "\x01";
  v += std::string(11, '\x80');
  Reader r(v);
  r.U64();
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace osiedle::storage
