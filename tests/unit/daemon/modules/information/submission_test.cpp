#include "daemon/modules/information/submission.hpp"

#include <gtest/gtest.h>

#include <string>

#include "daemon/core/i18n.hpp"

namespace osiedle::information {
namespace {

FormField Field(std::string key, FieldType type, bool required = false,
                std::vector<std::string> options = {}) {
  FormField f;
  f.key = std::move(key);
  f.type = type;
  f.label = "Pytanie " + f.key;
  f.required = required;
  f.options = std::move(options);
  return f;
}

// One field of every type; only "name" and "consent" are required.
Form EveryType() {
  Form form;
  form.title = "Zapisy";
  form.fields = {
      Field("name", FieldType::kText, true),
      Field("notes", FieldType::kTextarea),
      Field("people", FieldType::kNumber),
      Field("day", FieldType::kDate),
      Field("slot", FieldType::kChoice, false, {"rano", "wieczór"}),
      Field("extras", FieldType::kMulti, false, {"parking", "rower", "wózek"}),
      Field("consent", FieldType::kConsent, true)};
  form.fields[2].min = 1;
  form.fields[2].max = 10;
  EXPECT_TRUE(CheckForm(form).ok());
  return form;
}

Result<std::vector<Answer>> Decode(const std::string &answers) {
  return DecodeSubmission(EveryType(), R"({"answers":)" + answers + "}");
}

std::string CodeOf(const Result<std::vector<Answer>> &r) {
  return r.ok() ? "ok" : r.error().code;
}
std::string FieldOf(const Result<std::vector<Answer>> &r) {
  return r.ok() ? "" : r.error().field;
}

TEST(InformationDecoder, AcceptsEveryTypeAndKeepsTextSnapshots) {
  auto r = Decode(
      R"({"name":"  Jan Kowalski ","notes":"linia 1\nlinia 2","people":2.5,"day":"2024-02-29",
      "slot":"wieczór","extras":["wózek","parking"],"consent":true})");
  ASSERT_TRUE(r.ok()) << CodeOf(r) << " " << FieldOf(r);
  ASSERT_EQ(r->size(), 7u);
  EXPECT_EQ((*r)[0].key, "name");
  EXPECT_EQ((*r)[0].label, "Pytanie name");
  EXPECT_EQ((*r)[0].values, std::vector<std::string>{"Jan Kowalski"})
      << "trimmed";
  EXPECT_EQ((*r)[1].values[0], "linia 1\nlinia 2");
  EXPECT_EQ((*r)[2].values[0], "2.5");
  EXPECT_EQ((*r)[3].values[0], "2024-02-29");
  EXPECT_EQ((*r)[4].values[0], "wieczór");
  EXPECT_EQ((*r)[5].values, (std::vector<std::string>{"parking", "wózek"}))
      << "in the form's option order";
  EXPECT_EQ((*r)[6].values[0], "true");
  EXPECT_EQ((*r)[6].type, FieldType::kConsent);
}

TEST(InformationDecoder, OmitsOptionalFieldsLeftEmpty) {
  auto r = Decode(
      R"({"name":"Ala","notes":"  ","day":"","slot":null,"extras":[],"consent":true})");
  ASSERT_TRUE(r.ok()) << CodeOf(r) << " " << FieldOf(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].key, "name");
  EXPECT_EQ((*r)[1].key, "consent");
}

TEST(InformationDecoder, IntegersAreWrittenWithoutFraction) {
  auto r = Decode(R"({"name":"A","people":10,"consent":true})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[1].values[0], "10");
}

TEST(InformationDecoder, RejectsEachBadValueWithItsKey) {
  struct Case {
    std::string answers, code, field;
  };
  const std::string ok = R"("name":"A","consent":true)";
  const Case cases[] = {
      {R"({"consent":true})", "field_required", "name"},
      {R"({"name":"   ","consent":true})", "field_required", "name"},
      {R"({"name":"A"})", "field_required", "consent"},
      {R"({"name":"A","consent":false})", "field_required", "consent"},
      {R"({"name":"A","consent":"true"})", "field_type", "consent"},
      {R"({"name":5,"consent":true})", "field_type", "name"},
      {"{" + ok + R"(,"name2":"x"})", "unknown_field", "name2"},
      {R"({"name":")" + std::string(201, 'x') + R"(","consent":true})",
       "field_too_long", "name"},
      {R"({"name":"a\nb","consent":true})", "field_invalid", "name"},
      {R"({"name":"a\u0000b","consent":true})", "field_invalid", "name"},
      {"{" + ok + R"(,"notes":")" + std::string(2001, 'y') + "\"}",
       "field_too_long", "notes"},
      {"{" + ok + R"(,"notes":"a\u0007"})", "field_invalid", "notes"},
      {"{" + ok + R"(,"people":"2"})", "field_type", "people"},
      {"{" + ok + R"(,"people":0})", "number_out_of_range", "people"},
      {"{" + ok + R"(,"people":10.5})", "number_out_of_range", "people"},
      {"{" + ok + R"(,"people":1e400})", "json_invalid", ""},
      {"{" + ok + R"(,"day":"2023-02-29"})", "date_invalid", "day"},
      {"{" + ok + R"(,"day":"2024-13-01"})", "date_invalid", "day"},
      {"{" + ok + R"(,"day":"2024-1-01"})", "date_invalid", "day"},
      {"{" + ok + R"(,"day":"+024-01-01"})", "date_invalid", "day"},
      {"{" + ok + R"(,"day":20240101})", "field_type", "day"},
      {"{" + ok + R"(,"slot":"noc"})", "option_invalid", "slot"},
      {"{" + ok + R"(,"slot":["rano"]})", "field_type", "slot"},
      {"{" + ok + R"(,"extras":"rower"})", "field_type", "extras"},
      {"{" + ok + R"(,"extras":["rower","rower"]})", "field_duplicate",
       "extras"},
      {"{" + ok + R"(,"extras":["rower","auto"]})", "option_invalid", "extras"},
      {"{" + ok + R"(,"extras":[1]})", "field_type", "extras"},
      {"{" + ok + R"(,"extras":["rower","parking","wózek","rower"]})",
       "field_duplicate", "extras"},
  };
  for (const Case &c : cases) {
    auto r = Decode(c.answers);
    EXPECT_EQ(CodeOf(r), c.code) << c.answers.substr(0, 120);
    EXPECT_EQ(FieldOf(r), c.field) << c.answers.substr(0, 120);
  }
}

TEST(InformationDecoder, NumberBoundsApplyWithoutMinMaxToo) {
  Form form;
  form.title = "x";
  form.fields = {Field("n", FieldType::kNumber, true)};
  ASSERT_TRUE(CheckForm(form).ok());
  EXPECT_TRUE(
      DecodeSubmission(form, R"({"answers":{"n":-1000000000000}})").ok());
  auto big = DecodeSubmission(form, R"({"answers":{"n":1000000000001}})");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "number_out_of_range");
  auto r = DecodeSubmission(form, R"({"answers":{"n":-0.0}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].values[0], "0");
}

TEST(InformationDecoder, RejectsHostileDocuments) {
  const Form form = EveryType();
  struct Case {
    std::string body, code, field;
  };
  const Case cases[] = {
      {"", "json_invalid", ""},
      {"[]", "json_not_object", ""},
      {"{}", "field_required", "answers"},
      {R"({"answers":null})", "field_required", "answers"},
      {R"({"answers":[]})", "field_type", "answers"},
      {R"({"answers":{},"extra":1})", "unknown_field", "extra"},
      {"{\"answers\":{\"name\":\"\xC3\x28\"}}", "utf8_invalid", ""},
      {R"({"answers":{"name":"\ud800","consent":true}})", "json_invalid",
       ""}, // lone surrogate
      {std::string(40, '[') + std::string(40, ']'), "json_too_deep", ""},
      {R"({"answers":{"extras":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}})",
       "json_too_deep", ""},
      {R"({"answers":{")" + std::string(5000, 'k') + R"(":1}})",
       "unknown_field", std::string(64, 'k')},
  };
  for (const Case &c : cases) {
    auto r = DecodeSubmission(form, c.body);
    ASSERT_FALSE(r.ok()) << c.body.substr(0, 80);
    EXPECT_EQ(r.error().code, c.code) << c.body.substr(0, 80);
    EXPECT_EQ(r.error().field, c.field) << c.body.substr(0, 80);
  }
  EXPECT_EQ(DecodeSubmission(form, std::string(2 << 20, ' ')).error().code,
            "body_too_large");
}

TEST(InformationDecoder, EmptyFormAcceptsEmptyAnswers) {
  Form form;
  form.title = "Zapis bez pytań";
  ASSERT_TRUE(CheckForm(form).ok());
  auto r = DecodeSubmission(form, R"({"answers":{}})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(DecodeSubmission(form, R"({"answers":{"x":1}})").error().code,
            "unknown_field");
}

TEST(InformationDecoder, ValidatesDates) {
  EXPECT_TRUE(IsValidDate("2000-02-29"));
  EXPECT_TRUE(IsValidDate("2024-12-31"));
  EXPECT_TRUE(IsValidDate("0001-01-01"));
  EXPECT_FALSE(IsValidDate("1900-02-29"));
  EXPECT_FALSE(IsValidDate("2024-04-31"));
  EXPECT_FALSE(IsValidDate("2024-00-10"));
  EXPECT_FALSE(IsValidDate("2024-01-00"));
  EXPECT_FALSE(IsValidDate("0000-01-01"));
  EXPECT_FALSE(IsValidDate("2024-01-01T00"));
  EXPECT_FALSE(IsValidDate("2024/01/01"));
  EXPECT_FALSE(IsValidDate("2024-0a-01"));
  EXPECT_FALSE(IsValidDate(""));
}

TEST(InformationForm, FillsDefaultsAndTrims) {
  Form form;
  form.title = "  Zapisy  ";
  form.fields = {Field("a", FieldType::kText), Field("b", FieldType::kTextarea),
                 Field("c", FieldType::kDate)};
  form.fields[0].label = " Imię ";
  ASSERT_TRUE(CheckForm(form).ok());
  EXPECT_EQ(form.title, "Zapisy");
  EXPECT_EQ(form.fields[0].label, "Imię");
  EXPECT_EQ(form.fields[0].max_length, 200u);
  EXPECT_EQ(form.fields[1].max_length, 2000u);
  EXPECT_EQ(form.fields[2].max_length, 0u);
}

TEST(InformationForm, RejectsBadDefinitions) {
  struct Case {
    std::function<void(Form &)> change;
    std::string code, field;
  };
  const Case cases[] = {
      {[](Form &f) { f.title = ""; }, "field_required", "form.title"},
      {[](Form &f) { f.fields[0].key = "Imie"; }, "field_invalid",
       "form.fields[0].key"},
      {[](Form &f) { f.fields[0].key = ""; }, "field_invalid",
       "form.fields[0].key"},
      {[](Form &f) { f.fields[0].key = std::string(41, 'k'); }, "field_invalid",
       "form.fields[0].key"},
      {[](Form &f) { f.fields[1].key = "name"; }, "field_duplicate",
       "form.fields[1].key"},
      {[](Form &f) { f.fields[0].type = static_cast<FieldType>(9); },
       "field_invalid", "form.fields[0].type"},
      {[](Form &f) { f.fields[0].label = " "; }, "field_required",
       "form.fields[0].label"},
      {[](Form &f) { f.fields[0].label = std::string(201, 'l'); },
       "field_too_long", "form.fields[0].label"},
      {[](Form &f) { f.fields[0].options = {"a"}; }, "field_invalid",
       "form.fields[0].options"},
      {[](Form &f) { f.fields[4].options = {}; }, "field_required",
       "form.fields[4].options"},
      {[](Form &f) {
         f.fields[4].options = {"a", "a"};
       },
       "field_duplicate", "form.fields[4].options"},
      {[](Form &f) { f.fields[4].options = {std::string(101, 'o')}; },
       "field_too_long", "form.fields[4].options"},
      {[](Form &f) { f.fields[5].options.assign(31, "x"); }, "field_too_long",
       "form.fields[5].options"},
      {[](Form &f) { f.fields[2].min = 5; }, "field_invalid",
       "form.fields[2].max"},
      {[](Form &f) { f.fields[2].max = 2e12; }, "field_invalid",
       "form.fields[2].max"},
      {[](Form &f) { f.fields[0].min = 1; }, "field_invalid",
       "form.fields[0].min"},
      {[](Form &f) { f.fields[0].max_length = 201; }, "field_invalid",
       "form.fields[0].max_length"},
      {[](Form &f) { f.fields[1].max_length = 2001; }, "field_invalid",
       "form.fields[1].max_length"},
      {[](Form &f) { f.fields[3].max_length = 5; }, "field_invalid",
       "form.fields[3].max_length"},
      {[](Form &f) { f.fields.resize(41, f.fields[0]); }, "field_too_long",
       "form.fields"},
      {[](Form &f) { f.capacity = kMaxCapacity + 1; }, "field_invalid",
       "form.capacity"},
      {[](Form &f) { f.closes_at = -1; }, "field_invalid", "form.closes_at"},
      {[](Form &f) {
         f.assignee = {1, 2};
       },
       "field_invalid", "form.assignee"},
  };
  for (const Case &c : cases) {
    Form form = EveryType();
    form.fields[2].min.reset();
    form.fields[2].max = 3;
    c.change(form);
    Status st = CheckForm(form);
    ASSERT_FALSE(st.ok()) << c.code << " " << c.field;
    EXPECT_EQ(st.error().code, c.code) << c.field;
    EXPECT_EQ(st.error().field, c.field);
  }
}

TEST(InformationModel, NamesRoundTrip) {
  for (int i = 1; i <= 7; ++i) {
    auto t = static_cast<FieldType>(i);
    EXPECT_EQ(ParseFieldType(FieldTypeName(t)), t);
  }
  for (int i = 1; i <= 6; ++i) {
    auto s = static_cast<SubmissionStatus>(i);
    EXPECT_EQ(ParseStatus(StatusName(s)), s);
  }
  EXPECT_FALSE(ParseFieldType("").has_value());
  EXPECT_FALSE(ParseStatus("Registered").has_value());
  EXPECT_STREQ(StatusName(static_cast<SubmissionStatus>(99)), "");
}

TEST(InformationI18n, EveryNewCodeHasPolishAndEnglishText) {
  const std::string generic_pl =
      i18n::ErrorMessage("no_such_code", i18n::Lang::kPl);
  const std::string generic_en =
      i18n::ErrorMessage("no_such_code", i18n::Lang::kEn);
  for (const char *code :
       {"field_duplicate", "option_invalid", "number_out_of_range",
        "date_invalid", "already_submitted", "form_closed", "section_not_empty",
        "submission_not_cancellable", "submission_cancelled",
        "assignee_invalid", "limit_reached"}) {
    EXPECT_NE(i18n::ErrorMessage(code, i18n::Lang::kPl), generic_pl) << code;
    EXPECT_NE(i18n::ErrorMessage(code, i18n::Lang::kEn), generic_en) << code;
  }
}

} // namespace
} // namespace osiedle::information
