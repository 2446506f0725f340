#include "daemon/modules/groups/rule_json.hpp"

#include <nlohmann/json.hpp>

#include "daemon/modules/groups/service.hpp"

namespace osiedle::groups {
namespace {

using nlohmann::json;

struct FieldName {
  const char* name;
  RuleField field;
};

constexpr FieldName kFields[] = {
    {"role", RuleField::kRole},
    {"estate", RuleField::kEstate},
    {"building", RuleField::kBuilding},
    {"staircase", RuleField::kStaircase},
    {"department", RuleField::kDepartment},
    {"never_logged_in", RuleField::kNeverLoggedIn},
    {"inactive_days", RuleField::kInactiveDays},
    {"pending_verification", RuleField::kPendingVerification},
};

Error Invalid(const std::string& path, const std::string& why) {
  return MakeError("group_rule_invalid", "rule", (path.empty() ? "" : path + ": ") + why);
}

std::string Sub(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// A JSON integer > 0 (floats, strings and negatives refused).
std::optional<uint64_t> PositiveId(const json& v) {
  if (v.is_number_unsigned()) {
    uint64_t x = v.get<uint64_t>();
    return x > 0 ? std::optional<uint64_t>(x) : std::nullopt;
  }
  if (v.is_number_integer() && v.get<int64_t>() > 0) return static_cast<uint64_t>(v.get<int64_t>());
  return std::nullopt;
}

Status OnlyKeys(const json& obj, std::initializer_list<const char*> keys, const std::string& path) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; })) {
      return Invalid(Sub(path, it.key()), "unknown key");
    }
  }
  return {};
}

Status LeafValue(const json& v, Rule& r, const std::string& path) {
  switch (r.field) {
    case RuleField::kStaircase: {
      if (!v.is_object()) return Invalid(path, "expected {\"building\": id, \"staircase\": \"A\"}");
      OSIEDLE_RETURN_IF_ERROR(OnlyKeys(v, {"building", "staircase"}, path));
      auto b = v.contains("building") ? PositiveId(v["building"]) : std::nullopt;
      if (!b) return Invalid(Sub(path, "building"), "expected a positive integer id");
      if (!v.contains("staircase") || !v["staircase"].is_string())
        return Invalid(Sub(path, "staircase"), "expected a string");
      r.id = *b;
      r.staircase = v["staircase"].get<std::string>();
      return {};
    }
    case RuleField::kInactiveDays:
      if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > kMaxInactiveDays) {
        return Invalid(path, "expected a whole number of days from 1 to 36500");
      }
      r.days = v.get<int64_t>();
      return {};
    case RuleField::kNeverLoggedIn:
    case RuleField::kPendingVerification:
      if (!v.is_boolean() || !v.get<bool>()) return Invalid(path, "expected true");
      return {};
    default: {
      auto id = PositiveId(v);
      if (!id) return Invalid(path, "expected a positive integer id");
      r.id = *id;
      return {};
    }
  }
}

Status Decode(const json& j, Rule& r, const std::string& path, int depth, int& leaves) {
  if (depth > kMaxRuleDepth) return Invalid(path, "nested deeper than 5 levels");
  if (!j.is_object()) return Invalid(path, "expected an object");
  if (j.contains("op")) {
    OSIEDLE_RETURN_IF_ERROR(OnlyKeys(j, {"op", "rules"}, path));
    const json& op = j["op"];
    if (op == "and") {
      r.op = Rule::Op::kAnd;
    } else if (op == "or") {
      r.op = Rule::Op::kOr;
    } else {
      return Invalid(Sub(path, "op"), "expected \"and\" or \"or\"");
    }
    if (!j.contains("rules") || !j["rules"].is_array() || j["rules"].empty()) {
      return Invalid(Sub(path, "rules"), "expected a non-empty array");
    }
    const json& rules = j["rules"];
    if (rules.size() > static_cast<size_t>(kMaxRuleLeaves)) return Invalid(path, "more than 50 conditions");
    r.rules.resize(rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
      OSIEDLE_RETURN_IF_ERROR(
          Decode(rules[i], r.rules[i], Sub(path, "rules[" + std::to_string(i) + "]"), depth + 1, leaves));
    }
    return {};
  }
  OSIEDLE_RETURN_IF_ERROR(OnlyKeys(j, {"field", "value"}, path));
  if (++leaves > kMaxRuleLeaves) return Invalid(path, "more than 50 conditions");
  if (!j.contains("field") || !j["field"].is_string()) return Invalid(Sub(path, "field"), "expected a string");
  const std::string name = j["field"].get<std::string>();
  auto f = std::find_if(std::begin(kFields), std::end(kFields), [&](const FieldName& x) { return name == x.name; });
  if (f == std::end(kFields)) return Invalid(Sub(path, "field"), "unknown field");
  r.op = Rule::Op::kLeaf;
  r.field = f->field;
  if (!j.contains("value")) return Invalid(Sub(path, "value"), "missing");
  return LeafValue(j["value"], r, Sub(path, "value"));
}

const char* NameOf(RuleField f) {
  for (const FieldName& x : kFields) {
    if (x.field == f) return x.name;
  }
  return "";
}

}  // namespace

Result<Rule> RuleFromJson(const json& j) {
  Rule r;
  int leaves = 0;
  OSIEDLE_RETURN_IF_ERROR(Decode(j, r, "", 1, leaves));
  OSIEDLE_RETURN_IF_ERROR(Service::ValidateRule(r));  // the same limits as every other caller
  return r;
}

json RuleToJson(const Rule& r) {
  if (r.op != Rule::Op::kLeaf) {
    json rules = json::array();
    for (const Rule& c : r.rules) rules.push_back(RuleToJson(c));
    return json{{"op", r.op == Rule::Op::kAnd ? "and" : "or"}, {"rules", rules}};
  }
  json value;
  switch (r.field) {
    case RuleField::kStaircase:
      value = json{{"building", r.id}, {"staircase", r.staircase}};
      break;
    case RuleField::kInactiveDays:
      value = r.days;
      break;
    case RuleField::kNeverLoggedIn:
    case RuleField::kPendingVerification:
      value = true;
      break;
    default:
      value = r.id;
  }
  return json{{"field", NameOf(r.field)}, {"value", value}};
}

}  // namespace osiedle::groups
