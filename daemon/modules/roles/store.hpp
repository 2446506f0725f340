#pragma once
// On-disk encodings of the roles tables (storage/FORMAT.md, "roles"). Internal to the module.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/roles/service.hpp"

namespace osiedle::roles::store {

inline constexpr uint8_t kRoleVersion = 1;
inline constexpr uint8_t kDepartmentVersion = 1;

// roles.roles value v1: name, description, permissions (StrList), builtin (Bool).
std::string EncodeRole(const Role& r);
// nullopt if the value is corrupt or of an unknown version.
std::optional<Role> DecodeRole(uint64_t id, std::string_view value);

// roles.departments value v1: name, email.
std::string EncodeDepartment(const Department& d);
std::optional<Department> DecodeDepartment(uint64_t id, std::string_view value);

std::string IdKey(uint64_t id);

}  // namespace osiedle::roles::store
