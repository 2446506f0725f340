#pragma once
// Counts of reads (ad impressions, document downloads) added up in memory and written in one write transaction by
// Flush — a read should not cost a commit and an fsync. Pair it with a PeriodicFlush (daemon/core) that calls the
// owner's Flush every few seconds and at shutdown.
//
// Usage:
//   storage::PendingCounts<std::pair<uint64_t, uint64_t>> downloads_;
//   downloads_.Add({doc, n});
//   downloads_.Flush(env_, [&](storage::WriteTxn& txn, const auto& key, uint64_t count) { ... });
//
// Thread-safe.
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>

#include "daemon/core/result.hpp"
#include "storage/env.hpp"

namespace osiedle::storage {

template <typename Key>
class PendingCounts {
 public:
  void Add(const Key& key, uint64_t count = 1) {
    std::lock_guard lock(mu_);
    pending_[key] += count;
  }

  // The sum of the pending counts whose keys lie in [from, to).
  uint64_t Sum(const Key& from, const Key& to) const {
    std::lock_guard lock(mu_);
    uint64_t sum = 0;
    for (auto it = pending_.lower_bound(from); it != pending_.end() && it->first < to; ++it) sum += it->second;
    return sum;
  }

  // Writes every pending count with write(txn, key, count) in one write transaction (write skips what was deleted
  // meanwhile). On a storage error the counts stay pending for the next flush. Errors: "storage_io".
  Status Flush(Env& env, const std::function<void(WriteTxn&, const Key&, uint64_t)>& write) {
    std::map<Key, uint64_t> batch;
    {
      std::lock_guard lock(mu_);
      batch.swap(pending_);
    }
    if (batch.empty()) return {};
    Status st;
    try {
      st = env.Update([&](WriteTxn& txn) -> Status {
        for (const auto& [key, count] : batch) write(txn, key, count);
        return {};
      });
    } catch (const std::exception& e) {
      st = MakeError("storage_io", "", e.what());
    }
    if (!st.ok()) {
      std::lock_guard lock(mu_);
      for (const auto& [key, count] : batch) pending_[key] += count;
    }
    return st;
  }

 private:
  mutable std::mutex mu_;
  std::map<Key, uint64_t> pending_;  // guarded by mu_
};

}  // namespace osiedle::storage
