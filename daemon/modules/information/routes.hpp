#pragma once
// HTTP routes of the information module. Staff changes are audited by the
// service in the same transaction.
#include "daemon/http/types.hpp"
#include "daemon/modules/information/service.hpp"

namespace osiedle::information {

// Adds (lists take ?offset=0&limit=20, limit ≤ 100, and answer {total, offset,
// limit, items}):
//   GET    /api/v1/info/sections                          authenticated
//   sections with the caller's pages GET    /api/v1/info/pages/{id}
//   authenticated       page, form counters, my submissions POST
//   /api/v1/info/pages/{id}/submissions            authenticated {answers:
//   {key: value}} → 201 GET    /api/v1/me/submissions authenticated       the
//   caller's submissions, newest first POST /api/v1/me/submissions/{id}/cancel
//   authenticated       cancel one's own GET    /api/v1/admin/info/sections
//   information:manage  every section POST   /api/v1/admin/info/sections
//   information:manage  {title, position?} PUT /api/v1/admin/info/sections/{id}
//   information:manage  {title, position?} DELETE
//   /api/v1/admin/info/sections/{id}               information:manage  409
//   section_not_empty GET    /api/v1/admin/info/pages information:manage  every
//   page, newest first POST   /api/v1/admin/info/pages information:manage
//   {section_id, title, body?, groups?,
//                                                                              position?, published?, form?}
//   GET    /api/v1/admin/info/pages/{id}                  information:manage
//   page with Markdown source and form PUT    /api/v1/admin/info/pages/{id}
//   information:manage  same body as POST, full replacement DELETE
//   /api/v1/admin/info/pages/{id}                  information:manage  with its
//   submissions GET    /api/v1/admin/info/pages/{id}/submissions
//   information:manage  ?status=&mine=1 GET
//   /api/v1/admin/info/pages/{id}/submissions.csv  information:manage  CSV for
//   Excel PATCH  /api/v1/admin/info/submissions/{id} information:manage
//   {status?, note?}
// Readers with information:manage count as staff (see unpublished and
// untargeted pages). Pages a reader may not see answer 404 not_found. REQUIRES:
// service outlives the table.
void RegisterRoutes(http::RouteTable &routes, Service &service);

} // namespace osiedle::information
