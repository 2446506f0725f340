#include "daemon/modules/documents/store.hpp"

#include "storage/codec.hpp"

namespace osiedle::documents {
namespace {

constexpr uint8_t kCategoryVersion = 1;
constexpr uint8_t kSlugVersion = 1;
constexpr uint8_t kDocumentVersion = 1;
constexpr uint8_t kEntryVersion = 1;
constexpr uint8_t kVersionVersion = 1;
constexpr uint8_t kCountVersion = 1;

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }
std::string PairKey(uint64_t a, uint64_t b) { return storage::Key().U64(a).U64(b); }

// updated_at is never negative (the clock gives seconds since 1970), so it sorts as unsigned.
std::string EntryKey(const Document& d) { return PairKey(static_cast<uint64_t>(d.updated_at), d.id); }

std::string EncodeEntry(const Document& d) {
  storage::Writer w(kEntryVersion);
  w.U64(d.category_id).U64List(d.groups).Str(d.title);
  return w.Take();
}

std::string EncodeCategory(const Category& c) {
  storage::Writer w(kCategoryVersion);
  w.Str(c.name).Str(c.slug).I64(c.position).Bool(c.statutory);
  return w.Take();
}

std::optional<Category> DecodeCategory(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kCategoryVersion) return std::nullopt;
  Category c;
  c.id = id;
  c.name = r.Str();
  c.slug = r.Str();
  c.position = r.I64();
  c.statutory = r.Bool();
  if (!r.ok()) return std::nullopt;
  return c;
}

std::string EncodeVersion(const Version& v) {
  storage::Writer w(kVersionVersion);
  w.Str(v.upload_id).Str(v.filename).Str(v.note).U64(v.size).U64(v.uploaded_by).I64(v.uploaded_at);
  return w.Take();
}

std::optional<Version> DecodeVersion(uint64_t n, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kVersionVersion) return std::nullopt;
  Version v;
  v.n = n;
  v.upload_id = r.Str();
  v.filename = r.Str();
  v.note = r.Str();
  v.size = r.U64();
  v.uploaded_by = r.U64();
  v.uploaded_at = r.I64();
  if (!r.ok()) return std::nullopt;
  return v;
}

uint64_t DecodeCount(std::string_view value) {
  storage::Reader r(value);
  uint64_t n = r.U64();
  return r.version() == kCountVersion && r.ok() ? n : 0;
}

}  // namespace

Store::Store(storage::Env& env)
    : categories_(env.OpenTable("documents.categories")),
      slugs_(env.OpenTable("documents.categories.by_slug")),
      items_(env.OpenTable("documents.items")),
      by_updated_(env.OpenTable("documents.items.by_updated")),
      versions_(env.OpenTable("documents.versions")),
      downloads_(env.OpenTable("documents.downloads")) {}

std::optional<Category> Store::GetCategory(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(categories_, IdKey(id));
  return v ? DecodeCategory(id, *v) : std::nullopt;
}

std::optional<uint64_t> Store::FindSlug(const storage::ReadTxn& txn, std::string_view slug) const {
  auto v = txn.Get(slugs_, slug);
  if (!v) return std::nullopt;
  storage::Reader r(*v);
  uint64_t id = r.U64();
  if (r.version() != kSlugVersion || !r.ok()) return std::nullopt;
  return id;
}

void Store::PutCategory(storage::WriteTxn& txn, const Category& c, const Category* old) const {
  if (old != nullptr) txn.Del(slugs_, old->slug);
  txn.Put(categories_, IdKey(c.id), EncodeCategory(c));
  storage::Writer w(kSlugVersion);
  w.U64(c.id);
  txn.Put(slugs_, c.slug, w.Take());
}

void Store::DeleteCategory(storage::WriteTxn& txn, const Category& c) const {
  txn.Del(slugs_, c.slug);
  txn.Del(categories_, IdKey(c.id));
}

std::vector<Category> Store::Categories(const storage::ReadTxn& txn) const {
  std::vector<Category> out;
  txn.Scan(categories_, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return true;
    if (auto c = DecodeCategory(storage::GetU64BE(k), v)) out.push_back(std::move(*c));
    return true;
  });
  return out;
}

std::string Store::EncodeDocument(const Document& d) {
  storage::Writer w(kDocumentVersion);
  w.Str(d.title).Str(d.description).U64(d.category_id).U64List(d.groups).U64(d.current);
  w.U64(d.created_by).I64(d.created_at).I64(d.updated_at);
  return w.Take();
}

std::optional<Document> Store::DecodeDocument(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kDocumentVersion) return std::nullopt;
  Document d;
  d.id = id;
  d.title = r.Str();
  d.description = r.Str();
  d.category_id = r.U64();
  d.groups = r.U64List();
  d.current = r.U64();
  d.created_by = r.U64();
  d.created_at = r.I64();
  d.updated_at = r.I64();
  if (!r.ok()) return std::nullopt;
  return d;
}

std::optional<Document> Store::GetDocument(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(items_, IdKey(id));
  return v ? DecodeDocument(id, *v) : std::nullopt;
}

void Store::PutDocument(storage::WriteTxn& txn, const Document& d, const Document* old) const {
  if (old != nullptr) txn.Del(by_updated_, EntryKey(*old));
  txn.Put(items_, IdKey(d.id), EncodeDocument(d));
  txn.Put(by_updated_, EntryKey(d), EncodeEntry(d));
}

void Store::DeleteDocument(storage::WriteTxn& txn, const Document& d) const {
  txn.DelPrefix(versions_, IdKey(d.id));
  txn.DelPrefix(downloads_, IdKey(d.id));
  txn.Del(by_updated_, EntryKey(d));
  txn.Del(items_, IdKey(d.id));
}

void Store::ForEachListEntry(const storage::ReadTxn& txn, const std::function<bool(const ListEntry&)>& fn) const {
  txn.Scan(
      by_updated_, {},
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 16) return true;
        storage::Reader r(v);
        ListEntry e;
        e.updated_at = static_cast<int64_t>(storage::GetU64BE(k));
        e.id = storage::GetU64BE(k.substr(8));
        e.category_id = r.U64();
        e.groups = r.U64List();
        e.title = r.Str();
        if (r.version() != kEntryVersion || !r.ok()) return true;
        return fn(e);
      },
      storage::Direction::kBackward);
}

std::optional<Version> Store::GetVersion(const storage::ReadTxn& txn, uint64_t doc, uint64_t n) const {
  auto v = txn.Get(versions_, PairKey(doc, n));
  if (!v) return std::nullopt;
  auto version = DecodeVersion(n, *v);
  if (version) version->downloads = Downloads(txn, doc, n);
  return version;
}

void Store::PutVersion(storage::WriteTxn& txn, uint64_t doc, const Version& v) const {
  txn.Put(versions_, PairKey(doc, v.n), EncodeVersion(v));
}

std::vector<Version> Store::Versions(const storage::ReadTxn& txn, uint64_t doc) const {
  std::vector<Version> out;
  txn.Scan(
      versions_, IdKey(doc),
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 16) return true;
        if (auto version = DecodeVersion(storage::GetU64BE(k.substr(8)), v)) out.push_back(std::move(*version));
        return true;
      },
      storage::Direction::kBackward);
  for (Version& v : out) v.downloads = Downloads(txn, doc, v.n);
  return out;
}

uint64_t Store::Downloads(const storage::ReadTxn& txn, uint64_t doc, uint64_t n) const {
  auto v = txn.Get(downloads_, PairKey(doc, n));
  return v ? DecodeCount(*v) : 0;
}

uint64_t Store::TotalDownloads(const storage::ReadTxn& txn, uint64_t doc) const {
  uint64_t sum = 0;
  txn.Scan(downloads_, IdKey(doc), [&](std::string_view, std::string_view v) {
    sum += DecodeCount(v);
    return true;
  });
  return sum;
}

void Store::CountDownloads(storage::WriteTxn& txn, uint64_t doc, uint64_t n, uint64_t count) const {
  storage::Writer w(kCountVersion);
  w.U64(Downloads(txn, doc, n) + count);
  txn.Put(downloads_, PairKey(doc, n), w.Take());
}

}  // namespace osiedle::documents
