#include "daemon/modules/news/routes.hpp"

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::news {
namespace {

using http::WithId;
using json::Json;

Result<http::PageRequest> ParsePage(const http::Context& ctx) {
  return http::ParsePage(ctx, Service::kDefaultPage, Service::kMaxPage);
}

Viewer ViewerOf(const http::Context& ctx) {
  return Viewer{ctx.principal.user_id, ctx.principal.Can("news:publish") || ctx.principal.Can("news:moderate")};
}

using http::ActorOf;

const char* StateName(ItemState s) {
  switch (s) {
    case ItemState::kScheduled:
      return "scheduled";
    case ItemState::kPublished:
      return "published";
    case ItemState::kExpired:
      return "expired";
  }
  return "";
}

Json Time(int64_t t) { return t == 0 ? Json(nullptr) : Json(FormatIsoUtc(t)); }

// The list form: no body. `staff` adds targeting, schedule and counters.
Json SummaryJson(const ItemView& v, bool staff) {
  const Item& i = v.item;
  Json j{{"id", i.id},
         {"title", i.title},
         {"lead", i.lead},
         {"image_id", i.image_id.empty() ? Json(nullptr) : Json(i.image_id)},
         {"image_url", i.image_id.empty() ? Json(nullptr) : Json("/api/v1/images/" + i.image_id)},
         {"pinned", i.pinned},
         {"published_at", FormatIsoUtc(i.publish_at)},
         {"comments_enabled", i.comments_enabled},
         {"comment_count", v.stats.comments},
         {"unread", !v.read}};
  if (staff) {
    j["state"] = StateName(v.state);
    j["publish_at"] = i.publish_at;
    j["expire_at"] = i.expire_at == 0 ? Json(nullptr) : Json(i.expire_at);
    j["expires_at"] = Time(i.expire_at);
    j["groups"] = i.groups;
    j["read_count"] = v.stats.reads;
    j["author_id"] = i.author_id;
    j["created_at"] = FormatIsoUtc(i.created_at);
    j["updated_at"] = FormatIsoUtc(i.updated_at);
  }
  return j;
}

Json ItemJson(const ItemView& v, bool staff) {
  Json j = SummaryJson(v, staff);
  j["body_html"] = v.item.body_html;
  if (staff) j["body"] = v.item.body_md;
  return j;
}

Json CommentJson(const Comment& c, bool staff) {
  Json j{{"id", c.id},
         {"item_id", c.item_id},
         {"author_name", c.author_name},
         {"body", c.body},
         {"created_at", FormatIsoUtc(c.created_at)}};
  if (staff) {
    j["author_id"] = c.author_id;
    j["hidden"] = c.hidden;
    j["hidden_reason"] = c.hidden_reason;
    j["hidden_by"] = c.hidden_by;
    j["hidden_at"] = Time(c.hidden_at);
    j["report_count"] = c.reports;
  }
  return j;
}

template <typename T, typename F>
Json PageJson(const Page<T>& page, F&& item_json) {
  Json items = Json::array();
  for (const T& t : page.items) items.push_back(item_json(t));
  return Json{{"total", page.total}, {"offset", page.offset}, {"limit", page.limit}, {"items", items}};
}

Result<ItemInput> ParseInput(const std::string& body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  ItemInput in;
  in.title = f.Str("title", {.max_len = Service::kMaxTitleLen});
  in.lead = f.Str("lead", {.required = false, .max_len = Service::kMaxLeadLen});
  in.body_md = f.Str("body", {.required = false, .max_len = Service::kMaxBodyLen});
  in.image_id = f.Str("image_id", {.required = false, .max_len = Service::kMaxImageIdLen});
  in.pinned = f.Bool("pinned", false).value_or(false);
  // null means "not set" for the times.
  for (auto [name, out] : {std::pair{"publish_at", &in.publish_at}, std::pair{"expire_at", &in.expire_at}}) {
    if (f.Has(name) && (*obj)[name].is_null()) {
      f.Raw(name, false);
    } else {
      *out = f.Int(name, false, 0, Service::kMaxTime).value_or(0);
    }
  }
  in.groups = f.IdList("groups", false, Service::kMaxGroups);
  in.comments_enabled = f.Bool("comments_enabled", false).value_or(false);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return in;
}

// One-field bodies: {body} for a comment, {reason} for hiding.
Result<std::string> ParseText(const std::string& body, const char* name, size_t max_len) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  std::string s = f.Str(name, {.max_len = max_len});
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return s;
}

template <typename T, typename F>
http::Response Answer(const http::Context& ctx, const Result<T>& r, int status, F&& to_json) {
  return r.ok() ? http::Json(status, to_json(*r)) : http::ErrorResponse(r.error(), ctx);
}

http::Response Saved(const http::Context& ctx, Service& svc, const Result<Item>& item, int status) {
  if (!item.ok()) return http::ErrorResponse(item.error(), ctx);
  auto view = svc.AdminGet(item->id);
  return Answer(ctx, view, status, [](const ItemView& v) { return ItemJson(v, true); });
}

Json FeedPage(Service& svc, const http::Context& ctx, uint64_t offset, uint64_t limit) {
  return PageJson(svc.Feed(ViewerOf(ctx), offset, limit), [](const ItemView& v) { return SummaryJson(v, false); });
}

void AddReaderRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"GET", "/api/v1/news", http::kAuthenticated,
              [&svc](http::Context& ctx) {
                auto p = ParsePage(ctx);
                if (!p.ok()) return http::ErrorResponse(p.error(), ctx);
                return http::Json(200, FeedPage(svc, ctx, p->offset, p->limit));
              },
              "News feed: items targeting the caller, pinned first, newest first"});
  routes.Add({"GET", "/api/v1/news/{id}", http::kAuthenticated, WithId([&svc](http::Context& ctx, uint64_t id) {
                return Answer(ctx, svc.Get(ViewerOf(ctx), id), 200,
                              [](const ItemView& v) { return ItemJson(v, false); });
              }),
              "One news item"});
  routes.Add({"POST", "/api/v1/news/{id}/read", http::kAuthenticated, WithId([&svc](http::Context& ctx, uint64_t id) {
                auto st = svc.MarkRead(ViewerOf(ctx), id);
                return st.ok() ? http::Json(200, {{"read", true}}) : http::ErrorResponse(st.error(), ctx);
              }),
              "Mark a news item read"});
  routes.Add(
      {"GET", "/api/v1/news/{id}/comments", http::kAuthenticated, WithId([&svc](http::Context& ctx, uint64_t id) {
         auto p = ParsePage(ctx);
         if (!p.ok()) return http::ErrorResponse(p.error(), ctx);
         return Answer(ctx, svc.Comments(ViewerOf(ctx), id, p->offset, p->limit), 200, [](const Page<Comment>& page) {
           return PageJson(page, [](const Comment& c) { return CommentJson(c, false); });
         });
       }),
       "Comments under a news item"});
  routes.Add({"POST", "/api/v1/news/{id}/comments", http::kAuthenticated,
              WithId([&svc](http::Context& ctx, uint64_t id) {
                auto text = ParseText(ctx.req.body, "body", Service::kMaxCommentLen);
                if (!text.ok()) return http::ErrorResponse(text.error(), ctx);
                return Answer(ctx, svc.AddComment(ViewerOf(ctx), id, *text), 201,
                              [](const Comment& c) { return CommentJson(c, false); });
              }),
              "Comment on a news item"});
  routes.Add({"POST", "/api/v1/news/comments/{id}/report", http::kAuthenticated,
              WithId([&svc](http::Context& ctx, uint64_t id) {
                auto st = svc.ReportComment(ViewerOf(ctx), id);
                return st.ok() ? http::Json(200, {{"reported", true}}) : http::ErrorResponse(st.error(), ctx);
              }),
              "Report a comment to the moderators"});
}

// The moderation queue: comments across items with their item's title.
http::Response CommentQueue(const http::Context& ctx, Service& svc) {
  auto p = ParsePage(ctx);
  if (!p.ok()) return http::ErrorResponse(p.error(), ctx);
  const std::string reported = ctx.req.Query("reported");
  if (!reported.empty() && reported != "0" && reported != "1") {
    return http::ErrorResponse(MakeError("field_type", "reported"), ctx);
  }
  auto page = svc.CommentQueue(reported == "1", p->offset, p->limit);
  return http::Json(200, PageJson(page, [](const QueuedComment& q) {
                      Json j = CommentJson(q.comment, true);
                      j["item_title"] = q.item_title;
                      j["last_reported_at"] = Time(q.last_reported_at);
                      return j;
                    }));
}

void AddStaffRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"GET", "/api/v1/admin/news", "news:publish",
              [&svc](http::Context& ctx) {
                auto p = ParsePage(ctx);
                if (!p.ok()) return http::ErrorResponse(p.error(), ctx);
                auto page = svc.AdminList(p->offset, p->limit);
                return http::Json(200, PageJson(page, [](const ItemView& v) { return SummaryJson(v, true); }));
              },
              "All news items, newest first"});
  routes.Add({"POST", "/api/v1/admin/news", "news:publish",
              [&svc](http::Context& ctx) {
                auto in = ParseInput(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                return Saved(ctx, svc, svc.Create(ActorOf(ctx), std::move(*in)), 201);
              },
              "Create a news item"});
  routes.Add({"GET", "/api/v1/admin/news/{id}", "news:publish", WithId([&svc](http::Context& ctx, uint64_t id) {
                return Answer(ctx, svc.AdminGet(id), 200, [](const ItemView& v) { return ItemJson(v, true); });
              }),
              "One news item with its Markdown source and counters"});
  routes.Add({"PUT", "/api/v1/admin/news/{id}", "news:publish", WithId([&svc](http::Context& ctx, uint64_t id) {
                auto in = ParseInput(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                return Saved(ctx, svc, svc.Update(ActorOf(ctx), id, std::move(*in)), 200);
              }),
              "Replace a news item"});
  routes.Add({"DELETE", "/api/v1/admin/news/{id}", "news:publish", WithId([&svc](http::Context& ctx, uint64_t id) {
                auto st = svc.Delete(ActorOf(ctx), id);
                return st.ok() ? http::Json(200, {{"deleted", id}}) : http::ErrorResponse(st.error(), ctx);
              }),
              "Delete a news item with its comments"});
  routes.Add({"GET", "/api/v1/admin/news/{id}/comments", "news:moderate",
              WithId([&svc](http::Context& ctx, uint64_t id) {
                auto p = ParsePage(ctx);
                if (!p.ok()) return http::ErrorResponse(p.error(), ctx);
                const std::string reported = ctx.req.Query("reported");
                if (!reported.empty() && reported != "0" && reported != "1") {
                  return http::ErrorResponse(MakeError("field_type", "reported"), ctx);
                }
                return Answer(ctx, svc.AdminComments(id, reported == "1", p->offset, p->limit), 200,
                              [](const Page<Comment>& page) {
                                return PageJson(page, [](const Comment& c) { return CommentJson(c, true); });
                              });
              }),
              "All comments under a news item, hidden and reported included"});
  routes.Add({"GET", "/api/v1/admin/news/comments", "news:moderate",
              [&svc](http::Context& ctx) { return CommentQueue(ctx, svc); },
              "Comments across items for moderation (?reported=1: reported only, most recently reported first)"});
  routes.Add({"POST", "/api/v1/admin/news/comments/{id}/hide", "news:moderate",
              WithId([&svc](http::Context& ctx, uint64_t id) {
                auto reason = ParseText(ctx.req.body, "reason", Service::kMaxReasonLen);
                if (!reason.ok()) return http::ErrorResponse(reason.error(), ctx);
                return Answer(ctx, svc.HideComment(ActorOf(ctx), id, *reason), 200,
                              [](const Comment& c) { return CommentJson(c, true); });
              }),
              "Hide a comment with a reason"});
  routes.Add({"POST", "/api/v1/admin/news/comments/{id}/unhide", "news:moderate",
              WithId([&svc](http::Context& ctx, uint64_t id) {
                return Answer(ctx, svc.UnhideComment(ActorOf(ctx), id), 200,
                              [](const Comment& c) { return CommentJson(c, true); });
              }),
              "Show a hidden comment again"});
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc) {
  AddReaderRoutes(routes, svc);
  AddStaffRoutes(routes, svc);
}

// ---- Residents' summaries rendered once

namespace {

// The resident summary of `v` as JSON text without its closing brace and the one per-reader field, "unread".
// Keys are sorted (nlohmann's object) and "unread" sorts after every other summary key, so the text plus
// ",\"unread\":…}" is byte for byte SummaryJson(v, …).dump().
std::string ResidentSummaryHead(const ItemView& v) {
  Json j = SummaryJson(v, false);
  j.erase("unread");
  std::string t = json::Dump(j);
  t.pop_back();  // the closing brace
  return t;
}

}  // namespace

std::string FeedHeadText(Service& service, const http::Context& ctx, uint64_t limit) {
  const Service::HeadTexts head = service.FeedHeadTexts(ViewerOf(ctx), limit, &ResidentSummaryHead);
  std::string out = head.has_more ? "{\"has_more\":true,\"items\":[" : "{\"has_more\":false,\"items\":[";
  for (size_t i = 0; i < head.texts->size(); ++i) {
    if (i > 0) out += ',';
    out += (*head.texts)[i];
    out += head.read[i] ? ",\"unread\":false}" : ",\"unread\":true}";
  }
  out += "]}";
  return out;
}

}  // namespace osiedle::news
