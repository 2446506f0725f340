#include "daemon/modules/groups/rule_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/modules/groups/store.hpp"

namespace osiedle::groups {
namespace {

using nlohmann::json;

std::string CodeOf(const std::string& text) {
  auto r = RuleFromJson(json::parse(text));
  return r.ok() ? "ok" : r.error().code;
}

TEST(GroupsRuleJson, DecodesEveryLeafAndRoundTrips) {
  const std::string text = R"({"op":"and","rules":[
      {"field":"role","value":3},
      {"field":"estate","value":1},
      {"op":"or","rules":[{"field":"building","value":10},
                          {"field":"staircase","value":{"building":11,"staircase":"B"}}]},
      {"field":"department","value":2},
      {"field":"never_logged_in","value":true},
      {"field":"inactive_days","value":90},
      {"field":"pending_verification","value":true}]})";
  auto r = RuleFromJson(json::parse(text));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->op, Rule::Op::kAnd);
  ASSERT_EQ(r->rules.size(), 7u);
  EXPECT_EQ(r->rules[0].field, RuleField::kRole);
  EXPECT_EQ(r->rules[0].id, 3u);
  EXPECT_EQ(r->rules[2].rules[1].field, RuleField::kStaircase);
  EXPECT_EQ(r->rules[2].rules[1].id, 11u);
  EXPECT_EQ(r->rules[2].rules[1].staircase, "B");
  EXPECT_EQ(r->rules[5].days, 90);
  EXPECT_EQ(RuleToJson(*r), json::parse(text));
}

TEST(GroupsRuleJson, RefusesMalformedRulesWithGroupRuleInvalid) {
  for (const char* bad : {
           R"([])",
           R"({})",
           R"({"op":"xor","rules":[{"field":"role","value":1}]})",
           R"({"op":"and","rules":[]})",
           R"({"op":"and","rules":{}})",
           R"({"op":"and"})",
           R"({"op":"and","rules":[{"field":"role","value":1}],"extra":1})",
           R"({"field":"colour","value":1})",
           R"({"field":"role"})",
           R"({"field":"role","value":"3"})",
           R"({"field":"role","value":0})",
           R"({"field":"role","value":-4})",
           R"({"field":"role","value":1.5})",
           R"({"field":"role","value":1,"x":2})",
           R"({"field":7,"value":1})",
           R"({"field":"staircase","value":"A"})",
           R"({"field":"staircase","value":{"building":1}})",
           R"({"field":"staircase","value":{"building":1,"staircase":""}})",
           R"({"field":"staircase","value":{"building":1,"staircase":"A","floor":2}})",
           R"({"field":"inactive_days","value":0})",
           R"({"field":"inactive_days","value":36501})",
           R"({"field":"inactive_days","value":"30"})",
           R"({"field":"never_logged_in","value":false})",
           R"({"field":"pending_verification","value":1})",
       }) {
    EXPECT_EQ(CodeOf(bad), "group_rule_invalid") << bad;
  }
}

TEST(GroupsRuleJson, LimitsDepthAndLeaves) {
  std::string leaf = R"({"field":"never_logged_in","value":true})";
  std::string deep = leaf;
  for (int i = 0; i < 4; ++i) deep = R"({"op":"and","rules":[)" + deep + "]}";
  EXPECT_EQ(CodeOf(deep), "ok");
  EXPECT_EQ(CodeOf(R"({"op":"or","rules":[)" + deep + "]}"), "group_rule_invalid");
  std::string many = R"({"op":"or","rules":[)" + leaf;
  for (int i = 1; i < 51; ++i) many += "," + leaf;
  EXPECT_EQ(CodeOf(many + "]}"), "group_rule_invalid");
}

TEST(GroupsRuleJson, DetailNamesThePlace) {
  auto r =
      RuleFromJson(json::parse(R"({"op":"or","rules":[{"field":"role","value":1},{"field":"role","value":"x"}]})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "rule");
  EXPECT_NE(r.error().detail.find("rules[1].value"), std::string::npos) << r.error().detail;
}

TEST(GroupsStore, GroupCodecRoundTripsAndRejectsCorruption) {
  auto rule =
      RuleFromJson(json::parse(R"({"op":"or","rules":[{"field":"staircase","value":{"building":11,"staircase":"B"}},)"
                               R"({"field":"inactive_days","value":7}]})"));
  ASSERT_TRUE(rule.ok());
  Group g{42, "Klatka B", "opis", GroupKind::kRule, *rule, 100, 200};
  std::string v = Store::Encode(g);
  auto back = Store::Decode(42, v);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->name, "Klatka B");
  EXPECT_EQ(back->rule, *rule);
  EXPECT_EQ(back->updated_at, 200);
  for (size_t cut = 0; cut < v.size(); ++cut) EXPECT_FALSE(Store::Decode(42, v.substr(0, cut)).has_value()) << cut;
  std::string wrong_version = v;
  wrong_version[0] = 9;
  EXPECT_FALSE(Store::Decode(42, wrong_version).has_value());
}

}  // namespace
}  // namespace osiedle::groups
