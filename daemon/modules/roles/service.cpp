#include "daemon/modules/roles/service.hpp"

#include <algorithm>

#include "daemon/core/utf8.hpp"
#include "daemon/modules/roles/store.hpp"
#include "storage/codec.hpp"
#include "storage/links.hpp"

namespace osiedle::roles {
namespace {

std::vector<std::string> AllPermissions() {
  std::vector<std::string> all;
  for (const auto& p : Registry()) all.push_back(p.name);
  std::sort(all.begin(), all.end());
  return all;
}

// Administrator's permissions are never read from disk: always the whole registry.
Role Hydrate(Role r) {
  if (r.id == kAdministrator) r.permissions = AllPermissions();
  return r;
}

std::vector<uint64_t> SortedUnique(std::vector<uint64_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

Service::Service(storage::Env& env)
    : env_(env),
      roles_(env.OpenTable("roles.roles")),
      user_roles_(env.OpenTable("roles.user_roles")),
      role_users_(env.OpenTable("roles.user_roles.by_role")),
      departments_(env.OpenTable("roles.departments")),
      user_departments_(env.OpenTable("roles.user_departments")),
      department_users_(env.OpenTable("roles.user_departments.by_department")) {}

void Service::SeedBuiltins(storage::WriteTxn& txn) {
  // Insert only: re-running never overwrites what an administrator changed in Pracownik/Mieszkaniec.
  const Role builtins[] = {
      {kAdministrator, "Administrator", "Pełny dostęp do wszystkich funkcji", {}, true},
      {kStaff, "Pracownik", "Pracownik biura spółdzielni", StaffPermissions(), true},
      {kResident, "Mieszkaniec", "Właściciel lokalu korzystający z portalu", {}, true},
  };
  for (const Role& r : builtins) txn.Insert(roles_, store::IdKey(r.id), store::EncodeRole(r));
}

void Service::Grant(storage::WriteTxn& txn, uint64_t role_id, const std::vector<std::string>& permissions) {
  auto v = txn.Get(roles_, store::IdKey(role_id));
  if (!v) return;
  auto role = store::DecodeRole(role_id, *v);
  if (!role) return;
  for (const std::string& p : permissions) {
    if (std::find(role->permissions.begin(), role->permissions.end(), p) == role->permissions.end()) {
      role->permissions.push_back(p);
    }
  }
  std::sort(role->permissions.begin(), role->permissions.end());
  txn.Put(roles_, store::IdKey(role_id), store::EncodeRole(*role));
}

std::vector<Role> Service::ListRoles() const {
  return env_.View([&](const storage::ReadTxn& txn) { return ListRoles(txn); });
}

std::vector<Role> Service::ListRoles(const storage::ReadTxn& txn) const {
  std::vector<Role> out;
  txn.Scan(roles_, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return true;
    if (auto r = store::DecodeRole(storage::GetU64BE(k), v)) out.push_back(Hydrate(std::move(*r)));
    return true;
  });
  return out;
}

Result<Role> Service::GetRole(uint64_t id) const {
  return env_.View([&](const storage::ReadTxn& txn) { return GetRole(txn, id); });
}

Result<Role> Service::GetRole(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(roles_, store::IdKey(id));
  if (!v) return MakeError("role_not_found");
  auto r = store::DecodeRole(id, *v);
  if (!r) return MakeError("role_not_found", {}, "corrupt record");
  return Hydrate(std::move(*r));
}

Status Service::CheckRoleFields(const storage::ReadTxn& txn, Role& role, uint64_t self_id) const {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(role.name, "name", kMaxNameLen, true));
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(role.description, "description", kMaxDescriptionLen, false));
  std::sort(role.permissions.begin(), role.permissions.end());
  role.permissions.erase(std::unique(role.permissions.begin(), role.permissions.end()), role.permissions.end());
  for (const auto& p : role.permissions) {
    if (!IsKnownPermission(p)) return MakeError("permission_unknown", "permissions", p);
  }
  const std::string folded = utf8::Fold(role.name);
  for (const Role& other : ListRoles(txn)) {
    if (other.id != self_id && utf8::Fold(other.name) == folded) return MakeError("role_name_taken", "name");
  }
  return {};
}

Result<Role> Service::CreateRole(storage::WriteTxn& txn, const Role& role) {
  Role r = role;
  OSIEDLE_RETURN_IF_ERROR(CheckRoleFields(txn, r, 0));
  r.id = kFirstCustomRoleId - 1 + txn.NextId(roles_);
  r.builtin = false;
  txn.Put(roles_, store::IdKey(r.id), store::EncodeRole(r));
  return r;
}

Result<Role> Service::UpdateRole(storage::WriteTxn& txn, const Role& role) {
  auto current = GetRole(txn, role.id);
  if (!current.ok()) return current.error();
  if (role.id == kAdministrator) return MakeError("role_builtin");
  Role r = role;
  OSIEDLE_RETURN_IF_ERROR(CheckRoleFields(txn, r, role.id));
  r.builtin = current->builtin;
  if (r.builtin && r.name != current->name) return MakeError("role_builtin", "name");
  txn.Put(roles_, store::IdKey(r.id), store::EncodeRole(r));
  return r;
}

std::vector<uint64_t> Service::RolesOf(const storage::ReadTxn& txn, uint64_t user_id) const {
  return storage::LinkedTo(txn, user_roles_, user_id);
}

std::set<std::string> Service::PermissionsOf(const storage::ReadTxn& txn, uint64_t user_id) const {
  std::set<std::string> out;
  for (uint64_t id : RolesOf(txn, user_id)) {
    auto r = GetRole(txn, id);
    if (r.ok()) out.insert(r->permissions.begin(), r->permissions.end());
  }
  return out;
}

Status Service::SetUserRoles(storage::WriteTxn& txn, uint64_t user_id, const std::vector<uint64_t>& role_ids) {
  std::vector<uint64_t> ids = SortedUnique(role_ids);
  for (uint64_t id : ids) {
    if (!txn.Contains(roles_, store::IdKey(id))) return MakeError("role_not_found", "roles", std::to_string(id));
  }
  storage::ReplaceLinks(txn, user_roles_, role_users_, user_id, ids);
  return {};
}

std::vector<uint64_t> Service::UsersWithRole(const storage::ReadTxn& txn, uint64_t role_id) const {
  return storage::LinkedTo(txn, role_users_, role_id);
}

uint64_t Service::CountUsersWithRole(const storage::ReadTxn& txn, uint64_t role_id) const {
  uint64_t n = 0;
  txn.Scan(role_users_, store::IdKey(role_id), [&](std::string_view, std::string_view) {
    ++n;
    return true;
  });
  return n;
}

std::vector<Department> Service::ListDepartments() const {
  return env_.View([&](const storage::ReadTxn& txn) { return ListDepartments(txn); });
}

std::vector<Department> Service::ListDepartments(const storage::ReadTxn& txn) const {
  std::vector<Department> out;
  txn.Scan(departments_, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return true;
    if (auto d = store::DecodeDepartment(storage::GetU64BE(k), v)) out.push_back(std::move(*d));
    return true;
  });
  return out;
}

Result<Department> Service::GetDepartment(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(departments_, store::IdKey(id));
  if (!v) return MakeError("department_not_found");
  auto d = store::DecodeDepartment(id, *v);
  if (!d) return MakeError("department_not_found", {}, "corrupt record");
  return *d;
}

Status Service::CheckDepartmentFields(const storage::ReadTxn& txn, Department& d, uint64_t self_id) const {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(d.name, "name", kMaxNameLen, true));
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(d.email, "email", 254, false));
  if (!d.email.empty()) {
    size_t at = d.email.find('@');
    bool ok = at != std::string::npos && at > 0 && at + 1 < d.email.size() &&
              d.email.find('@', at + 1) == std::string::npos &&
              d.email.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
    if (!ok) return MakeError("email_invalid", "email");
  }
  const std::string folded = utf8::Fold(d.name);
  for (const Department& other : ListDepartments(txn)) {
    if (other.id != self_id && utf8::Fold(other.name) == folded) return MakeError("department_name_taken", "name");
  }
  return {};
}

Result<Department> Service::CreateDepartment(storage::WriteTxn& txn, const Department& d) {
  Department out = d;
  OSIEDLE_RETURN_IF_ERROR(CheckDepartmentFields(txn, out, 0));
  out.id = txn.NextId(departments_);
  txn.Put(departments_, store::IdKey(out.id), store::EncodeDepartment(out));
  return out;
}

Result<Department> Service::UpdateDepartment(storage::WriteTxn& txn, const Department& d) {
  auto current = GetDepartment(txn, d.id);
  if (!current.ok()) return current.error();
  Department out = d;
  OSIEDLE_RETURN_IF_ERROR(CheckDepartmentFields(txn, out, d.id));
  txn.Put(departments_, store::IdKey(out.id), store::EncodeDepartment(out));
  return out;
}

std::vector<uint64_t> Service::DepartmentsOf(const storage::ReadTxn& txn, uint64_t user_id) const {
  return storage::LinkedTo(txn, user_departments_, user_id);
}

Status Service::SetUserDepartments(storage::WriteTxn& txn, uint64_t user_id, const std::vector<uint64_t>& ids) {
  std::vector<uint64_t> sorted = SortedUnique(ids);
  for (uint64_t id : sorted) {
    if (!txn.Contains(departments_, store::IdKey(id))) {
      return MakeError("department_not_found", "departments", std::to_string(id));
    }
  }
  storage::ReplaceLinks(txn, user_departments_, department_users_, user_id, sorted);
  return {};
}

std::vector<uint64_t> Service::UsersInDepartment(const storage::ReadTxn& txn, uint64_t department_id) const {
  return storage::LinkedTo(txn, department_users_, department_id);
}

}  // namespace osiedle::roles
