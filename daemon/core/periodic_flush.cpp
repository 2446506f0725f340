#include "daemon/core/periodic_flush.hpp"

#include <spdlog/spdlog.h>

#include <utility>

namespace osiedle {

PeriodicFlush::PeriodicFlush(std::string what, std::chrono::seconds interval, std::function<Status()> flush)
    : what_(std::move(what)), interval_(interval), flush_(std::move(flush)) {}

PeriodicFlush::~PeriodicFlush() { Stop(); }

void PeriodicFlush::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicFlush::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  auto st = flush_();
  if (!st.ok()) spdlog::error("{}: not saved at stop: {}", what_, st.error().detail);
}

void PeriodicFlush::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, interval_, [this] { return stop_; });
    if (stop_) break;
    lock.unlock();
    auto st = flush_();
    if (!st.ok()) spdlog::warn("{}: not saved, retrying later: {}", what_, st.error().detail);
    lock.lock();
  }
}

}  // namespace osiedle
