// Store: estates, buildings and flats tables (and the constructor opening every table).
#include "daemon/modules/identity/store.hpp"
#include "storage/codec.hpp"

namespace osiedle::identity {

namespace {
std::string IdKey(uint64_t id) { return storage::Key().U64(id).Build(); }
std::string IdValue(uint64_t id) { return storage::Key().U64(id).Build(); }
std::optional<uint64_t> ReadId(const std::optional<std::string>& v) {
  if (!v || v->size() != 8) return std::nullopt;
  return storage::GetU64BE(*v);
}
}  // namespace

Store::Store(storage::Env& env) : env_(env) {
  estates_ = env.OpenTable("identity.estates");
  estates_by_name_ = env.OpenTable("identity.estates.by_name");
  buildings_ = env.OpenTable("identity.buildings");
  buildings_by_address_ = env.OpenTable("identity.buildings.by_address");
  flats_ = env.OpenTable("identity.flats");
  flats_by_building_ = env.OpenTable("identity.flats.by_building");
  users_ = env.OpenTable("identity.users");
  users_by_email_ = env.OpenTable("identity.users.by_email");
  ownerships_ = env.OpenTable("identity.ownerships");
  ownerships_by_flat_ = env.OpenTable("identity.ownerships.by_flat");
  registrations_ = env.OpenTable("identity.registrations");
  registrations_by_status_ = env.OpenTable("identity.registrations.by_status");
  registrations_by_user_ = env.OpenTable("identity.registrations.by_user");
  sessions_ = env.OpenTable("identity.sessions");
  sessions_by_token_ = env.OpenTable("identity.sessions.by_token");
  sessions_by_user_ = env.OpenTable("identity.sessions.by_user");
  reset_tokens_ = env.OpenTable("identity.reset_tokens");
}

std::optional<Estate> Store::GetEstate(const storage::ReadTxn& t, uint64_t id) const {
  auto v = t.Get(estates_, IdKey(id));
  Estate e;
  if (!v || !DecodeEstate(id, *v, &e)) return std::nullopt;
  return e;
}

std::vector<Estate> Store::ListEstates(const storage::ReadTxn& t) const {
  std::vector<Estate> out;
  t.Scan(estates_, {}, [&](std::string_view k, std::string_view v) {
    Estate e;
    if (k.size() == 8 && DecodeEstate(storage::GetU64BE(k), v, &e)) out.push_back(std::move(e));
    return true;
  });
  return out;
}

std::optional<uint64_t> Store::FindEstate(const storage::ReadTxn& t, std::string_view name) const {
  return ReadId(t.Get(estates_by_name_, storage::Key().Str(NameKey(name)).Build()));
}

Estate Store::CreateEstate(storage::WriteTxn& t, std::string_view name) const {
  Estate e;
  e.id = t.NextId(estates_);
  e.name = CleanText(name);
  t.Put(estates_, IdKey(e.id), EncodeEstate(e));
  t.Put(estates_by_name_, storage::Key().Str(NameKey(name)).Build(), IdValue(e.id));
  return e;
}

std::optional<Building> Store::GetBuilding(const storage::ReadTxn& t, uint64_t id) const {
  auto v = t.Get(buildings_, IdKey(id));
  Building b;
  if (!v || !DecodeBuilding(id, *v, &b)) return std::nullopt;
  return b;
}

std::vector<Building> Store::ListBuildings(const storage::ReadTxn& t, uint64_t estate_id) const {
  std::vector<Building> out;
  std::string prefix = estate_id ? IdKey(estate_id) : std::string();
  t.Scan(buildings_by_address_, prefix, [&](std::string_view, std::string_view v) {
    if (v.size() != 8) return true;
    if (auto b = GetBuilding(t, storage::GetU64BE(v))) out.push_back(std::move(*b));
    return true;
  });
  return out;
}

std::optional<uint64_t> Store::FindBuilding(const storage::ReadTxn& t, uint64_t estate_id,
                                            std::string_view address) const {
  return ReadId(t.Get(buildings_by_address_, storage::Key().U64(estate_id).Str(NameKey(address)).Build()));
}

std::optional<uint64_t> Store::FindBuildingAnyEstate(const storage::ReadTxn& t, std::string_view address) const {
  for (const Estate& e : ListEstates(t)) {
    if (auto id = FindBuilding(t, e.id, address)) return id;
  }
  return std::nullopt;
}

Building Store::CreateBuilding(storage::WriteTxn& t, uint64_t estate_id, std::string_view address) const {
  Building b;
  b.id = t.NextId(buildings_);
  b.estate_id = estate_id;
  b.address = CleanText(address);
  t.Put(buildings_, IdKey(b.id), EncodeBuilding(b));
  t.Put(buildings_by_address_, storage::Key().U64(estate_id).Str(NameKey(address)).Build(), IdValue(b.id));
  return b;
}

std::optional<Flat> Store::GetFlat(const storage::ReadTxn& t, uint64_t id) const {
  auto v = t.Get(flats_, IdKey(id));
  Flat f;
  if (!v || !DecodeFlat(id, *v, &f)) return std::nullopt;
  return f;
}

std::optional<Flat> Store::FindFlat(const storage::ReadTxn& t, uint64_t building_id, std::string_view number) const {
  std::string key = FlatKey(number);
  if (key.empty() || key.find('\0') != std::string::npos) return std::nullopt;
  auto id = ReadId(t.Get(flats_by_building_, storage::Key().U64(building_id).Str(key).Build()));
  if (!id) return std::nullopt;
  return GetFlat(t, *id);
}

std::vector<Flat> Store::ListFlats(const storage::ReadTxn& t, uint64_t building_id) const {
  std::vector<Flat> out;
  t.Scan(flats_by_building_, IdKey(building_id), [&](std::string_view, std::string_view v) {
    if (v.size() != 8) return true;
    if (auto f = GetFlat(t, storage::GetU64BE(v))) out.push_back(std::move(*f));
    return true;
  });
  return out;
}

uint64_t Store::CountFlats(const storage::ReadTxn& t, uint64_t building_id) const {
  uint64_t n = 0;
  t.Scan(flats_by_building_, IdKey(building_id), [&](std::string_view, std::string_view) {
    ++n;
    return true;
  });
  return n;
}

void Store::PutFlat(storage::WriteTxn& t, Flat* f) const {
  if (f->id == 0) {
    f->id = t.NextId(flats_);
    t.Put(flats_by_building_, storage::Key().U64(f->building_id).Str(FlatKey(f->number)).Build(), IdValue(f->id));
  }
  t.Put(flats_, IdKey(f->id), EncodeFlat(*f));
}

}  // namespace osiedle::identity
