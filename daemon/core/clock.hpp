#pragma once
// Time source, injected everywhere a rule depends on "now" so tests can freeze and move time.
#include <atomic>
#include <cstdint>
#include <string>

namespace osiedle {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch (UTC). Thread-safe.
  virtual int64_t NowUnix() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowUnix() const override;
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t start = 1764547200 /* 2025-12-01T00:00:00Z */) : now_(start) {}
  int64_t NowUnix() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }
  void Set(int64_t unix_seconds) { now_ = unix_seconds; }

 private:
  std::atomic<int64_t> now_;
};

// "2025-03-05T14:30:00Z" for JSON output.
std::string FormatIsoUtc(int64_t unix_seconds);

}  // namespace osiedle
