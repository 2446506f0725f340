#pragma once
// HTTP routes of the ads module. Staff changes are audited by the service in the same transaction.
#include "daemon/core/json.hpp"
#include "daemon/http/types.hpp"
#include "daemon/modules/ads/service.hpp"

namespace osiedle::ads {

// Adds:
//   GET    /api/v1/ads?placement=slider|stack       authenticated  {"items":[{id, title, advertiser, alt, image_url,
//                                                                  click_url}]} running now for the caller, by
//                                                                  position, ≤ 10; counts one impression each
//   GET    /api/v1/ads/{id}/click                   authenticated  302 Location: <link>, Cache-Control: no-store;
//                                                                  counts one click; 404 if the caller could not see it
//   GET    /api/v1/admin/ads?offset&limit           ads:manage     {total, offset, limit, items} newest first, with
//                                                                  "impressions" and "clicks" totals
//   POST   /api/v1/admin/ads                        ads:manage     {title, advertiser?, image_id, alt, link, paid?,
//                                                                  price? (grosze, paid only), notes?, starts_at,
//                                                                  ends_at, groups?, placement, position?, enabled?}
//                                                                  → 201 banner
//   GET    /api/v1/admin/ads/{id}                   ads:manage     banner: the POST fields (price null when unset)
//                                                                  + id, image_url, state (disabled | scheduled |
//                                                                  running | ended), impressions, clicks,
//                                                                  created_by, created_at, updated_at (ISO)
//   PUT    /api/v1/admin/ads/{id}                   ads:manage     same body as POST, full replacement
//   DELETE /api/v1/admin/ads/{id}                   ads:manage     → {"deleted": id}
//   GET    /api/v1/admin/ads/{id}/stats?from&to     ads:manage     {"days":[{date, impressions, clicks}]} (dates
//                                                                  YYYY-MM-DD UTC, inclusive, ≤ 366 days)
//   GET    /api/v1/admin/ads/stats.csv?from&to      ads:manage     text/csv attachment (Service::ExportCsv)
// Readers with ads:manage count as staff (not limited by targeting). REQUIRES: service outlives the table.
void RegisterRoutes(http::RouteTable& routes, Service& service);

// The slider items for the caller as JSON text, byte for byte the items GET /api/v1/ads?placement=slider answers
// (counts impressions; home page). Each banner's text is rendered once and reused while it is unchanged.
std::string SliderText(Service& service, const http::Context& ctx);

}  // namespace osiedle::ads
