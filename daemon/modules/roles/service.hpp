#pragma once
// Roles, the permission registry and departments.
// Built-in roles (ids fixed, stored in FORMAT.md): 1 Administrator (every permission),
// 2 Pracownik (staff), 3 Mieszkaniec (resident). Custom roles get ids from 100 up.
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
const std::vector<PermissionInfo>& Registry();
bool IsKnownPermission(std::string_view name);

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

  std::vector<Role> ListRoles() const;
  Result<Role> GetRole(uint64_t id) const;
  // Errors: "field_required" (name), "role_name_taken", "permission_unknown" (detail = name).
  Result<Role> CreateRole(storage::WriteTxn& txn, const Role& role);
  // Built-in Administrator cannot be changed ("role_builtin"); others can.
  Result<Role> UpdateRole(storage::WriteTxn& txn, const Role& role);

  // Role ids of a user (sorted).
  std::vector<uint64_t> RolesOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  // Union of the permissions of the user's roles.
  std::set<std::string> PermissionsOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  // Replaces the user's roles. Errors: "role_not_found".
  Status SetUserRoles(storage::WriteTxn& txn, uint64_t user_id, const std::vector<uint64_t>& role_ids);
  // Users having a role (for rule groups).
  std::vector<uint64_t> UsersWithRole(const storage::ReadTxn& txn, uint64_t role_id) const;

  std::vector<Department> ListDepartments() const;
  Result<Department> CreateDepartment(storage::WriteTxn& txn, const Department& d);
  std::vector<uint64_t> DepartmentsOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  Status SetUserDepartments(storage::WriteTxn& txn, uint64_t user_id, const std::vector<uint64_t>& ids);
  std::vector<uint64_t> UsersInDepartment(const storage::ReadTxn& txn, uint64_t department_id) const;

  storage::Env& env() { return env_; }

 private:
  storage::Env& env_;
  storage::Table roles_;             // roles.roles: u64 id → role
  storage::Table user_roles_;        // roles.user_roles: u64 user, u64 role → ""
  storage::Table role_users_;        // roles.user_roles.by_role: u64 role, u64 user → ""
  storage::Table departments_;       // roles.departments: u64 id → department
  storage::Table user_departments_;  // roles.user_departments: u64 user, u64 dept → ""
  storage::Table department_users_;  // roles.user_departments.by_department: u64 dept, u64 user → ""
};

}  // namespace osiedle::roles
