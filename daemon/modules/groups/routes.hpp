#pragma once
// HTTP routes of the groups module. Changes are recorded in the audit log in the same transaction.
#include "daemon/http/types.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/groups/service.hpp"

namespace osiedle::groups {

// Adds:
//   GET    /api/v1/admin/groups                 groups:read
//   POST   /api/v1/admin/groups                 groups:manage  {name, description?, kind, members?, rule?}
//   POST   /api/v1/admin/groups/preview         groups:read    {rule} → {count}
//   GET    /api/v1/admin/groups/{id}            groups:read    group + member_count
//   PUT    /api/v1/admin/groups/{id}            groups:manage  same body as POST, full replacement
//   DELETE /api/v1/admin/groups/{id}            groups:manage
//   GET    /api/v1/admin/groups/{id}/members    groups:read    ?offset=0&limit=50 (≤ 500)
// REQUIRES: service and audit outlive the table.
void RegisterRoutes(http::RouteTable& routes, Service& service, audit::Service& audit);

}  // namespace osiedle::groups
