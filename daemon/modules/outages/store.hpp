#pragma once
// On-disk encodings of the outages tables (storage/FORMAT.md, "outages"). Internal to the module.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/modules/outages/model.hpp"

namespace osiedle::outages::store {

inline constexpr uint8_t kOutageVersion = 1;

// outages.items value v1 (see FORMAT.md). The id is the key, not part of the value.
std::string EncodeOutage(const Outage& o);
// nullopt if the value is corrupt or of an unknown version.
std::optional<Outage> DecodeOutage(uint64_t id, std::string_view value);

std::string IdKey(uint64_t id);
// Index key: (owner, outage id), both big-endian u64.
std::string PairKey(uint64_t owner, uint64_t id);

}  // namespace osiedle::outages::store
