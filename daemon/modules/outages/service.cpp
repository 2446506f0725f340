#include "daemon/modules/outages/service.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "daemon/core/utf8.hpp"
#include "daemon/modules/outages/store.hpp"
#include "storage/codec.hpp"

namespace osiedle::outages {
namespace {

bool SamePlace(const Place& a, const Place& b) {
  return a.estate_id == b.estate_id && a.building_id == b.building_id && a.staircase == b.staircase;
}

// Ongoing before planned, then by start, then by id: what a banner shows first.
void SortActive(std::vector<Outage>& v) {
  std::sort(v.begin(), v.end(), [](const Outage& a, const Outage& b) {
    auto key = [](const Outage& o) { return std::tuple(o.status != OutageStatus::kOngoing, o.start_at, o.id); };
    return key(a) < key(b);
  });
}

Page Slice(std::vector<Outage> all, size_t offset, size_t limit) {
  Page page;
  page.total = all.size();
  limit = std::min(limit, Service::kMaxPage);
  for (size_t i = offset; i < all.size() && page.items.size() < limit; ++i) page.items.push_back(std::move(all[i]));
  return page;
}

}  // namespace

Service::Service(storage::Env& env, const Clock& clock, identity::Service& identity, audit::Service& audit)
    : env_(env),
      clock_(clock),
      identity_(identity),
      audit_(audit),
      items_(env.OpenTable("outages.items")),
      active_buildings_(env.OpenTable("outages.active.by_building")),
      active_estates_(env.OpenTable("outages.active.by_estate")),
      public_buildings_(env.OpenTable("outages.public_buildings")) {}

Status Service::CheckInput(const storage::ReadTxn& txn, OutageInput& in) const {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.title, "title", kMaxTitleLen, true));
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.description, "description", kMaxDescriptionLen, false));
  if (in.start_at <= 0) return MakeError("field_required", "start_at");
  if (in.expected_end_at < 0) return MakeError("field_invalid", "expected_end_at");
  if (in.expected_end_at != 0 && in.expected_end_at <= in.start_at) {
    return MakeError("outage_end_before_start", "expected_end_at");
  }
  if (in.places.empty()) return MakeError("outage_places_required", "places");
  if (in.places.size() > kMaxPlaces) return MakeError("field_too_long", "places");
  std::vector<Place> unique;
  for (Place& p : in.places) {
    if ((p.estate_id == 0) == (p.building_id == 0)) return MakeError("outage_place_invalid", "places");
    OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(p.staircase, "places", kMaxStaircaseLen, false));
    if (p.estate_id != 0) {
      if (!p.staircase.empty()) return MakeError("outage_place_invalid", "places", "staircase without building");
      if (!identity_.GetEstate(txn, p.estate_id)) {
        return MakeError("estate_not_found", "places", std::to_string(p.estate_id));
      }
    } else if (!identity_.GetBuilding(txn, p.building_id)) {
      return MakeError("building_not_found", "places", std::to_string(p.building_id));
    }
    if (std::none_of(unique.begin(), unique.end(), [&](const Place& u) { return SamePlace(u, p); })) {
      unique.push_back(p);
    }
  }
  in.places = std::move(unique);
  return {};
}

void Service::Index(storage::WriteTxn& txn, const Outage& o, bool add) {
  for (const Place& p : o.places) {
    const storage::Table& t = p.estate_id != 0 ? active_estates_ : active_buildings_;
    std::string key = store::PairKey(p.estate_id != 0 ? p.estate_id : p.building_id, o.id);
    if (add) {
      txn.Put(t, key, {});
    } else {
      txn.Del(t, key);
    }
  }
}

void Service::Put(storage::WriteTxn& txn, const Outage& o) {
  txn.Put(items_, store::IdKey(o.id), store::EncodeOutage(o));
}

Result<Outage> Service::Create(const OutageInput& input, const Actor& actor) {
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Outage> {
    OutageInput in = input;
    OSIEDLE_RETURN_IF_ERROR(CheckInput(txn, in));
    const int64_t now = clock_.NowUnix();
    Outage o;
    o.id = txn.NextId(items_);
    o.kind = in.kind;
    o.title = std::move(in.title);
    o.description = std::move(in.description);
    o.places = std::move(in.places);
    o.start_at = in.start_at;
    o.expected_end_at = in.expected_end_at;
    o.status = in.status.value_or(in.start_at > now ? OutageStatus::kPlanned : OutageStatus::kOngoing);
    o.created_at = o.updated_at = now;
    o.created_by = actor.user_id;
    if (!o.active()) o.resolved_at = now;
    Put(txn, o);
    if (o.active()) Index(txn, o, true);
    audit_.Append(txn, audit::MakeEntry(actor, "outage.create", "outage", o.id, o.title));
    return o;
  });
}

Result<Outage> Service::Edit(uint64_t id, const OutageInput& input, const Actor& actor) {
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Outage> {
    auto current = Get(txn, id);
    if (!current.ok()) return current.error();
    OutageInput in = input;
    OSIEDLE_RETURN_IF_ERROR(CheckInput(txn, in));
    Outage o = *current;
    if (o.active()) Index(txn, o, false);
    o.kind = in.kind;
    o.title = std::move(in.title);
    o.description = std::move(in.description);
    o.places = std::move(in.places);
    o.start_at = in.start_at;
    o.expected_end_at = in.expected_end_at;
    o.updated_at = clock_.NowUnix();
    Put(txn, o);
    if (o.active()) Index(txn, o, true);
    audit_.Append(txn, audit::MakeEntry(actor, "outage.edit", "outage", o.id, o.title));
    return o;
  });
}

Result<Outage> Service::AddUpdate(uint64_t id, const UpdateInput& input, const Actor& actor) {
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Outage> {
    auto current = Get(txn, id);
    if (!current.ok()) return current.error();
    Outage o = std::move(*current);
    Update u;
    u.text = input.text;
    const bool changes = input.status.has_value() || input.expected_end_at.has_value();
    OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(u.text, "text", kMaxUpdateLen, !changes));
    if (o.updates.size() >= kMaxUpdates) return MakeError("outage_updates_limit");
    if (input.expected_end_at) {
      int64_t end = *input.expected_end_at;
      if (end < 0) return MakeError("field_invalid", "expected_end_at");
      if (end != 0 && end <= o.start_at) return MakeError("outage_end_before_start", "expected_end_at");
      o.expected_end_at = end;
      u.expected_end_at = end;
    }
    const int64_t now = clock_.NowUnix();
    if (input.status && *input.status != o.status) {
      if (o.active()) Index(txn, o, false);
      o.status = *input.status;
      o.resolved_at = o.active() ? 0 : now;
      if (o.active()) Index(txn, o, true);
      u.status = o.status;
    }
    u.at = o.updated_at = now;
    u.author_id = actor.user_id;
    o.updates.push_back(std::move(u));
    Put(txn, o);
    audit_.Append(txn, audit::MakeEntry(actor, "outage.update", "outage", o.id, std::string(StatusName(o.status))));
    return o;
  });
}

Status Service::SetPublicPage(uint64_t building_id, bool enabled, const Actor& actor) {
  return env_.Update([&](storage::WriteTxn& txn) -> Status {
    if (!identity_.GetBuilding(txn, building_id)) return MakeError("building_not_found");
    if (enabled) {
      txn.Put(public_buildings_, store::IdKey(building_id), {});
    } else {
      txn.Del(public_buildings_, store::IdKey(building_id));
    }
    audit_.Append(txn, audit::MakeEntry(actor, enabled ? "outage.public_page.enable" : "outage.public_page.disable",
                                        "building", building_id));
    return Ok{};
  });
}

Result<Outage> Service::Get(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(items_, store::IdKey(id));
  if (!v) return MakeError("not_found");
  auto o = store::DecodeOutage(id, *v);
  if (!o) return MakeError("not_found", {}, "corrupt record");
  return std::move(*o);
}

std::vector<Service::Home> Service::HomesOf(const storage::ReadTxn& txn, uint64_t user_id) const {
  std::vector<Home> homes;
  for (const identity::Flat& f : identity_.VerifiedFlatsOf(txn, user_id)) {
    auto b = identity_.GetBuilding(txn, f.building_id);
    homes.push_back(Home{b ? b->estate_id : 0, f.building_id, f.staircase});
  }
  return homes;
}

bool Service::Affects(const Outage& o, const std::vector<Home>& homes) {
  for (const Place& p : o.places) {
    for (const Home& h : homes) {
      if (p.estate_id != 0 && p.estate_id == h.estate_id) return true;
      if (p.building_id != 0 && p.building_id == h.building_id && (p.staircase.empty() || p.staircase == h.staircase)) {
        return true;
      }
    }
  }
  return false;
}

std::vector<Outage> Service::IndexedActive(const storage::ReadTxn& txn, const std::vector<Home>& homes) const {
  std::set<uint64_t> buildings, estates, ids;
  for (const Home& h : homes) {
    buildings.insert(h.building_id);
    estates.insert(h.estate_id);
  }
  auto collect = [&](const storage::Table& t, uint64_t owner) {
    if (owner == 0) return;
    txn.Scan(t, store::IdKey(owner), [&](std::string_view k, std::string_view) {
      if (k.size() == 16) ids.insert(storage::GetU64BE(k.substr(8)));
      return true;
    });
  };
  for (uint64_t b : buildings) collect(active_buildings_, b);
  for (uint64_t e : estates) collect(active_estates_, e);
  std::vector<Outage> out;
  for (uint64_t id : ids) {
    auto o = Get(txn, id);
    if (o.ok() && o->active()) out.push_back(std::move(*o));
  }
  return out;
}

Result<Outage> Service::GetForUser(const storage::ReadTxn& txn, uint64_t id, uint64_t user_id) const {
  auto o = Get(txn, id);
  if (!o.ok()) return o.error();
  if (!Affects(*o, HomesOf(txn, user_id))) return MakeError("not_found");
  return o;
}

Page Service::ActiveForUser(const storage::ReadTxn& txn, uint64_t user_id, size_t offset, size_t limit) const {
  if (txn.Count(active_buildings_) == 0 && txn.Count(active_estates_) == 0) {
    return Slice(std::vector<Outage>{}, offset, limit);  // nothing active anywhere
  }
  return *active_memo_.Get(txn, ActiveKey{user_id, {offset, limit}}, [&] {
    std::vector<Home> homes = HomesOf(txn, user_id);
    std::vector<Outage> all = IndexedActive(txn, homes);
    // The index is per building; a staircase-level place is checked on the record itself.
    all.erase(std::remove_if(all.begin(), all.end(), [&](const Outage& o) { return !Affects(o, homes); }), all.end());
    SortActive(all);
    return Slice(std::move(all), offset, limit);
  });
}

bool Service::PublicPageEnabled(const storage::ReadTxn& txn, uint64_t building_id) const {
  return txn.Contains(public_buildings_, store::IdKey(building_id));
}

std::vector<uint64_t> Service::PublicBuildings(const storage::ReadTxn& txn) const {
  std::vector<uint64_t> out;
  txn.Scan(public_buildings_, {}, [&](std::string_view k, std::string_view) {
    if (k.size() == 8) out.push_back(storage::GetU64BE(k));
    return true;
  });
  return out;
}

Result<Page> Service::PublicForBuilding(const storage::ReadTxn& txn, uint64_t building_id, size_t offset,
                                        size_t limit) const {
  auto b = identity_.GetBuilding(txn, building_id);
  if (!b) return MakeError("building_not_found");
  if (!PublicPageEnabled(txn, building_id)) return MakeError("outages_public_disabled");
  // Every outage of the building, whichever staircase it names.
  std::vector<Outage> all = IndexedActive(txn, {Home{b->estate_id, building_id, ""}});
  SortActive(all);
  return Slice(std::move(all), offset, limit);
}

Page Service::List(const storage::ReadTxn& txn, const Query& q) const {
  uint64_t estate = 0;
  if (q.building_id != 0) {
    auto b = identity_.GetBuilding(txn, q.building_id);
    if (!b) return Page{};
    estate = b->estate_id;
  }
  Page page;
  const size_t limit = std::min(q.limit, kMaxPage);
  txn.Scan(
      items_, {},
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 8) return true;
        auto o = store::DecodeOutage(storage::GetU64BE(k), v);
        if (!o) return true;
        if (q.status && o->status != *q.status) return true;
        if (q.building_id != 0 && std::none_of(o->places.begin(), o->places.end(), [&](const Place& p) {
              return p.building_id == q.building_id || (p.estate_id != 0 && p.estate_id == estate);
            })) {
          return true;
        }
        if (page.total >= q.offset && page.items.size() < limit) page.items.push_back(std::move(*o));
        ++page.total;
        return true;
      },
      storage::Direction::kBackward);
  return page;
}

std::string Service::PlaceName(const storage::ReadTxn& txn, const Place& p) const {
  if (p.estate_id != 0) {
    auto e = identity_.GetEstate(txn, p.estate_id);
    return e ? e->name : std::string();
  }
  auto b = identity_.GetBuilding(txn, p.building_id);
  return b ? b->address : std::string();
}

std::vector<EstatePlaces> Service::Places(const storage::ReadTxn& txn) const {
  std::vector<EstatePlaces> out;
  for (identity::Estate& e : identity_.ListEstates(txn)) {
    EstatePlaces ep{std::move(e), {}};
    for (identity::Building& b : identity_.ListBuildings(txn, ep.estate.id)) {
      std::vector<std::string> staircases = identity_.StaircasesOf(txn, b.id);
      ep.buildings.push_back(BuildingPlaces{std::move(b), std::move(staircases)});
    }
    out.push_back(std::move(ep));
  }
  return out;
}

}  // namespace osiedle::outages
