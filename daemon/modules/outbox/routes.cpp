#include "daemon/modules/outbox/routes.hpp"

#include <string>

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::outbox {
namespace {

json::Json Time(int64_t unix_seconds) {
  return unix_seconds == 0 ? json::Json(nullptr) : json::Json(FormatIsoUtc(unix_seconds));
}

json::Json MessageJson(const Message& m) {
  return json::Json{{"id", m.id},
                    {"to", m.mail.to},
                    {"subject", m.mail.subject},
                    {"state", StateName(m.state)},
                    {"attempts", m.attempts},
                    {"last_error", m.last_error},
                    {"created_at", Time(m.created_at)},
                    {"next_attempt_at", m.state == State::kPending ? Time(m.next_attempt_at) : json::Json(nullptr)},
                    {"sent_at", Time(m.sent_at)}};
}

http::Response ListHandler(Service& service, http::Context& ctx) {
  auto limit = http::QueryU64(ctx, "limit", 50);
  if (!limit || *limit == 0 || *limit > 500) return http::ErrorResponse(MakeError("field_invalid", "limit"), ctx);
  json::Json list = json::Json::array();
  for (const auto& m : service.Recent(*limit)) list.push_back(MessageJson(m));
  return http::Json(200, json::Json{{"depth", service.Depth()}, {"messages", std::move(list)}});
}

}  // namespace

void RegisterRoutes(http::RouteTable& table, Service& service) {
  table.Add({"GET", "/api/v1/admin/outbox", "outbox:read",
             [&service](http::Context& ctx) { return ListHandler(service, ctx); },
             "Recent outgoing mail, newest first, with delivery state (no bodies)"});
}

}  // namespace osiedle::outbox
