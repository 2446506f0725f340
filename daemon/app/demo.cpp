// The demo cooperative's accounts (SeedDemo); content comes from demo_content.cpp, the benchmark store from
// demo_scale.cpp.
#include "daemon/app/demo.hpp"

#include <iostream>
#include <sstream>

#include "daemon/app/demo_data.hpp"
#include "daemon/core/kw.hpp"

namespace osiedle::app {
namespace {

uint64_t BuildingId(App& app, const std::string& address) {
  for (const auto& b : app.identity.registry.ListBuildings(0))
    if (b.building.address == address) return b.building.id;
  return 0;
}

struct DemoResident {
  const char* first;
  const char* last;
  const char* email;
  size_t building;
  int flat;
  bool kw_correct;
  bool approve;
};
constexpr DemoResident kResidents[] = {
    {"Jan", "Kowalski", "jan.kowalski@lazurowa.demo", 0, 5, true, true},
    {"Ewa", "Zielińska", "ewa.zielinska@lazurowa.demo", 1, 12, true, true},
    {"Piotr", "Wiśniewski", "piotr.wisniewski@lazurowa.demo", 3, 27, true, true},
    {"Maria", "Nowak", "maria.nowak@lazurowa.demo", 0, 8, true, false},
    {"Tomasz", "Lewandowski", "tomasz.lewandowski@lazurowa.demo", 4, 3, false, false},
};

void Must(const Status& s, const std::string& what) {
  if (!s.ok()) throw std::runtime_error("demo: " + what + ": " + s.error().code + " " + s.error().detail);
}

identity::RegistrationInput Resident(App& app, const DemoResident& r, const char* password) {
  identity::RegistrationInput in;
  in.first_name = r.first;
  in.last_name = r.last;
  in.email = r.email;
  in.password = password;
  in.building_id = BuildingId(app, kBuildings[r.building].address);
  in.flat_number = std::to_string(r.flat);
  uint32_t n = KwNumberFor(r.building, r.flat);
  in.kw_number = kw::Make(kCourt, r.kw_correct ? n : n + 1);
  in.consent_terms = in.consent_rodo = true;
  in.consents_version = identity::kConsentsVersion;
  return in;
}

}  // namespace

// The register as the office's accounting system would export it.
std::string RegisterCsv(size_t buildings, int flats_per_building) {
  std::ostringstream csv;
  csv << "osiedle;budynek;klatka;lokal;powierzchnia;kw;nr_czlonkowski\n";
  const char* staircases = "ABCDEFGH";
  for (size_t b = 0; b < buildings; ++b) {
    const auto& db = kBuildings[b % std::size(kBuildings)];
    std::string address = db.address;
    if (b >= std::size(kBuildings)) address += " bud. " + std::to_string(b / std::size(kBuildings) + 1);
    for (int f = 1; f <= flats_per_building; ++f) {
      int area10 = 280 + (f * 37 + static_cast<int>(b) * 11) % 600;  // 28,0 – 87,9 m²
      csv << db.estate << ";" << address << ";" << staircases[(f - 1) * 8 / (flats_per_building + 1) % 8] << ";"
          << f << ";" << area10 / 10 << "," << area10 % 10 << ";" << kw::Make(kCourt, KwNumberFor(b, f)) << ";"
          << "M-" << (b + 1) * 1000 + f << "\n";
    }
  }
  return csv.str();
}

void SeedDemo(App& app, std::ostream& out) {
  if (app.identity.registry.ListEstates().empty()) {
    auto report = app.identity.registry.ImportFlats(RegisterCsv(std::size(kBuildings), kFlatsPerBuilding), 0);
    if (!report.ok()) throw std::runtime_error("demo: flats import failed: " + report.error().code);
    auto admin = app.identity.users.CreateAdmin(kAdminEmail, "Anna", "Administratorka", kAdminPassword);
    Must(admin.ok() ? Status() : Status(admin.error()), "administrator");
    auto staff = app.identity.users.CreateAdmin(kStaffEmail, "Barbara", "Biurowa", kStaffPassword);
    Must(staff.ok() ? Status() : Status(staff.error()), "staff");
    identity::Actor system;
    Must(app.identity.users.SetRoles(staff->id, {roles::kStaff}, system), "staff role");
    for (const auto& r : kResidents) {
      auto receipt = app.identity.users.Register(Resident(app, r, kResidentPassword), system);
      Must(receipt.ok() ? Status() : Status(receipt.error()), std::string("resident ") + r.email);
      if (r.approve) Must(app.identity.users.Approve(receipt->registration_id, system), "approve");
    }
  }
  SeedDemoContent(app);  // each module that is still empty
  out << "SM Lazurowa (demo) — logins:\n"
      << "  administrator: " << kAdminEmail << " / " << kAdminPassword << "   (panel: /admin)\n"
      << "  staff (biuro): " << kStaffEmail << " / " << kStaffPassword << "   (panel: /admin)\n"
      << "  resident:      " << kResidents[0].email << " / " << kResidentPassword << "   (portal: /)\n"
      << std::flush;
}

}  // namespace osiedle::app
