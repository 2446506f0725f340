#pragma once
// Building URIs (links in letters, otpauth:// for TOTP): percent-encoding of one component. Decoding of request
// targets lives in daemon/http/url.hpp.
#include <cstddef>
#include <string>
#include <string_view>

namespace osiedle::uri {

// RFC 3986 percent-encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) and those in `also_keep` stay as they
// are; every other byte becomes %XX (upper-case hex). UTF-8 is encoded byte by byte.
std::string PercentEncode(std::string_view s, std::string_view also_keep = "");

// The length of a leading "https://" (8) or "http://" (7), the scheme in any case; 0 for anything else.
size_t WebSchemeLength(std::string_view url);

}  // namespace osiedle::uri
