// Worker: the background delivery loop over Service and SendSmtp.
#include <spdlog/spdlog.h>

#include <exception>

#include "daemon/modules/outbox/service.hpp"

namespace osiedle::outbox {
namespace {

constexpr size_t kBatch = 16;
constexpr int kIdleWaitMs = 5000;
// Bounds one round even if the due index and the messages disagree (a damaged store).
constexpr size_t kMaxAttemptsPerRound = 1000;

}  // namespace

Worker::Worker(Service& service, SmtpConfig cfg) : service_(service), cfg_(std::move(cfg)) {}

Worker::~Worker() { Stop(); }

void Worker::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] {
    while (!stop_) {
      try {
        RunOnce();
      } catch (const std::exception& e) {
        spdlog::error("outbox: delivery round failed: {}", e.what());
      }
      if (stop_) break;
      service_.WaitForWork(kIdleWaitMs);
    }
  });
}

void Worker::Stop() {
  stop_ = true;
  service_.Notify();
  if (thread_.joinable()) thread_.join();
}

size_t Worker::RunOnce() {
  if (cfg_.url.empty()) {
    if (!warned_no_url_.exchange(true)) {
      spdlog::warn("outbox: no SMTP URL configured; {} message(s) stay pending", service_.Depth());
    }
    return 0;
  }
  size_t sent = 0;
  size_t attempted = 0;
  // A failed message is rescheduled into the future, so each round makes progress and the
  // loop ends when nothing is due.
  while (!stop_ && attempted < kMaxAttemptsPerRound) {
    auto due = service_.Due(kBatch);
    if (due.empty()) break;
    for (const auto& m : due) {
      if (stop_) break;
      ++attempted;
      Status s = SendSmtp(cfg_, m.mail, service_.clock().NowUnix());
      if (s.ok()) {
        service_.MarkSent(m.id);
        ++sent;
      } else {
        spdlog::warn("outbox: message {} to {} not delivered (attempt {}): {}", m.id, m.mail.to, m.attempts + 1,
                     s.error().detail);
        service_.MarkFailed(m.id, s.error().detail);
      }
    }
  }
  return sent;
}

}  // namespace osiedle::outbox
