// Throttle: fixed-window failure counts with (growing) locks.
#include "daemon/modules/identity/throttle.hpp"

#include <algorithm>

namespace osiedle::identity {

Throttle::Throttle(Policy policy, size_t max_entries)
    : policy_(policy), max_entries_(std::max<size_t>(1, max_entries)) {}

int64_t Throttle::RetryAfter(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = map_.find(key);
  if (it == map_.end() || it->second.locked_until <= now) return 0;
  return it->second.locked_until - now;
}

void Throttle::Failure(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = map_.find(key);
  if (it == map_.end()) {
    if (map_.size() >= max_entries_) MakeRoom(now);
    it = map_.emplace(key, Entry{}).first;
  }
  Entry& e = it->second;
  // A key quiet for a long time starts over, lock history included.
  if (e.last && now - e.last > policy_.max_lock) e = Entry{};
  e.last = now;
  if (e.locked_until > now) return;
  if (e.failures == 0 || now - e.window_start >= policy_.window) {
    e.failures = 0;
    e.window_start = now;
  }
  if (++e.failures < policy_.max_failures) return;
  int64_t lock_for = policy_.lock;
  if (policy_.grow) {
    for (int i = 0; i < e.locks && lock_for < policy_.max_lock; ++i) lock_for *= 2;
  }
  e.locked_until = now + std::min(lock_for, policy_.max_lock);
  ++e.locks;
  e.failures = 0;
}

void Throttle::Reset(const std::string& key) {
  std::lock_guard lock(mu_);
  map_.erase(key);
}

size_t Throttle::size() {
  std::lock_guard lock(mu_);
  return map_.size();
}

void Throttle::MakeRoom(int64_t now) {
  // Keys neither locked nor inside a counting window carry nothing worth keeping.
  std::erase_if(map_, [&](const auto& kv) {
    const Entry& e = kv.second;
    return e.locked_until <= now && now - e.window_start >= policy_.window &&
           (e.locks == 0 || now - e.last > policy_.max_lock);
  });
  if (map_.size() < max_entries_) return;
  auto oldest = std::min_element(map_.begin(), map_.end(),
                                 [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
  if (oldest != map_.end()) map_.erase(oldest);
}

}  // namespace osiedle::identity
