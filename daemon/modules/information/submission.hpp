#pragma once
// The pure half of sign-up forms: checking a form definition written by staff
// and decoding a resident's submission body against a form. No storage, no HTTP
// — so the fuzz build links it alone. Thread-safe (no state).
#include <string_view>
#include <vector>

#include "daemon/core/result.hpp"
#include "daemon/modules/information/model.hpp"

namespace osiedle::information {

inline constexpr size_t kMaxFormTitleLen = 200;
inline constexpr size_t kMaxFields = 40;
inline constexpr size_t kMaxKeyLen = 40;
inline constexpr size_t kMaxLabelLen = 200;
inline constexpr size_t kMaxOptions = 30;
inline constexpr size_t kMaxOptionLen = 100;
inline constexpr uint32_t kMaxTextLen = 200;
inline constexpr uint32_t kMaxTextareaLen = 2000;
inline constexpr uint64_t kMaxCapacity = 100000;
inline constexpr double kMaxNumber =
    1e12; // |number| bound for answers and min/max
inline constexpr int64_t kMaxTime = 253402300799; // 9999-12-31T23:59:59Z

// Checks and normalises a form definition in place (trims texts, fills the
// default max_length). Errors, with field "form.title" /
// "form.fields[i].<name>" / "form.capacity" / "form.closes_at" /
// "form.assignee": "field_required", "field_too_long", "field_invalid",
// "utf8_invalid" (texts; key not [a-z0-9_]{1,40}; options on a type without
// options; min/max on a type other than number, min > max, |min|,|max| > 1e12;
// max_length over the type's bound or on a type without one; both assignee ids
// set), "field_duplicate" (key, option), "field_too_long" (fields > 40, options
// > 30).
Status CheckForm(Form &form);

// Decodes `body` — a JSON object {"answers": {key: value, ...}} — against
// `form`. Returns the answers in the form's field order, optional fields left
// empty omitted. Errors: those of json::ParseObject ("json_invalid", ...),
// "unknown_field" (field = the unknown key, at either level), "field_required"
// ("answers" missing or not given for a required field, consent false when
// required), "field_type" (wrong JSON type for the field), "field_too_long",
// "field_invalid" (control characters), "utf8_invalid", "option_invalid"
// (choice/multi value not among the options), "field_duplicate" (the same
// option twice in a multi), "number_out_of_range" (outside min..max or ±1e12,
// or not finite), "date_invalid" (not an existing YYYY-MM-DD date). Every
// per-field error has field = the field's key. Never throws, whatever the
// bytes.
Result<std::vector<Answer>> DecodeSubmission(const Form &form,
                                             std::string_view body);

// True if `s` is a YYYY-MM-DD date that exists in the Gregorian calendar (years
// 0001..9999).
bool IsValidDate(std::string_view s);

} // namespace osiedle::information
