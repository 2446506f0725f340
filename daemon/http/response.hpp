#pragma once
// Building JSON responses and the one error → status mapping.
#include <string_view>

#include <nlohmann/json.hpp>

#include "daemon/core/i18n.hpp"
#include "daemon/core/result.hpp"
#include "daemon/http/types.hpp"

namespace osiedle::http {

// The HTTP status for an error code (404 not_found, 401 unauthenticated, 409 *_taken, ...);
// codes not listed are 400. The full table lives in response.cpp.
int StatusForError(std::string_view code);

Response Json(int status, const nlohmann::json& body);
// {"error":{"code","message","field"}} with StatusForError(code) and the message in `lang`.
Response ErrorResponse(const Error& error, i18n::Lang lang = i18n::Lang::kPl);
Response ErrorResponse(const Error& error, const Context& ctx);

}  // namespace osiedle::http
