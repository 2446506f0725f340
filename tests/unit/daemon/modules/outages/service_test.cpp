#include "daemon/modules/outages/service.hpp"

#include <gtest/gtest.h>

#include "tests/unit/daemon/modules/outages/world.hpp"

namespace osiedle::outages {
namespace {

using testing::Building;
using testing::Estate;
using testing::World;
using Ids = std::vector<uint64_t>;

Actor StaffActor(const World& w) { return Actor{w.staff, "192.0.2.1", "test"}; }

std::string ErrorOf(const Result<Outage>& r) { return r.ok() ? "" : r.error().code; }

TEST(OutagesService, ResidentSeesOwnBuildingsOutageAndNeverAnothers) {
  World w;
  uint64_t in_a = w.Announce({Building(w.building_a)}, "Brak wody w Lazurowej 12");
  uint64_t in_b = w.Announce({Building(w.building_b)}, "Brak wody w Wrzosowej 3");
  EXPECT_EQ(w.ActiveIds(w.anna), Ids({in_a}));
  EXPECT_EQ(w.ActiveIds(w.jan), Ids({in_b}));
  EXPECT_EQ(w.ActiveIds(w.ewa), Ids{});  // same estate, other building
  EXPECT_TRUE(w.GetFor(in_a, w.anna).ok());
  EXPECT_EQ(ErrorOf(w.GetFor(in_b, w.anna)), "not_found");
  EXPECT_EQ(ErrorOf(w.GetFor(in_a, w.jan)), "not_found");
  EXPECT_EQ(ErrorOf(w.GetFor(9999, w.anna)), "not_found");
}

TEST(OutagesService, StaircaseTargetReachesOnlyThatStaircase) {
  World w;
  uint64_t id = w.Announce({Building(w.building_a, "2")}, "Winda nieczynna");
  EXPECT_EQ(w.ActiveIds(w.piotr), Ids({id}));
  EXPECT_EQ(w.ActiveIds(w.anna), Ids{});
  EXPECT_EQ(ErrorOf(w.GetFor(id, w.anna)), "not_found");
  EXPECT_TRUE(w.GetFor(id, w.piotr).ok());
}

TEST(OutagesService, EstateTargetReachesEveryBuildingOfTheEstate) {
  World w;
  uint64_t id = w.Announce({Estate(w.estate_lazurowa)}, "Brak ciepłej wody na osiedlu");
  EXPECT_EQ(w.ActiveIds(w.anna), Ids({id}));
  EXPECT_EQ(w.ActiveIds(w.piotr), Ids({id}));
  EXPECT_EQ(w.ActiveIds(w.ewa), Ids({id}));
  EXPECT_EQ(w.ActiveIds(w.jan), Ids{});
}

TEST(OutagesService, UnverifiedUserSeesNothing) {
  World w;
  uint64_t id = w.Announce({Estate(w.estate_lazurowa)});
  auto in = w.f.Input("nowy@example.pl", 1, identity::testing::Fixture::Kw(1));
  in.building_id = w.building_a;
  auto reg = w.f.id.users.Register(in, identity::Actor{});
  ASSERT_TRUE(reg.ok()) << reg.error().code;
  EXPECT_EQ(w.ActiveIds(reg->user_id), Ids{});
  EXPECT_EQ(ErrorOf(w.GetFor(id, reg->user_id)), "not_found");
}

TEST(OutagesService, ResolvedOutageLeavesTheActiveList) {
  World w;
  uint64_t id = w.Announce({Building(w.building_a), Estate(w.estate_lazurowa)});
  ASSERT_EQ(w.ActiveIds(w.anna), Ids({id}));
  w.f.clock.Advance(600);
  auto r = w.svc.AddUpdate(id, UpdateInput{"Usunięto awarię.", OutageStatus::kResolved, std::nullopt}, StaffActor(w));
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->resolved_at, w.f.clock.NowUnix());
  EXPECT_EQ(w.ActiveIds(w.anna), Ids{});
  EXPECT_EQ(w.ActiveIds(w.ewa), Ids{});
  EXPECT_TRUE(w.GetFor(id, w.anna).ok());  // still readable by a resident it affected
}

// The active list is memoised per user under the snapshot id: every commit shows at once, in the same second,
// also while other outages keep the index non-empty.
TEST(OutagesService, ActiveListFollowsEveryCommitAtOnce) {
  World w;
  uint64_t in_a = w.Announce({Building(w.building_a)}, "Brak wody w Lazurowej 12");
  uint64_t in_b = w.Announce({Building(w.building_b)}, "Brak wody w Wrzosowej 3");
  ASSERT_EQ(w.ActiveIds(w.anna), Ids({in_a}));
  ASSERT_EQ(w.ActiveIds(w.anna), Ids({in_a}));  // memoised
  ASSERT_TRUE(w.svc.AddUpdate(in_a, UpdateInput{"Usunięto.", OutageStatus::kResolved, std::nullopt}, StaffActor(w)).ok());
  EXPECT_EQ(w.ActiveIds(w.anna), Ids{});
  EXPECT_EQ(w.ActiveIds(w.jan), Ids({in_b}));
  uint64_t estate = w.Announce({Estate(w.estate_lazurowa)}, "Brak ciepłej wody na osiedlu");
  EXPECT_EQ(w.ActiveIds(w.anna), Ids({estate}));
  ASSERT_TRUE(w.svc.AddUpdate(in_a, UpdateInput{"Awaria wróciła.", OutageStatus::kOngoing, std::nullopt}, StaffActor(w)).ok());
  EXPECT_EQ(w.ActiveIds(w.anna).size(), 2u);
}

TEST(OutagesService, UpdatesChangeStatusAndExpectedEndWithTimestamps) {
  World w;
  uint64_t id = w.Announce({Building(w.building_a)});
  w.f.clock.Advance(3600);
  auto started =
      w.svc.AddUpdate(id, UpdateInput{"Rozpoczęto prace.", OutageStatus::kOngoing, std::nullopt}, StaffActor(w));
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started->status, OutageStatus::kOngoing);
  const int64_t later = started->start_at + 10 * 3600;
  w.f.clock.Advance(60);
  auto delayed = w.svc.AddUpdate(id, UpdateInput{"Prace potrwają dłużej.", std::nullopt, later}, StaffActor(w));
  ASSERT_TRUE(delayed.ok());
  EXPECT_EQ(delayed->status, OutageStatus::kOngoing);
  EXPECT_EQ(delayed->expected_end_at, later);
  ASSERT_EQ(delayed->updates.size(), 2u);
  EXPECT_EQ(delayed->updates[0].status, OutageStatus::kOngoing);
  EXPECT_EQ(delayed->updates[0].at, w.f.clock.NowUnix() - 60);
  EXPECT_FALSE(delayed->updates[1].status.has_value());
  EXPECT_EQ(delayed->updates[1].expected_end_at, later);
  EXPECT_EQ(delayed->updates[1].author_id, w.staff);
  auto stored = w.f.env->View([&](const storage::ReadTxn& t) { return w.svc.Get(t, id); });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->updates.size(), 2u);
  EXPECT_EQ(stored->updates[1].text, "Prace potrwają dłużej.");
}

TEST(OutagesService, ReopeningAResolvedOutageMakesItActiveAgain) {
  World w;
  uint64_t id = w.Announce({Building(w.building_a, "1")});
  ASSERT_TRUE(w.svc.AddUpdate(id, UpdateInput{"", OutageStatus::kResolved, std::nullopt}, StaffActor(w)).ok());
  ASSERT_EQ(w.ActiveIds(w.anna), Ids{});
  auto again =
      w.svc.AddUpdate(id, UpdateInput{"Awaria powróciła.", OutageStatus::kOngoing, std::nullopt}, StaffActor(w));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->resolved_at, 0);
  EXPECT_EQ(w.ActiveIds(w.anna), Ids({id}));
}

TEST(OutagesService, OngoingOutagesComeBeforePlannedOnes) {
  World w;
  uint64_t planned = w.Announce({Building(w.building_a)}, "Planowane");
  auto in = w.Input({Building(w.building_a)}, "Nagła awaria");
  in.start_at = w.f.clock.NowUnix() - 60;  // already started: defaults to ongoing
  auto sudden = w.svc.Create(in, StaffActor(w));
  ASSERT_TRUE(sudden.ok());
  EXPECT_EQ(sudden->status, OutageStatus::kOngoing);
  EXPECT_EQ(w.ActiveIds(w.anna), Ids({sudden->id, planned}));
}

TEST(OutagesService, EditMovesAnOutageToOtherPlaces) {
  World w;
  uint64_t id = w.Announce({Building(w.building_a)});
  auto in = w.Input({Building(w.building_b)}, "Brak prądu");
  in.kind = Kind::kElectricity;
  auto edited = w.svc.Edit(id, in, StaffActor(w));
  ASSERT_TRUE(edited.ok()) << edited.error().code;
  EXPECT_EQ(edited->kind, Kind::kElectricity);
  EXPECT_EQ(w.ActiveIds(w.anna), Ids{});
  EXPECT_EQ(w.ActiveIds(w.jan), Ids({id}));
  EXPECT_EQ(ErrorOf(w.svc.Edit(9999, in, StaffActor(w))), "not_found");
}

TEST(OutagesService, RejectsBadInputWithPreciseCodes) {
  World w;
  auto create = [&](auto change) {
    OutageInput in = w.Input({Building(w.building_a)});
    change(in);
    auto r = w.svc.Create(in, StaffActor(w));
    return r.ok() ? std::string("ok") : r.error().code + "/" + r.error().field;
  };
  EXPECT_EQ(create([](OutageInput& in) { in.title = "   "; }), "field_required/title");
  EXPECT_EQ(create([](OutageInput& in) { in.title = std::string(201, 'x'); }), "field_too_long/title");
  EXPECT_EQ(create([](OutageInput& in) { in.description = std::string(5001, 'x'); }), "field_too_long/description");
  EXPECT_EQ(create([](OutageInput& in) { in.expected_end_at = in.start_at; }),
            "outage_end_before_start/expected_end_at");
  EXPECT_EQ(create([](OutageInput& in) { in.start_at = 0; }), "field_required/start_at");
  EXPECT_EQ(create([](OutageInput& in) { in.places.clear(); }), "outage_places_required/places");
  EXPECT_EQ(create([&](OutageInput& in) {
              in.places = {Place{w.estate_lazurowa, w.building_a, ""}};
            }),
            "outage_place_invalid/places");
  EXPECT_EQ(create([](OutageInput& in) { in.places = {Place{}}; }), "outage_place_invalid/places");
  EXPECT_EQ(create([&](OutageInput& in) {
              in.places = {Place{w.estate_lazurowa, 0, "1"}};
            }),
            "outage_place_invalid/places");
  EXPECT_EQ(create([](OutageInput& in) { in.places = {Building(424242)}; }), "building_not_found/places");
  EXPECT_EQ(create([](OutageInput& in) { in.places = {Estate(424242)}; }), "estate_not_found/places");
  EXPECT_EQ(create([&](OutageInput& in) { in.places = {Building(w.building_a, std::string(21, '1'))}; }),
            "field_too_long/places");
  EXPECT_EQ(create([](OutageInput&) {}), "ok");

  uint64_t id = w.Announce({Building(w.building_a)});
  auto update = [&](UpdateInput u) {
    auto r = w.svc.AddUpdate(id, u, StaffActor(w));
    return r.ok() ? std::string("ok") : r.error().code;
  };
  EXPECT_EQ(update({"", std::nullopt, std::nullopt}), "field_required");
  EXPECT_EQ(update({std::string(1001, 'x'), std::nullopt, std::nullopt}), "field_too_long");
  EXPECT_EQ(update({"x", std::nullopt, int64_t{1}}), "outage_end_before_start");
  EXPECT_EQ(w.svc.AddUpdate(9999, {"x", std::nullopt, std::nullopt}, StaffActor(w)).error().code, "not_found");
}

TEST(OutagesService, DuplicatePlacesAreStoredOnce) {
  World w;
  auto r = w.svc.Create(w.Input({Building(w.building_a, "1"), Building(w.building_a, "1")}), StaffActor(w));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->places.size(), 1u);
}

TEST(OutagesService, PublicPageHonoursThePerBuildingFlag) {
  World w;
  uint64_t whole = w.Announce({Building(w.building_a)}, "Budynek");
  uint64_t stair = w.Announce({Building(w.building_a, "2")}, "Klatka 2");
  uint64_t estate = w.Announce({Estate(w.estate_lazurowa)}, "Osiedle");
  w.Announce({Building(w.building_b)}, "Inny budynek");
  auto page = [&](uint64_t building) {
    return w.f.env->View([&](const storage::ReadTxn& t) { return w.svc.PublicForBuilding(t, building, 0, 50); });
  };
  EXPECT_EQ(page(w.building_a).error().code, "outages_public_disabled");
  EXPECT_EQ(page(424242).error().code, "building_not_found");
  ASSERT_TRUE(w.svc.SetPublicPage(w.building_a, true, StaffActor(w)).ok());
  auto on = page(w.building_a);
  ASSERT_TRUE(on.ok());
  std::vector<uint64_t> ids;
  for (const Outage& o : on->items) ids.push_back(o.id);
  EXPECT_EQ(ids, Ids({whole, stair, estate}));
  EXPECT_EQ(page(w.building_b).error().code, "outages_public_disabled");  // the flag is per building
  ASSERT_TRUE(w.svc.SetPublicPage(w.building_a, false, StaffActor(w)).ok());
  EXPECT_EQ(page(w.building_a).error().code, "outages_public_disabled");
  EXPECT_EQ(w.svc.SetPublicPage(424242, true, StaffActor(w)).error().code, "building_not_found");
}

TEST(OutagesService, ListFiltersByStatusAndBuildingAndPaginates) {
  World w;
  uint64_t a1 = w.Announce({Building(w.building_a)});
  uint64_t b1 = w.Announce({Building(w.building_b)});
  uint64_t est = w.Announce({Estate(w.estate_lazurowa)});
  uint64_t a2 = w.Announce({Building(w.building_a, "1")});
  ASSERT_TRUE(w.svc.AddUpdate(a1, UpdateInput{"", OutageStatus::kResolved, std::nullopt}, StaffActor(w)).ok());
  auto list = [&](Query q) {
    return w.f.env->View([&](const storage::ReadTxn& t) {
      Page p = w.svc.List(t, q);
      std::vector<uint64_t> ids;
      for (const Outage& o : p.items) ids.push_back(o.id);
      return std::pair(p.total, ids);
    });
  };
  EXPECT_EQ(list({}), std::pair(uint64_t{4}, std::vector<uint64_t>{a2, est, b1, a1}));
  EXPECT_EQ(list({.status = OutageStatus::kResolved}), std::pair(uint64_t{1}, std::vector<uint64_t>{a1}));
  EXPECT_EQ(list({.status = std::nullopt, .building_id = w.building_a}),
            std::pair(uint64_t{3}, std::vector<uint64_t>{a2, est, a1}));
  EXPECT_EQ(list({.status = std::nullopt, .building_id = w.building_a2}),
            std::pair(uint64_t{1}, std::vector<uint64_t>{est}));
  EXPECT_EQ(list({.status = std::nullopt, .building_id = 0, .offset = 1, .limit = 2}),
            std::pair(uint64_t{4}, std::vector<uint64_t>{est, b1}));
  EXPECT_EQ(list({.status = std::nullopt, .building_id = 424242}).first, 0u);
}

TEST(OutagesService, StaffChangesAreAudited) {
  World w;
  uint64_t id = w.Announce({Building(w.building_a)});
  ASSERT_TRUE(w.svc.Edit(id, w.Input({Building(w.building_a)}, "Nowy tytuł"), StaffActor(w)).ok());
  ASSERT_TRUE(w.svc.AddUpdate(id, UpdateInput{"x", std::nullopt, std::nullopt}, StaffActor(w)).ok());
  ASSERT_TRUE(w.svc.SetPublicPage(w.building_a, true, StaffActor(w)).ok());
  std::vector<std::string> actions;
  w.f.audit.ForEach([&](const audit::Entry& e) {
    if (e.action.rfind("outage.", 0) == 0) {
      EXPECT_EQ(e.actor_id, w.staff);
      actions.push_back(e.action);
    }
    return true;
  });
  EXPECT_EQ(actions,
            (std::vector<std::string>{"outage.create", "outage.edit", "outage.update", "outage.public_page.enable"}));
}

TEST(OutagesService, FailedChangeLeavesNoTrace) {
  World w;
  auto bad = w.Input({Building(424242)});
  ASSERT_FALSE(w.svc.Create(bad, StaffActor(w)).ok());
  auto all = w.f.env->View([&](const storage::ReadTxn& t) { return w.svc.List(t, {}); });
  EXPECT_EQ(all.total, 0u);
}

TEST(OutagesService, PlaceNameReadsTheRegistryAndIsEmptyForUnknownPlaces) {
  World w;
  w.f.env->View([&](const storage::ReadTxn& t) {
    EXPECT_EQ(w.svc.PlaceName(t, Building(w.building_a, "2")), "Lazurowa 12");
    EXPECT_EQ(w.svc.PlaceName(t, Estate(w.estate_wrzosowa)), "Wrzosowa");
    EXPECT_EQ(w.svc.PlaceName(t, Building(424242)), "");
    EXPECT_EQ(w.svc.PlaceName(t, Estate(424242)), "");
  });
}

TEST(OutagesService, PlacesListsEveryBuildingWithItsDistinctStaircases) {
  World w;
  auto places = w.f.env->View([&](const storage::ReadTxn& t) { return w.svc.Places(t); });
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[0].estate.name, "Lazurowa");
  ASSERT_EQ(places[0].buildings.size(), 2u);
  EXPECT_EQ(places[0].buildings[0].building.address, "Lazurowa 12");
  EXPECT_EQ(places[0].buildings[0].staircases, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(places[0].buildings[1].staircases, (std::vector<std::string>{"1"}));
  EXPECT_EQ(places[1].estate.name, "Wrzosowa");
  ASSERT_EQ(places[1].buildings.size(), 1u);
  EXPECT_EQ(places[1].buildings[0].building.id, w.building_b);
}

}  // namespace
}  // namespace osiedle::outages
