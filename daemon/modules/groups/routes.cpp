#include "daemon/modules/groups/routes.hpp"

#include "daemon/core/clock.hpp"
#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"
#include "daemon/modules/groups/rule_json.hpp"

namespace osiedle::groups {
namespace {

using http::PathId;
using http::WithId;
using json::Json;

audit::Entry AuditOf(const http::Context& ctx, const char* action, const Group& g) {
  return audit::MakeEntry(http::ActorOf(ctx), action, "group", g.id, g.name);
}

Json GroupJson(const Group& g) {
  Json j{{"id", g.id},
         {"name", g.name},
         {"description", g.description},
         {"kind", g.kind == GroupKind::kRule ? "rule" : "static"},
         {"rule", nullptr},
         {"created_at", FormatIsoUtc(g.created_at)},
         {"updated_at", FormatIsoUtc(g.updated_at)}};
  if (g.kind == GroupKind::kRule) j["rule"] = RuleToJson(g.rule);
  return j;
}

const char* StatusName(identity::UserStatus s) {
  switch (s) {
    case identity::UserStatus::kPending:
      return "pending";
    case identity::UserStatus::kActive:
      return "active";
    case identity::UserStatus::kBlocked:
      return "blocked";
    case identity::UserStatus::kDeleted:
      return "deleted";
  }
  return "";
}

Result<GroupSpec> ParseSpec(const std::string& body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  GroupSpec spec;
  spec.name = f.Str("name", {.max_len = Service::kMaxNameLen});
  spec.description = f.Str("description", {.required = false, .max_len = Service::kMaxDescriptionLen});
  std::string kind = f.Str("kind", {.max_len = 10});
  spec.members = f.IdList("members", false, Service::kMaxStaticMembers);
  const Json* rule = f.Raw("rule", false);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  if (kind == "rule") {
    spec.kind = GroupKind::kRule;
  } else if (kind != "static") {
    return MakeError("field_invalid", "kind", "expected \"static\" or \"rule\"");
  }
  if (rule != nullptr && !rule->is_null()) {
    auto r = RuleFromJson(*rule);
    if (!r.ok()) return r.error();
    spec.has_rule = true;
    spec.rule = std::move(*r);
  }
  return spec;
}

// Creates (id == 0) or replaces group `id` from the request body, with its audit entry.
http::Response Save(http::Context& ctx, Service& svc, audit::Service& audit, uint64_t id) {
  auto spec = ParseSpec(ctx.req.body);
  if (!spec.ok()) return http::ErrorResponse(spec.error(), ctx);
  auto saved = svc.env().Update([&](storage::WriteTxn& txn) -> Result<Group> {
    auto g = id == 0 ? svc.Create(txn, *spec) : svc.Update(txn, id, *spec);
    if (g.ok()) audit.Append(txn, AuditOf(ctx, id == 0 ? "group.create" : "group.update", *g));
    return g;
  });
  if (!saved.ok()) return http::ErrorResponse(saved.error(), ctx);
  return http::Json(id == 0 ? 201 : 200, GroupJson(*saved));
}

http::Response Remove(http::Context& ctx, Service& svc, audit::Service& audit, uint64_t id) {
  auto done = svc.env().Update([&](storage::WriteTxn& txn) -> Status {
    auto g = svc.Get(txn, id);
    if (!g.ok()) return g.error();
    OSIEDLE_RETURN_IF_ERROR(svc.Delete(txn, id));
    audit.Append(txn, AuditOf(ctx, "group.delete", *g));
    return {};
  });
  if (!done.ok()) return http::ErrorResponse(done.error(), ctx);
  return http::Json(200, {{"deleted", id}});
}

http::Response Members(http::Context& ctx, Service& svc, uint64_t id) {
  auto p = http::ParsePage(ctx, 50, Service::kMaxPage);
  if (!p.ok()) return http::ErrorResponse(p.error(), ctx);
  auto out = svc.env().View([&](const storage::ReadTxn& txn) -> Result<Json> {
    auto page = svc.Members(txn, id, p->offset, p->limit);
    if (!page.ok()) return page.error();
    Json members = Json::array();
    for (uint64_t uid : page->user_ids) {
      auto u = svc.directory().GetUser(txn, uid);
      if (!u) continue;
      members.push_back({{"id", u->id},
                         {"first_name", u->first_name},
                         {"last_name", u->last_name},
                         {"email", u->email},
                         {"status", StatusName(u->status)}});
    }
    return Json{{"total", page->total},
                {"offset", p->offset},
                {"limit", p->limit},
                {"user_ids", page->user_ids},
                {"members", members}};
  });
  return out.ok() ? http::Json(200, *out) : http::ErrorResponse(out.error(), ctx);
}

http::Response Preview(http::Context& ctx, Service& svc) {
  auto obj = json::ParseObject(ctx.req.body);
  if (!obj.ok()) return http::ErrorResponse(obj.error(), ctx);
  json::Fields f(*obj);
  const Json* raw = f.Raw("rule");
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  auto rule = RuleFromJson(*raw);
  if (!rule.ok()) return http::ErrorResponse(rule.error(), ctx);
  auto n = svc.env().View([&](const storage::ReadTxn& txn) { return svc.Count(txn, *rule); });
  if (!n.ok()) return http::ErrorResponse(n.error(), ctx);
  return http::Json(200, {{"count", *n}});
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc, audit::Service& audit) {
  const std::string kMissing = "group_not_found";  // a malformed {id} is a missing group
  routes.Add({"GET", "/api/v1/admin/groups", "groups:read",
              [&svc](http::Context&) {
                Json list = Json::array();
                svc.env().View([&](const storage::ReadTxn& txn) {
                  for (const Group& g : svc.List(txn)) list.push_back(GroupJson(g));
                });
                return http::Json(200, {{"groups", list}});
              },
              "List groups"});
  routes.Add({"POST", "/api/v1/admin/groups", "groups:manage",
              [&svc, &audit](http::Context& ctx) { return Save(ctx, svc, audit, 0); }, "Create a group"});
  routes.Add({"POST", "/api/v1/admin/groups/preview", "groups:read",
              [&svc](http::Context& ctx) { return Preview(ctx, svc); }, "Count the users a rule matches now"});
  routes.Add({"GET", "/api/v1/admin/groups/{id}", "groups:read", WithId([&svc](http::Context& ctx, uint64_t id) {
                auto out = svc.env().View([&](const storage::ReadTxn& txn) -> Result<Json> {
                  auto g = svc.Get(txn, id);
                  if (!g.ok()) return g.error();
                  auto members = svc.AllMembers(txn, id);
                  Json j = GroupJson(*g);
                  j["member_count"] = members.ok() ? members->size() : 0;
                  return j;
                });
                return out.ok() ? http::Json(200, *out) : http::ErrorResponse(out.error(), ctx);
              }, kMissing),
              "One group with its member count"});
  routes.Add({"PUT", "/api/v1/admin/groups/{id}", "groups:manage",
              WithId([&svc, &audit](http::Context& ctx, uint64_t id) { return Save(ctx, svc, audit, id); }, kMissing),
              "Replace a group"});
  routes.Add({"DELETE", "/api/v1/admin/groups/{id}", "groups:manage",
              WithId([&svc, &audit](http::Context& ctx, uint64_t id) { return Remove(ctx, svc, audit, id); },
                     kMissing),
              "Delete a group"});
  routes.Add({"GET", "/api/v1/admin/groups/{id}/members", "groups:read",
              WithId([&svc](http::Context& ctx, uint64_t id) { return Members(ctx, svc, id); }, kMissing),
              "One page of a group's members"});
}

}  // namespace osiedle::groups
