#pragma once
// A background thread that writes counts kept in memory between writes (ad impressions, document downloads): it
// calls `flush` every `interval`, and Stop() joins it and calls `flush` once more.
//
// Usage:
//   PeriodicFlush flusher_{"ads: impressions", std::chrono::seconds(10), [this] { return Flush(); }};
//   flusher_.Start();  // at serve start
//   flusher_.Stop();   // before the Env closes; also in the destructor
//
// A failed flush is logged and retried on the next round (the flush function keeps what it could not write).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/core/result.hpp"

namespace osiedle {

class PeriodicFlush {
 public:
  PeriodicFlush(std::string what, std::chrono::seconds interval, std::function<Status()> flush);
  ~PeriodicFlush();  // Stop()
  PeriodicFlush(const PeriodicFlush&) = delete;
  PeriodicFlush& operator=(const PeriodicFlush&) = delete;

  // Starts the thread. Idempotent.
  void Start();
  // Stops the thread (if running), then flushes once. Idempotent.
  void Stop();

 private:
  void Loop();

  const std::string what_;
  const std::chrono::seconds interval_;
  const std::function<Status()> flush_;
  std::mutex mu_;  // guards thread_ and stop_
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace osiedle
