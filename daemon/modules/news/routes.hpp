#pragma once
// HTTP routes of the news module. Staff changes are audited by the service in the same transaction.
#include "daemon/core/json.hpp"
#include "daemon/http/types.hpp"
#include "daemon/modules/news/service.hpp"

namespace osiedle::news {

// Adds (lists take ?offset=0&limit=20, limit ≤ 100, and answer {total, offset, limit, items}):
//   GET    /api/v1/news                             authenticated  feed: pinned first, newest first, `unread`;
//                                                                 items carry image_id and image_url (or null)
//   GET    /api/v1/news/{id}                        authenticated  one item with body_html
//   POST   /api/v1/news/{id}/read                   authenticated  mark read
//   GET    /api/v1/news/{id}/comments               authenticated  visible comments, oldest first
//   POST   /api/v1/news/{id}/comments               authenticated  {body}
//   POST   /api/v1/news/comments/{id}/report        authenticated  once per user
//   GET    /api/v1/admin/news                       news:publish   every item, newest created first
//   POST   /api/v1/admin/news                       news:publish   {title, lead?, body?, image_id?, pinned?,
//                                                                 publish_at?, expire_at?, groups?, comments_enabled?}
//   GET    /api/v1/admin/news/{id}                  news:publish   item with body (Markdown), read and comment counts
//   PUT    /api/v1/admin/news/{id}                  news:publish   same body as POST, full replacement
//   DELETE /api/v1/admin/news/{id}                  news:publish
//   GET    /api/v1/admin/news/{id}/comments         news:moderate  all comments (?reported=1: reported only)
//   GET    /api/v1/admin/news/comments              news:moderate  comments across items with item_title and
//                                                                 last_reported_at (?reported=1: reported only, most
//                                                                 recently reported first; else newest first)
//   POST   /api/v1/admin/news/comments/{id}/hide    news:moderate  {reason}
//   POST   /api/v1/admin/news/comments/{id}/unhide  news:moderate
// Readers with news:publish or news:moderate count as staff (not limited by targeting or schedule).
// Items a reader may not see answer 404 not_found. REQUIRES: service outlives the table.
void RegisterRoutes(http::RouteTable& routes, Service& service);

// The first `limit` feed items of the caller as JSON text {"has_more": bool, "items": [as GET /api/v1/news]} —
// without the full count, which would visit the whole feed (for the home page). Each summary's text is
// rendered once for all readers and reused while the item's shown fields are unchanged.
std::string FeedHeadText(Service& service, const http::Context& ctx, uint64_t limit);

}  // namespace osiedle::news
