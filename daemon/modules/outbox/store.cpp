#include "daemon/modules/outbox/store.hpp"

#include "storage/codec.hpp"

namespace osiedle::outbox {
namespace {

constexpr uint8_t kMessageVersion = 1;

std::string DueKey(const Message& m) {
  // Times before the epoch cannot occur (the clock is past it); clamp so the key stays ordered.
  uint64_t at = m.next_attempt_at < 0 ? 0 : static_cast<uint64_t>(m.next_attempt_at);
  return storage::Key().U64(at).U64(m.id);
}

}  // namespace

const char* StateName(State s) {
  switch (s) {
    case State::kPending:
      return "pending";
    case State::kSent:
      return "sent";
    case State::kFailed:
      return "failed";
  }
  return "unknown";
}

Store::Store(storage::Env& env)
    : messages_(env.OpenTable("outbox.messages")), due_(env.OpenTable("outbox.messages.by_due")) {}

std::string Store::Encode(const Message& m) {
  storage::Writer w(kMessageVersion);
  w.U64(m.id).Str(m.mail.to).Str(m.mail.subject).Str(m.mail.body).U8(static_cast<uint8_t>(m.state));
  w.U64(static_cast<uint64_t>(m.attempts < 0 ? 0 : m.attempts));
  w.I64(m.created_at).I64(m.next_attempt_at).I64(m.sent_at).Str(m.last_error);
  return w.Take();
}

std::optional<Message> Store::Decode(std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kMessageVersion) return std::nullopt;
  Message m;
  m.id = r.U64();
  m.mail.to = r.Str();
  m.mail.subject = r.Str();
  m.mail.body = r.Str();
  uint8_t state = r.U8();
  uint64_t attempts = r.U64();
  m.created_at = r.I64();
  m.next_attempt_at = r.I64();
  m.sent_at = r.I64();
  m.last_error = r.Str();
  if (!r.ok() || state > static_cast<uint8_t>(State::kFailed) || attempts > 1000000) return std::nullopt;
  m.state = static_cast<State>(state);
  m.attempts = static_cast<int>(attempts);
  return m;
}

void Store::Put(storage::WriteTxn& txn, const Message& m, const Message* old) const {
  if (old && old->state == State::kPending) txn.Del(due_, DueKey(*old));
  txn.Put(messages_, storage::Key().U64(m.id).Build(), Encode(m));
  if (m.state == State::kPending) txn.Put(due_, DueKey(m), "");
}

std::optional<Message> Store::Get(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(messages_, storage::Key().U64(id).Build());
  if (!v) return std::nullopt;
  return Decode(*v);
}

void Store::ScanDue(const storage::ReadTxn& txn, int64_t now, const std::function<bool(uint64_t)>& fn) const {
  uint64_t limit = now < 0 ? 0 : static_cast<uint64_t>(now);
  txn.Scan(due_, "", [&](std::string_view k, std::string_view) {
    if (k.size() != 16) return true;
    if (storage::GetU64BE(k) > limit) return false;
    return fn(storage::GetU64BE(k.substr(8)));
  });
}

void Store::ScanNewest(const storage::ReadTxn& txn, const std::function<bool(const Message&)>& fn) const {
  txn.Scan(
      messages_, "",
      [&](std::string_view, std::string_view v) {
        auto m = Decode(v);
        return !m || fn(*m);
      },
      storage::Direction::kBackward);
}

uint64_t Store::PendingCount(const storage::ReadTxn& txn) const { return txn.Count(due_); }

}  // namespace osiedle::outbox
