#pragma once
// Message catalogue for the server's own texts: error messages by code and mail templates.
// Polish first; English available. The front end has its own catalogues (daemon/web/common/i18n).
#include <string>
#include <string_view>

namespace osiedle::i18n {

enum class Lang { kPl, kEn };

// Picks the language from an Accept-Language header or a user's preference ("pl", "en");
// Polish when unknown.
Lang FromTag(std::string_view tag);
std::string_view Tag(Lang lang);

// The localized message for an error code; a generic message for an unknown code.
std::string ErrorMessage(std::string_view code, Lang lang);

}  // namespace osiedle::i18n
