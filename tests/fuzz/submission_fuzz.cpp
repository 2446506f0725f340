// libFuzzer target: the sign-up form submission decoder
// (information::DecodeSubmission) on arbitrary bytes against a fixed form
// holding every field type. Properties: no crash, leak or undefined behaviour;
// a decoded submission obeys the form — known keys only, in form order, each at
// most once, required ones present (consent true), values within the field's
// rules (lengths, options, distinct multi picks, existing dates, number
// bounds).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "daemon/core/utf8.hpp"
#include "daemon/modules/information/submission.hpp"

namespace {

using osiedle::information::Answer;
using osiedle::information::FieldType;
using osiedle::information::Form;
using osiedle::information::FormField;

FormField Field(const char *key, FieldType type, bool required,
                std::vector<std::string> options = {}) {
  FormField f;
  f.key = key;
  f.type = type;
  f.label = key;
  f.required = required;
  f.options = std::move(options);
  return f;
}

const Form &TheForm() {
  static const Form *form = [] {
    auto *f = new Form;
    f->title = "Zapisy";
    f->fields = {
        Field("name", FieldType::kText, true),
        Field("notes", FieldType::kTextarea, false),
        Field("people", FieldType::kNumber, false),
        Field("day", FieldType::kDate, true),
        Field("slot", FieldType::kChoice, false,
              {"rano", "południe", "wieczór"}),
        Field("extras", FieldType::kMulti, false, {"a", "b", "c", "d"}),
        Field("rodo", FieldType::kConsent, true)};
    f->fields[2].min = -5;
    f->fields[2].max = 100;
    if (!osiedle::information::CheckForm(*f).ok())
      __builtin_trap();
    return f;
  }();
  return *form;
}

void Check(const Form &form, const std::vector<Answer> &answers) {
  size_t next = 0; // answers come in form order, each field at most once
  std::set<std::string> seen;
  for (const Answer &a : answers) {
    while (next < form.fields.size() && form.fields[next].key != a.key)
      ++next;
    if (next == form.fields.size())
      __builtin_trap();
    const FormField &f = form.fields[next++];
    if (a.type != f.type || a.label != f.label || a.values.empty())
      __builtin_trap();
    if (f.type != FieldType::kMulti && a.values.size() != 1)
      __builtin_trap();
    for (const std::string &v : a.values) {
      if (!osiedle::utf8::IsValid(v))
        __builtin_trap();
      if ((f.type == FieldType::kText || f.type == FieldType::kTextarea) &&
          osiedle::utf8::Length(v) > f.max_length) {
        __builtin_trap();
      }
      if (f.type == FieldType::kText && osiedle::utf8::HasControl(v, false))
        __builtin_trap();
      if (f.type == FieldType::kDate && !osiedle::information::IsValidDate(v))
        __builtin_trap();
      if (f.type == FieldType::kNumber &&
          (v.empty() ||
           v.find_first_not_of("-.0123456789") != std::string::npos)) {
        __builtin_trap();
      }
      if (f.type == FieldType::kNumber) {
        const double d = std::stod(v);
        if (d < *f.min || d > *f.max)
          __builtin_trap();
      }
      if (f.type == FieldType::kChoice || f.type == FieldType::kMulti) {
        bool known = false;
        for (const std::string &o : f.options)
          known = known || o == v;
        if (!known)
          __builtin_trap();
      }
    }
    if (f.type == FieldType::kMulti &&
        std::set<std::string>(a.values.begin(), a.values.end()).size() !=
            a.values.size()) {
      __builtin_trap();
    }
    seen.insert(a.key);
  }
  for (const FormField &f : form.fields) {
    if (f.required && seen.count(f.key) == 0)
      __builtin_trap();
  }
  for (const Answer &a : answers) {
    if (a.type == FieldType::kConsent && a.key == "rodo" &&
        a.values[0] != "true")
      __builtin_trap();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view body(reinterpret_cast<const char *>(data), size);
  const Form &form = TheForm();
  auto r = osiedle::information::DecodeSubmission(form, body);
  if (r.ok()) {
    Check(form, *r);
  } else if (r.error().code.empty()) {
    __builtin_trap();
  }
  return 0;
}
