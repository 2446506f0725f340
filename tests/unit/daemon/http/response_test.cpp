#include "daemon/http/response.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace osiedle::http {
namespace {

TEST(StatusForError, MapsKnownCodes) {
  EXPECT_EQ(StatusForError("not_found"), 404);
  EXPECT_EQ(StatusForError("flat_not_found"), 404);
  EXPECT_EQ(StatusForError("building_not_found"), 404);
  EXPECT_EQ(StatusForError("unauthenticated"), 401);
  EXPECT_EQ(StatusForError("invalid_credentials"), 401);
  EXPECT_EQ(StatusForError("totp_invalid"), 401);
  EXPECT_EQ(StatusForError("forbidden"), 403);
  EXPECT_EQ(StatusForError("csrf_invalid"), 403);
  EXPECT_EQ(StatusForError("account_pending"), 403);
  EXPECT_EQ(StatusForError("method_not_allowed"), 405);
  EXPECT_EQ(StatusForError("email_taken"), 409);
  EXPECT_EQ(StatusForError("registration_already_decided"), 409);
  EXPECT_EQ(StatusForError("body_too_large"), 413);
  EXPECT_EQ(StatusForError("unsupported_media_type"), 415);
  EXPECT_EQ(StatusForError("rate_limited"), 429);
  EXPECT_EQ(StatusForError("internal"), 500);
  EXPECT_EQ(StatusForError("storage_full"), 500);
  EXPECT_EQ(StatusForError("smtp_failed"), 502);
}

TEST(StatusForError, UnknownCodesAreValidationErrors) {
  EXPECT_EQ(StatusForError("kw_checksum_invalid"), 400);
  EXPECT_EQ(StatusForError("json_invalid"), 400);
  EXPECT_EQ(StatusForError(""), 400);
}

TEST(ErrorResponse, HasCodeMessageAndField) {
  Response r = ErrorResponse(MakeError("kw_format_invalid", "kw_number"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "kw_format_invalid");
  EXPECT_EQ(j["error"]["field"], "kw_number");
  EXPECT_TRUE(j["error"]["message"].is_string());
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
}

TEST(ErrorResponse, OmitsEmptyFieldAndUsesStatusTable) {
  Response r = ErrorResponse(MakeError("email_taken"), i18n::Lang::kEn);
  EXPECT_EQ(r.status, 409);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_FALSE(j["error"].contains("field"));
  EXPECT_FALSE(j["error"].contains("detail"));
}

TEST(ErrorResponse, NeverLeaksDetail) {
  Response r = ErrorResponse(MakeError("conflict", "", "secret internal detail"));
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
}

TEST(Json, DumpsBodyAndNeverThrowsOnInvalidUtf8) {
  Response r = Json(201, {{"id", 5}, {"name", std::string("a\xff")}});
  EXPECT_EQ(r.status, 201);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["id"], 5);
}

}  // namespace
}  // namespace osiedle::http
