#include "daemon/modules/outages/model.hpp"

#include <array>

namespace osiedle::outages {
namespace {

// Indexed by the enum value.
constexpr std::array<std::string_view, 8> kKindNames = {"water", "hot_water", "heating",  "electricity",
                                                        "gas",   "lift",      "intercom", "other"};
constexpr std::array<std::string_view, 3> kStatusNames = {"planned", "ongoing", "resolved"};

}  // namespace

std::string_view KindName(Kind k) {
  auto i = static_cast<size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : "other";
}

std::optional<Kind> ParseKind(std::string_view s) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == s) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

std::string_view StatusName(OutageStatus s) {
  auto i = static_cast<size_t>(s);
  return i < kStatusNames.size() ? kStatusNames[i] : "planned";
}

std::optional<OutageStatus> ParseStatus(std::string_view s) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == s) return static_cast<OutageStatus>(i);
  }
  return std::nullopt;
}

}  // namespace osiedle::outages
