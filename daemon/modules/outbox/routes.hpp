#pragma once
// Admin API of the outbox (permission "outbox:read"):
//   GET /api/v1/admin/outbox?limit=  → {depth, messages:[{id,to,subject,state,attempts,last_error,
//                                        created_at,next_attempt_at,sent_at}]}  (newest first, no bodies)
#include "daemon/http/types.hpp"
#include "daemon/modules/outbox/service.hpp"

namespace osiedle::outbox {

// Adds the outbox routes. `service` must outlive the table.
void RegisterRoutes(http::RouteTable& table, Service& service);

}  // namespace osiedle::outbox
