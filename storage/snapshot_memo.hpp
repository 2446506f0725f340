#pragma once
// SnapshotMemo<Key, T> and SnapshotCache<T>: values computed from the store alone (and, optionally, the current second), kept per key for the newest
// snapshot seen: the per-user and per-group-set answers behind every page (a user's groups, a session, the
// home page's parts) are read far more often than anything commits.
//
// Usage:
//   storage::SnapshotMemo<uint64_t, std::vector<uint64_t>> groups_of_{4096};
//   auto groups = groups_of_.Get(txn, now, user_id, [&] { return Compute(txn, user_id, now); });
//
// Get returns the kept value while the generation — (store, snapshot id, second) — is the one it was computed
// in, so a hit is exactly what computing afresh would give: never stale. A reader of a newer generation starts
// the memo over; one of an older generation (a slow reader) computes without keeping. Inside a write
// transaction (SnapshotId 0) it always computes. Use the overload without `now` for values that do not depend
// on the clock. Thread-safe: lookups share a reader lock, so concurrent hits never wait for each other.
// Bounded: past `max_entries` keys it starts over.
//
// SnapshotCache<T> is the one-value case (a decoded table, an index), for values that do not depend on the clock:
//   storage::SnapshotCache<std::vector<Group>> rule_groups_;
//   auto groups = rule_groups_.Get(txn, [&] { return DecodeAll(txn); });  // shared_ptr<const ...>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "storage/env.hpp"

namespace osiedle::storage {

// std::hash for a pair of integers (a memo key such as (user id, limit)).
struct PairHash {
  template <typename A, typename B>
  size_t operator()(const std::pair<A, B>& p) const {
    const size_t a = std::hash<A>{}(p.first);
    return a ^ (std::hash<B>{}(p.second) + 0x9e3779b97f4a7c15ull + (a << 6) + (a >> 2));
  }
};

template <typename Key, typename T, typename Hash = std::hash<Key>>
class SnapshotMemo {
 public:
  explicit SnapshotMemo(size_t max_entries) : max_entries_(max_entries) {}

  template <typename Compute>
  std::shared_ptr<const T> Get(const ReadTxn& txn, int64_t now, const Key& key, Compute&& compute) const {
    return GetIn(Generation{txn.StoreInstance(), txn.SnapshotId(), now}, txn.SnapshotId() != 0, key,
                 std::forward<Compute>(compute));
  }

  template <typename Compute>
  std::shared_ptr<const T> Get(const ReadTxn& txn, const Key& key, Compute&& compute) const {
    return Get(txn, 0, key, std::forward<Compute>(compute));
  }

  // For values computed from one module's tables alone: they are kept under `version`, a counter the module's store
  // bumps in every write transaction that changes those tables, instead of the snapshot id, so commits elsewhere (a
  // session touch) leave them valid. Never mix with Get on one memo. Inside a write transaction it always computes
  // (the transaction may bump the counter and still abort).
  template <typename Compute>
  std::shared_ptr<const T> GetVersioned(const ReadTxn& txn, uint64_t version, const Key& key,
                                        Compute&& compute) const {
    return GetIn(Generation{txn.StoreInstance(), version, 0}, txn.SnapshotId() != 0, key,
                 std::forward<Compute>(compute));
  }

 private:
  struct Generation {
    uint64_t store = 0;
    uint64_t snapshot = 0;
    int64_t now = 0;
    bool operator==(const Generation&) const = default;
    // Whether this generation may replace `kept`: another store, a later snapshot (or version), or the same one at
    // another second (the clock may step back; the kept second is then no better than this one).
    bool Newer(const Generation& kept) const {
      return store != kept.store || snapshot > kept.snapshot || (snapshot == kept.snapshot && now != kept.now);
    }
  };

  template <typename Compute>
  std::shared_ptr<const T> GetIn(const Generation& gen, bool may_keep, const Key& key, Compute&& compute) const {
    if (may_keep) {
      std::shared_lock lock(mu_);
      if (gen == gen_) {
        auto it = values_.find(key);
        if (it != values_.end()) return it->second;
      }
    }
    auto fresh = std::make_shared<const T>(compute());
    if (may_keep) {
      std::unique_lock lock(mu_);
      if (!(gen == gen_) && gen.Newer(gen_)) {
        values_.clear();
        gen_ = gen;
      }
      if (gen == gen_) {
        if (values_.size() >= max_entries_) values_.clear();
        values_.insert_or_assign(key, fresh);
      }
    }
    return fresh;
  }

  const size_t max_entries_;
  mutable std::shared_mutex mu_;
  mutable Generation gen_;
  mutable std::unordered_map<Key, std::shared_ptr<const T>, Hash> values_;
};

template <typename T>
class SnapshotCache {
 public:
  template <typename Compute>
  std::shared_ptr<const T> Get(const ReadTxn& txn, Compute&& compute) const {
    return memo_.Get(txn, 0, std::forward<Compute>(compute));
  }

 private:
  SnapshotMemo<int, T> memo_{1};
};

}  // namespace osiedle::storage
