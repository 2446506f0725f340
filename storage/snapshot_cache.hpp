#pragma once
// A value computed from the store alone (decoded tables, indexes), kept for the snapshot it was computed in.
//
// Usage:
//   storage::SnapshotCache<std::vector<Group>> rule_groups_;
//   auto groups = rule_groups_.Get(txn, [&] { return DecodeAll(txn); });  // shared_ptr<const ...>
//
// Get returns the kept value while no commit happened since it was computed (same ReadTxn::SnapshotId), so it is
// never stale; otherwise, and always inside a write transaction, it computes afresh. Thread-safe.
#include <cstdint>
#include <memory>
#include <mutex>

#include "storage/env.hpp"

namespace osiedle::storage {

template <typename T>
class SnapshotCache {
 public:
  template <typename Compute>
  std::shared_ptr<const T> Get(const ReadTxn& txn, Compute&& compute) const {
    const uint64_t snapshot = txn.SnapshotId();
    if (snapshot != 0) {
      std::lock_guard lock(mu_);
      if (value_ && snapshot_ == snapshot) return value_;
    }
    auto fresh = std::make_shared<const T>(compute());
    if (snapshot != 0) {
      std::lock_guard lock(mu_);
      if (snapshot >= snapshot_) {  // a slower reader of an older snapshot never replaces a newer value
        value_ = fresh;
        snapshot_ = snapshot;
      }
    }
    return fresh;
  }

 private:
  mutable std::mutex mu_;
  mutable std::shared_ptr<const T> value_;
  mutable uint64_t snapshot_ = 0;
};

}  // namespace osiedle::storage
