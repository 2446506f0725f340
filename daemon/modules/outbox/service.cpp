#include "daemon/modules/outbox/service.hpp"

#include <algorithm>
#include <chrono>
#include <string_view>

#include "daemon/core/utf8.hpp"

namespace osiedle::outbox {
namespace {

constexpr size_t kMaxTo = 254;
constexpr size_t kMaxSubject = 500;
constexpr size_t kMaxBody = 1 << 20;
constexpr size_t kMaxError = 500;
constexpr size_t kMaxRecent = 500;

// A bare addr-spec: one '@', non-empty sides, no spaces and none of the characters that would
// let it change the SMTP envelope or the To header.
bool IsBareAddress(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == s.size() || s.find('@', at + 1) != s.npos) return false;
  return s.find_first_of(" <>,;:\"()[]\\") == std::string_view::npos;
}

Status ValidateMail(const Mail& m) {
  if (m.to.empty()) return MakeError("field_required", "to");
  if (m.to.size() > kMaxTo) return MakeError("field_too_long", "to");
  if (utf8::HasControl(m.to, /*allow_line_breaks=*/false) || !utf8::IsValid(m.to) || !IsBareAddress(m.to)) return MakeError("field_invalid", "to");
  if (m.subject.size() > kMaxSubject) return MakeError("field_too_long", "subject");
  if (utf8::HasControl(m.subject, /*allow_line_breaks=*/false)) return MakeError("field_invalid", "subject");
  if (!utf8::IsValid(m.subject)) return MakeError("utf8_invalid", "subject");
  if (m.body.size() > kMaxBody) return MakeError("field_too_long", "body");
  if (!utf8::IsValid(m.body)) return MakeError("utf8_invalid", "body");
  return Ok{};
}

// Errors come partly from the SMTP server: keep them short, printable and valid UTF-8.
std::string CleanError(const std::string& error) {
  std::string out = error.substr(0, kMaxError);
  if (!utf8::IsValid(out)) {
    for (char& c : out) {
      if (static_cast<uint8_t>(c) >= 0x80) c = '?';
    }
  }
  for (char& c : out) {
    if (static_cast<uint8_t>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

int64_t RetryDelay(int attempts) {
  int64_t delay = kFirstRetrySeconds;
  for (int i = 1; i < attempts && delay < kMaxRetrySeconds; ++i) delay *= 2;
  return std::min(delay, kMaxRetrySeconds);
}

}  // namespace

Service::Service(storage::Env& env, const Clock& clock) : env_(env), clock_(clock), store_(env) {}

Result<uint64_t> Service::Enqueue(storage::WriteTxn& txn, const Mail& mail) {
  OSIEDLE_RETURN_IF_ERROR(ValidateMail(mail));
  Message m;
  m.id = txn.NextId(store_.messages());
  m.mail = mail;
  m.created_at = clock_.NowUnix();
  m.next_attempt_at = m.created_at;
  store_.Put(txn, m, nullptr);
  return m.id;
}

std::vector<Message> Service::Due(size_t limit) const {
  std::vector<Message> out;
  if (limit == 0) return out;
  int64_t now = clock_.NowUnix();
  env_.View([&](const storage::ReadTxn& txn) {
    store_.ScanDue(txn, now, [&](uint64_t id) {
      auto m = store_.Get(txn, id);
      if (m && m->state == State::kPending && m->next_attempt_at <= now) out.push_back(std::move(*m));
      return out.size() < limit;
    });
  });
  return out;
}

void Service::MarkSent(uint64_t id) {
  int64_t now = clock_.NowUnix();
  (void)env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto old = store_.Get(txn, id);
    if (!old || old->state != State::kPending) return Ok{};
    Message m = *old;
    m.state = State::kSent;
    m.attempts += 1;
    m.sent_at = now;
    m.last_error.clear();
    store_.Put(txn, m, &*old);
    return Ok{};
  });
}

void Service::MarkFailed(uint64_t id, const std::string& error, int max_attempts) {
  int64_t now = clock_.NowUnix();
  (void)env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto old = store_.Get(txn, id);
    if (!old || old->state != State::kPending) return Ok{};
    Message m = *old;
    m.attempts += 1;
    m.last_error = CleanError(error);
    if (m.attempts >= max_attempts) {
      m.state = State::kFailed;
    } else {
      m.next_attempt_at = now + RetryDelay(m.attempts);
    }
    store_.Put(txn, m, &*old);
    return Ok{};
  });
}

uint64_t Service::Depth() const {
  return env_.View([&](const storage::ReadTxn& txn) { return store_.PendingCount(txn); });
}

std::vector<Message> Service::Recent(size_t limit) const {
  limit = std::min(limit, kMaxRecent);
  std::vector<Message> out;
  if (limit == 0) return out;
  env_.View([&](const storage::ReadTxn& txn) {
    store_.ScanNewest(txn, [&](const Message& m) {
      out.push_back(m);
      return out.size() < limit;
    });
  });
  return out;
}

Result<Message> Service::Get(uint64_t id) const {
  auto m = env_.View([&](const storage::ReadTxn& txn) { return store_.Get(txn, id); });
  if (!m) return MakeError("not_found");
  return *m;
}

void Service::Notify() {
  {
    std::lock_guard lock(mu_);
    notified_ = true;
  }
  cv_.notify_all();
}

void Service::WaitForWork(int ms) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return notified_; });
  notified_ = false;
}

}  // namespace osiedle::outbox
