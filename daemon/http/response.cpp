#include "daemon/http/response.hpp"

#include <string>
#include <unordered_map>

#include "daemon/core/json.hpp"

namespace osiedle::http {
namespace {

// The one table from error code to HTTP status. Codes not listed are validation errors (400).
const std::unordered_map<std::string_view, int>& StatusTable() {
  static const auto* table = new std::unordered_map<std::string_view, int>{
      {"not_found", 404},
      {"flat_not_found", 404},
      {"user_not_found", 404},
      {"role_not_found", 404},
      {"group_not_found", 404},
      {"registration_not_found", 404},
      {"department_not_found", 404},
      {"estate_not_found", 404},
      {"building_not_found", 404},
      {"outages_public_disabled", 404},  // outages: the building's public page is off
      {"unauthenticated", 401},
      {"invalid_credentials", 401},
      {"session_expired", 401},
      {"totp_required", 401},
      {"totp_invalid", 401},
      {"forbidden", 403},
      {"csrf_invalid", 403},
      {"account_blocked", 403},
      {"account_pending", 403},
      {"method_not_allowed", 405},
      {"email_taken", 409},
      {"role_name_taken", 409},
      {"group_name_taken", 409},
      {"department_name_taken", 409},
      {"category_name_taken", 409},  // contractors, documents
      {"category_not_empty", 409},   // documents
      {"review_exists", 409},        // contractors
      {"registration_already_decided", 409},
      {"ownership_exists", 409},
      {"conflict", 409},
      {"comments_disabled", 409},
      {"already_submitted", 409},           // information
      {"form_closed", 409},                 // information
      {"section_not_empty", 409},           // information
      {"submission_not_cancellable", 409},  // information
      {"submission_cancelled", 409},        // information
      {"comment_already_reported", 409},
      {"last_admin", 409},
      {"user_not_blocked", 409},
      {"cannot_block_self", 409},
      {"user_deleted", 409},
      {"totp_already_enabled", 409},
      {"session_not_found", 404},
      {"account_not_active", 403},
      {"letter_code_invalid", 422},     // letters: wrong, used, revoked or another flat's code (one answer)
      {"letter_code_not_active", 409},  // letters: revoking a used or revoked code
      {"body_too_large", 413},
      {"unsupported_media_type", 415},
      {"rate_limited", 429},
      {"internal", 500},
      {"storage_full", 500},
      {"storage_io", 500},          // uploads: the file store could not write or read
      {"upload_too_large", 413},    // uploads
      {"not_implemented", 501},
      {"smtp_failed", 502},
  };
  return *table;
}

}  // namespace

int StatusForError(std::string_view code) {
  const auto& table = StatusTable();
  auto it = table.find(code);
  return it == table.end() ? 400 : it->second;
}

Response Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  // Replace invalid UTF-8 rather than throw: a response must always be producible.
  r.body = json::Dump(body);
  return r;
}

Response ErrorResponse(const Error& error, i18n::Lang lang) {
  nlohmann::json err = {{"code", error.code}, {"message", i18n::ErrorMessage(error.code, lang)}};
  if (!error.field.empty()) err["field"] = error.field;
  return Json(StatusForError(error.code), {{"error", std::move(err)}});
}

Response ErrorResponse(const Error& error, const Context& ctx) {
  i18n::Lang lang = ctx.principal.authenticated() ? i18n::FromTag(ctx.principal.lang)
                                                  : i18n::FromTag(ctx.req.Header("accept-language"));
  return ErrorResponse(error, lang);
}

}  // namespace osiedle::http
