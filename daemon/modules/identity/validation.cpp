// Input rules for identity (see validation.hpp).
#include "daemon/modules/identity/validation.hpp"

#include <cctype>

#include "daemon/core/crypto.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/identity/options.hpp"
#include "daemon/modules/identity/store.hpp"

namespace osiedle::identity {

Result<std::string> NormalizeEmail(std::string_view input) {
  std::string e(utf8::Trim(input));
  if (e.empty()) return MakeError("field_required", "email");
  if (e.size() > 254) return MakeError("email_invalid", "email");
  for (char& c : e) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\' || c == ',' || c == ';' || c == '<' || c == '>') {
      return MakeError("email_invalid", "email");
    }
    c = static_cast<char>(std::tolower(u));
  }
  size_t at = e.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || e.find('@', at + 1) != std::string::npos) {
    return MakeError("email_invalid", "email");
  }
  std::string_view domain = std::string_view(e).substr(at + 1);
  size_t dot = domain.rfind('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() ||
      domain.front() == '-' || domain.find("..") != std::string_view::npos) {
    return MakeError("email_invalid", "email");
  }
  return e;
}

Result<std::string> NormalizePhone(std::string_view input) {
  std::string p = CleanText(input);
  if (p.empty()) return p;
  if (p.size() > 20) return MakeError("phone_invalid", "phone");
  int digits = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == ' ' || (c == '+' && i == 0))) {
      return MakeError("phone_invalid", "phone");
    }
  }
  if (digits < 6) return MakeError("phone_invalid", "phone");
  return p;
}

Result<std::string> NormalizeName(std::string_view input, const char* field) {
  if (!utf8::IsValid(input)) return MakeError("utf8_invalid", field);
  std::string n = CleanText(input);
  if (n.empty()) return MakeError("field_required", field);
  if (utf8::Length(n) > 100) return MakeError("field_too_long", field);
  if (utf8::HasControl(n, /*allow_line_breaks=*/false)) return MakeError("field_invalid", field);
  return n;
}

Status CheckPassword(std::string_view password, std::string_view email, const char* field) {
  if (password.size() > 1024) return MakeError("field_too_long", field);
  if (!utf8::IsValid(password) || utf8::Length(password) < 10) return MakeError("password_too_weak", field);
  if (password.find_first_not_of(password.front()) == std::string_view::npos) {
    return MakeError("password_too_weak", field);
  }
  std::string lower;
  for (char c : password) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string_view local = email.substr(0, email.find('@'));
  if (!email.empty() && (lower == email || lower == local)) return MakeError("password_too_weak", field);
  return Ok{};
}

PasswordHasher Argon2Hasher() {
  return {[](std::string_view p) { return crypto::HashPassword(p); },
          [](std::string_view p, const std::string& h) { return crypto::VerifyPassword(p, h); }};
}

std::string NormalizeLang(std::string_view tag) { return tag == "en" ? "en" : "pl"; }

}  // namespace osiedle::identity
