#include "daemon/modules/ads/store.hpp"

#include "storage/codec.hpp"

namespace osiedle::ads {
namespace {

constexpr uint8_t kBannerVersion = 1;
constexpr uint8_t kCountsVersion = 1;

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }

std::string OrderKey(const Banner& b) {
  return storage::Key().Raw(std::string(1, static_cast<char>(b.placement))).U32(b.position).U64(b.id);
}

// Days are never negative (the service only counts times ≥ 0), so u32 keeps them in numeric order.
std::string DayKey(uint64_t banner_id, int64_t day) {
  return storage::Key().U64(banner_id).U32(static_cast<uint32_t>(day));
}

std::string EncodeCounts(const Counts& c) {
  storage::Writer w(kCountsVersion);
  w.U64(c.impressions).U64(c.clicks);
  return w.Take();
}

Counts DecodeCounts(std::string_view v) {
  storage::Reader r(v);
  Counts c;
  c.impressions = r.U64();
  c.clicks = r.U64();
  if (r.version() != kCountsVersion || !r.ok()) return Counts{};
  return c;
}

}  // namespace

Store::Store(storage::Env& env)
    : banners_(env.OpenTable("ads.banners")),
      order_(env.OpenTable("ads.banners.by_order")),
      daily_(env.OpenTable("ads.daily")),
      totals_(env.OpenTable("ads.totals")) {}

std::string Store::EncodeBanner(const Banner& b) {
  storage::Writer w(kBannerVersion);
  w.Str(b.title).Str(b.advertiser).Str(b.image_id).Str(b.alt).Str(b.link).Bool(b.paid).Bool(b.has_price);
  w.U64(b.price).Str(b.notes).I64(b.starts_at).I64(b.ends_at).U64List(b.groups);
  w.U8(static_cast<uint8_t>(b.placement)).U64(b.position).Bool(b.enabled);
  w.U64(b.created_by).I64(b.created_at).I64(b.updated_at);
  return w.Take();
}

std::optional<Banner> Store::DecodeBanner(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kBannerVersion) return std::nullopt;
  Banner b;
  b.id = id;
  b.title = r.Str();
  b.advertiser = r.Str();
  b.image_id = r.Str();
  b.alt = r.Str();
  b.link = r.Str();
  b.paid = r.Bool();
  b.has_price = r.Bool();
  b.price = r.U64();
  b.notes = r.Str();
  b.starts_at = r.I64();
  b.ends_at = r.I64();
  b.groups = r.U64List();
  const uint8_t placement = r.U8();
  const uint64_t position = r.U64();
  b.enabled = r.Bool();
  b.created_by = r.U64();
  b.created_at = r.I64();
  b.updated_at = r.I64();
  if (!r.ok() || (placement != 1 && placement != 2) || position > UINT32_MAX) return std::nullopt;
  b.placement = static_cast<Placement>(placement);
  b.position = static_cast<uint32_t>(position);
  return b;
}

std::optional<Banner> Store::Get(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(banners_, IdKey(id));
  return v ? DecodeBanner(id, *v) : std::nullopt;
}

void Store::Put(storage::WriteTxn& txn, const Banner& banner, const Banner* old) const {
  if (old != nullptr) txn.Del(order_, OrderKey(*old));
  txn.Put(banners_, IdKey(banner.id), EncodeBanner(banner));
  txn.Put(order_, OrderKey(banner), {});
}

void Store::Delete(storage::WriteTxn& txn, const Banner& banner) const {
  txn.DelPrefix(daily_, IdKey(banner.id));
  txn.Del(totals_, IdKey(banner.id));
  txn.Del(order_, OrderKey(banner));
  txn.Del(banners_, IdKey(banner.id));
}

void Store::ForEachNewestFirst(const storage::ReadTxn& txn, const std::function<bool(const Banner&)>& fn) const {
  txn.Scan(
      banners_, {},
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 8) return true;
        auto b = DecodeBanner(storage::GetU64BE(k), v);
        return b ? fn(*b) : true;
      },
      storage::Direction::kBackward);
}

void Store::ForEachInOrder(const storage::ReadTxn& txn, Placement placement,
                           const std::function<bool(uint64_t id)>& fn) const {
  const std::string prefix(1, static_cast<char>(placement));
  txn.Scan(order_, prefix, [&](std::string_view k, std::string_view) {
    if (k.size() != 13) return true;
    return fn(storage::GetU64BE(k.substr(5)));
  });
}

Counts Store::GetDay(const storage::ReadTxn& txn, uint64_t banner_id, int64_t day) const {
  auto v = txn.Get(daily_, DayKey(banner_id, day));
  return v ? DecodeCounts(*v) : Counts{};
}

Counts Store::GetTotals(const storage::ReadTxn& txn, uint64_t banner_id) const {
  auto v = txn.Get(totals_, IdKey(banner_id));
  return v ? DecodeCounts(*v) : Counts{};
}

void Store::AddCounts(storage::WriteTxn& txn, uint64_t banner_id, int64_t day, const Counts& delta) const {
  Counts d = GetDay(txn, banner_id, day);
  d.impressions += delta.impressions;
  d.clicks += delta.clicks;
  txn.Put(daily_, DayKey(banner_id, day), EncodeCounts(d));
  Counts t = GetTotals(txn, banner_id);
  t.impressions += delta.impressions;
  t.clicks += delta.clicks;
  txn.Put(totals_, IdKey(banner_id), EncodeCounts(t));
}

void Store::ForEachDay(const storage::ReadTxn& txn, uint64_t banner_id, int64_t from, int64_t to,
                       const std::function<bool(int64_t day, const Counts&)>& fn) const {
  if (from < 0) from = 0;
  if (to < from) return;
  txn.Scan(
      daily_, IdKey(banner_id),
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 12) return true;
        const int64_t day = storage::GetU32BE(k.substr(8));
        if (day > to) return false;
        return fn(day, DecodeCounts(v));
      },
      storage::Direction::kForward, DayKey(banner_id, from));
}

}  // namespace osiedle::ads
