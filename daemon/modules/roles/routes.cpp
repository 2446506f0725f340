#include "daemon/modules/roles/routes.hpp"

#include <map>

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::roles {
namespace {

using http::PathId;
using json::Json;

Json RoleJson(const Role& r, uint64_t user_count) {
  return Json{
      {"id", r.id},           {"name", r.name},          {"description", r.description}, {"permissions", r.permissions},
      {"builtin", r.builtin}, {"user_count", user_count}};
}

Json DepartmentJson(const Department& d) { return Json{{"id", d.id}, {"name", d.name}, {"email", d.email}}; }

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

// Decodes {name, description?, permissions[]} into `role`.
Status ParseRole(const std::string& body, Role& role) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  role.name = f.Str("name", {.max_len = Service::kMaxNameLen});
  role.description = f.Str("description", {.required = false, .max_len = Service::kMaxDescriptionLen});
  role.permissions = f.StrList("permissions", true, 500, 64);
  return f.Finish();
}

Status ParseDepartment(const std::string& body, Department& d) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  d.name = f.Str("name", {.max_len = Service::kMaxNameLen});
  d.email = f.Str("email", {.required = false, .max_len = 254});
  return f.Finish();
}

http::Response Permissions(const http::Context& ctx) {
  std::map<std::string, Json> by_module;
  std::vector<std::string> order;
  const bool en = ctx.principal.lang == "en";
  for (const auto& p : Registry()) {
    if (!by_module.count(p.module)) {
      order.push_back(p.module);
      by_module[p.module] = Json::array();
    }
    by_module[p.module].push_back({{"name", p.name},
                                   {"description", en ? p.description_en : p.description_pl},
                                   {"description_pl", p.description_pl},
                                   {"description_en", p.description_en}});
  }
  Json modules = Json::array();
  for (const auto& m : order) modules.push_back({{"module", m}, {"permissions", by_module[m]}});
  return http::Json(200, {{"modules", modules}});
}

// Creates (id == 0) or replaces role `id` from the request body, with its audit entry.
http::Response SaveRole(http::Context& ctx, Service& svc, audit::Service& audit, uint64_t id) {
  Role input;
  if (auto st = ParseRole(ctx.req.body, input); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  input.id = id;
  auto saved = svc.env().Update([&](storage::WriteTxn& txn) -> Result<Role> {
    auto r = id == 0 ? svc.CreateRole(txn, input) : svc.UpdateRole(txn, input);
    if (!r.ok()) return r;
    audit.Append(txn, audit::MakeEntry(http::ActorOf(ctx), id == 0 ? "role.create" : "role.update", "role", r->id,
                                       r->name + ": " + Joined(r->permissions)));
    return r;
  });
  if (!saved.ok()) return http::ErrorResponse(saved.error(), ctx);
  uint64_t users = svc.env().View([&](const storage::ReadTxn& t) { return svc.CountUsersWithRole(t, saved->id); });
  return http::Json(id == 0 ? 201 : 200, RoleJson(*saved, users));
}

http::Response SaveDepartment(http::Context& ctx, Service& svc, audit::Service& audit, uint64_t id) {
  Department input;
  if (auto st = ParseDepartment(ctx.req.body, input); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  input.id = id;
  auto saved = svc.env().Update([&](storage::WriteTxn& txn) -> Result<Department> {
    auto d = id == 0 ? svc.CreateDepartment(txn, input) : svc.UpdateDepartment(txn, input);
    if (!d.ok()) return d;
    audit.Append(txn, audit::MakeEntry(http::ActorOf(ctx), id == 0 ? "department.create" : "department.update",
                                       "department", d->id, d->name));
    return d;
  });
  if (!saved.ok()) return http::ErrorResponse(saved.error(), ctx);
  return http::Json(id == 0 ? 201 : 200, DepartmentJson(*saved));
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc, audit::Service& audit) {
  routes.Add({"GET", "/api/v1/admin/permissions", "roles:manage", [](http::Context& ctx) { return Permissions(ctx); },
              "List the permission registry grouped by module"});
  routes.Add({"GET", "/api/v1/admin/roles", "users:manage",
              [&svc](http::Context&) {
                Json list = svc.env().View([&](const storage::ReadTxn& txn) {
                  Json out = Json::array();
                  for (const Role& r : svc.ListRoles(txn))
                    out.push_back(RoleJson(r, svc.CountUsersWithRole(txn, r.id)));
                  return out;
                });
                return http::Json(200, {{"roles", list}});
              },
              "List roles"});
  routes.Add({"GET", "/api/v1/admin/roles/{id}", "users:manage",
              [&svc](http::Context& ctx) {
                auto id = PathId(ctx);
                if (!id) return http::ErrorResponse(MakeError("role_not_found"), ctx);
                auto out = svc.env().View([&](const storage::ReadTxn& txn) -> Result<Json> {
                  auto r = svc.GetRole(txn, *id);
                  if (!r.ok()) return r.error();
                  return RoleJson(*r, svc.CountUsersWithRole(txn, r->id));
                });
                return out.ok() ? http::Json(200, *out) : http::ErrorResponse(out.error(), ctx);
              },
              "One role"});
  routes.Add({"POST", "/api/v1/admin/roles", "roles:manage",
              [&svc, &audit](http::Context& ctx) { return SaveRole(ctx, svc, audit, 0); }, "Create a custom role"});
  routes.Add({"PUT", "/api/v1/admin/roles/{id}", "roles:manage",
              [&svc, &audit](http::Context& ctx) {
                auto id = PathId(ctx);
                if (!id) return http::ErrorResponse(MakeError("role_not_found"), ctx);
                return SaveRole(ctx, svc, audit, *id);
              },
              "Change a role"});
  routes.Add({"GET", "/api/v1/admin/departments", "users:read",
              [&svc](http::Context&) {
                Json list = Json::array();
                for (const Department& d : svc.ListDepartments()) list.push_back(DepartmentJson(d));
                return http::Json(200, {{"departments", list}});
              },
              "List departments"});
  routes.Add({"POST", "/api/v1/admin/departments", "roles:manage",
              [&svc, &audit](http::Context& ctx) { return SaveDepartment(ctx, svc, audit, 0); },
              "Create a department"});
  routes.Add({"PUT", "/api/v1/admin/departments/{id}", "roles:manage",
              [&svc, &audit](http::Context& ctx) {
                auto id = PathId(ctx);
                if (!id) return http::ErrorResponse(MakeError("department_not_found"), ctx);
                return SaveDepartment(ctx, svc, audit, *id);
              },
              "Change a department"});
}

}  // namespace osiedle::roles
