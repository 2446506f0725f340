#include "daemon/modules/roles/store.hpp"

#include "storage/codec.hpp"

namespace osiedle::roles::store {

std::string EncodeRole(const Role& r) {
  storage::Writer w(kRoleVersion);
  w.Str(r.name).Str(r.description).StrList(r.permissions).Bool(r.builtin);
  return w.Take();
}

std::optional<Role> DecodeRole(uint64_t id, std::string_view value) {
  storage::Reader rd(value);
  if (rd.version() != kRoleVersion) return std::nullopt;
  Role r;
  r.id = id;
  r.name = rd.Str();
  r.description = rd.Str();
  r.permissions = rd.StrList();
  r.builtin = rd.Bool();
  if (!rd.ok()) return std::nullopt;
  return r;
}

std::string EncodeDepartment(const Department& d) {
  storage::Writer w(kDepartmentVersion);
  w.Str(d.name).Str(d.email);
  return w.Take();
}

std::optional<Department> DecodeDepartment(uint64_t id, std::string_view value) {
  storage::Reader rd(value);
  if (rd.version() != kDepartmentVersion) return std::nullopt;
  Department d;
  d.id = id;
  d.name = rd.Str();
  d.email = rd.Str();
  if (!rd.ok()) return std::nullopt;
  return d;
}

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }

}  // namespace osiedle::roles::store
