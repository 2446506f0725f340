#pragma once
// HTTP routes of registration letters (permission letters:manage). Changes are audited by the service.
#include "daemon/http/types.hpp"
#include "daemon/modules/letters/document.hpp"
#include "daemon/modules/letters/service.hpp"

namespace osiedle::letters {

// Adds:
//   POST /api/v1/admin/letters                       {building_id} | {flat_ids: [..]} | {} (every flat);
//                                                    ?format=pdf (default) | csv → the letters as an attachment
//                                                    listy-rejestracyjne-<YYYY-MM-DD>.pdf|csv (the only time the
//                                                    plain codes exist). 400 format_invalid
//   GET  /api/v1/admin/flats/{id}/letter-codes       {items: [{id, created_at, created_by, status, used_at,
//                                                    used_by_user_id, revoked_at, revoked_by}]} (ISO times / null)
//   POST /api/v1/admin/letter-codes/{id}/revoke      {status: "revoked"}; 409 letter_code_not_active
// REQUIRES: service outlives the table.
void RegisterRoutes(http::RouteTable& routes, Service& service, Letterhead letterhead);

}  // namespace osiedle::letters
