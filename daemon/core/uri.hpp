#pragma once
// Building URIs (links in letters, otpauth:// for TOTP): percent-encoding of one component. Decoding of request
// targets lives in daemon/http/url.hpp.
#include <string>
#include <string_view>

namespace osiedle::uri {

// RFC 3986 percent-encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) and those in `also_keep` stay as they
// are; every other byte becomes %XX (upper-case hex). UTF-8 is encoded byte by byte.
std::string PercentEncode(std::string_view s, std::string_view also_keep = "");

}  // namespace osiedle::uri
