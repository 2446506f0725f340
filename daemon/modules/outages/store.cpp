#include "daemon/modules/outages/store.hpp"

#include "storage/codec.hpp"

namespace osiedle::outages::store {
namespace {

constexpr uint8_t kNoStatus = 0xFF;
// A decoder never trusts a count: no outage holds more than this many places or updates.
constexpr uint64_t kMaxCount = 100000;

}  // namespace

std::string EncodeOutage(const Outage& o) {
  storage::Writer w(kOutageVersion);
  w.U8(static_cast<uint8_t>(o.kind)).Str(o.title).Str(o.description).U64(o.places.size());
  for (const Place& p : o.places) w.U64(p.estate_id).U64(p.building_id).Str(p.staircase);
  w.I64(o.start_at).I64(o.expected_end_at).U8(static_cast<uint8_t>(o.status));
  w.I64(o.created_at).U64(o.created_by).I64(o.updated_at).I64(o.resolved_at).U64(o.updates.size());
  for (const Update& u : o.updates) {
    w.I64(u.at).U64(u.author_id).Str(u.text);
    w.U8(u.status ? static_cast<uint8_t>(*u.status) : kNoStatus);
    w.Bool(u.expected_end_at.has_value()).I64(u.expected_end_at.value_or(0));
  }
  return w.Take();
}

std::optional<Outage> DecodeOutage(uint64_t id, std::string_view value) {
  storage::Reader rd(value);
  if (rd.version() != kOutageVersion) return std::nullopt;
  Outage o;
  o.id = id;
  uint8_t kind = rd.U8();
  if (kind > static_cast<uint8_t>(Kind::kOther)) return std::nullopt;
  o.kind = static_cast<Kind>(kind);
  o.title = rd.Str();
  o.description = rd.Str();
  uint64_t places = rd.U64();
  if (places > kMaxCount) return std::nullopt;
  for (uint64_t i = 0; i < places && rd.ok(); ++i) {
    Place p;
    p.estate_id = rd.U64();
    p.building_id = rd.U64();
    p.staircase = rd.Str();
    o.places.push_back(std::move(p));
  }
  o.start_at = rd.I64();
  o.expected_end_at = rd.I64();
  uint8_t status = rd.U8();
  if (status > static_cast<uint8_t>(OutageStatus::kResolved)) return std::nullopt;
  o.status = static_cast<OutageStatus>(status);
  o.created_at = rd.I64();
  o.created_by = rd.U64();
  o.updated_at = rd.I64();
  o.resolved_at = rd.I64();
  uint64_t updates = rd.U64();
  if (updates > kMaxCount) return std::nullopt;
  for (uint64_t i = 0; i < updates && rd.ok(); ++i) {
    Update u;
    u.at = rd.I64();
    u.author_id = rd.U64();
    u.text = rd.Str();
    uint8_t s = rd.U8();
    if (s != kNoStatus) {
      if (s > static_cast<uint8_t>(OutageStatus::kResolved)) return std::nullopt;
      u.status = static_cast<OutageStatus>(s);
    }
    bool has_end = rd.Bool();
    int64_t end = rd.I64();
    if (has_end) u.expected_end_at = end;
    o.updates.push_back(std::move(u));
  }
  if (!rd.ok()) return std::nullopt;
  return o;
}

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }

std::string PairKey(uint64_t owner, uint64_t id) { return storage::Key().U64(owner).U64(id); }

}  // namespace osiedle::outages::store
