// RegistryService: browsing the flats registry (the import is in flats_import.cpp).
#include "daemon/modules/identity/registry_service.hpp"

#include <map>

namespace osiedle::identity {

RegistryService::RegistryService(Store& store, audit::Service& audit) : store_(store), audit_(audit) {}

std::vector<Estate> RegistryService::ListEstates() const {
  return store_.env().View([&](const storage::ReadTxn& t) { return store_.ListEstates(t); });
}

std::vector<BuildingView> RegistryService::ListBuildings(uint64_t estate_id) const {
  return store_.env().View([&](const storage::ReadTxn& t) {
    std::vector<BuildingView> out;
    std::map<uint64_t, std::string> estate_names;
    for (const Estate& e : store_.ListEstates(t)) estate_names[e.id] = e.name;
    for (Building& b : store_.ListBuildings(t, estate_id)) {
      BuildingView v;
      v.estate_name = estate_names[b.estate_id];
      v.flats = store_.CountFlats(t, b.id);
      v.building = std::move(b);
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<std::vector<Flat>> RegistryService::ListFlats(uint64_t building_id) const {
  return store_.env().View([&](const storage::ReadTxn& t) -> Result<std::vector<Flat>> {
    if (!store_.GetBuilding(t, building_id)) return MakeError("building_not_found", "building");
    return store_.ListFlats(t, building_id);
  });
}

std::optional<Building> RegistryService::GetBuilding(const storage::ReadTxn& txn, uint64_t id) const {
  return store_.GetBuilding(txn, id);
}

}  // namespace osiedle::identity
