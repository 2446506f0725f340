#include "daemon/modules/audit/routes.hpp"

#include <optional>
#include <string>

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::audit {
namespace {

constexpr const char* kPermission = "audit:read";

json::Json EntryJson(const Entry& e) {
  return json::Json{{"id", e.id},
                    {"at", FormatIsoUtc(e.at)},
                    {"at_unix", e.at},
                    {"actor_id", e.actor_id},
                    {"action", e.action},
                    {"target_type", e.target_type},
                    {"target_id", e.target_id},
                    {"subject_user_id", e.subject_user_id},
                    {"detail", e.detail},
                    {"ip", e.ip},
                    {"user_agent", e.user_agent},
                    {"prev_hash", e.prev_hash},
                    {"hash", e.hash}};
}

http::Response ListHandler(Service& service, http::Context& ctx) {
  Filter f;
  const auto& req = ctx.req;
  auto actor = http::QueryU64(ctx, "actor", 0);
  auto user = http::QueryU64(ctx, "user", 0);
  auto before = http::QueryU64(ctx, "before", 0);
  auto limit = http::QueryU64(ctx, "limit", 50);
  const char* bad = !actor ? "actor" : !user ? "user" : !before ? "before" : !limit || *limit > 500 ? "limit" : nullptr;
  if (bad) return http::ErrorResponse(MakeError("field_invalid", bad), ctx);
  std::string action = req.Query("action");
  if (action.size() > 64) return http::ErrorResponse(MakeError("field_too_long", "action"), ctx);
  f.actor_id = *actor;
  f.subject_user_id = *user;
  f.before_id = *before;
  f.limit = *limit == 0 ? 50 : *limit;
  f.action_prefix = action;
  auto entries = service.List(f);
  json::Json list = json::Json::array();
  for (const auto& e : entries) list.push_back(EntryJson(e));
  json::Json body{{"entries", std::move(list)}, {"next_before", nullptr}};
  if (entries.size() == f.limit && entries.back().id > 1) body["next_before"] = entries.back().id;
  return http::Json(200, body);
}

http::Response VerifyHandler(Service& service) {
  Verification v = service.Verify();
  return http::Json(200, json::Json{{"ok", v.ok}, {"entries", v.entries}, {"first_bad_id", v.first_bad_id}});
}

http::Response ExportHandler(Service& service) {
  http::Response resp;
  resp.content_type = "application/x-ndjson";
  service.ForEach([&](const Entry& e) {
    resp.body += EntryJson(e).dump(-1, ' ', false, json::Json::error_handler_t::replace);
    resp.body += '\n';
    return true;
  });
  resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit.jsonl\"");
  return resp;
}

}  // namespace

void RegisterRoutes(http::RouteTable& table, Service& service) {
  table.Add({"GET", "/api/v1/admin/audit", kPermission,
             [&service](http::Context& ctx) { return ListHandler(service, ctx); },
             "Audit log, newest first (filters: actor, user, action prefix; paging: before, limit)"});
  table.Add({"GET", "/api/v1/admin/audit/verify", kPermission,
             [&service](http::Context&) { return VerifyHandler(service); }, "Verify the audit hash chain"});
  table.Add({"GET", "/api/v1/admin/audit/export", kPermission,
             [&service](http::Context&) { return ExportHandler(service); },
             "The whole audit log as JSON Lines, oldest first"});
}

}  // namespace osiedle::audit
