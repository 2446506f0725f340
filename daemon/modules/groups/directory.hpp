#pragma once
// What groups needs to know about users, flats, roles and departments. Production code uses
// IdentityDirectory (identity_directory.hpp); tests use an in-memory fake.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "daemon/modules/identity/model.hpp"
#include "storage/env.hpp"

namespace osiedle::groups {

// Read-only lookups within the caller's transaction. Implementations must be thread-safe.
class Directory {
 public:
  virtual ~Directory() = default;

  // Calls fn for every user (any status, any order) until fn returns false.
  virtual void ForEachUser(const storage::ReadTxn& txn, const std::function<bool(const identity::User&)>& fn) const = 0;
  virtual std::optional<identity::User> GetUser(const storage::ReadTxn& txn, uint64_t id) const = 0;
  // Flats whose ownership by the user is verified.
  virtual std::vector<identity::Flat> VerifiedFlatsOf(const storage::ReadTxn& txn, uint64_t user_id) const = 0;
  virtual std::optional<identity::Building> GetBuilding(const storage::ReadTxn& txn, uint64_t id) const = 0;
  virtual bool HasPendingRegistration(const storage::ReadTxn& txn, uint64_t user_id) const = 0;

  // Sorted user ids having the role / in the department (any status).
  virtual std::vector<uint64_t> UsersWithRole(const storage::ReadTxn& txn, uint64_t role_id) const = 0;
  virtual std::vector<uint64_t> UsersInDepartment(const storage::ReadTxn& txn, uint64_t department_id) const = 0;
  virtual std::vector<uint64_t> RolesOf(const storage::ReadTxn& txn, uint64_t user_id) const = 0;
  virtual std::vector<uint64_t> DepartmentsOf(const storage::ReadTxn& txn, uint64_t user_id) const = 0;
};

}  // namespace osiedle::groups
