#pragma once
// In-memory failure counter with lockout, for login throttling per account and per client
// address. Bounded: at most `max_entries` keys; expired keys are swept when full, and if none
// expired the least recently touched key is dropped. Thread-safe (one mutex).
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace osiedle::identity {

class Throttle {
 public:
  struct Policy {
    int max_failures = 5;      // failures within `window` that trigger a lock
    int64_t window = 15 * 60;  // seconds
    int64_t lock = 15 * 60;    // first lock, seconds
    bool grow = true;          // each further lock doubles, up to max_lock
    int64_t max_lock = 24 * 3600;
  };

  Throttle(Policy policy, size_t max_entries);

  // Seconds until `key` may try again; 0 = allowed now.
  int64_t RetryAfter(const std::string& key, int64_t now);
  // Counts a failure (or an attempt, for rate limits); may lock the key.
  void Failure(const std::string& key, int64_t now);
  // Forgets the key (after a successful login).
  void Reset(const std::string& key);
  size_t size();

 private:
  struct Entry {
    int failures = 0;
    int64_t window_start = 0;
    int64_t locked_until = 0;
    int locks = 0;
    int64_t last = 0;
  };
  void MakeRoom(int64_t now);

  Policy policy_;
  size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
};

}  // namespace osiedle::identity
