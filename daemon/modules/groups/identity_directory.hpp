#pragma once
// Directory over the real services: identity::Service for users and flats, roles::Service for
// roles and departments. A template so this header does not depend on identity's headers; the
// wiring code instantiates it:  groups::IdentityDirectory<identity::Service> dir(identity, roles);
#include "daemon/modules/groups/directory.hpp"
#include "daemon/modules/roles/service.hpp"

namespace osiedle::groups {

// REQUIRES: Identity provides ForEachUser, GetUser, VerifiedFlatsOf, GetBuilding and
// HasPendingRegistration with the signatures of Directory; both services outlive this object.
template <typename Identity>
class IdentityDirectory final : public Directory {
 public:
  IdentityDirectory(const Identity& identity, const roles::Service& roles) : identity_(identity), roles_(roles) {}

  void ForEachUser(const storage::ReadTxn& txn, const std::function<bool(const identity::User&)>& fn) const override {
    identity_.ForEachUser(txn, fn);
  }
  std::optional<identity::User> GetUser(const storage::ReadTxn& txn, uint64_t id) const override {
    return identity_.GetUser(txn, id);
  }
  std::vector<identity::Flat> VerifiedFlatsOf(const storage::ReadTxn& txn, uint64_t user_id) const override {
    return identity_.VerifiedFlatsOf(txn, user_id);
  }
  std::optional<identity::Building> GetBuilding(const storage::ReadTxn& txn, uint64_t id) const override {
    return identity_.GetBuilding(txn, id);
  }
  bool HasPendingRegistration(const storage::ReadTxn& txn, uint64_t user_id) const override {
    return identity_.HasPendingRegistration(txn, user_id);
  }
  std::vector<uint64_t> UsersWithRole(const storage::ReadTxn& txn, uint64_t role_id) const override {
    return roles_.UsersWithRole(txn, role_id);
  }
  std::vector<uint64_t> UsersInDepartment(const storage::ReadTxn& txn, uint64_t department_id) const override {
    return roles_.UsersInDepartment(txn, department_id);
  }
  std::vector<uint64_t> RolesOf(const storage::ReadTxn& txn, uint64_t user_id) const override {
    return roles_.RolesOf(txn, user_id);
  }
  std::vector<uint64_t> DepartmentsOf(const storage::ReadTxn& txn, uint64_t user_id) const override {
    return roles_.DepartmentsOf(txn, user_id);
  }

 private:
  const Identity& identity_;
  const roles::Service& roles_;
};

}  // namespace osiedle::groups
