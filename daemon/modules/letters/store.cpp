#include "daemon/modules/letters/store.hpp"

#include "storage/codec.hpp"

namespace osiedle::letters {
namespace {

constexpr uint8_t kCodeVersion = 1;

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }

}  // namespace

Store::Store(storage::Env& env)
    : env_(env),
      codes_(env.OpenTable("letters.codes")),
      by_hash_(env.OpenTable("letters.codes.by_hash")),
      by_flat_(env.OpenTable("letters.codes.by_flat")) {}

std::string Store::Encode(const LetterCode& c) {
  storage::Writer w(kCodeVersion);
  w.U64(c.flat_id).Str(c.code_hash).U8(static_cast<uint8_t>(c.status)).I64(c.created_at).U64(c.created_by);
  w.I64(c.used_at).U64(c.used_by_user_id).I64(c.revoked_at).U64(c.revoked_by);
  return w.Take();
}

std::optional<LetterCode> Store::Decode(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kCodeVersion) return std::nullopt;
  LetterCode c;
  c.id = id;
  c.flat_id = r.U64();
  c.code_hash = r.Str();
  uint8_t status = r.U8();
  if (status > static_cast<uint8_t>(CodeStatus::kRevoked)) return std::nullopt;
  c.status = static_cast<CodeStatus>(status);
  c.created_at = r.I64();
  c.created_by = r.U64();
  c.used_at = r.I64();
  c.used_by_user_id = r.U64();
  c.revoked_at = r.I64();
  c.revoked_by = r.U64();
  if (!r.ok()) return std::nullopt;
  return c;
}

bool Store::Insert(storage::WriteTxn& t, LetterCode* c) const {
  if (t.Contains(by_hash_, c->code_hash)) return false;
  c->id = t.NextId(codes_);
  t.Put(codes_, IdKey(c->id), Encode(*c));
  t.Put(by_hash_, c->code_hash, IdKey(c->id));
  t.Put(by_flat_, storage::Key().U64(c->flat_id).U64(c->id).Build(), {});
  return true;
}

void Store::Put(storage::WriteTxn& t, const LetterCode& c) const { t.Put(codes_, IdKey(c.id), Encode(c)); }

std::optional<LetterCode> Store::Get(const storage::ReadTxn& t, uint64_t id) const {
  auto v = t.Get(codes_, IdKey(id));
  if (!v) return std::nullopt;
  return Decode(id, *v);
}

std::optional<LetterCode> Store::FindByHash(const storage::ReadTxn& t, std::string_view code_hash) const {
  if (code_hash.empty()) return std::nullopt;
  auto v = t.Get(by_hash_, code_hash);
  if (!v) return std::nullopt;
  // Not a versioned value: the bare big-endian id.
  auto id = storage::KeyReader(*v).U64();
  if (!id) return std::nullopt;
  return Get(t, *id);
}

std::vector<LetterCode> Store::ListByFlat(const storage::ReadTxn& t, uint64_t flat_id) const {
  std::vector<uint64_t> ids;
  t.Scan(by_flat_, storage::Key().U64(flat_id).Build(), [&](std::string_view key, std::string_view) {
    storage::KeyReader k(key);
    (void)k.U64();
    if (auto id = k.U64()) ids.push_back(*id);
    return true;
  });
  std::vector<LetterCode> out;
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    if (auto c = Get(t, *it)) out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace osiedle::letters
