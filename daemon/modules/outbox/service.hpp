#pragma once
// Durable mail outbox: messages are enqueued in the same write transaction as the action that
// causes them (so an approval and its mail commit together) and delivered by Worker through
// SMTP; retried with backoff; nothing is lost across restarts.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "storage/env.hpp"

namespace osiedle::outbox {

struct Mail {
  std::string to;
  std::string subject;
  std::string body;  // plain text, UTF-8
};

enum class State : uint8_t { kPending = 0, kSent = 1, kFailed = 2 };  // stored; never renumber

struct Message {
  uint64_t id = 0;
  Mail mail;
  State state = State::kPending;
  int attempts = 0;
  int64_t created_at = 0;
  int64_t next_attempt_at = 0;
  int64_t sent_at = 0;
  std::string last_error;
};

class Service {
 public:
  Service(storage::Env& env, const Clock& clock);

  // Enqueues inside the caller's transaction. Returns the message id. Thread-safe.
  uint64_t Enqueue(storage::WriteTxn& txn, const Mail& mail);
  // Messages due for delivery now, oldest first, at most `limit`.
  std::vector<Message> Due(size_t limit) const;
  // Outcome of one attempt. After `max_attempts` failures the message is kFailed.
  void MarkSent(uint64_t id);
  void MarkFailed(uint64_t id, const std::string& error, int max_attempts = 10);
  // Pending messages (for /metrics).
  uint64_t Depth() const;
  std::vector<Message> Recent(size_t limit) const;
  // Wakes a waiting worker (called after Enqueue commits).
  void Notify();
  // Blocks up to `ms` or until Notify().
  void WaitForWork(int ms);

 private:
  storage::Env& env_;
  const Clock& clock_;
  storage::Table messages_;  // outbox.messages: u64 id → message
  storage::Table due_;       // outbox.messages.by_due: u64 next_attempt_at, u64 id → ""
  std::mutex mu_;
  std::condition_variable cv_;
  bool notified_ = false;
};

struct SmtpConfig {
  std::string url;       // "smtp://host:587" (STARTTLS when starttls) or "smtps://host:465"; empty = no delivery
  std::string username;  // empty = no AUTH
  std::string password;
  std::string from;      // "SM Lazurowa <biuro@example.pl>"
  bool starttls = false;
  bool verify_tls = true;
  int timeout_seconds = 30;
};

// Sends one mail via libcurl. Returns an Error "smtp_failed" with the detail on failure.
Status SendSmtp(const SmtpConfig& cfg, const Mail& mail, int64_t now_unix);

// Background delivery thread.
class Worker {
 public:
  Worker(Service& service, SmtpConfig cfg);
  ~Worker();
  void Start();
  void Stop();  // waits for the thread
  // Delivers what is due now; returns how many were sent. Used by Start()'s loop and by tests.
  size_t RunOnce();

 private:
  Service& service_;
  SmtpConfig cfg_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace osiedle::outbox
