#include "daemon/modules/audit/store.hpp"

#include "storage/codec.hpp"

namespace osiedle::audit {
namespace {

constexpr uint8_t kEntryVersion = 1;
constexpr uint8_t kHeadVersion = 1;
constexpr std::string_view kHeadKey = "head";

uint64_t IdOfKey(std::string_view key) { return key.size() == 8 ? storage::GetU64BE(key) : 0; }

}  // namespace

Store::Store(storage::Env& env)
    : log_(env.OpenTable("audit.log")),
      by_user_(env.OpenTable("audit.log.by_user")),
      meta_(env.OpenTable("audit.meta")) {}

std::string Store::Encode(const Entry& e) {
  storage::Writer w(kEntryVersion);
  w.U64(e.id).I64(e.at).U64(e.actor_id).Str(e.action).Str(e.target_type).U64(e.target_id);
  w.U64(e.subject_user_id).Str(e.detail).Str(e.ip).Str(e.user_agent).Str(e.prev_hash).Str(e.hash);
  return w.Take();
}

std::optional<Entry> Store::Decode(std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kEntryVersion) return std::nullopt;
  Entry e;
  e.id = r.U64();
  e.at = r.I64();
  e.actor_id = r.U64();
  e.action = r.Str();
  e.target_type = r.Str();
  e.target_id = r.U64();
  e.subject_user_id = r.U64();
  e.detail = r.Str();
  e.ip = r.Str();
  e.user_agent = r.Str();
  e.prev_hash = r.Str();
  e.hash = r.Str();
  if (!r.ok()) return std::nullopt;
  return e;
}

void Store::Put(storage::WriteTxn& txn, const Entry& e) const {
  txn.Put(log_, storage::Key().U64(e.id).Build(), Encode(e));
  if (e.actor_id != 0) txn.Put(by_user_, storage::Key().U64(e.actor_id).U64(e.id).Build(), "");
  if (e.subject_user_id != 0 && e.subject_user_id != e.actor_id) {
    txn.Put(by_user_, storage::Key().U64(e.subject_user_id).U64(e.id).Build(), "");
  }
  storage::Writer head(kHeadVersion);
  head.U64(e.id).Str(e.hash);
  txn.Put(meta_, kHeadKey, head.data());
}

std::optional<Head> Store::GetHead(const storage::ReadTxn& txn) const {
  auto v = txn.Get(meta_, kHeadKey);
  if (!v) return std::nullopt;
  storage::Reader r(*v);
  Head h;
  h.last_id = r.U64();
  h.last_hash = r.Str();
  if (r.version() != kHeadVersion || !r.ok()) return Head{};  // present but unreadable: last_id 0
  return h;
}

std::optional<Entry> Store::Get(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(log_, storage::Key().U64(id).Build());
  if (!v) return std::nullopt;
  return Decode(*v);
}

void Store::ScanNewest(const storage::ReadTxn& txn, uint64_t before_id,
                       const std::function<bool(uint64_t, const std::optional<Entry>&)>& fn) const {
  if (before_id == 1) return;
  std::string start = before_id == 0 ? std::string() : storage::Key().U64(before_id - 1).Build();
  txn.Scan(
      log_, "", [&](std::string_view k, std::string_view v) { return fn(IdOfKey(k), Decode(v)); },
      storage::Direction::kBackward, start);
}

void Store::ScanOldest(const storage::ReadTxn& txn,
                       const std::function<bool(uint64_t, const std::optional<Entry>&)>& fn) const {
  txn.Scan(log_, "", [&](std::string_view k, std::string_view v) { return fn(IdOfKey(k), Decode(v)); });
}

void Store::ScanUserNewest(const storage::ReadTxn& txn, uint64_t user, uint64_t before_id,
                           const std::function<bool(uint64_t)>& fn) const {
  if (before_id == 1) return;
  std::string prefix = storage::Key().U64(user);
  std::string start = before_id == 0 ? std::string() : storage::Key().U64(user).U64(before_id - 1).Build();
  txn.Scan(
      by_user_, prefix,
      [&](std::string_view k, std::string_view) { return k.size() != 16 || fn(storage::GetU64BE(k.substr(8))); },
      storage::Direction::kBackward, start);
}

}  // namespace osiedle::audit
