#include "daemon/modules/information/routes_json.hpp"

#include <charconv>

#include "daemon/core/clock.hpp"
#include "daemon/modules/information/service.hpp"
#include "daemon/modules/information/submission.hpp"

namespace osiedle::information::wire {
namespace {

// A nested object's error names its place in the body ("form.fields[2].label").
Error Prefixed(Error e, const std::string &at) {
  e.field = e.field.empty() ? at : at + "." + e.field;
  return e;
}

// An optional JSON number (min/max of a number field); a wrong type is
// remembered in *error.
std::optional<double> Number(json::Fields &f, const std::string &name,
                             Status *error) {
  const Json *v = f.Raw(name, false);
  if (v == nullptr)
    return std::nullopt;
  if (!v->is_number()) {
    *error = MakeError("field_type", name);
    return std::nullopt;
  }
  return v->get<double>();
}

Result<FormField> ParseField(const Json &j) {
  if (!j.is_object())
    return MakeError("field_type");
  json::Fields f(j);
  FormField x;
  x.key = f.Str("key", {.max_len = kMaxKeyLen});
  const std::string type = f.Str("type", {.max_len = 20});
  x.label = f.Str("label", {.max_len = kMaxLabelLen});
  x.required = f.Bool("required", false).value_or(false);
  x.options = f.StrList("options", false, kMaxOptions, kMaxOptionLen);
  Status number_error;
  x.min = Number(f, "min", &number_error);
  x.max = Number(f, "max", &number_error);
  x.max_length = static_cast<uint32_t>(
      f.Int("max_length", false, 0, kMaxTextareaLen).value_or(0));
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  if (!number_error.ok())
    return number_error.error();
  auto t = ParseFieldType(type);
  if (!t)
    return MakeError("field_invalid", "type",
                     "text|textarea|number|date|choice|multi|consent");
  x.type = *t;
  return x;
}

Result<Assignee> ParseAssignee(const Json &j) {
  if (!j.is_object())
    return MakeError("field_type");
  json::Fields f(j);
  Assignee a;
  a.user_id = static_cast<uint64_t>(f.Int("user_id", false, 1).value_or(0));
  a.department_id =
      static_cast<uint64_t>(f.Int("department_id", false, 1).value_or(0));
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return a;
}

Result<Form> ParseForm(const Json &j) {
  if (!j.is_object())
    return MakeError("field_type");
  json::Fields f(j);
  Form form;
  form.title = f.Str("title", {.max_len = kMaxFormTitleLen});
  form.capacity = static_cast<uint64_t>(
      f.Int("capacity", false, 0, kMaxCapacity).value_or(0));
  form.closes_at = f.Int("closes_at", false, 0, kMaxTime).value_or(0);
  const Json *fields = f.Raw("fields", false);
  const Json *assignee = f.Raw("assignee", false);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  if (fields != nullptr) {
    if (!fields->is_array())
      return MakeError("field_type", "fields");
    if (fields->size() > kMaxFields)
      return MakeError("field_too_long", "fields");
    for (size_t i = 0; i < fields->size(); ++i) {
      auto x = ParseField((*fields)[i]);
      if (!x.ok())
        return Prefixed(x.error(), "fields[" + std::to_string(i) + "]");
      form.fields.push_back(std::move(*x));
    }
  }
  if (assignee != nullptr) {
    auto a = ParseAssignee(*assignee);
    if (!a.ok())
      return Prefixed(a.error(), "assignee");
    form.assignee = *a;
  }
  return form;
}

Json FieldJson(const FormField &x) {
  return Json{
      {"key", x.key},
      {"type", FieldTypeName(x.type)},
      {"label", x.label},
      {"required", x.required},
      {"options", x.options},
      {"min", x.min ? Json(*x.min) : Json(nullptr)},
      {"max", x.max ? Json(*x.max) : Json(nullptr)},
      {"max_length", x.max_length == 0 ? Json(nullptr) : Json(x.max_length)}};
}

Json FormJson(const FormView &v, bool staff) {
  Json fields = Json::array();
  for (const FormField &x : v.form.fields)
    fields.push_back(FieldJson(x));
  Json j{{"title", v.form.title},
         {"fields", fields},
         {"capacity", v.form.capacity},
         {"taken", v.taken},
         {"waiting", v.waiting},
         {"open", v.open},
         {"closes_at",
          v.form.closes_at == 0 ? Json(nullptr) : Json(v.form.closes_at)}};
  if (staff) {
    const Assignee &a = v.form.assignee;
    j["assignee"] = a.user_id != 0 ? Json{{"user_id", a.user_id}}
                    : a.department_id != 0
                        ? Json{{"department_id", a.department_id}}
                        : Json(nullptr);
  }
  return j;
}

// The stored text back in the JSON type the field takes.
Json AnswerValue(const Answer &a) {
  if (a.type == FieldType::kMulti)
    return a.values;
  const std::string v = a.values.empty() ? std::string() : a.values[0];
  if (a.type == FieldType::kConsent)
    return v == "true";
  if (a.type == FieldType::kNumber) {
    double d = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), d);
    if (r.ec == std::errc())
      return d;
  }
  return v;
}

} // namespace

Result<SectionInput> ParseSection(const std::string &body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok())
    return obj.error();
  json::Fields f(*obj);
  SectionInput in;
  in.title = f.Str("title", {.max_len = Service::kMaxSectionTitleLen});
  in.position =
      f.Int("position", false, -Service::kMaxPosition, Service::kMaxPosition)
          .value_or(0);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return in;
}

Result<PageInput> ParsePage(const std::string &body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok())
    return obj.error();
  json::Fields f(*obj);
  PageInput in;
  in.section_id =
      static_cast<uint64_t>(f.Int("section_id", true, 1).value_or(0));
  in.title = f.Str("title", {.max_len = Service::kMaxTitleLen});
  in.body_md =
      f.Str("body", {.required = false, .max_len = Service::kMaxBodyLen});
  in.groups = f.IdList("groups", false, Service::kMaxGroups);
  in.position =
      f.Int("position", false, -Service::kMaxPosition, Service::kMaxPosition)
          .value_or(0);
  in.published = f.Bool("published", false).value_or(false);
  const Json *form = f.Raw("form", false);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  if (form != nullptr) {
    auto parsed = ParseForm(*form);
    if (!parsed.ok())
      return Prefixed(parsed.error(), "form");
    in.form = std::move(*parsed);
  }
  return in;
}

Result<StatusChange> ParseStatusChange(const std::string &body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok())
    return obj.error();
  json::Fields f(*obj);
  StatusChange c;
  const bool has_status = f.Has("status") && !(*obj)["status"].is_null();
  const bool has_note = f.Has("note") && !(*obj)["note"].is_null();
  const std::string status =
      f.Str("status", {.required = false, .max_len = 20});
  const std::string note =
      f.Str("note", {.required = false, .max_len = Service::kMaxNoteLen});
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  if (has_status) {
    c.status = ParseStatus(status);
    if (!c.status)
      return MakeError("field_invalid", "status", "accepted, rejected or done");
  }
  if (has_note)
    c.note = note;
  return c;
}

Json SectionJson(const Section &s) {
  return Json{{"id", s.id},
              {"title", s.title},
              {"position", s.position},
              {"page_count", s.page_count},
              {"created_at", FormatIsoUtc(s.created_at)},
              {"updated_at", FormatIsoUtc(s.updated_at)}};
}

Json SectionTreeJson(const SectionTree &t) {
  Json pages = Json::array();
  for (const PageLink &p : t.pages)
    pages.push_back(
        Json{{"id", p.id}, {"title", p.title}, {"has_form", p.has_form}});
  return Json{
      {"id", t.section.id}, {"title", t.section.title}, {"pages", pages}};
}

Json PageJson(const PageView &v, bool staff) {
  const InfoPage &p = v.page;
  Json j{{"id", p.id},
         {"section_id", p.section_id},
         {"title", p.title},
         {"body_html", p.body_html},
         {"updated_at", FormatIsoUtc(p.updated_at)},
         {"form", v.form ? FormJson(*v.form, staff) : Json(nullptr)}};
  Json mine = Json::array();
  for (const Submission &s : v.my_submissions)
    mine.push_back(SubmissionJson(s, false, false));
  j["my_submissions"] = mine;
  if (staff) {
    j["body"] = p.body_md;
    j["groups"] = p.groups;
    j["position"] = p.position;
    j["published"] = p.published;
    j["author_id"] = p.author_id;
    j["created_at"] = FormatIsoUtc(p.created_at);
  }
  return j;
}

Json PageSummaryJson(const InfoPage &p) {
  return Json{{"id", p.id},
              {"section_id", p.section_id},
              {"title", p.title},
              {"groups", p.groups},
              {"position", p.position},
              {"published", p.published},
              {"has_form", p.form.has_value()},
              {"updated_at", FormatIsoUtc(p.updated_at)}};
}

Json SubmissionJson(const Submission &s, bool full, bool staff) {
  Json j{{"id", s.id},
         {"status", StatusName(s.status)},
         {"waiting_position",
          s.waiting_position == 0 ? Json(nullptr) : Json(s.waiting_position)},
         {"created_at", FormatIsoUtc(s.created_at)}};
  if (!full)
    return j;
  Json answers = Json::array();
  for (const Answer &a : s.answers) {
    answers.push_back(Json{{"key", a.key},
                           {"label", a.label},
                           {"type", FieldTypeName(a.type)},
                           {"value", AnswerValue(a)}});
  }
  j["page_id"] = s.page_id;
  j["page_title"] = s.page_title;
  j["answers"] = answers;
  j["staff_note"] = s.staff_note;
  j["updated_at"] = FormatIsoUtc(s.updated_at);
  if (staff) {
    j["user_id"] = s.user_id;
    j["user_name"] = s.user_name;
    j["user_email"] = s.user_email;
    j["handled_by"] = s.handled_by == 0 ? Json(nullptr) : Json(s.handled_by);
  }
  return j;
}

} // namespace osiedle::information::wire
