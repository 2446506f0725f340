#include "daemon/http/params.hpp"

#include <charconv>
#include <string>
#include <utility>

#include "daemon/http/response.hpp"

namespace osiedle::http {

std::optional<uint64_t> ParseU64(std::string_view s) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<uint64_t> ParseId(std::string_view s) {
  auto v = ParseU64(s);
  return v && *v > 0 ? v : std::nullopt;
}

std::optional<uint64_t> PathId(const Context& ctx, const char* name) { return ParseId(ctx.req.Param(name)); }

Handler WithId(std::function<Response(Context&, uint64_t)> f, std::string missing_code) {
  return [f = std::move(f), code = std::move(missing_code)](Context& ctx) {
    auto id = PathId(ctx);
    if (!id) return ErrorResponse(MakeError(code), ctx);
    return f(ctx, *id);
  };
}

std::optional<uint64_t> QueryU64(const Context& ctx, const char* name, uint64_t fallback) {
  const std::string s = ctx.req.Query(name);
  return s.empty() ? std::optional<uint64_t>(fallback) : ParseU64(s);
}

Result<PageRequest> ParsePage(const Context& ctx, uint64_t default_limit, uint64_t max_limit) {
  PageRequest p{0, default_limit};
  auto offset = QueryU64(ctx, "offset", 0);
  if (!offset) return MakeError("field_type", "offset");
  auto limit = QueryU64(ctx, "limit", default_limit);
  if (!limit || *limit == 0 || *limit > max_limit) {
    return MakeError("field_type", "limit", "1-" + std::to_string(max_limit));
  }
  p.offset = *offset;
  p.limit = *limit;
  return p;
}

}  // namespace osiedle::http
