#pragma once
// Upload routes:
//   POST /api/v1/admin/uploads  (raw bytes as the body, any Content-Type; staff holding documents:manage, ads:manage,
//                                news:publish or information:manage) → 201 {"id","kind","mime","size"}
//   GET  /api/v1/images/{id}    (public; images only — a PDF id answers 404) → the image, cached immutably.
// PDFs are never served here: each is reachable only through the module that owns its access rules (documents).
#include "daemon/http/types.hpp"
#include "daemon/modules/uploads/service.hpp"

namespace osiedle::uploads {

void RegisterRoutes(http::RouteTable& routes, Service& service);

}  // namespace osiedle::uploads
