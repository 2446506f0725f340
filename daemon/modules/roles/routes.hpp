#pragma once
// HTTP routes of the roles module (permissions registry, roles, departments). Every change is
// recorded in the audit log in the same transaction.
#include "daemon/http/types.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/roles/service.hpp"

namespace osiedle::roles {

// Adds:
//   GET  /api/v1/admin/permissions          roles:manage   registry grouped by module (PL/EN)
//   GET  /api/v1/admin/roles                users:manage   roles with user counts
//   GET  /api/v1/admin/roles/{id}           users:manage
//   POST /api/v1/admin/roles                roles:manage   {name, description?, permissions[]}
//   PUT  /api/v1/admin/roles/{id}           roles:manage   same body, full replacement
//   GET  /api/v1/admin/departments          users:read
//   POST /api/v1/admin/departments          roles:manage   {name, email?}
//   PUT  /api/v1/admin/departments/{id}     roles:manage   same body
// REQUIRES: service and audit outlive the table.
void RegisterRoutes(http::RouteTable& routes, Service& service, audit::Service& audit);

}  // namespace osiedle::roles
