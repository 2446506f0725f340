#include "daemon/modules/information/submission.hpp"

#include <charconv>
#include <cmath>
#include <set>
#include <string>

// The decoder reads a JSON document, so it uses the JSON helper like a route
// would; it stays free of storage and HTTP.
#include "daemon/core/json.hpp"
#include "daemon/core/utf8.hpp"

namespace osiedle::information {
namespace {

using json::Json;

constexpr const char *kTypeNames[] = {"",     "text",   "textarea", "number",
                                      "date", "choice", "multi",    "consent"};
constexpr const char *kStatusNames[] = {
    "", "registered", "waiting", "cancelled", "accepted", "rejected", "done"};

bool ValidKey(std::string_view k) {
  if (k.empty() || k.size() > kMaxKeyLen)
    return false;
  for (char c : k) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

bool HasOptions(FieldType t) {
  return t == FieldType::kChoice || t == FieldType::kMulti;
}

// A field name for errors: a hostile key is cut to 64 bytes on a code point
// boundary.
std::string ErrorField(const std::string &key) {
  if (key.size() <= 64)
    return key;
  size_t n = 64;
  while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80)
    --n;
  return key.substr(0, n);
}

// Trims and checks one staff-written text of a form definition.
Status CheckLabel(std::string &s, const std::string &field, size_t max_len) {
  std::string name = field;
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(s, name.c_str(), max_len, true));
  if (utf8::HasControl(s, /*allow_line_breaks=*/false))
    return MakeError("field_invalid", field);
  return {};
}

Status CheckBound(const std::optional<double> &v, const std::string &field) {
  if (v && (!std::isfinite(*v) || std::fabs(*v) > kMaxNumber))
    return MakeError("field_invalid", field);
  return {};
}

Status CheckField(FormField &f, const std::string &at) {
  if (!ValidKey(f.key))
    return MakeError("field_invalid", at + ".key", "[a-z0-9_]{1,40}");
  if (f.type < FieldType::kText || f.type > FieldType::kConsent)
    return MakeError("field_invalid", at + ".type");
  OSIEDLE_RETURN_IF_ERROR(CheckLabel(f.label, at + ".label", kMaxLabelLen));
  if (HasOptions(f.type)) {
    if (f.options.empty())
      return MakeError("field_required", at + ".options");
    if (f.options.size() > kMaxOptions)
      return MakeError("field_too_long", at + ".options");
    std::set<std::string> seen;
    for (std::string &o : f.options) {
      OSIEDLE_RETURN_IF_ERROR(CheckLabel(o, at + ".options", kMaxOptionLen));
      if (!seen.insert(o).second)
        return MakeError("field_duplicate", at + ".options", o);
    }
  } else if (!f.options.empty()) {
    return MakeError("field_invalid", at + ".options",
                     "only for choice and multi");
  }
  if (f.type == FieldType::kNumber) {
    OSIEDLE_RETURN_IF_ERROR(CheckBound(f.min, at + ".min"));
    OSIEDLE_RETURN_IF_ERROR(CheckBound(f.max, at + ".max"));
    if (f.min && f.max && *f.min > *f.max)
      return MakeError("field_invalid", at + ".max", "max < min");
  } else if (f.min || f.max) {
    return MakeError("field_invalid", at + (f.min ? ".min" : ".max"),
                     "only for number");
  }
  const uint32_t bound = f.type == FieldType::kText       ? kMaxTextLen
                         : f.type == FieldType::kTextarea ? kMaxTextareaLen
                                                          : 0;
  if (bound == 0 && f.max_length != 0)
    return MakeError("field_invalid", at + ".max_length", "only for text");
  if (f.max_length > bound)
    return MakeError("field_invalid", at + ".max_length",
                     "1-" + std::to_string(bound));
  if (f.max_length == 0)
    f.max_length = bound;
  return {};
}

// Shortest decimal text that reads back as `v`, without exponent ("12", "0.5",
// "-3.25").
std::string NumberText(double v) {
  if (v == 0)
    return "0"; // also turns -0 into 0
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return r.ec == std::errc() ? std::string(buf, r.ptr) : std::string("0");
}

// Checks one answer value against its field. Returns the answer's text values,
// or the field's error.
Result<std::vector<std::string>> CheckValue(const FormField &f, const Json &v) {
  const std::string &key = f.key;
  switch (f.type) {
  case FieldType::kText:
  case FieldType::kTextarea: {
    if (!v.is_string())
      return MakeError("field_type", key);
    const std::string &raw = v.get_ref<const std::string &>();
    if (!utf8::IsValid(raw))
      return MakeError("utf8_invalid", key);
    std::string s(utf8::Trim(raw));
    const bool multiline = f.type == FieldType::kTextarea;
    if (utf8::HasControl(s, /*allow_line_breaks=*/multiline))
      return MakeError("field_invalid", key);
    if (utf8::Length(s) > f.max_length)
      return MakeError("field_too_long", key, std::to_string(f.max_length));
    if (s.empty())
      return std::vector<std::string>{};
    return std::vector<std::string>{std::move(s)};
  }
  case FieldType::kNumber: {
    if (!v.is_number())
      return MakeError("field_type", key);
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::fabs(d) > kMaxNumber ||
        (f.min && d < *f.min) || (f.max && d > *f.max)) {
      return MakeError("number_out_of_range", key);
    }
    return std::vector<std::string>{NumberText(d)};
  }
  case FieldType::kDate: {
    if (!v.is_string())
      return MakeError("field_type", key);
    const std::string &s = v.get_ref<const std::string &>();
    if (s.empty())
      return std::vector<std::string>{};
    if (!IsValidDate(s))
      return MakeError("date_invalid", key);
    return std::vector<std::string>{s};
  }
  case FieldType::kChoice: {
    if (!v.is_string())
      return MakeError("field_type", key);
    const std::string &s = v.get_ref<const std::string &>();
    if (s.empty())
      return std::vector<std::string>{};
    for (const std::string &o : f.options) {
      if (o == s)
        return std::vector<std::string>{s};
    }
    return MakeError("option_invalid", key);
  }
  case FieldType::kMulti: {
    if (!v.is_array())
      return MakeError("field_type", key);
    if (v.size() > f.options.size())
      return MakeError("field_duplicate", key); // more picks than options
    std::vector<bool> picked(f.options.size(), false);
    for (const Json &item : v) {
      if (!item.is_string())
        return MakeError("field_type", key);
      const std::string &s = item.get_ref<const std::string &>();
      size_t i = 0;
      while (i < f.options.size() && f.options[i] != s)
        ++i;
      if (i == f.options.size())
        return MakeError("option_invalid", key);
      if (picked[i])
        return MakeError("field_duplicate", key);
      picked[i] = true;
    }
    std::vector<std::string> out; // in the form's option order
    for (size_t i = 0; i < f.options.size(); ++i) {
      if (picked[i])
        out.push_back(f.options[i]);
    }
    return out;
  }
  case FieldType::kConsent: {
    if (!v.is_boolean())
      return MakeError("field_type", key);
    return std::vector<std::string>{v.get<bool>() ? "true" : "false"};
  }
  }
  return MakeError("field_invalid", key);
}

// An answer that counts as "not given" for the required check.
bool Empty(const FormField &f, const std::vector<std::string> &values) {
  if (values.empty())
    return true;
  return f.type == FieldType::kConsent && values[0] != "true";
}

} // namespace

const char *FieldTypeName(FieldType t) {
  auto i = static_cast<size_t>(t);
  return i < std::size(kTypeNames) ? kTypeNames[i] : "";
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (size_t i = 1; i < std::size(kTypeNames); ++i) {
    if (name == kTypeNames[i])
      return static_cast<FieldType>(i);
  }
  return std::nullopt;
}

const char *StatusName(SubmissionStatus s) {
  auto i = static_cast<size_t>(s);
  return i < std::size(kStatusNames) ? kStatusNames[i] : "";
}

std::optional<SubmissionStatus> ParseStatus(std::string_view name) {
  for (size_t i = 1; i < std::size(kStatusNames); ++i) {
    if (name == kStatusNames[i])
      return static_cast<SubmissionStatus>(i);
  }
  return std::nullopt;
}

bool IsValidDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return false;
  int y = 0, m = 0, d = 0;
  auto num = [&](size_t from, size_t len, int &out) {
    auto r = std::from_chars(s.data() + from, s.data() + from + len, out);
    return r.ec == std::errc() && r.ptr == s.data() + from + len &&
           s[from] != '+' && s[from] != '-';
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d))
    return false;
  if (y < 1 || m < 1 || m > 12 || d < 1)
    return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Status CheckForm(Form &form) {
  OSIEDLE_RETURN_IF_ERROR(
      CheckLabel(form.title, "form.title", kMaxFormTitleLen));
  if (form.fields.size() > kMaxFields)
    return MakeError("field_too_long", "form.fields");
  std::set<std::string> keys;
  for (size_t i = 0; i < form.fields.size(); ++i) {
    const std::string at = "form.fields[" + std::to_string(i) + "]";
    OSIEDLE_RETURN_IF_ERROR(CheckField(form.fields[i], at));
    if (!keys.insert(form.fields[i].key).second)
      return MakeError("field_duplicate", at + ".key", form.fields[i].key);
  }
  if (form.capacity > kMaxCapacity)
    return MakeError("field_invalid", "form.capacity", "0-100000");
  if (form.closes_at < 0 || form.closes_at > kMaxTime)
    return MakeError("field_invalid", "form.closes_at");
  if (form.assignee.user_id != 0 && form.assignee.department_id != 0) {
    return MakeError("field_invalid", "form.assignee",
                     "user_id or department_id, not both");
  }
  return {};
}

Result<std::vector<Answer>> DecodeSubmission(const Form &form,
                                             std::string_view body) {
  auto doc = json::ParseObject(body);
  if (!doc.ok())
    return doc.error();
  for (const auto &[k, v] : doc->items()) {
    if (k != "answers")
      return MakeError("unknown_field", ErrorField(k));
  }
  auto it = doc->find("answers");
  if (it == doc->end() || it->is_null())
    return MakeError("field_required", "answers");
  if (!it->is_object())
    return MakeError("field_type", "answers");
  const Json &answers = *it;
  for (const auto &[k, v] : answers.items()) {
    bool known = false;
    for (const FormField &f : form.fields)
      known = known || f.key == k;
    if (!known)
      return MakeError("unknown_field", ErrorField(k));
  }
  std::vector<Answer> out;
  for (const FormField &f : form.fields) {
    auto a = answers.find(f.key);
    std::vector<std::string> values;
    if (a != answers.end() && !a->is_null()) {
      auto checked = CheckValue(f, *a);
      if (!checked.ok())
        return checked.error();
      values = std::move(*checked);
    }
    if (f.required && Empty(f, values))
      return MakeError("field_required", f.key);
    if (values.empty())
      continue;
    out.push_back(Answer{f.key, f.label, f.type, std::move(values)});
  }
  return out;
}

} // namespace osiedle::information
