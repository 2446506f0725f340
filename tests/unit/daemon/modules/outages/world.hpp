#pragma once
// Test world for the outages module: real identity data (two estates, three buildings, staircases)
// with verified residents, on the identity test fixture (temp LMDB, FakeClock).
#include <stdexcept>
#include <string>

#include "daemon/modules/outages/service.hpp"
#include "tests/unit/daemon/modules/identity/fixture.hpp"

namespace osiedle::outages::testing {

using identity::testing::Fixture;

struct World {
  // Estate Lazurowa: "Lazurowa 12" (staircases 1 and 2), "Lazurowa 14"; estate Wrzosowa: "Wrzosowa 3".
  World() {
    std::string csv = "osiedle;budynek;klatka;lokal;kw\n";
    csv += "Lazurowa;Lazurowa 12;1;1;" + Fixture::Kw(1) + "\n";
    csv += "Lazurowa;Lazurowa 12;2;2;" + Fixture::Kw(2) + "\n";
    csv += "Lazurowa;Lazurowa 14;1;3;" + Fixture::Kw(3) + "\n";
    csv += "Wrzosowa;Wrzosowa 3;1;4;" + Fixture::Kw(4) + "\n";
    auto r = f.id.registry.ImportFlats(csv, 0);
    if (!r.ok() || r->imported != 4) throw std::runtime_error("seed failed");
    building_a = f.BuildingId("Lazurowa 12");
    building_a2 = f.BuildingId("Lazurowa 14");
    building_b = f.BuildingId("Wrzosowa 3");
    estate_lazurowa = EstateOf(building_a);
    estate_wrzosowa = EstateOf(building_b);
    anna = Resident("anna@example.pl", "Lazurowa 12", 1);    // staircase 1
    piotr = Resident("piotr@example.pl", "Lazurowa 12", 2);  // staircase 2
    ewa = Resident("ewa@example.pl", "Lazurowa 14", 3);
    jan = Resident("jan@example.pl", "Wrzosowa 3", 4);
    auto admin = f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", identity::testing::kPassword);
    if (!admin.ok()) throw std::runtime_error("admin failed");
    staff = admin->id;
  }

  uint64_t EstateOf(uint64_t building) {
    return f.env->View([&](const storage::ReadTxn& t) { return f.id.store.GetBuilding(t, building)->estate_id; });
  }

  // Registers and approves the owner of flat `flat` in `address`.
  uint64_t Resident(const std::string& email, const std::string& address, int flat) {
    auto in = f.Input(email, flat, Fixture::Kw(flat));
    in.building_id = f.BuildingId(address);
    auto r = f.id.users.Register(in, identity::Actor{});
    if (!r.ok()) throw std::runtime_error("register failed: " + r.error().code);
    if (!f.id.users.Approve(r->registration_id, identity::Actor{}).ok()) throw std::runtime_error("approve failed");
    return r->user_id;
  }

  // A valid outage starting an hour from now at `places`.
  OutageInput Input(std::vector<Place> places, std::string title = "Brak wody") {
    OutageInput in;
    in.kind = Kind::kWater;
    in.title = std::move(title);
    in.description = "Wymiana pionu wodnego.";
    in.places = std::move(places);
    in.start_at = f.clock.NowUnix() + 3600;
    in.expected_end_at = in.start_at + 4 * 3600;
    return in;
  }

  uint64_t Announce(std::vector<Place> places, std::string title = "Brak wody") {
    auto o = svc.Create(Input(std::move(places), std::move(title)), Actor{staff, "", ""});
    if (!o.ok()) throw std::runtime_error("create failed: " + o.error().code);
    return o->id;
  }

  std::vector<uint64_t> ActiveIds(uint64_t user) {
    return f.env->View([&](const storage::ReadTxn& t) {
      std::vector<uint64_t> ids;
      for (const Outage& o : svc.ActiveForUser(t, user, 0, 50).items) ids.push_back(o.id);
      return ids;
    });
  }

  Result<Outage> GetFor(uint64_t id, uint64_t user) {
    return f.env->View([&](const storage::ReadTxn& t) { return svc.GetForUser(t, id, user); });
  }

  Fixture f;
  Service svc{*f.env, f.clock, f.id.users, f.audit};
  uint64_t building_a = 0, building_a2 = 0, building_b = 0, estate_lazurowa = 0, estate_wrzosowa = 0;
  uint64_t anna = 0, piotr = 0, ewa = 0, jan = 0, staff = 0;
};

inline Place Building(uint64_t id, std::string staircase = "") { return Place{0, id, std::move(staircase)}; }
inline Place Estate(uint64_t id) { return Place{id, 0, ""}; }

}  // namespace osiedle::outages::testing
