#pragma once
// Roles, the permission registry and departments.
// Built-in roles (ids fixed, stored in FORMAT.md): 1 Administrator (every permission),
// 2 Pracownik (staff), 3 Mieszkaniec (resident). Custom roles get ids from 100 up.
// Administrator's permissions are computed (the whole registry), so permissions added later are
// included automatically; Pracownik and Mieszkaniec are stored and editable.
// Functions without a txn open their own read transaction: never call them inside Update/View.
// Thread-safety: every function is safe from many threads (state lives in LMDB).
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/result.hpp"
#include "storage/env.hpp"

namespace osiedle::roles {

inline constexpr uint64_t kAdministrator = 1;
inline constexpr uint64_t kStaff = 2;
inline constexpr uint64_t kResident = 3;

struct PermissionInfo {
  std::string name;    // "users:verify"
  std::string module;  // "users"
  std::string description_pl;
  std::string description_en;
};

// The one permission registry (module:action). Every route's permission is in it.
// Order: as listed in permissions.cpp (grouped by module).
const std::vector<PermissionInfo>& Registry();
bool IsKnownPermission(std::string_view name);
// The permissions the built-in Pracownik role is seeded with.
const std::vector<std::string>& StaffPermissions();

struct Role {
  uint64_t id = 0;
  std::string name;
  std::string description;
  std::vector<std::string> permissions;  // sorted
  bool builtin = false;
};

struct Department {
  uint64_t id = 0;
  std::string name;
  std::string email;  // where work routed to the department is announced (optional)
};

class Service {
 public:
  // Opens the tables. REQUIRES: called at start-up.
  explicit Service(storage::Env& env);

  // Migration step: creates the built-in roles (idempotent).
  void SeedBuiltins(storage::WriteTxn& txn);
  // Migration step for permissions added after a store was created: gives `role_id` (if it exists) each of
  // `permissions` it lacks. Idempotent.
  void Grant(storage::WriteTxn& txn, uint64_t role_id, const std::vector<std::string>& permissions);

  // All roles by id (built-ins first).
  std::vector<Role> ListRoles() const;
  std::vector<Role> ListRoles(const storage::ReadTxn& txn) const;
  // Errors: "role_not_found".
  Result<Role> GetRole(uint64_t id) const;
  Result<Role> GetRole(const storage::ReadTxn& txn, uint64_t id) const;
  // role.id and role.builtin are ignored; the new id is >= 100. Names are unique ignoring case
  // and Polish diacritics. Errors: "field_required" / "field_too_long" (name, description),
  // "role_name_taken", "permission_unknown" (detail = name).
  Result<Role> CreateRole(storage::WriteTxn& txn, const Role& role);
  // Replaces name, description and permissions of role.id. Built-in Administrator cannot be
  // changed ("role_builtin"); the other built-ins keep their name ("role_builtin", field name)
  // but their description and permissions can change. Errors as CreateRole, "role_not_found".
  Result<Role> UpdateRole(storage::WriteTxn& txn, const Role& role);

  // Role ids of a user (sorted).
  std::vector<uint64_t> RolesOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  // Union of the permissions of the user's roles.
  std::set<std::string> PermissionsOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  // Replaces the user's roles (duplicates ignored). Errors: "role_not_found" (detail = id).
  // Does NOT know user status, so it does not protect the last administrator: the caller
  // (identity) checks CountUsersWithRole(txn, kAdministrator) against active users first and
  // refuses with "last_admin".
  Status SetUserRoles(storage::WriteTxn& txn, uint64_t user_id, const std::vector<uint64_t>& role_ids);
  // Users having a role, sorted (for rule groups). Includes users of any status.
  std::vector<uint64_t> UsersWithRole(const storage::ReadTxn& txn, uint64_t role_id) const;
  // How many users have the role (any status); cheap for small roles like Administrator.
  uint64_t CountUsersWithRole(const storage::ReadTxn& txn, uint64_t role_id) const;

  // All departments by id.
  std::vector<Department> ListDepartments() const;
  std::vector<Department> ListDepartments(const storage::ReadTxn& txn) const;
  // Errors: "department_not_found".
  Result<Department> GetDepartment(const storage::ReadTxn& txn, uint64_t id) const;
  // d.id is ignored. Errors: "field_required" / "field_too_long" (name), "email_invalid",
  // "department_name_taken".
  Result<Department> CreateDepartment(storage::WriteTxn& txn, const Department& d);
  // Replaces name and email of d.id. Errors as CreateDepartment, "department_not_found".
  Result<Department> UpdateDepartment(storage::WriteTxn& txn, const Department& d);
  // Department ids of a user (sorted).
  std::vector<uint64_t> DepartmentsOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  // Replaces the user's departments. Errors: "department_not_found" (detail = id).
  Status SetUserDepartments(storage::WriteTxn& txn, uint64_t user_id, const std::vector<uint64_t>& ids);
  // Users in a department, sorted.
  std::vector<uint64_t> UsersInDepartment(const storage::ReadTxn& txn, uint64_t department_id) const;

  storage::Env& env() { return env_; }

  static constexpr size_t kMaxNameLen = 100;
  static constexpr size_t kMaxDescriptionLen = 1000;
  static constexpr uint64_t kFirstCustomRoleId = 100;

 private:
  Status CheckRoleFields(const storage::ReadTxn& txn, Role& role, uint64_t self_id) const;
  Status CheckDepartmentFields(const storage::ReadTxn& txn, Department& d, uint64_t self_id) const;

  storage::Env& env_;
  storage::Table roles_;             // roles.roles: u64 id → role
  storage::Table user_roles_;        // roles.user_roles: u64 user, u64 role → ""
  storage::Table role_users_;        // roles.user_roles.by_role: u64 role, u64 user → ""
  storage::Table departments_;       // roles.departments: u64 id → department
  storage::Table user_departments_;  // roles.user_departments: u64 user, u64 dept → ""
  storage::Table department_users_;  // roles.user_departments.by_department: u64 dept, u64 user → ""
};

}  // namespace osiedle::roles
