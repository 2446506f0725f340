#pragma once
// HTTP routes of the contractor directory. Staff changes are audited by the
// service in the same transaction. A contractor a caller may not see (inactive,
// for residents) answers 404 not_found.
#include "daemon/http/types.hpp"
#include "daemon/modules/contractors/service.hpp"

namespace osiedle::contractors {

// The permission of every staff route.
inline constexpr const char* kManage = "contractors:manage";

// Adds:
//   GET  /api/v1/contractors?q=&category=&offset=&limit=   authenticated
//   {total, offset, limit, items} GET  /api/v1/contractors/categories
//   authenticated  {items} GET  /api/v1/contractors/{id}?offset=&limit=
//   authenticated  contractor + reviews page + my_review POST
//   /api/v1/contractors/{id}/reviews                  authenticated  {rating
//   1-5, text?} → 201; 409 review_exists GET
//   /api/v1/admin/contractors?q=&category=&offset=&limit=  contractors:manage
//   (inactive included) POST /api/v1/admin/contractors contractors:manage
//   contractor body → 201 PUT  /api/v1/admin/contractors/{id}
//   contractors:manage  same body, full replacement DELETE
//   /api/v1/admin/contractors/{id}                  contractors:manage GET
//   /api/v1/admin/contractors/categories              contractors:manage POST
//   /api/v1/admin/contractors/categories              contractors:manage {name}
//   → 201 POST /api/v1/admin/contractors/reviews/{id}/hide contractors:manage
//   {reason}
//   GET  /api/v1/admin/contractors/{id}?offset=&limit=   contractors:manage  as the
//        resident detail, inactive contractors and hidden reviews included
//   POST /api/v1/admin/contractors/reviews/{id}/unhide   contractors:manage  → review
// Contractor body: {name, category_ids?[], description?, phone?, email?,
// website?, service_area?, hours?, recommended?, active?} (absent optional
// fields are empty / false; active defaults to true). REQUIRES: service
// outlives the table.
void RegisterRoutes(http::RouteTable& routes, Service& service);

}  // namespace osiedle::contractors
