#include "daemon/modules/uploads/service.hpp"

#include "daemon/modules/uploads/sniff.hpp"
#include "storage/codec.hpp"

namespace osiedle::uploads {
namespace {

constexpr uint8_t kCodecV1 = 1;

std::string Encode(const Upload& u) {
  return storage::Writer(kCodecV1)
      .U8(static_cast<uint8_t>(u.kind))
      .U64(u.size)
      .U64(u.uploaded_by)
      .I64(u.uploaded_at)
      .Take();
}

std::optional<Upload> Decode(std::string_view id, std::string_view v) {
  storage::Reader r(v);
  if (!r.ok() || r.version() != kCodecV1) return std::nullopt;
  Upload u;
  u.id = std::string(id);
  uint8_t kind = r.U8();
  u.size = r.U64();
  u.uploaded_by = r.U64();
  u.uploaded_at = r.I64();
  if (!r.ok() || kind < 1 || kind > 4) return std::nullopt;
  u.kind = static_cast<Kind>(kind);
  return u;
}

}  // namespace

Service::Service(storage::Env& env, const FileStore& files, const Clock& clock)
    : env_(env), files_(files), clock_(clock), table_(env.OpenTable("uploads.files")) {}

Result<Upload> Service::Store(uint64_t user, std::string_view bytes) {
  auto kind = Sniff(bytes);
  if (!kind.ok()) return kind.error();
  const uint64_t limit = IsImage(*kind) ? kMaxImageBytes : kMaxPdfBytes;
  if (bytes.size() > limit) return MakeError("upload_too_large", "file", std::to_string(limit));
  // The file is durable before the record that names it is committed.
  auto id = files_.Put(bytes);
  if (!id.ok()) return id.error();
  Upload fresh{*id, *kind, bytes.size(), user, clock_.NowUnix()};
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Upload> {
    if (auto v = txn.Get(table_, *id)) {
      if (auto existing = Decode(*id, *v)) return *existing;
    }
    txn.Put(table_, *id, Encode(fresh));
    return fresh;
  });
}

Result<Upload> Service::Get(std::string_view id) const {
  return env_.View([&](const storage::ReadTxn& txn) { return Get(txn, id); });
}

Result<Upload> Service::Get(const storage::ReadTxn& txn, std::string_view id) const {
  if (!FileStore::IsId(id)) return MakeError("not_found");
  auto v = txn.Get(table_, id);
  if (!v) return MakeError("not_found");
  auto u = Decode(id, *v);
  if (!u) return MakeError("not_found");
  return *u;
}

}  // namespace osiedle::uploads
