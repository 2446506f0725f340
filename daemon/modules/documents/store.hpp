#pragma once
// The documents tables (storage/FORMAT.md, "documents"). Internal to the module: the service keeps the list index,
// the slug index and the download counters consistent with the records.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/documents/model.hpp"
#include "storage/env.hpp"

namespace osiedle::documents {

// What a list needs to decide visibility and match the title without decoding the whole document.
struct ListEntry {
  uint64_t id = 0;
  int64_t updated_at = 0;
  uint64_t category_id = 0;
  std::vector<uint64_t> groups;
  std::string title;
};

class Store {
 public:
  // Opens the tables. REQUIRES: called at start-up.
  explicit Store(storage::Env& env);

  // --- categories ---
  uint64_t NextCategoryId(storage::WriteTxn& txn) const { return txn.NextId(categories_); }
  std::optional<Category> GetCategory(const storage::ReadTxn& txn, uint64_t id) const;
  // The id of the category with this slug, if any.
  std::optional<uint64_t> FindSlug(const storage::ReadTxn& txn, std::string_view slug) const;
  // Writes the category and its slug entry; `old` (the previous record, if any) has its slug entry removed.
  void PutCategory(storage::WriteTxn& txn, const Category& c, const Category* old) const;
  void DeleteCategory(storage::WriteTxn& txn, const Category& c) const;
  // Every category by id.
  std::vector<Category> Categories(const storage::ReadTxn& txn) const;

  // --- documents ---
  uint64_t NextDocumentId(storage::WriteTxn& txn) const { return txn.NextId(items_); }
  std::optional<Document> GetDocument(const storage::ReadTxn& txn, uint64_t id) const;
  // Writes the document and its list entry; `old` has its list entry removed.
  void PutDocument(storage::WriteTxn& txn, const Document& d, const Document* old) const;
  // Removes the document, its list entry, versions and counters (never the files).
  void DeleteDocument(storage::WriteTxn& txn, const Document& d) const;
  // List entries newest updated first (ties: higher id first) until fn returns false.
  void ForEachListEntry(const storage::ReadTxn& txn, const std::function<bool(const ListEntry&)>& fn) const;

  // --- versions and counters ---
  std::optional<Version> GetVersion(const storage::ReadTxn& txn, uint64_t doc, uint64_t n) const;
  void PutVersion(storage::WriteTxn& txn, uint64_t doc, const Version& v) const;
  // Versions of a document, newest first, with their download counts.
  std::vector<Version> Versions(const storage::ReadTxn& txn, uint64_t doc) const;
  uint64_t Downloads(const storage::ReadTxn& txn, uint64_t doc, uint64_t n) const;
  // Sum over every version of the document.
  uint64_t TotalDownloads(const storage::ReadTxn& txn, uint64_t doc) const;
  void CountDownloads(storage::WriteTxn& txn, uint64_t doc, uint64_t n, uint64_t count) const;

  // Value codecs (exposed for tests). Decoders return nullopt on corruption or unknown version.
  static std::string EncodeDocument(const Document& d);
  static std::optional<Document> DecodeDocument(uint64_t id, std::string_view value);

 private:
  storage::Table categories_;  // documents.categories: u64 id → category v1
  storage::Table slugs_;       // documents.categories.by_slug: slug bytes → v1 U64 id
  storage::Table items_;       // documents.items: u64 id → document v1
  storage::Table by_updated_;  // documents.items.by_updated: u64 updated_at, u64 id → entry v1
  storage::Table versions_;    // documents.versions: u64 doc, u64 n → version v1
  storage::Table downloads_;   // documents.downloads: u64 doc, u64 n → v1 U64 count
};

}  // namespace osiedle::documents
