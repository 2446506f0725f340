#pragma once
// Admin API of the audit log (all routes need "audit:read"):
//   GET /api/v1/admin/audit?actor=&user=&action=&before=&limit=  → {entries:[...], next_before}
//   GET /api/v1/admin/audit/verify                                → {ok, entries, first_bad_id}
//   GET /api/v1/admin/audit/export                                → JSON Lines, oldest first
#include "daemon/http/types.hpp"
#include "daemon/modules/audit/service.hpp"

namespace osiedle::audit {

// Adds the audit routes. `service` must outlive the table.
void RegisterRoutes(http::RouteTable& table, Service& service);

}  // namespace osiedle::audit
