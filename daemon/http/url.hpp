#pragma once
// Percent-decoding of request targets (RFC 3986). Used by the server adapter; pure functions.
#include <map>
#include <string>
#include <string_view>

namespace osiedle::http {

// Decodes %XX escapes of `in` into *out; with `plus_as_space` (query strings) '+' becomes ' '.
// Returns false on a malformed escape ("%4", "%zz") or a NUL byte (literal or %00). Thread-safe.
bool DecodePercent(std::string_view in, std::string* out, bool plus_as_space = false);

// Parses "a=1&b=x%20y" into *out (decoded, '+' = space; a key without '=' maps to ""; the first
// occurrence of a key wins; empty pieces are skipped). Returns false if any piece fails to decode.
bool ParseQuery(std::string_view raw, std::map<std::string, std::string>* out);

}  // namespace osiedle::http
