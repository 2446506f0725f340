#pragma once
// The JSON form of a rule (API):  {"op":"and"|"or","rules":[...]}  or a leaf
// {"field":"role"|"estate"|"building"|"department","value":<id>},
// {"field":"staircase","value":{"building":<id>,"staircase":"A"}},
// {"field":"inactive_days","value":<N ≥ 1>}, {"field":"never_logged_in"|"pending_verification","value":true}.
// Only routes and tests include this header.
#include <nlohmann/json_fwd.hpp>

#include "daemon/core/result.hpp"
#include "daemon/modules/groups/model.hpp"

namespace osiedle::groups {

// Strict decoding: unknown keys, unknown fields and wrong types are refused; limits as
// Service::ValidateRule. Errors: "group_rule_invalid" (field "rule", detail names the place, e.g.
// "rules[1].value: expected a positive integer id").
Result<Rule> RuleFromJson(const nlohmann::json& j);
nlohmann::json RuleToJson(const Rule& rule);

}  // namespace osiedle::groups
