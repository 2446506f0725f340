#include "daemon/core/i18n.hpp"

#include <gtest/gtest.h>

namespace osiedle::i18n {
namespace {

const char* kCodes[] = {"internal",
                        "not_found",
                        "method_not_allowed",
                        "unauthenticated",
                        "forbidden",
                        "csrf_invalid",
                        "rate_limited",
                        "body_too_large",
                        "utf8_invalid",
                        "json_invalid",
                        "json_too_deep",
                        "json_not_object",
                        "field_required",
                        "field_type",
                        "field_too_long",
                        "field_invalid",
                        "unknown_field",
                        "unsupported_media_type",
                        "path_invalid",
                        "invalid_credentials",
                        "totp_required",
                        "totp_invalid",
                        "account_pending",
                        "account_blocked",
                        "session_expired",
                        "password_too_weak",
                        "reset_token_invalid",
                        "email_invalid",
                        "phone_invalid",
                        "kw_format_invalid",
                        "kw_checksum_invalid",
                        "flat_not_found",
                        "building_not_found",
                        "estate_not_found",
                        "email_taken",
                        "consent_required",
                        "registration_not_found",
                        "registration_already_decided",
                        "ownership_exists",
                        "reason_required",
                        "user_not_found",
                        "role_not_found",
                        "role_name_taken",
                        "permission_unknown",
                        "role_builtin",
                        "department_not_found",
                        "department_name_taken",
                        "group_not_found",
                        "group_name_taken",
                        "group_rule_invalid",
                        "csv_binary",
                        "csv_empty",
                        "csv_quote_unterminated",
                        "csv_too_many_rows",
                        "csv_header_missing",
                        "csv_column_count",
                        "area_invalid",
                        "flat_number_missing",
                        "building_missing",
                        "estate_missing",
                        "smtp_failed",
                        "storage_full",
                        "totp_not_enrolled",
                        "last_admin"};

TEST(I18n, EveryKnownCodeHasItsOwnMessageInBothLanguages) {
  std::string generic_pl = ErrorMessage("no_such_code", Lang::kPl);
  std::string generic_en = ErrorMessage("no_such_code", Lang::kEn);
  for (const char* code : kCodes) {
    std::string pl = ErrorMessage(code, Lang::kPl), en = ErrorMessage(code, Lang::kEn);
    EXPECT_NE(pl, generic_pl) << code;
    EXPECT_NE(en, generic_en) << code;
    EXPECT_NE(pl, en) << code;
  }
}

TEST(I18n, UnknownCodeGetsGenericMessage) {
  EXPECT_EQ(ErrorMessage("no_such_code", Lang::kPl), "Nie udało się wykonać operacji.");
  EXPECT_EQ(ErrorMessage("", Lang::kEn), "The operation failed.");
}

TEST(I18n, PolishMessagesUseDiacritics) {
  EXPECT_EQ(ErrorMessage("invalid_credentials", Lang::kPl), "Nieprawidłowy e-mail lub hasło.");
  EXPECT_NE(ErrorMessage("kw_checksum_invalid", Lang::kPl).find("księgi wieczystej"), std::string::npos);
}

TEST(I18n, FromTagPicksTheBestSupportedLanguage) {
  EXPECT_EQ(FromTag("en"), Lang::kEn);
  EXPECT_EQ(FromTag("pl"), Lang::kPl);
  EXPECT_EQ(FromTag(""), Lang::kPl);
  EXPECT_EQ(FromTag("de-DE"), Lang::kPl);
  EXPECT_EQ(FromTag("en-US,en;q=0.9,pl;q=0.8"), Lang::kEn);
  EXPECT_EQ(FromTag("pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7"), Lang::kPl);
  EXPECT_EQ(FromTag("de;q=1.0, EN-gb;q=0.5"), Lang::kEn);
  EXPECT_EQ(FromTag("en;q=0"), Lang::kPl);
  EXPECT_EQ(FromTag(";;,,q=,"), Lang::kPl);
}

TEST(I18n, TagNamesTheLanguage) {
  EXPECT_EQ(Tag(Lang::kPl), "pl");
  EXPECT_EQ(Tag(Lang::kEn), "en");
}

}  // namespace
}  // namespace osiedle::i18n
