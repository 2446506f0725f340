#pragma once
// Typed readers for path and query parameters shared by every module's routes: ids and offset/limit paging.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/core/actor.hpp"
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

// A handler for a route with an {id} path parameter: calls `f` with the id; a missing or malformed id answers the
// error `missing_code` (so "not_found" → 404) without calling `f`.
Handler WithId(std::function<Response(Context&, uint64_t)> f, std::string missing_code = "not_found");

struct PageRequest {
  uint64_t offset = 0;
  uint64_t limit = 0;
};
// "offset" (default 0) and "limit" (default `default_limit`, must be 1..max_limit) from the query.
// Errors: "field_type" with field "offset", or field "limit" and detail "1-<max_limit>".
Result<PageRequest> ParsePage(const Context& ctx, uint64_t default_limit, uint64_t max_limit);

// The caller as a reader: staff when the principal holds `manage_permission`.
inline Viewer ViewerOf(const Context& ctx, const char* manage_permission) {
  return Viewer{ctx.principal.user_id, ctx.principal.Can(manage_permission)};
}
// The caller as the author of a change (audit: user, address, user agent cut to 256 bytes).
inline Actor ActorOf(const Context& ctx) {
  return Actor{ctx.principal.user_id, ctx.req.client_ip, ctx.req.Header("user-agent").substr(0, 256)};
}

}  // namespace osiedle::http
