#include "daemon/modules/ads/routes.hpp"

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"
#include "daemon/http/text_cache.hpp"

namespace osiedle::ads {
namespace {

using http::WithId;
using json::Json;

constexpr const char* kManage = "ads:manage";

const char* PlacementName(Placement p) { return p == Placement::kStack ? "stack" : "slider"; }

const char* StateName(BannerState s) {
  switch (s) {
    case BannerState::kDisabled:
      return "disabled";
    case BannerState::kScheduled:
      return "scheduled";
    case BannerState::kRunning:
      return "running";
    case BannerState::kEnded:
      return "ended";
  }
  return "";
}

std::optional<Placement> PlacementFrom(std::string_view s) {
  if (s == "slider") return Placement::kSlider;
  if (s == "stack") return Placement::kStack;
  return std::nullopt;
}

Json AdJson(const AdView& ad) {
  return Json{{"id", ad.id},
              {"title", ad.title},
              {"advertiser", ad.advertiser},
              {"alt", ad.alt},
              {"image_url", "/api/v1/images/" + ad.image_id},
              {"click_url", "/api/v1/ads/" + std::to_string(ad.id) + "/click"}};
}

Json BannerJson(const BannerView& v) {
  const Banner& b = v.banner;
  return Json{{"id", b.id},
              {"title", b.title},
              {"advertiser", b.advertiser},
              {"image_id", b.image_id},
              {"image_url", "/api/v1/images/" + b.image_id},
              {"alt", b.alt},
              {"link", b.link},
              {"paid", b.paid},
              {"price", b.has_price ? Json(b.price) : Json(nullptr)},
              {"notes", b.notes},
              {"starts_at", b.starts_at},
              {"ends_at", b.ends_at},
              {"groups", b.groups},
              {"placement", PlacementName(b.placement)},
              {"position", b.position},
              {"enabled", b.enabled},
              {"state", StateName(v.state)},
              {"impressions", v.totals.impressions},
              {"clicks", v.totals.clicks},
              {"created_by", b.created_by},
              {"created_at", FormatIsoUtc(b.created_at)},
              {"updated_at", FormatIsoUtc(b.updated_at)}};
}

Result<BannerInput> ParseInput(const std::string& body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  BannerInput in;
  in.title = f.Str("title", {.max_len = Service::kMaxTitleLen});
  in.advertiser = f.Str("advertiser", {.required = false, .max_len = Service::kMaxAdvertiserLen});
  in.image_id = f.Str("image_id", {.max_len = Service::kMaxImageIdLen});
  in.alt = f.Str("alt", {.max_len = Service::kMaxAltLen});
  in.link = f.Str("link", {.max_len = Service::kMaxLinkLen});
  in.paid = f.Bool("paid", false).value_or(false);
  if (f.Has("price") && (*obj)["price"].is_null()) {
    f.Raw("price", false);
  } else if (auto price = f.Int("price", false, 0, INT64_MAX)) {
    in.has_price = true;
    in.price = static_cast<uint64_t>(*price);
  }
  in.notes = f.Str("notes", {.required = false, .max_len = Service::kMaxNotesLen});
  in.starts_at = f.Int("starts_at", true, 0, Service::kMaxTime).value_or(0);
  in.ends_at = f.Int("ends_at", true, 0, Service::kMaxTime).value_or(0);
  in.groups = f.IdList("groups", false, Service::kMaxGroups);
  const std::string placement = f.Str("placement", {.max_len = 16});
  in.position = static_cast<uint32_t>(f.Int("position", false, 0, Service::kMaxPosition).value_or(0));
  in.enabled = f.Bool("enabled", false).value_or(true);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  auto p = PlacementFrom(placement);
  if (!p) return MakeError("field_invalid", "placement", "slider or stack");
  in.placement = *p;
  return in;
}

struct DayRange {
  int64_t from = 0;
  int64_t to = 0;
};

Result<DayRange> ParseRange(const http::Context& ctx) {
  auto from = Service::ParseDay(ctx.req.Query("from"), "from");
  if (!from.ok()) return from.error();
  auto to = Service::ParseDay(ctx.req.Query("to"), "to");
  if (!to.ok()) return to.error();
  return DayRange{*from, *to};
}

http::Response Banner(const http::Context& ctx, const Result<BannerView>& r, int status) {
  return r.ok() ? http::Json(status, BannerJson(*r)) : http::ErrorResponse(r.error(), ctx);
}

Json ItemsJson(const std::vector<AdView>& ads) {
  Json items = Json::array();
  for (const AdView& ad : ads) items.push_back(AdJson(ad));
  return items;
}

void AddReaderRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"GET", "/api/v1/ads", http::kAuthenticated,
              [&svc](http::Context& ctx) {
                const std::string p = ctx.req.Query("placement");
                auto placement = PlacementFrom(p.empty() ? "slider" : p);
                if (!placement) return http::ErrorResponse(MakeError("field_invalid", "placement"), ctx);
                return http::Json(200, Json{{"items", ItemsJson(svc.Active(http::ViewerOf(ctx, kManage), *placement))}});
              },
              "Banners running now for the caller (slider or stack), counting impressions"});
  routes.Add({"GET", "/api/v1/ads/{id}/click", http::kAuthenticated, WithId([&svc](http::Context& ctx, uint64_t id) {
                auto link = svc.Click(http::ViewerOf(ctx, kManage), id);
                if (!link.ok()) return http::ErrorResponse(link.error(), ctx);
                http::Response r;
                r.status = 302;
                r.content_type = "text/plain; charset=utf-8";
                r.headers.emplace_back("Location", *link);
                r.headers.emplace_back("Cache-Control", "no-store");
                return r;
              }),
              "Redirect to a banner's link, counting the click"});
}

void AddStaffRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"GET", "/api/v1/admin/ads", kManage,
              [&svc](http::Context& ctx) {
                auto p = http::ParsePage(ctx, Service::kDefaultPage, Service::kMaxPage);
                if (!p.ok()) return http::ErrorResponse(p.error(), ctx);
                auto page = svc.AdminList(p->offset, p->limit);
                Json items = Json::array();
                for (const BannerView& v : page.items) items.push_back(BannerJson(v));
                return http::Json(
                    200, Json{{"total", page.total}, {"offset", page.offset}, {"limit", page.limit}, {"items", items}});
              },
              "All banners, newest first, with impression and click totals"});
  routes.Add({"POST", "/api/v1/admin/ads", kManage,
              [&svc](http::Context& ctx) {
                auto in = ParseInput(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                return Banner(ctx, svc.Create(http::ActorOf(ctx), std::move(*in)), 201);
              },
              "Create a banner"});
  routes.Add({"GET", "/api/v1/admin/ads/{id}", kManage, WithId([&svc](http::Context& ctx, uint64_t id) {
                return Banner(ctx, svc.AdminGet(id), 200);
              }),
              "One banner with its totals"});
  routes.Add({"PUT", "/api/v1/admin/ads/{id}", kManage, WithId([&svc](http::Context& ctx, uint64_t id) {
                auto in = ParseInput(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                return Banner(ctx, svc.Update(http::ActorOf(ctx), id, std::move(*in)), 200);
              }),
              "Replace a banner"});
  routes.Add({"DELETE", "/api/v1/admin/ads/{id}", kManage, WithId([&svc](http::Context& ctx, uint64_t id) {
                auto st = svc.Delete(http::ActorOf(ctx), id);
                return st.ok() ? http::Json(200, {{"deleted", id}}) : http::ErrorResponse(st.error(), ctx);
              }),
              "Delete a banner with its counts"});
  routes.Add({"GET", "/api/v1/admin/ads/{id}/stats", kManage, WithId([&svc](http::Context& ctx, uint64_t id) {
                auto range = ParseRange(ctx);
                if (!range.ok()) return http::ErrorResponse(range.error(), ctx);
                auto days = svc.DailyStats(id, range->from, range->to);
                if (!days.ok()) return http::ErrorResponse(days.error(), ctx);
                Json out = Json::array();
                for (const DayCounts& d : *days) {
                  out.push_back(Json{{"date", Service::FormatDay(d.day)},
                                     {"impressions", d.counts.impressions},
                                     {"clicks", d.counts.clicks}});
                }
                return http::Json(200, Json{{"days", out}});
              }),
              "Impressions and clicks of a banner per day"});
  routes.Add({"GET", "/api/v1/admin/ads/stats.csv", kManage,
              [&svc](http::Context& ctx) {
                auto range = ParseRange(ctx);
                if (!range.ok()) return http::ErrorResponse(range.error(), ctx);
                auto csv = svc.ExportCsv(range->from, range->to);
                if (!csv.ok()) return http::ErrorResponse(csv.error(), ctx);
                http::Response r;
                r.content_type = "text/csv; charset=utf-8";
                r.body = std::move(*csv);
                r.headers.emplace_back("Content-Disposition", "attachment; filename=\"reklamy-" +
                                                                  Service::FormatDay(range->from) + "-" +
                                                                  Service::FormatDay(range->to) + ".csv\"");
                return r;
              },
              "Impressions and clicks of every banner per day as CSV"});
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc) {
  AddReaderRoutes(routes, svc);
  AddStaffRoutes(routes, svc);
}

std::string SliderText(Service& service, const http::Context& ctx) {
  static http::TextCache<AdView> texts;  // a banner's text shows its AdView alone
  std::string out = "[";
  for (const AdView& ad : service.Slider(http::ViewerOf(ctx, kManage))) {
    if (out.size() > 1) out += ',';
    texts.AppendTo(out, ad.id, ad, [&] { return json::Dump(AdJson(ad)); });
  }
  return out + "]";
}

}  // namespace osiedle::ads
