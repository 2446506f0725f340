#pragma once
// Outage notices (komunikaty o awariach): planned or sudden interruptions affecting estates,
// buildings or staircases, with a status and timestamped updates. Enum values are stored on disk:
// never renumber (storage/FORMAT.md, "outages").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace osiedle::outages {

enum class Kind : uint8_t {
  kWater = 0,
  kHotWater = 1,
  kHeating = 2,
  kElectricity = 3,
  kGas = 4,
  kLift = 5,
  kIntercom = 6,
  kOther = 7,
};

// planned → ongoing → resolved; an update may also reopen a resolved outage.
enum class OutageStatus : uint8_t { kPlanned = 0, kOngoing = 1, kResolved = 2 };

// One affected place: a whole estate (estate_id), a whole building (building_id) or one staircase
// of a building (building_id + staircase). Exactly one of estate_id / building_id is non-zero.
struct Place {
  uint64_t estate_id = 0;
  uint64_t building_id = 0;
  std::string staircase;  // only with building_id; "" = the whole building
};

// A timestamped note; it may change the status and the expected end at the same time.
struct Update {
  int64_t at = 0;
  uint64_t author_id = 0;
  std::string text;
  std::optional<OutageStatus> status;      // set when this update changed the status
  std::optional<int64_t> expected_end_at;  // set when this update changed it (0 = cleared)
};

struct Outage {
  uint64_t id = 0;
  Kind kind = Kind::kOther;
  std::string title;
  std::string description;
  std::vector<Place> places;
  int64_t start_at = 0;
  int64_t expected_end_at = 0;  // 0 = unknown
  OutageStatus status = OutageStatus::kPlanned;
  int64_t created_at = 0;
  uint64_t created_by = 0;
  int64_t updated_at = 0;
  int64_t resolved_at = 0;      // 0 = not resolved
  std::vector<Update> updates;  // oldest first

  bool active() const { return status != OutageStatus::kResolved; }
};

// "water", "hot_water", "heating", "electricity", "gas", "lift", "intercom", "other".
std::string_view KindName(Kind k);
std::optional<Kind> ParseKind(std::string_view s);
// "planned", "ongoing", "resolved".
std::string_view StatusName(OutageStatus s);
std::optional<OutageStatus> ParseStatus(std::string_view s);

}  // namespace osiedle::outages
