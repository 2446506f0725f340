#pragma once
// Input rules shared by registration, account creation and password changes.
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle::identity {

// Trims and lower-cases an e-mail address and checks its shape (one '@', a dot in the domain,
// printable ASCII, at most 254 characters). Errors: field_required, email_invalid (field "email").
Result<std::string> NormalizeEmail(std::string_view input);
// Optional phone: digits, spaces and a leading '+', at most 20 characters. Errors: phone_invalid.
Result<std::string> NormalizePhone(std::string_view input);
// A person's name part: required, valid UTF-8, no control characters, at most 100 characters.
// Errors: field_required, field_too_long, field_invalid (field = `field`).
Result<std::string> NormalizeName(std::string_view input, const char* field);
// At least 10 characters, not one repeated character, not the e-mail (or its local part), at
// most 1024 bytes. Errors: password_too_weak, field_too_long (field = `field`).
Status CheckPassword(std::string_view password, std::string_view email, const char* field = "password");
// "pl" or "en" (anything else → "pl").
std::string NormalizeLang(std::string_view tag);

}  // namespace osiedle::identity
