// Staff routes: verification queue, users, and the flats registry (browse and CSV import).
#include "daemon/modules/identity/routes_util.hpp"

namespace osiedle::identity::routes {

namespace {

constexpr size_t kImportMaxBody = 8u << 20;

// offset/limit query parameters; limit defaults to 50 and is capped at 500.
bool Page(const http::Context& ctx, size_t* offset, size_t* limit) {
  auto o = QueryU64(ctx, "offset", 0);
  auto l = QueryU64(ctx, "limit", 50);
  if (!o || !l) return false;
  *offset = *o;
  *limit = std::min<uint64_t>(*l, 500);
  return true;
}

http::Response ListRegistrations(Module& id, http::Context& ctx) {
  std::string s = ctx.req.Query("status");
  RegistrationStatus status = RegistrationStatus::kPending;
  if (s == "approved") {
    status = RegistrationStatus::kApproved;
  } else if (s == "rejected") {
    status = RegistrationStatus::kRejected;
  } else if (!s.empty() && s != "pending") {
    return http::ErrorResponse(MakeError("field_invalid", "status"), ctx);
  }
  size_t offset = 0, limit = 50;
  if (!Page(ctx, &offset, &limit)) return http::ErrorResponse(MakeError("field_invalid", "offset"), ctx);
  std::string order = ctx.req.Query("order");
  if (!order.empty() && order != "newest" && order != "oldest") {
    return http::ErrorResponse(MakeError("field_invalid", "order"), ctx);
  }
  RegistrationPage page = id.users.ListRegistrations(status, offset, limit, order == "oldest");
  Json items = Json::array();
  for (const RegistrationView& v : page.items) {
    Json j = RegistrationJson(v.registration);
    j["kw_match"] = v.registration.kw_match;
    j["given_kw_number"] = v.registration.kw_number;
    j["user"] = {{"id", v.user.id},
                 {"email", v.user.email},
                 {"first_name", v.user.first_name},
                 {"last_name", v.user.last_name},
                 {"phone", v.user.phone},
                 {"status", UserStatusName(v.user.status)}};
    j["registry"] = {{"flat", FlatJson(v.flat)},
                     {"building", {{"id", v.building.id}, {"address", v.building.address}}},
                     {"estate", v.estate_name},
                     {"kw_number", v.flat.kw_number},
                     {"member_number", v.flat.member_number}};
    items.push_back(std::move(j));
  }
  return http::Json(200, {{"total", page.total}, {"offset", offset}, {"limit", limit}, {"items", items}});
}

http::Response Approve(Module& id, http::Context& ctx) {
  auto rid = PathId(ctx);
  if (!rid) return http::ErrorResponse(MakeError("registration_not_found"), ctx);
  if (auto st = id.users.Approve(*rid, ActorOf(ctx)); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  return http::Json(200, {{"id", *rid}, {"status", "approved"}});
}

http::Response Reject(Module& id, http::Context& ctx) {
  auto rid = PathId(ctx);
  if (!rid) return http::ErrorResponse(MakeError("registration_not_found"), ctx);
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  std::string reason = f.Str("reason", {.max_len = 500});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (auto st = id.users.Reject(*rid, reason, ActorOf(ctx)); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  return http::Json(200, {{"id", *rid}, {"status", "rejected"}});
}

http::Response ListUsers(Module& id, http::Context& ctx) {
  UserQuery q;
  q.query = ctx.req.Query("query").substr(0, 200);
  std::string status = ctx.req.Query("status");
  if (!status.empty()) {
    const std::pair<const char*, UserStatus> names[] = {{"pending", UserStatus::kPending},
                                                        {"active", UserStatus::kActive},
                                                        {"blocked", UserStatus::kBlocked},
                                                        {"deleted", UserStatus::kDeleted}};
    for (const auto& [name, value] : names) {
      if (status == name) q.status = value;
    }
    if (!q.status) return http::ErrorResponse(MakeError("field_invalid", "status"), ctx);
  }
  for (auto [name, out] : {std::pair{"role", &q.role}, std::pair{"estate", &q.estate},
                           std::pair{"building", &q.building}, std::pair{"group", &q.group}}) {
    auto v = QueryU64(ctx, name, 0);
    if (!v) return http::ErrorResponse(MakeError("field_invalid", name), ctx);
    *out = *v;
  }
  if (!Page(ctx, &q.offset, &q.limit)) return http::ErrorResponse(MakeError("field_invalid", "offset"), ctx);
  UserPage page = id.users.ListUsers(q);
  Json items = Json::array();
  for (const UserSummary& s : page.items) {
    Json j = UserJson(s.user);
    j["roles"] = s.roles;
    items.push_back(std::move(j));
  }
  return http::Json(200, {{"total", page.total}, {"offset", q.offset}, {"limit", q.limit}, {"items", items}});
}

http::Response UserDetailRoute(Module& id, http::Context& ctx) {
  auto uid = PathId(ctx);
  if (!uid) return http::ErrorResponse(MakeError("user_not_found"), ctx);
  auto d = id.users.GetUserDetail(*uid);
  if (!d.ok()) return http::ErrorResponse(d.error(), ctx);
  Json flats = Json::array(), regs = Json::array();
  for (const FlatView& v : d->flats) flats.push_back(FlatViewJson(v));
  for (const Registration& r : d->registrations) regs.push_back(RegistrationJson(r));
  return http::Json(200, {{"user", UserJson(d->user)},
                          {"flats", flats},
                          {"roles", d->roles},
                          {"groups", d->groups},
                          {"registrations", regs}});
}

template <Status (Service::*Action)(uint64_t, const Actor&)>
http::Response UserAction(Module& id, http::Context& ctx) {
  auto uid = PathId(ctx);
  if (!uid) return http::ErrorResponse(MakeError("user_not_found"), ctx);
  if (auto st = (id.users.*Action)(*uid, ActorOf(ctx)); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  return http::Json(200, Json::object());
}

http::Response IssueReset(Module& id, http::Context& ctx) {
  auto uid = PathId(ctx);
  if (!uid) return http::ErrorResponse(MakeError("user_not_found"), ctx);
  auto link = id.auth.IssuePasswordReset(*uid, ActorOf(ctx));
  if (!link.ok()) return http::ErrorResponse(link.error(), ctx);
  return http::Json(200, {{"link", *link}});
}

http::Response SetRoles(Module& id, http::Context& ctx) {
  auto uid = PathId(ctx);
  if (!uid) return http::ErrorResponse(MakeError("user_not_found"), ctx);
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  std::vector<uint64_t> role_ids = f.IdList("roles", true, 100);
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (auto st = id.users.SetRoles(*uid, role_ids, ActorOf(ctx)); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  return http::Json(200, {{"roles", role_ids}});
}

http::Response Activity(Module& id, http::Context& ctx) {
  auto uid = PathId(ctx);
  if (!uid) return http::ErrorResponse(MakeError("user_not_found"), ctx);
  auto before = QueryU64(ctx, "before", 0);
  auto limit = QueryU64(ctx, "limit", 50);
  if (!before || !limit) return http::ErrorResponse(MakeError("field_invalid", "before"), ctx);
  Json items = Json::array();
  for (const audit::Entry& e : id.users.Activity(*uid, *before, std::min<uint64_t>(*limit, 500))) {
    items.push_back(AuditJson(e));
  }
  return http::Json(200, {{"items", items}});
}

http::Response Estates(Module& id, http::Context&) {
  Json out = Json::array();
  for (const Estate& e : id.registry.ListEstates()) out.push_back({{"id", e.id}, {"name", e.name}});
  return http::Json(200, out);
}

http::Response Buildings(Module& id, http::Context& ctx) {
  auto estate = QueryU64(ctx, "estate", 0);
  if (!estate) return http::ErrorResponse(MakeError("field_invalid", "estate"), ctx);
  Json out = Json::array();
  for (const BuildingView& b : id.registry.ListBuildings(*estate)) {
    out.push_back({{"id", b.building.id},
                   {"address", b.building.address},
                   {"estate_id", b.building.estate_id},
                   {"estate", b.estate_name},
                   {"flats", b.flats}});
  }
  return http::Json(200, out);
}

http::Response Flats(Module& id, http::Context& ctx) {
  auto building = ParseId(ctx.req.Query("building"));
  if (!building) return http::ErrorResponse(MakeError("field_required", "building"), ctx);
  auto flats = id.registry.ListFlats(*building);
  if (!flats.ok()) return http::ErrorResponse(flats.error(), ctx);
  Json out = Json::array();
  for (const Flat& f : *flats) out.push_back(FlatJson(f));
  return http::Json(200, out);
}

http::Response Import(Module& id, http::Context& ctx) {
  std::string dry = ctx.req.Query("dry_run");
  bool dry_run = dry == "1" || dry == "true";
  auto r = id.registry.ImportFlats(ctx.req.body, ctx.principal.user_id, dry_run);
  if (!r.ok()) return http::ErrorResponse(r.error(), ctx);
  Json errors = Json::array();
  for (const ImportLineError& e : r->errors) errors.push_back({{"line", e.line}, {"code", e.code}, {"field", e.field}});
  return http::Json(200, {{"imported", r->imported},
                          {"updated", r->updated},
                          {"unchanged", r->unchanged},
                          {"error_count", r->error_count},
                          {"errors", errors},
                          {"dry_run", r->dry_run}});
}

}  // namespace

void AddAdminRoutes(http::RouteTable& t, Module& id) {
  auto bind = [&id](http::Response (*fn)(Module&, http::Context&)) {
    return [&id, fn](http::Context& ctx) { return fn(id, ctx); };
  };
  t.Add({"GET", "/api/v1/admin/registrations", "users:verify", bind(ListRegistrations),
         "Registrations by status with the registry side by side"});
  t.Add({"POST", "/api/v1/admin/registrations/{id}/approve", "users:verify", bind(Approve), "Approve a registration"});
  t.Add({"POST", "/api/v1/admin/registrations/{id}/reject", "users:verify", bind(Reject),
         "Reject a registration with a reason"});
  t.Add({"GET", "/api/v1/admin/users", "users:read", bind(ListUsers), "Users, filtered and paginated"});
  t.Add({"GET", "/api/v1/admin/users/{id}", "users:read", bind(UserDetailRoute), "One user with flats and roles"});
  t.Add({"POST", "/api/v1/admin/users/{id}/block", "users:manage", bind(UserAction<&Service::Block>),
         "Block a user (ends their sessions)"});
  t.Add({"POST", "/api/v1/admin/users/{id}/unblock", "users:manage", bind(UserAction<&Service::Unblock>),
         "Unblock a user"});
  t.Add({"POST", "/api/v1/admin/users/{id}/password-reset", "users:manage", bind(IssueReset),
         "Issue a password reset link (also mailed)"});
  t.Add({"PUT", "/api/v1/admin/users/{id}/roles", "roles:manage", bind(SetRoles), "Replace a user's roles"});
  t.Add({"GET", "/api/v1/admin/users/{id}/activity", "users:read", bind(Activity), "A user's activity history"});
  t.Add({"GET", "/api/v1/admin/estates", "flats:read", bind(Estates), "Estates"});
  t.Add({"GET", "/api/v1/admin/buildings", "flats:read", bind(Buildings), "Buildings (?estate=)"});
  t.Add({"GET", "/api/v1/admin/flats", "flats:read", bind(Flats), "Flats of a building (?building=)"});
  http::Route import{"POST", "/api/v1/admin/flats/import", "flats:import", bind(Import),
                     "Import the flats register from CSV (?dry_run=1 to preview)"};
  import.max_body = kImportMaxBody;
  t.Add(std::move(import));
}

}  // namespace osiedle::identity::routes
