#pragma once
// HTTP routes of the outages module. Staff changes are audited by the service.
#include "daemon/core/json.hpp"
#include "daemon/http/types.hpp"
#include "daemon/modules/outages/service.hpp"

namespace osiedle::outages {

// Adds:
//   GET  /api/v1/outages/active                        authenticated   the caller's active outages (banner)
//   GET  /api/v1/outages/{id}                          authenticated   404 not_found unless it affects the
//                                                                      caller (staff with outages:manage: any)
//   GET  /api/v1/public/buildings/{id}/outages         public          404 building_not_found /
//                                                                      outages_public_disabled
//   GET  /api/v1/admin/outages                         outages:manage  ?status=&building=&offset=&limit=
//   POST /api/v1/admin/outages                         outages:manage  {kind, title, description?, places[],
//                                                                      start_at, expected_end_at?, status?}
//   GET  /api/v1/admin/outages/{id}                    outages:manage
//   PUT  /api/v1/admin/outages/{id}                    outages:manage  as POST without status
//   POST /api/v1/admin/outages/{id}/updates            outages:manage  {text?, status?, expected_end_at?}
//   GET  /api/v1/admin/outages/public-buildings        outages:manage  building ids with the public page on
//   GET  /api/v1/admin/outages/places                  outages:manage  {estates:[{id, name, buildings:[{id,
//                                                                      address, staircases:[…]}]}]}
//   PUT  /api/v1/admin/outages/public-buildings/{id}   outages:manage  {enabled}
// Places carry names: {estate_id, estate_name} or {building_id, building_address, staircase?}; the public
// page also answers building_address. Lists answer {total, offset, limit, items}. Times are unix seconds.
// REQUIRES: service outlives the table.
void RegisterRoutes(http::RouteTable& routes, Service& service);

// The caller's active outages (first `limit`) as JSON text, byte for byte what GET /api/v1/outages/active answers
// (for the home page). Each outage's text is rendered once and reused while the outage and its place names are
// unchanged.
std::string ActiveText(Service& service, const http::Context& ctx, uint64_t limit);

}  // namespace osiedle::outages
