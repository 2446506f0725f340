#pragma once
// Outage notices: staff announce and update them; residents see the active ones that affect one of
// their verified flats; a building's active outages can also be shown on a login-free public page
// when staff enable it for that building. Every staff change is audited in the same transaction.
// Functions taking a txn run inside the caller's transaction; the others open their own (never call
// those inside View/Update). Thread-safety: every function is safe from many threads (state in LMDB).
#include <cstddef>
#include <cstdint>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/page.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/service.hpp"
#include "daemon/modules/outages/model.hpp"
#include "storage/env.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::outages {

using identity::Actor;

// What staff write when creating or editing an outage.
struct OutageInput {
  Kind kind = Kind::kOther;
  std::string title;
  std::string description;
  std::vector<Place> places;
  int64_t start_at = 0;
  int64_t expected_end_at = 0;         // 0 = unknown
  std::optional<OutageStatus> status;  // Create only (default: planned if start_at is in the future,
                                       // else ongoing); Edit ignores it — status changes go through updates
};

struct UpdateInput {
  std::string text;                        // required unless the update changes status or end
  std::optional<OutageStatus> status;      // new status, if it changes
  std::optional<int64_t> expected_end_at;  // new expected end (0 = unknown), if it changes
};

struct Query {
  std::optional<OutageStatus> status;  // nullopt = any
  uint64_t building_id = 0;            // 0 = any; else outages touching the building, its staircases or estate
  size_t offset = 0;
  size_t limit = 50;  // 1..kMaxPage
};

// Only total and items are set; routes answer with the offset/limit they asked for.
using Page = osiedle::Page<Outage>;

// A building staff may name in an outage, with the staircases its flats have (sorted, non-empty).
struct BuildingPlaces {
  identity::Building building;
  std::vector<std::string> staircases;
};

// An estate with its buildings (by address): what an outage may affect.
struct EstatePlaces {
  identity::Estate estate;
  std::vector<BuildingPlaces> buildings;
};

class Service {
 public:
  // Opens the tables. REQUIRES: called at start-up; the arguments outlive the Service.
  Service(storage::Env& env, const Clock& clock, identity::Service& identity, audit::Service& audit);

  // Errors: field_required / field_too_long / field_invalid / utf8_invalid (title, description,
  // start_at), outage_places_required, outage_place_invalid, field_too_long (places),
  // estate_not_found / building_not_found (field places, detail = id), outage_end_before_start
  // (field expected_end_at).
  Result<Outage> Create(const OutageInput& in, const Actor& actor);
  // Replaces kind, title, description, places, start and expected end of outage `id`.
  // Errors as Create, not_found.
  Result<Outage> Edit(uint64_t id, const OutageInput& in, const Actor& actor);
  // Appends a timestamped update, applying its status / expected end. Errors: not_found,
  // field_required / field_too_long (text), outage_end_before_start, outage_updates_limit.
  Result<Outage> AddUpdate(uint64_t id, const UpdateInput& in, const Actor& actor);
  // Enables or disables the building's public outage page. Errors: building_not_found.
  Status SetPublicPage(uint64_t building_id, bool enabled, const Actor& actor);

  // Staff view of one outage. Errors: not_found.
  Result<Outage> Get(const storage::ReadTxn& txn, uint64_t id) const;
  // A resident's view: the outage (active or not) if it affects one of the user's verified flats.
  // Errors: not_found (also when it exists but does not affect the user).
  Result<Outage> GetForUser(const storage::ReadTxn& txn, uint64_t id, uint64_t user_id) const;
  // Active (not resolved) outages affecting one of the user's verified flats: ongoing first, then
  // by start. limit is capped at kMaxPage. With no active outage anywhere (the usual day) it answers from two
  // index counts; otherwise it is memoised per user under the snapshot id (it depends on the store alone).
  Page ActiveForUser(const storage::ReadTxn& txn, uint64_t user_id, size_t offset, size_t limit) const;
  // Active outages of a building (any staircase, or its whole estate), ordered as ActiveForUser.
  // Errors: building_not_found, outages_public_disabled (the public page is off for the building).
  Result<Page> PublicForBuilding(const storage::ReadTxn& txn, uint64_t building_id, size_t offset, size_t limit) const;
  bool PublicPageEnabled(const storage::ReadTxn& txn, uint64_t building_id) const;
  // Buildings whose public page is on, ascending.
  std::vector<uint64_t> PublicBuildings(const storage::ReadTxn& txn) const;
  // Staff list, newest first, filtered.
  Page List(const storage::ReadTxn& txn, const Query& q) const;
  // How a place reads: the estate's name (estate place) or the building's address (building place);
  // "" when the registry no longer has it.
  std::string PlaceName(const storage::ReadTxn& txn, const Place& p) const;
  // Every estate (id order) with its buildings and their staircases, for the staff outage form.
  std::vector<EstatePlaces> Places(const storage::ReadTxn& txn) const;

  storage::Env& env() { return env_; }

  static constexpr size_t kMaxTitleLen = 200;
  static constexpr size_t kMaxDescriptionLen = 5000;
  static constexpr size_t kMaxUpdateLen = 1000;
  static constexpr size_t kMaxStaircaseLen = 20;
  static constexpr size_t kMaxPlaces = 200;
  static constexpr size_t kMaxUpdates = 200;
  static constexpr size_t kMaxPage = 200;

 private:
  // Where a flat is: the places that affect it are its estate, its building and its staircase.
  struct Home {
    uint64_t estate_id = 0;
    uint64_t building_id = 0;
    std::string staircase;  // "" = no staircase known (only whole-building outages reach it)
  };
  Status CheckInput(const storage::ReadTxn& txn, OutageInput& in) const;
  std::vector<Home> HomesOf(const storage::ReadTxn& txn, uint64_t user_id) const;
  static bool Affects(const Outage& o, const std::vector<Home>& homes);
  // Active outages indexed under any of the homes' buildings or estates (any staircase), by id.
  std::vector<Outage> IndexedActive(const storage::ReadTxn& txn, const std::vector<Home>& homes) const;
  // Adds (or removes) the active-index entries of `o`'s places.
  void Index(storage::WriteTxn& txn, const Outage& o, bool add);
  void Put(storage::WriteTxn& txn, const Outage& o);

  storage::Env& env_;
  const Clock& clock_;
  identity::Service& identity_;
  audit::Service& audit_;
  storage::Table items_;             // outages.items: u64 id → outage v1
  storage::Table active_buildings_;  // outages.active.by_building: u64 building, u64 id → ""
  storage::Table active_estates_;    // outages.active.by_estate: u64 estate, u64 id → ""
  storage::Table public_buildings_;  // outages.public_buildings: u64 building → ""

  // ActiveForUser's pages by (user, (offset, limit)).
  using ActiveKey = std::pair<uint64_t, std::pair<size_t, size_t>>;
  struct ActiveKeyHash {
    size_t operator()(const ActiveKey& k) const {
      return storage::PairHash{}(std::pair{k.first, storage::PairHash{}(k.second)});
    }
  };
  storage::SnapshotMemo<ActiveKey, Page, ActiveKeyHash> active_memo_{4096};  // then it starts over
};

}  // namespace osiedle::outages
