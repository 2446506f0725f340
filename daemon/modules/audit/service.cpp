#include "daemon/modules/audit/service.hpp"

#include <algorithm>
#include <string_view>

#include "daemon/core/crypto.hpp"

namespace osiedle::audit {
namespace {

constexpr size_t kMaxList = 500;
constexpr size_t kDefaultList = 50;

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c = b(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
  }
  if (c == 0xe0 && b(i + 1) < 0xa0) return 0;  // overlong
  if (c == 0xed && b(i + 1) > 0x9f) return 0;  // surrogate
  if (c == 0xf0 && b(i + 1) < 0x90) return 0;  // overlong
  if (c == 0xf4 && b(i + 1) > 0x8f) return 0;  // above U+10FFFF
  return n;
}

// Audit text comes partly from outside (user agent): keep it printable, valid UTF-8 and bounded
// so that listing and exporting it can never fail.
std::string Clean(std::string_view s, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  for (size_t i = 0; i < s.size();) {
    size_t n = ValidSequenceLength(s, i);
    std::string_view piece = n == 0 ? std::string_view("\xef\xbf\xbd") : s.substr(i, n);
    if (n == 1 && (static_cast<uint8_t>(s[i]) < 0x20 || s[i] == 0x7f)) piece = " ";
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
    i += n == 0 ? 1 : n;
  }
  return out;
}

void AppendNetstring(std::string& out, std::string_view field) {
  out.append(std::to_string(field.size())).push_back(':');
  out.append(field).push_back(',');
}

bool Matches(const Filter& f, const Entry& e) {
  if (f.actor_id != 0 && e.actor_id != f.actor_id) return false;
  if (f.subject_user_id != 0 && e.actor_id != f.subject_user_id && e.subject_user_id != f.subject_user_id) {
    return false;
  }
  return std::string_view(e.action).substr(0, f.action_prefix.size()) == f.action_prefix;
}

}  // namespace

Service::Service(storage::Env& env, const Clock& clock) : env_(env), clock_(clock), store_(env) {}

std::string Service::Canonical(const Entry& e) {
  std::string out = "osiedle.audit.v1";
  AppendNetstring(out, std::to_string(e.id));
  AppendNetstring(out, std::to_string(e.at));
  AppendNetstring(out, std::to_string(e.actor_id));
  AppendNetstring(out, e.action);
  AppendNetstring(out, e.target_type);
  AppendNetstring(out, std::to_string(e.target_id));
  AppendNetstring(out, std::to_string(e.subject_user_id));
  AppendNetstring(out, e.detail);
  AppendNetstring(out, e.ip);
  AppendNetstring(out, e.user_agent);
  return out;
}

std::string Service::ComputeHash(const std::string& prev_hash, const Entry& e) {
  return crypto::Sha256Hex(prev_hash + Canonical(e));
}

uint64_t Service::Append(storage::WriteTxn& txn, Entry e) {
  e.action = Clean(e.action, 64);
  e.target_type = Clean(e.target_type, 64);
  e.detail = Clean(e.detail, 1000);
  e.ip = Clean(e.ip, 64);
  e.user_agent = Clean(e.user_agent, 512);
  e.id = txn.NextId(store_.log());
  e.at = clock_.NowUnix();
  auto head = store_.GetHead(txn);
  e.prev_hash = head && !head->last_hash.empty() ? head->last_hash : kGenesisHash;
  e.hash = ComputeHash(e.prev_hash, e);
  store_.Put(txn, e);
  return e.id;
}

uint64_t Service::Record(Entry e) {
  auto r = env_.Update([&](storage::WriteTxn& txn) -> Result<uint64_t> { return Append(txn, e); });
  return r.value();
}

std::vector<Entry> Service::List(const Filter& filter) const {
  size_t limit = filter.limit == 0 ? kDefaultList : std::min(filter.limit, kMaxList);
  std::vector<Entry> out;
  env_.View([&](const storage::ReadTxn& txn) {
    auto take = [&](const std::optional<Entry>& e) {
      if (e && Matches(filter, *e)) out.push_back(*e);
      return out.size() < limit;
    };
    // The per-user index covers both "acted" and "was the subject", so it serves either filter.
    uint64_t user = filter.subject_user_id != 0 ? filter.subject_user_id : filter.actor_id;
    if (user != 0) {
      store_.ScanUserNewest(txn, user, filter.before_id, [&](uint64_t id) { return take(store_.Get(txn, id)); });
    } else {
      store_.ScanNewest(txn, filter.before_id, [&](uint64_t, const std::optional<Entry>& e) { return take(e); });
    }
  });
  return out;
}

Verification Service::Verify() const {
  Verification v;
  env_.View([&](const storage::ReadTxn& txn) {
    std::string prev = kGenesisHash;
    uint64_t last_id = 0;
    store_.ScanOldest(txn, [&](uint64_t id, const std::optional<Entry>& e) {
      ++v.entries;
      last_id = id;
      if (v.first_bad_id != 0) return true;  // keep counting
      if (!e || e->id != id || e->prev_hash != prev || ComputeHash(e->prev_hash, *e) != e->hash) {
        v.first_bad_id = id == 0 ? 1 : id;
        return true;
      }
      prev = e->hash;
      return true;
    });
    auto head = store_.GetHead(txn);
    if (v.first_bad_id == 0 && v.entries > 0 && (!head || head->last_id != last_id || head->last_hash != prev)) {
      // The newest entries were removed (or the head was): report the first id missing.
      v.first_bad_id = head && head->last_id > last_id ? last_id + 1 : last_id;
    } else if (v.first_bad_id == 0 && v.entries == 0 && head && head->last_id != 0) {
      v.first_bad_id = 1;
    }
  });
  v.ok = v.first_bad_id == 0;
  return v;
}

void Service::ForEach(const std::function<bool(const Entry&)>& fn) const {
  env_.View([&](const storage::ReadTxn& txn) {
    store_.ScanOldest(txn, [&](uint64_t, const std::optional<Entry>& e) { return !e || fn(*e); });
  });
}

}  // namespace osiedle::audit
