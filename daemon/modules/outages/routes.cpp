#include "daemon/modules/outages/routes.hpp"

#include <map>
#include <utility>

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::outages {
namespace {

using http::PathId;
using json::Json;

constexpr const char* kManage = "outages:manage";
// Times beyond 2100-01-01 are typing mistakes, not plans.
constexpr int64_t kMaxTime = 4102444800;
constexpr uint64_t kDefaultPage = 50;

using http::ActorOf;

using PageArgs = http::PageRequest;

Result<PageArgs> PageOf(const http::Context& ctx) { return http::ParsePage(ctx, kDefaultPage, Service::kMaxPage); }

Json TimeOrNull(int64_t t) { return t == 0 ? Json(nullptr) : Json(t); }

// Names places for one answer, asking the registry once per estate or building.
class Namer {
 public:
  Namer(const Service& svc, const storage::ReadTxn& txn) : svc_(svc), txn_(txn) {}
  const std::string& Name(const Place& p) {
    auto key = std::pair(p.estate_id, p.estate_id != 0 ? 0 : p.building_id);
    auto it = names_.find(key);
    if (it == names_.end()) it = names_.emplace(key, svc_.PlaceName(txn_, Place{p.estate_id, p.building_id, ""})).first;
    return it->second;
  }

 private:
  const Service& svc_;
  const storage::ReadTxn& txn_;
  std::map<std::pair<uint64_t, uint64_t>, std::string> names_;
};

// Ids with the registry's names: {estate_id, estate_name} or {building_id, building_address, staircase?}.
Json PlaceJson(const Place& p, Namer& names) {
  if (p.estate_id != 0) return Json{{"estate_id", p.estate_id}, {"estate_name", names.Name(p)}};
  Json j{{"building_id", p.building_id}, {"building_address", names.Name(p)}};
  if (!p.staircase.empty()) j["staircase"] = p.staircase;
  return j;
}

// Staff see who wrote what; residents and the public page do not.
Json OutageJson(const Outage& o, bool staff, Namer& names) {
  Json places = Json::array();
  for (const Place& p : o.places) places.push_back(PlaceJson(p, names));
  Json updates = Json::array();
  for (const Update& u : o.updates) {
    Json j{{"at", u.at}, {"text", u.text}};
    if (u.status) j["status"] = StatusName(*u.status);
    if (u.expected_end_at) j["expected_end_at"] = TimeOrNull(*u.expected_end_at);
    if (staff) j["author_id"] = u.author_id;
    updates.push_back(std::move(j));
  }
  Json j{{"id", o.id},
         {"kind", KindName(o.kind)},
         {"title", o.title},
         {"description", o.description},
         {"status", StatusName(o.status)},
         {"places", places},
         {"start_at", o.start_at},
         {"expected_end_at", TimeOrNull(o.expected_end_at)},
         {"updated_at", o.updated_at},
         {"resolved_at", TimeOrNull(o.resolved_at)},
         {"updates", updates}};
  if (staff) {
    j["created_at"] = o.created_at;
    j["created_by"] = o.created_by;
  }
  return j;
}

Json PageJson(const Page& page, const PageArgs& args, bool staff, Namer& names) {
  Json items = Json::array();
  for (const Outage& o : page.items) items.push_back(OutageJson(o, staff, names));
  return Json{{"total", page.total}, {"offset", args.offset}, {"limit", args.limit}, {"items", items}};
}

// Reads a status name from `f` (field `name`); sets `bad` on an unknown name.
std::optional<OutageStatus> StatusField(json::Fields& f, const std::string& name, bool* bad) {
  std::string s = f.Str(name, {.required = false, .max_len = 20});
  if (s.empty()) return std::nullopt;
  auto st = ParseStatus(s);
  if (!st) *bad = true;
  return st;
}

Status ParsePlaces(const Json* raw, std::vector<Place>& out) {
  if (raw == nullptr) return {};  // absent: the field error is already recorded
  if (!raw->is_array()) return MakeError("field_type", "places");
  if (raw->size() > Service::kMaxPlaces) return MakeError("field_too_long", "places");
  for (const Json& item : *raw) {
    if (!item.is_object()) return MakeError("outage_place_invalid", "places");
    json::Fields pf(item);
    Place p;
    p.estate_id = static_cast<uint64_t>(pf.Int("estate_id", false, 1).value_or(0));
    p.building_id = static_cast<uint64_t>(pf.Int("building_id", false, 1).value_or(0));
    p.staircase = pf.Str("staircase", {.required = false, .max_len = Service::kMaxStaircaseLen});
    if (auto st = pf.Finish(); !st.ok()) return MakeError(st.error().code, "places", st.error().field);
    out.push_back(std::move(p));
  }
  return {};
}

// Decodes an outage body; `with_status` for creation (status may be given only then).
Status ParseOutage(const std::string& body, bool with_status, OutageInput& in) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  std::string kind = f.Str("kind", {.max_len = 20});
  in.title = f.Str("title", {.max_len = Service::kMaxTitleLen});
  in.description = f.Str("description", {.required = false, .max_len = Service::kMaxDescriptionLen});
  in.start_at = f.Int("start_at", true, 1, kMaxTime).value_or(0);
  in.expected_end_at = f.Int("expected_end_at", false, 0, kMaxTime).value_or(0);
  bool bad_status = false;
  if (with_status) in.status = StatusField(f, "status", &bad_status);
  const Json* places = f.Raw("places", false);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  auto k = ParseKind(kind);
  if (!k) return MakeError("outage_kind_invalid", "kind");
  in.kind = *k;
  if (bad_status) return MakeError("outage_status_invalid", "status");
  return ParsePlaces(places, in.places);
}

Status ParseUpdate(const std::string& body, UpdateInput& in) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  in.text = f.Str("text", {.required = false, .max_len = Service::kMaxUpdateLen});
  bool bad_status = false;
  in.status = StatusField(f, "status", &bad_status);
  if (f.Has("expected_end_at")) in.expected_end_at = f.Int("expected_end_at", false, 0, kMaxTime).value_or(0);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  if (bad_status) return MakeError("outage_status_invalid", "status");
  return {};
}

http::Response Reply(const Result<Json>& r, const http::Context& ctx, int status = 200) {
  return r.ok() ? http::Json(status, *r) : http::ErrorResponse(r.error(), ctx);
}

// A saved outage as staff see it (opens its own read transaction for the names).
Json StaffJson(Service& svc, const Outage& o) {
  return svc.env().View([&](const storage::ReadTxn& txn) {
    Namer names(svc, txn);
    return OutageJson(o, true, names);
  });
}

Json ActivePage(Service& svc, const http::Context& ctx, const PageArgs& args) {
  return svc.env().View([&](const storage::ReadTxn& txn) {
    Namer names(svc, txn);
    return PageJson(svc.ActiveForUser(txn, ctx.principal.user_id, args.offset, args.limit), args, false, names);
  });
}

http::Response Active(http::Context& ctx, Service& svc) {
  auto args = PageOf(ctx);
  if (!args.ok()) return http::ErrorResponse(args.error(), ctx);
  return http::Json(200, ActivePage(svc, ctx, *args));
}

http::Response One(http::Context& ctx, Service& svc, bool admin_route) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
  const bool staff = ctx.principal.Can(kManage);
  return Reply(svc.env().View([&](const storage::ReadTxn& txn) -> Result<Json> {
    auto o = staff ? svc.Get(txn, *id) : svc.GetForUser(txn, *id, ctx.principal.user_id);
    if (!o.ok()) return o.error();
    Namer names(svc, txn);
    return OutageJson(*o, staff && admin_route, names);
  }),
               ctx);
}

http::Response Public(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("building_not_found"), ctx);
  auto args = PageOf(ctx);
  if (!args.ok()) return http::ErrorResponse(args.error(), ctx);
  return Reply(svc.env().View([&](const storage::ReadTxn& txn) -> Result<Json> {
    auto page = svc.PublicForBuilding(txn, *id, args->offset, args->limit);
    if (!page.ok()) return page.error();
    Namer names(svc, txn);
    Json j = PageJson(*page, *args, false, names);
    j["building_id"] = *id;
    j["building_address"] = names.Name(Place{0, *id, ""});
    return j;
  }),
               ctx);
}

http::Response List(http::Context& ctx, Service& svc) {
  auto args = PageOf(ctx);
  if (!args.ok()) return http::ErrorResponse(args.error(), ctx);
  Query q;
  q.offset = args->offset;
  q.limit = args->limit;
  if (std::string s = ctx.req.Query("status"); !s.empty()) {
    q.status = ParseStatus(s);
    if (!q.status) return http::ErrorResponse(MakeError("outage_status_invalid", "status"), ctx);
  }
  if (std::string b = ctx.req.Query("building"); !b.empty()) {
    auto v = http::ParseId(b);
    if (!v) return http::ErrorResponse(MakeError("field_type", "building"), ctx);
    q.building_id = *v;
  }
  Json out = svc.env().View([&](const storage::ReadTxn& txn) {
    Namer names(svc, txn);
    return PageJson(svc.List(txn, q), *args, true, names);
  });
  return http::Json(200, out);
}

http::Response Save(http::Context& ctx, Service& svc, uint64_t id) {
  OutageInput in;
  if (auto st = ParseOutage(ctx.req.body, id == 0, in); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  auto saved = id == 0 ? svc.Create(in, ActorOf(ctx)) : svc.Edit(id, in, ActorOf(ctx));
  if (!saved.ok()) return http::ErrorResponse(saved.error(), ctx);
  return http::Json(id == 0 ? 201 : 200, StaffJson(svc, *saved));
}

http::Response AddUpdate(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx);
  if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
  UpdateInput in;
  if (auto st = ParseUpdate(ctx.req.body, in); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  auto saved = svc.AddUpdate(*id, in, ActorOf(ctx));
  if (!saved.ok()) return http::ErrorResponse(saved.error(), ctx);
  return http::Json(201, StaffJson(svc, *saved));
}

http::Response SetPublic(http::Context& ctx, Service& svc) {
  auto id = PathId(ctx, "building_id");
  if (!id) return http::ErrorResponse(MakeError("building_not_found"), ctx);
  auto obj = json::ParseObject(ctx.req.body);
  if (!obj.ok()) return http::ErrorResponse(obj.error(), ctx);
  json::Fields f(*obj);
  bool enabled = f.Bool("enabled").value_or(false);
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (auto st = svc.SetPublicPage(*id, enabled, ActorOf(ctx)); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  return http::Json(200, {{"building_id", *id}, {"enabled", enabled}});
}

// Every estate with its buildings and staircases, for the outage form (no flats:read needed).
http::Response Places(Service& svc) {
  Json estates = Json::array();
  svc.env().View([&](const storage::ReadTxn& txn) {
    for (const EstatePlaces& e : svc.Places(txn)) {
      Json buildings = Json::array();
      for (const BuildingPlaces& b : e.buildings) {
        buildings.push_back({{"id", b.building.id}, {"address", b.building.address}, {"staircases", b.staircases}});
      }
      estates.push_back({{"id", e.estate.id}, {"name", e.estate.name}, {"buildings", std::move(buildings)}});
    }
  });
  return http::Json(200, {{"estates", std::move(estates)}});
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"GET", "/api/v1/outages/active", http::kAuthenticated,
              [&svc](http::Context& ctx) { return Active(ctx, svc); },
              "Active outages affecting the caller's flats (banner)"});
  routes.Add({"GET", "/api/v1/outages/{id}", http::kAuthenticated,
              [&svc](http::Context& ctx) { return One(ctx, svc, false); }, "One outage affecting the caller"});
  routes.Add({"GET", "/api/v1/public/buildings/{id}/outages", http::kPublic,
              [&svc](http::Context& ctx) { return Public(ctx, svc); },
              "Active outages of a building (public page, when enabled)"});
  routes.Add(
      {"GET", "/api/v1/admin/outages", kManage, [&svc](http::Context& ctx) { return List(ctx, svc); }, "List outages"});
  routes.Add({"POST", "/api/v1/admin/outages", kManage, [&svc](http::Context& ctx) { return Save(ctx, svc, 0); },
              "Announce an outage"});
  routes.Add({"GET", "/api/v1/admin/outages/{id}", kManage, [&svc](http::Context& ctx) { return One(ctx, svc, true); },
              "One outage with its updates"});
  routes.Add({"PUT", "/api/v1/admin/outages/{id}", kManage,
              [&svc](http::Context& ctx) {
                auto id = PathId(ctx);
                if (!id) return http::ErrorResponse(MakeError("not_found"), ctx);
                return Save(ctx, svc, *id);
              },
              "Change an outage"});
  routes.Add({"POST", "/api/v1/admin/outages/{id}/updates", kManage,
              [&svc](http::Context& ctx) { return AddUpdate(ctx, svc); },
              "Add an update (may change status and expected end)"});
  routes.Add({"GET", "/api/v1/admin/outages/public-buildings", kManage,
              [&svc](http::Context&) {
                auto ids = svc.env().View([&](const storage::ReadTxn& txn) { return svc.PublicBuildings(txn); });
                return http::Json(200, {{"building_ids", ids}});
              },
              "Buildings with the public outage page enabled"});
  routes.Add({"GET", "/api/v1/admin/outages/places", kManage, [&svc](http::Context&) { return Places(svc); },
              "Estates, buildings and staircases an outage may affect"});
  routes.Add({"PUT", "/api/v1/admin/outages/public-buildings/{building_id}", kManage,
              [&svc](http::Context& ctx) { return SetPublic(ctx, svc); },
              "Enable or disable a building's public outage page"});
}

std::string ActiveText(Service& service, const http::Context& ctx, uint64_t limit) {
  // The whole text per (user, limit), made once per snapshot: it depends on the store alone.
  static storage::SnapshotMemo<std::pair<uint64_t, uint64_t>, std::string, storage::PairHash> texts{4096};
  const PageArgs args{0, limit};
  const uint64_t user_id = ctx.principal.user_id;
  return service.env().View([&](const storage::ReadTxn& txn) {
    return *texts.Get(txn, {user_id, limit}, [&] {
      Namer names(service, txn);
      const Page page = service.ActiveForUser(txn, user_id, args.offset, args.limit);
      std::string out = "{\"items\":[";
      for (size_t i = 0; i < page.items.size(); ++i) {
        if (i > 0) out += ',';
        out += json::Dump(OutageJson(page.items[i], false, names));
      }
      // Keys in sorted order, as PageJson's object writes them.
      out += "],\"limit\":" + std::to_string(args.limit) + ",\"offset\":" + std::to_string(args.offset) +
             ",\"total\":" + std::to_string(page.total) + "}";
      return out;
    });
  });
}

}  // namespace osiedle::outages
