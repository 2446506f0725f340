#pragma once
// Durable mail outbox: messages are enqueued in the same write transaction as the action that
// causes them (so an approval and its mail commit together) and delivered by Worker through
// SMTP; retried with backoff; nothing is lost across restarts (delivery is at-least-once: a
// crash between the SMTP answer and MarkSent's commit sends that message again).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/outbox/model.hpp"
#include "daemon/modules/outbox/store.hpp"
#include "storage/env.hpp"

namespace osiedle::outbox {

// Retry schedule: after the n-th failed attempt the next one is 60 s × 2^(n-1) later, at most 6 h.
inline constexpr int64_t kFirstRetrySeconds = 60;
inline constexpr int64_t kMaxRetrySeconds = 6 * 3600;
inline constexpr int kDefaultMaxAttempts = 10;

class Service {
 public:
  // Opens the outbox tables. REQUIRES: called at start-up.
  Service(storage::Env& env, const Clock& clock);

  // Validates and enqueues inside the caller's transaction (due now). Returns the message id.
  // Errors (field "to", "subject" or "body"): "field_required" (empty to), "field_invalid"
  // (CR/LF or other control characters in to/subject — header injection — or `to` not a bare
  // address), "utf8_invalid", "field_too_long" (to 254 B, subject 500 B, body 1 MiB). Thread-safe.
  Result<uint64_t> Enqueue(storage::WriteTxn& txn, const Mail& mail);
  // Pending messages due now (next_attempt_at <= clock), oldest due first, at most `limit`.
  std::vector<Message> Due(size_t limit) const;
  // Outcome of one attempt, each in its own write transaction; a message that is not pending
  // (or not there) is left alone. After `max_attempts` failures the message is kFailed.
  void MarkSent(uint64_t id);
  void MarkFailed(uint64_t id, const std::string& error, int max_attempts = kDefaultMaxAttempts);
  // Pending messages (for /metrics). O(1).
  uint64_t Depth() const;
  // Newest first, at most min(limit, 500).
  std::vector<Message> Recent(size_t limit) const;
  // One message, or "not_found".
  Result<Message> Get(uint64_t id) const;
  // Wakes a waiting worker (called after Enqueue commits). Thread-safe.
  void Notify();
  // Blocks up to `ms` or until Notify() (a Notify before the wait is not lost). Thread-safe.
  void WaitForWork(int ms);

  const Clock& clock() const { return clock_; }

 private:
  storage::Env& env_;
  const Clock& clock_;
  Store store_;  // outbox.messages, outbox.messages.by_due
  std::mutex mu_;
  std::condition_variable cv_;
  bool notified_ = false;
};

struct SmtpConfig {
  std::string url;       // "smtp://host:587" (STARTTLS when starttls) or "smtps://host:465"; empty = no delivery
  std::string username;  // empty = no AUTH
  std::string password;
  std::string from;  // "SM Lazurowa <biuro@example.pl>"
  bool starttls = false;
  bool verify_tls = true;
  int timeout_seconds = 30;
};

// Sends one mail via libcurl (only smtp:// and smtps:// URLs). Returns an Error "smtp_failed"
// with the detail on failure. Thread-safe; blocks up to cfg.timeout_seconds.
Status SendSmtp(const SmtpConfig& cfg, const Mail& mail, int64_t now_unix);

// Background delivery thread.
class Worker {
 public:
  Worker(Service& service, SmtpConfig cfg);
  ~Worker();  // Stop()s
  // Starts the thread: RunOnce, then wait up to 5 s or until Service::Notify, until Stop.
  void Start();
  void Stop();  // wakes the thread and waits for it; idempotent
  // Delivers what is due now, one by one; returns how many were sent. With an empty cfg.url it
  // delivers nothing (messages stay pending) and logs that once. Used by Start()'s loop and tests.
  size_t RunOnce();

 private:
  Service& service_;
  SmtpConfig cfg_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> warned_no_url_{false};
  std::thread thread_;
};

}  // namespace osiedle::outbox
