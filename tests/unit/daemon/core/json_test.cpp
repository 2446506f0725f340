#include "daemon/core/json.hpp"

#include <gtest/gtest.h>

namespace osiedle::json {
namespace {

std::string Nested(int depth) { return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}"; }

TEST(JsonParse, AcceptsAnObject) {
  auto r = ParseObject(R"({"email":"a@b.pl","n":3})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["email"], "a@b.pl");
}

TEST(JsonParse, RejectsOversizedBodyBeforeParsing) {
  std::string body = "{\"a\":\"" + std::string(100, 'x') + "\"}";
  EXPECT_EQ(ParseObject(body, 50).error().code, "body_too_large");
  EXPECT_EQ(ParseObject(std::string(kMaxBodyBytes + 1, ' ')).error().code, "body_too_large");
}

TEST(JsonParse, RejectsInvalidUtf8) { EXPECT_EQ(ParseObject("{\"a\":\"\xC0\xAF\"}").error().code, "utf8_invalid"); }

TEST(JsonParse, RejectsMalformedJson) {
  for (const char* s : {"", "{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "nul", "{\"a\":1} x", "{\"a\":\"\\ud800\"}",
                        "{\"a\":1 /* c */}"}) {
    auto r = ParseObject(s);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.error().code, "json_invalid") << s;
  }
}

TEST(JsonParse, RejectsNonObjects) {
  for (const char* s : {"[]", "1", "\"x\"", "null", "true"}) EXPECT_EQ(ParseObject(s).error().code, "json_not_object");
}

TEST(JsonParse, EnforcesDepth) {
  EXPECT_TRUE(ParseObject(Nested(kMaxDepth)).ok());
  EXPECT_EQ(ParseObject(Nested(kMaxDepth + 1)).error().code, "json_too_deep");
  EXPECT_EQ(ParseObject(Nested(3), kMaxBodyBytes, 2).error().code, "json_too_deep");
}

TEST(JsonParse, DeepNestingFailsCleanly) {
  std::string deep = std::string(500000, '[') + std::string(500000, ']');
  EXPECT_EQ(ParseObject(deep).error().code, "json_too_deep");
  std::string unclosed(900000, '{');
  EXPECT_FALSE(ParseObject(unclosed).ok());
}

TEST(JsonFields, ReadsTypedFields) {
  auto j = *ParseObject(R"({"name":"  Jan  ","age":42,"ok":true,"tags":["a"," b "],"ids":[1,2]})");
  Fields f(j);
  EXPECT_EQ(f.Str("name"), "Jan");
  EXPECT_EQ(f.Int("age"), 42);
  EXPECT_EQ(f.Bool("ok"), true);
  EXPECT_EQ(f.StrList("tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f.IdList("ids"), (std::vector<uint64_t>{1, 2}));
  EXPECT_TRUE(f.ok());
  EXPECT_TRUE(f.Finish().ok());
}

TEST(JsonFields, MissingRequiredField) {
  auto j = *ParseObject(R"({"phone":null})");
  Fields f(j);
  EXPECT_EQ(f.Str("phone", {.required = false}), "");
  EXPECT_EQ(f.Int("n", false), std::nullopt);
  EXPECT_TRUE(f.ok());
  f.Str("email");
  auto st = f.Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "field_required");
  EXPECT_EQ(st.error().field, "email");
}

TEST(JsonFields, BlankRequiredStringIsMissing) {
  auto j = *ParseObject(R"({"a":"   ","b":""})");
  Fields f(j);
  f.Str("a");
  EXPECT_EQ(f.Finish().error().field, "a");
  Fields g(j);
  g.Str("a", {.allow_empty = true});
  g.Str("b", {.allow_empty = true});
  EXPECT_TRUE(g.Finish().ok());
}

TEST(JsonFields, WrongTypes) {
  auto j = *ParseObject(R"({"s":1,"i":"1","f":1.5,"b":"true","l":"x","ids":[1.0]})");
  for (const char* name : {"s", "i", "f", "b", "l", "ids"}) {
    Fields f(j);
    std::string n = name;
    if (n == "s") f.Str(n);
    if (n == "i" || n == "f") f.Int(n);
    if (n == "b") f.Bool(n);
    if (n == "l") f.StrList(n);
    if (n == "ids") f.IdList(n);
    auto st = f.Finish();
    ASSERT_FALSE(st.ok()) << name;
    EXPECT_EQ(st.error().code, "field_type") << name;
    EXPECT_EQ(st.error().field, n);
  }
}

TEST(JsonFields, LengthIsCountedInCodePoints) {
  auto j = *ParseObject(R"({"a":"żżżżż","b":"żżżżżż"})");
  Fields f(j);
  EXPECT_EQ(f.Str("a", {.max_len = 5}), "żżżżż");
  EXPECT_TRUE(f.ok());
  f.Str("b", {.max_len = 5});
  EXPECT_EQ(f.Finish().error().code, "field_too_long");
}

TEST(JsonFields, IntegersOutOfRangeAreInvalid) {
  auto j = *ParseObject(R"({"a":5,"b":18446744073709551615,"c":-1})");
  Fields f(j);
  EXPECT_EQ(f.Int("a", true, 0, 10), 5);
  EXPECT_EQ(f.Int("b"), std::nullopt);
  EXPECT_EQ(f.Finish().error().code, "field_invalid");
  Fields g(j);
  g.Int("a");
  g.Int("b", false);
  g.IdList("c", false);
  EXPECT_EQ(g.Finish().error().field, "b");
}

TEST(JsonFields, ListLimits) {
  auto j = *ParseObject(R"({"l":["a","b","c"],"ids":[1,0],"neg":[-4]})");
  Fields f(j);
  f.StrList("l", true, 2);
  EXPECT_EQ(f.Finish().error().code, "field_too_long");
  Fields g(j);
  g.IdList("ids");
  EXPECT_EQ(g.Finish().error().code, "field_invalid");
  Fields h(j);
  h.IdList("neg");
  EXPECT_EQ(h.Finish().error().code, "field_invalid");
}

TEST(JsonFields, ControlCharactersAreInvalid) {
  auto j = *ParseObject(R"({"a":"x\u0000y","b":"line1\nline2"})");
  Fields f(j);
  f.Str("b");
  EXPECT_TRUE(f.ok());
  f.Str("a");
  EXPECT_EQ(f.Finish().error().code, "field_invalid");
}

TEST(JsonFields, UnknownFieldIsReportedAtFinish) {
  auto j = *ParseObject(R"({"email":"a@b.pl","admin":true})");
  Fields f(j);
  f.Str("email");
  auto st = f.Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "unknown_field");
  EXPECT_EQ(st.error().field, "admin");
}

TEST(JsonFields, FirstErrorWins) {
  auto j = *ParseObject(R"({"a":1,"b":2})");
  Fields f(j);
  f.Str("a");
  f.Bool("b");
  EXPECT_EQ(f.Finish().error().field, "a");
}

TEST(JsonFields, RawMarksKeyKnown) {
  auto j = *ParseObject(R"({"consents":{"terms":true}})");
  Fields f(j);
  const Json* c = f.Raw("consents");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->is_object());
  EXPECT_TRUE(f.Finish().ok());
  EXPECT_TRUE(f.Has("consents"));
}

}  // namespace
}  // namespace osiedle::json
