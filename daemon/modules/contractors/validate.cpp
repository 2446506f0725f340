#include "daemon/modules/contractors/validate.hpp"

#include <cstddef>
#include <string>

#include "daemon/core/uri.hpp"

namespace osiedle::contractors {
namespace {

bool IsBadUrlByte(unsigned char c) {
  return c <= 0x20 || c == 0x7F || std::string_view("\"<>\\`{}|^").find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsAlnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

bool IsValidWebsite(std::string_view url) {
  const size_t scheme = uri::WebSchemeLength(url);
  if (scheme == 0) return false;
  const std::string_view rest = url.substr(scheme);
  for (char c : url) {
    if (IsBadUrlByte(static_cast<unsigned char>(c))) return false;
  }
  const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('@') != std::string_view::npos) return false;
  // The host starts like a name or an IDN label (a non-ASCII byte); "[" for an
  // IPv6 literal.
  const auto first = static_cast<unsigned char>(host.front());
  if (!IsAlnum(first) && first < 0x80 && first != '[') return false;
  for (char ch : host) {
    const auto c = static_cast<unsigned char>(ch);
    if (!IsAlnum(c) && c < 0x80 && std::string_view("-.:[]").find(ch) == std::string_view::npos) return false;
  }
  return true;
}

bool IsValidPhone(std::string_view phone) {
  size_t digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (std::string_view(" +-()/.").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digits >= 3 && digits <= 20;
}

bool IsValidEmail(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return false;
  if (email.find('@', at + 1) != std::string_view::npos) return false;
  if (email.find_first_of(" \t\r\n<>,;\"") != std::string_view::npos) return false;
  const std::string_view domain = email.substr(at + 1);
  const size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
}

}  // namespace osiedle::contractors
