#include "daemon/modules/contractors/routes.hpp"

#include <cmath>
#include <map>

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"
#include "daemon/http/text_cache.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::contractors {
namespace {

using http::PathId;
using http::QueryU64;
using json::Json;

Viewer ViewerOf(const http::Context& ctx) { return http::ViewerOf(ctx, kManage); }

using http::ActorOf;

Json CategoryJson(const Category& c) { return Json{{"id", c.id}, {"name", c.name}}; }

Json ContractorJson(const Contractor& c, const std::map<uint64_t, std::string>& category_names) {
  Json cats = Json::array();
  for (uint64_t id : c.category_ids) {
    auto it = category_names.find(id);
    if (it != category_names.end()) cats.push_back({{"id", id}, {"name", it->second}});
  }
  return Json{{"id", c.id},
              {"name", c.name},
              {"categories", cats},
              {"category_ids", c.category_ids},
              {"description", c.description},
              {"phone", c.phone},
              {"email", c.email},
              {"website", c.website},
              {"service_area", c.service_area},
              {"hours", c.hours},
              {"recommended", c.recommended},
              {"active", c.active},
              {"rating", {{"average", std::round(c.Average() * 100) / 100}, {"count", c.rating_count}}},
              {"created_at", FormatIsoUtc(c.created_at)},
              {"updated_at", FormatIsoUtc(c.updated_at)}};
}

// Residents see the rating, text and date; staff also who wrote it and the
// moderation state.
Json ReviewJson(const Review& r, const Viewer& viewer) {
  Json j{{"id", r.id},
         {"rating", r.rating},
         {"text", r.text},
         {"created_at", FormatIsoUtc(r.created_at)},
         {"mine", r.user_id == viewer.user_id},
         {"hidden", r.hidden}};
  if (viewer.staff || r.user_id == viewer.user_id) j["hidden_reason"] = r.hidden_reason;
  if (viewer.staff) {
    j["user_id"] = r.user_id;
    j["hidden_by"] = r.hidden_by;
    j["hidden_at"] = r.hidden ? Json(FormatIsoUtc(r.hidden_at)) : Json(nullptr);
  }
  return j;
}

std::map<uint64_t, std::string> CategoryNames(const Service& svc, const storage::ReadTxn& txn) {
  std::map<uint64_t, std::string> out;
  for (const Category& c : svc.Categories(txn)) out[c.id] = c.name;
  return out;
}

// What a contractor's text shows: the record and its categories' names.
using ShownContractor = std::pair<Contractor, std::vector<std::string>>;

// One page of search results as JSON text, composed from per-contractor texts; keys in sorted order, as the JSON
// object writes them.
Result<std::string> ListText(Service& svc, const storage::ReadTxn& txn, const SearchQuery& q) {
  static http::TextCache<ShownContractor> texts;
  auto page = svc.Search(txn, q);
  if (!page.ok()) return page.error();
  const auto names = CategoryNames(svc, txn);
  std::string body = "{\"items\":[";
  for (size_t i = 0; i < page->items.size(); ++i) {
    if (i > 0) body += ',';
    const Contractor& c = page->items[i];
    std::vector<std::string> shown;
    for (uint64_t id : c.category_ids) {
      auto it = names.find(id);
      shown.push_back(it == names.end() ? std::string() : it->second);
    }
    texts.AppendTo(body, c.id, {c, std::move(shown)}, [&] { return json::Dump(ContractorJson(c, names)); });
  }
  body += "],\"limit\":" + std::to_string(page->limit) + ",\"offset\":" + std::to_string(page->offset) +
          ",\"total\":" + std::to_string(page->total) + "}";
  return body;
}

http::Response List(http::Context& ctx, Service& svc, bool staff_list) {
  SearchQuery q;
  q.q = ctx.req.Query("q");
  q.include_inactive = staff_list;
  auto offset = QueryU64(ctx, "offset", 0), limit = QueryU64(ctx, "limit", 20), cat = QueryU64(ctx, "category", 0);
  if (!offset) return http::ErrorResponse(MakeError("query_invalid", "offset"), ctx);
  if (!limit) return http::ErrorResponse(MakeError("query_invalid", "limit"), ctx);
  if (!cat) return http::ErrorResponse(MakeError("query_invalid", "category"), ctx);
  q.offset = *offset;
  q.limit = *limit;
  q.category_id = *cat;
  // The whole answer per query, until a contractor, category or review changes (Service::Version): nothing in it is
  // per reader, and residents type the same prefixes.
  static storage::SnapshotMemo<std::string, Result<std::string>> answers{1024};
  const std::string key = std::to_string(q.offset) + ',' + std::to_string(q.limit) + ',' +
                          std::to_string(q.category_id) + (staff_list ? ",staff," : ",resident,") + q.q;
  auto out = svc.env().View([&](const storage::ReadTxn& txn) {
    return *answers.GetVersioned(txn, svc.Version(txn), key, [&] { return ListText(svc, txn, q); });
  });
  if (!out.ok()) return http::ErrorResponse(out.error(), ctx);
  http::Response r;
  r.status = 200;
  r.body = std::move(*out);
  return r;
}

http::Response Detail(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
  auto offset = QueryU64(ctx, "offset", 0), limit = QueryU64(ctx, "limit", 20);
  if (!offset || !limit) return http::ErrorResponse(MakeError("query_invalid", offset ? "limit" : "offset"), ctx);
  const Viewer viewer = ViewerOf(ctx);
  auto out = svc.env().View([&](const storage::ReadTxn& txn) -> Result<Json> {
    auto c = svc.Get(txn, *id, viewer);
    if (!c.ok()) return c.error();
    auto reviews = svc.Reviews(txn, viewer, *id, *offset, *limit);
    if (!reviews.ok()) return reviews.error();
    Json items = Json::array();
    for (const Review& r : reviews->items) items.push_back(ReviewJson(r, viewer));
    Json j = ContractorJson(*c, CategoryNames(svc, txn));
    j["reviews"] = {{"total", reviews->total}, {"offset", *offset}, {"limit", *limit}, {"items", items}};
    auto mine = svc.ReviewBy(txn, *id, viewer.user_id);
    j["my_review"] = mine ? ReviewJson(*mine, viewer) : Json(nullptr);
    return j;
  });
  return out.ok() ? http::Json(200, *out) : http::ErrorResponse(out.error(), ctx);
}

// One change from a JSON body: `read(fields)` decodes it (unknown keys → unknown_field), `change(txn)`
// runs in one write transaction and returns a Result<Json>, answered with `status`.
template <typename Read, typename Change>
http::Response Mutate(http::Context& ctx, Service& svc, int status, Read&& read, Change&& change) {
  auto obj = json::ParseObject(ctx.req.body);
  if (!obj.ok()) return http::ErrorResponse(obj.error(), ctx);
  json::Fields f(*obj);
  read(f);
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  Result<Json> done = svc.env().Update(change);
  return done.ok() ? http::Json(status, *done) : http::ErrorResponse(done.error(), ctx);
}

void ReadContractor(json::Fields& f, ContractorInput& in) {
  in.name = f.Str("name", {.max_len = kMaxNameLen});
  in.category_ids = f.IdList("category_ids", false, kMaxCategoriesPerContractor);
  in.description = f.Str("description", {.required = false, .max_len = kMaxDescriptionLen});
  in.phone = f.Str("phone", {.required = false, .max_len = kMaxPhoneLen});
  in.email = f.Str("email", {.required = false, .max_len = kMaxEmailLen});
  in.website = f.Str("website", {.required = false, .max_len = kMaxWebsiteLen});
  in.service_area = f.Str("service_area", {.required = false, .max_len = kMaxAreaLen});
  in.hours = f.Str("hours", {.required = false, .max_len = kMaxHoursLen});
  in.recommended = f.Bool("recommended", false).value_or(false);
  in.active = f.Bool("active", false).value_or(true);
}

// Creates (id == 0) or replaces contractor `id` from the request body.
http::Response Save(http::Context& ctx, Service& svc, uint64_t id) {
  ContractorInput input;
  const Actor actor = ActorOf(ctx);
  return Mutate(
      ctx, svc, id == 0 ? 201 : 200, [&](json::Fields& f) { ReadContractor(f, input); },
      [&](storage::WriteTxn& txn) -> Result<Json> {
        auto c = id == 0 ? svc.Create(txn, actor, input) : svc.Update(txn, actor, id, input);
        if (!c.ok()) return c.error();
        return ContractorJson(*c, CategoryNames(svc, txn));
      });
}

http::Response Remove(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
  const Actor actor = ActorOf(ctx);
  auto done = svc.env().Update([&](storage::WriteTxn& txn) { return svc.Delete(txn, actor, *id); });
  if (!done.ok()) return http::ErrorResponse(done.error(), ctx);
  return http::Json(200, {{"deleted", *id}});
}

http::Response AddReview(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
  std::optional<int64_t> rating;
  std::string text;
  const Viewer viewer = ViewerOf(ctx);
  return Mutate(
      ctx, svc, 201,
      [&](json::Fields& f) {
        rating = f.Int("rating", true, 1, 5);
        text = f.Str("text", {.required = false, .max_len = kMaxReviewLen});
      },
      [&](storage::WriteTxn& txn) -> Result<Json> {
        auto r = svc.AddReview(txn, viewer, *id, static_cast<int>(rating.value_or(0)), text);
        if (!r.ok()) return r.error();
        return ReviewJson(*r, viewer);
      });
}

http::Response HideReview(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
  std::string reason;
  const Actor actor = ActorOf(ctx);
  return Mutate(
      ctx, svc, 200, [&](json::Fields& f) { reason = f.Str("reason", {.max_len = kMaxHideReasonLen}); },
      [&](storage::WriteTxn& txn) -> Result<Json> {
        auto r = svc.HideReview(txn, actor, *id, reason);
        if (!r.ok()) return r.error();
        return ReviewJson(*r, ViewerOf(ctx));
      });
}

// Shows a hidden review again (no body).
http::Response UnhideReview(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
  const Actor actor = ActorOf(ctx);
  auto done = svc.env().Update([&](storage::WriteTxn& txn) -> Result<Json> {
    auto r = svc.UnhideReview(txn, actor, *id);
    if (!r.ok()) return r.error();
    return ReviewJson(*r, ViewerOf(ctx));
  });
  return done.ok() ? http::Json(200, *done) : http::ErrorResponse(done.error(), ctx);
}

http::Response ListCategories(Service& svc) {
  Json items = Json::array();
  svc.env().View([&](const storage::ReadTxn& txn) {
    for (const Category& c : svc.Categories(txn)) items.push_back(CategoryJson(c));
  });
  return http::Json(200, {{"items", items}});
}

http::Response CreateCategory(http::Context& ctx, Service& svc) {
  std::string name;
  const Actor actor = ActorOf(ctx);
  return Mutate(
      ctx, svc, 201, [&](json::Fields& f) { name = f.Str("name", {.max_len = kMaxCategoryNameLen}); },
      [&](storage::WriteTxn& txn) -> Result<Json> {
        auto c = svc.CreateCategory(txn, actor, name);
        if (!c.ok()) return c.error();
        return CategoryJson(*c);
      });
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc) {
  const char* kAuth = http::kAuthenticated;
  routes.Add({"GET", "/api/v1/contractors", kAuth, [&svc](http::Context& c) { return List(c, svc, false); },
              "Search the contractor directory"});
  routes.Add({"GET", "/api/v1/contractors/categories", kAuth, [&svc](http::Context&) { return ListCategories(svc); },
              "Contractor categories"});
  routes.Add({"GET", "/api/v1/contractors/{id}", kAuth, [&svc](http::Context& c) { return Detail(c, svc); },
              "One contractor with its reviews"});
  routes.Add({"POST", "/api/v1/contractors/{id}/reviews", kAuth, [&svc](http::Context& c) { return AddReview(c, svc); },
              "Rate and review a contractor (once per account)"});
  routes.Add({"GET", "/api/v1/admin/contractors", kManage, [&svc](http::Context& c) { return List(c, svc, true); },
              "Search contractors, inactive included"});
  routes.Add({"POST", "/api/v1/admin/contractors", kManage, [&svc](http::Context& c) { return Save(c, svc, 0); },
              "Add a contractor"});
  routes.Add({"GET", "/api/v1/admin/contractors/{id}", kManage, [&svc](http::Context& c) { return Detail(c, svc); },
              "One contractor (inactive too) with every review, hidden ones included"});
  routes.Add({"PUT", "/api/v1/admin/contractors/{id}", kManage,
              [&svc](http::Context& c) {
                auto id = PathId(c);
                return id ? Save(c, svc, *id) : http::ErrorResponse(MakeError("not_found"), c);
              },
              "Change a contractor"});
  routes.Add({"DELETE", "/api/v1/admin/contractors/{id}", kManage, [&svc](http::Context& c) { return Remove(c, svc); },
              "Delete a contractor and its reviews"});
  routes.Add({"GET", "/api/v1/admin/contractors/categories", kManage,
              [&svc](http::Context&) { return ListCategories(svc); }, "Contractor categories (staff)"});
  routes.Add({"POST", "/api/v1/admin/contractors/categories", kManage,
              [&svc](http::Context& c) { return CreateCategory(c, svc); }, "Add a contractor category"});
  routes.Add({"POST", "/api/v1/admin/contractors/reviews/{id}/hide", kManage,
              [&svc](http::Context& c) { return HideReview(c, svc); }, "Hide a contractor review"});
  routes.Add({"POST", "/api/v1/admin/contractors/reviews/{id}/unhide", kManage,
              [&svc](http::Context& c) { return UnhideReview(c, svc); }, "Show a hidden contractor review again"});
}

}  // namespace osiedle::contractors
