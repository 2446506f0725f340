#pragma once
// HTTP routes of the documents module. Staff changes are audited by the service in the same transaction.
#include "daemon/http/types.hpp"
#include "daemon/modules/documents/service.hpp"

namespace osiedle::documents {

// Adds (lists take ?offset=0&limit=20, limit ≤ 100, and answer {total, offset, limit, items}):
//   GET    /api/v1/documents/categories                 authenticated     {items:[{id,name,slug,statutory,position,
//                                                                          count}]} (count = documents visible to you)
//   GET    /api/v1/documents?category=&q=               authenticated     newest updated first: {id,title,description,
//                                                                          category_id,category,version,size,filename,
//                                                                          updated_at,file_url}
//   GET    /api/v1/documents/{id}                       authenticated     one (staff: + groups, downloads, versions)
//   GET    /api/v1/documents/{id}/file                  authenticated     the current PDF (counted)
//   GET    /api/v1/documents/{id}/versions/{n}/file     authenticated     version n's PDF for staff (documents:manage);
//                                                                          anyone else gets 404 not_found (counted)
//   GET    /api/v1/admin/documents?category=            documents:manage  every document, staff fields
//   POST   /api/v1/admin/documents                      documents:manage  {title, description?, category_id, groups?,
//                                                                          upload_id, filename, note?} → 201
//   PUT    /api/v1/admin/documents/{id}                 documents:manage  {title, description?, category_id, groups?}
//   POST   /api/v1/admin/documents/{id}/versions        documents:manage  {upload_id, filename, note?} → 201
//   DELETE /api/v1/admin/documents/{id}                 documents:manage  metadata only; files stay
//   POST   /api/v1/admin/documents/categories           documents:manage  {name, position?, statutory?} → 201
//   PUT    /api/v1/admin/documents/categories/{id}      documents:manage  same body
//   DELETE /api/v1/admin/documents/categories/{id}      documents:manage  409 category_not_empty if in use
// Readers with documents:manage count as staff. A document a reader may not see answers 404 not_found everywhere.
// Files are streamed (Response::file_path) as application/pdf, attachment, nosniff, private no-store.
// REQUIRES: service outlives the table.
void RegisterRoutes(http::RouteTable& routes, Service& service);

}  // namespace osiedle::documents
