#pragma once
// Test world for the letters module: the identity test fixture (temp LMDB, FakeClock) with flats in two
// buildings, an administrator, and the letters service plugged into identity as osiedled plugs it in.
#include <stdexcept>
#include <string>
#include <vector>

#include "daemon/modules/letters/service.hpp"
#include "tests/unit/daemon/modules/identity/fixture.hpp"

namespace osiedle::letters::testing {

using identity::testing::Fixture;

struct World {
  // "Lazurowa 12": flats 1, 2, 10 (staircase A); "Lazurowa 14": flat 3 (staircase B, "12 a" → 12A too).
  explicit World(identity::Options options = identity::testing::TestOptions()) : f(std::move(options)) {
    std::string csv = "osiedle;budynek;klatka;lokal;kw;nr_czlonkowski\n";
    csv += "Lazurowa;Lazurowa 12;A;10;" + Fixture::Kw(10) + ";M-10\n";
    csv += "Lazurowa;Lazurowa 12;A;2;" + Fixture::Kw(2) + ";M-2\n";
    csv += "Lazurowa;Lazurowa 12;A;1;" + Fixture::Kw(1) + ";M-1\n";
    csv += "Lazurowa;Lazurowa 14;B;3;" + Fixture::Kw(3) + ";M-3\n";
    csv += "Lazurowa;Lazurowa 14;B;12 a;" + Fixture::Kw(12) + ";\n";
    auto r = f.id.registry.ImportFlats(csv, 0);
    if (!r.ok() || r->imported != 5) throw std::runtime_error("seed failed");
    building_a = f.BuildingId("Lazurowa 12");
    building_b = f.BuildingId("Lazurowa 14");
    auto admin = f.id.users.CreateAdmin("admin@example.pl", "Ada", "Nowak", identity::testing::kPassword);
    if (!admin.ok()) throw std::runtime_error("admin failed");
    staff = admin->id;
    f.id.users.SetLetterHooks(
        {[this](const storage::ReadTxn& t, uint64_t flat, std::string_view code) { return svc.IsValid(t, flat, code); },
         [this](storage::WriteTxn& t, uint64_t flat, std::string_view code, uint64_t user) {
           return svc.Consume(t, flat, code, user);
         }});
  }

  uint64_t FlatId(uint64_t building, const std::string& number) {
    return f.env->View([&](const storage::ReadTxn& t) {
      auto flat = f.id.store.FindFlat(t, building, number);
      return flat ? flat->id : 0;
    });
  }

  // Issues letters for `flats` as staff; throws on error.
  std::vector<IssuedLetter> IssueFor(std::vector<uint64_t> flats) {
    auto r = svc.Issue(Selection{0, std::move(flats)}, Actor{staff, "192.0.2.9", "test"});
    if (!r.ok()) throw std::runtime_error("issue failed: " + r.error().code);
    return *r;
  }

  // A sign-up for `flat` in `building` with a letter code and no other proof.
  identity::RegistrationInput WithCode(const std::string& email, uint64_t building, const std::string& flat,
                                       const std::string& code) {
    auto in = f.Input(email, 1, "");
    in.building_id = building;
    in.flat_number = flat;
    in.kw_number.clear();
    in.letter_code = code;
    return in;
  }

  std::vector<LetterCode> Codes(uint64_t flat) {
    auto r = svc.ListForFlat(flat);
    if (!r.ok()) throw std::runtime_error("list failed: " + r.error().code);
    return *r;
  }

  Fixture f;
  Service svc{*f.env, f.clock, f.id.users, f.audit, "https://portal.test/"};
  uint64_t building_a = 0, building_b = 0, staff = 0;
};

}  // namespace osiedle::letters::testing
