#pragma once
// Shared by the demo seeders (demo.cpp: accounts; demo_content.cpp: content of every module; demo_scale.cpp: the
// benchmark store): the demo cooperative's fixed data.
#include <cstddef>
#include <cstdint>
#include <string>

#include "daemon/app/app.hpp"

namespace osiedle::app {

inline constexpr char kAdminEmail[] = "admin@lazurowa.demo";
inline constexpr char kAdminPassword[] = "Lazurowa-Admin-2025";
inline constexpr char kStaffEmail[] = "biuro@lazurowa.demo";
inline constexpr char kStaffPassword[] = "Lazurowa-Biuro-2025";
inline constexpr char kResidentPassword[] = "Lazurowa-Mieszkaniec-2025";
inline constexpr char kCourt[] = "WA1M";  // Sąd Rejonowy dla Warszawy-Mokotowa

struct DemoBuilding {
  const char* estate;
  const char* address;
};
inline constexpr DemoBuilding kBuildings[] = {
    {"Osiedle Lazurowe", "Lazurowa 12"},         {"Osiedle Lazurowe", "Lazurowa 14"},
    {"Osiedle Lazurowe", "Lazurowa 16"},         {"Osiedle Górczewska", "Górczewska 200"},
    {"Osiedle Górczewska", "Górczewska 202"},    {"Osiedle Górczewska", "Powstańców Śląskich 80"},
};
inline constexpr int kFlatsPerBuilding = 50;

// The (valid) KW number of flat `flat` in building index `building`.
inline uint32_t KwNumberFor(size_t building, int flat) { return static_cast<uint32_t>(100000 + building * 1000 + flat); }

// The flats register of `buildings` buildings as the office's accounting system would export it (CSV).
std::string RegisterCsv(size_t buildings, int flats_per_building);

// Seeds the content modules (news, outages, contractors, documents, information, ads) with realistic Polish content:
// each module that is still empty, so re-running changes nothing. Called by SeedDemo after the accounts exist. Throws std::runtime_error if a service refuses the data.
void SeedDemoContent(App& app);

}  // namespace osiedle::app
