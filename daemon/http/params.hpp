#pragma once
// Typed readers for path and query parameters shared by every module's routes: ids and offset/limit paging.
#include <cstdint>
#include <optional>
#include <string_view>

#include "daemon/core/result.hpp"
#include "daemon/http/types.hpp"

namespace osiedle::http {

// A decimal number (digits only, no sign, fits in 64 bits); nullopt for anything else, including "".
std::optional<uint64_t> ParseU64(std::string_view s);
// A positive decimal id from text; nullopt for 0 or anything ParseU64 rejects.
std::optional<uint64_t> ParseId(std::string_view s);
// Path parameter `name` as a positive id; nullopt if absent or malformed.
std::optional<uint64_t> PathId(const Context& ctx, const char* name = "id");
// Query parameter `name` as a number: `fallback` when absent, nullopt when malformed.
std::optional<uint64_t> QueryU64(const Context& ctx, const char* name, uint64_t fallback);

struct PageRequest {
  uint64_t offset = 0;
  uint64_t limit = 0;
};
// "offset" (default 0) and "limit" (default `default_limit`, must be 1..max_limit) from the query.
// Errors: "field_type" with field "offset", or field "limit" and detail "1-<max_limit>".
Result<PageRequest> ParsePage(const Context& ctx, uint64_t default_limit, uint64_t max_limit);

}  // namespace osiedle::http
