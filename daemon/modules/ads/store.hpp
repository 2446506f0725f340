#pragma once
// The ads tables (storage/FORMAT.md, "ads"). Internal to the module: the service keeps the order index and the
// counters consistent with the banner records.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/modules/ads/model.hpp"
#include "storage/env.hpp"

namespace osiedle::ads {

class Store {
 public:
  // Opens the tables. REQUIRES: called at start-up.
  explicit Store(storage::Env& env);

  uint64_t NextId(storage::WriteTxn& txn) const { return txn.NextId(banners_); }
  std::optional<Banner> Get(const storage::ReadTxn& txn, uint64_t id) const;
  // Writes the banner and its order entry; `old` (the previous version, if any) has its entry removed.
  void Put(storage::WriteTxn& txn, const Banner& banner, const Banner* old) const;
  // Removes the banner, its order entry and all its counters.
  void Delete(storage::WriteTxn& txn, const Banner& banner) const;
  uint64_t Count(const storage::ReadTxn& txn) const { return txn.Count(banners_); }
  // Banners by id, newest (highest id) first, until fn returns false.
  void ForEachNewestFirst(const storage::ReadTxn& txn, const std::function<bool(const Banner&)>& fn) const;
  // Ids of the banners of `placement` by ascending position, then id, until fn returns false.
  void ForEachInOrder(const storage::ReadTxn& txn, Placement placement,
                      const std::function<bool(uint64_t id)>& fn) const;

  // Counts of a banner on one day (zeros if none) and in total.
  Counts GetDay(const storage::ReadTxn& txn, uint64_t banner_id, int64_t day) const;
  Counts GetTotals(const storage::ReadTxn& txn, uint64_t banner_id) const;
  // Adds `delta` to the banner's counts of `day` and to its totals.
  void AddCounts(storage::WriteTxn& txn, uint64_t banner_id, int64_t day, const Counts& delta) const;
  // The banner's stored days in [from, to], ascending, until fn returns false (days without counts are absent).
  void ForEachDay(const storage::ReadTxn& txn, uint64_t banner_id, int64_t from, int64_t to,
                  const std::function<bool(int64_t day, const Counts&)>& fn) const;

  // Value codec (exposed for tests). Returns nullopt on corruption or an unknown version.
  static std::string EncodeBanner(const Banner& b);
  static std::optional<Banner> DecodeBanner(uint64_t id, std::string_view value);

 private:
  storage::Table banners_;  // ads.banners: u64 id → banner v1
  storage::Table order_;    // ads.banners.by_order: u8 placement, u32 position, u64 id → ""
  storage::Table daily_;    // ads.daily: u64 banner, u32 day → counts v1
  storage::Table totals_;   // ads.totals: u64 banner → counts v1
};

}  // namespace osiedle::ads
