#pragma once
// Typed tables of the contractor directory (storage/FORMAT.md, "contractors").
// Internal to the module: the service validates, the store encodes and keeps
// the indexes in step with the records.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/contractors/model.hpp"
#include "storage/env.hpp"

namespace osiedle::contractors {

// What search needs of a contractor to filter and sort, without decoding the
// whole record.
struct Summary {
  uint64_t id = 0;
  bool active = false;
  bool recommended = false;
  uint64_t rating_sum = 0;
  uint64_t rating_count = 0;
  std::string sort_name;  // utf8::Fold(name)
  std::vector<uint64_t> category_ids;
};

class Store {
 public:
  // Opens the tables. REQUIRES: called at start-up.
  explicit Store(storage::Env& env);

  // Categories (few: read whole).
  std::vector<Category> Categories(const storage::ReadTxn& txn) const;
  std::optional<Category> GetCategory(const storage::ReadTxn& txn, uint64_t id) const;
  // The id of the category whose folded name is `folded`, if any.
  std::optional<uint64_t> FindCategory(const storage::ReadTxn& txn, std::string_view folded) const;
  // Stores a new category under a fresh id; returns it. REQUIRES: the folded
  // name is free.
  uint64_t AddCategory(storage::WriteTxn& txn, const std::string& name);

  uint64_t NextContractorId(storage::WriteTxn& txn);
  std::optional<Contractor> Get(const storage::ReadTxn& txn, uint64_t id) const;
  std::optional<Summary> GetSummary(const storage::ReadTxn& txn, uint64_t id) const;
  // Writes the record, its summary, its category links and replaces its search
  // words by `words`.
  void Put(storage::WriteTxn& txn, const Contractor& c, const std::vector<std::string>& words);
  // Writes the record and summary only (rating changes: the words stay).
  void PutRecord(storage::WriteTxn& txn, const Contractor& c);
  // Removes the record, summary, category links, words and every review of the
  // contractor.
  void Delete(storage::WriteTxn& txn, uint64_t id);

  // Ids of contractors having a word that starts with `prefix` (sorted,
  // distinct). One range scan.
  std::vector<uint64_t> IdsWithWordPrefix(const storage::ReadTxn& txn, std::string_view prefix) const;
  // Ids of contractors in a category (sorted). One range scan.
  std::vector<uint64_t> IdsInCategory(const storage::ReadTxn& txn, uint64_t category_id) const;
  // Every summary (the unfiltered list). One scan of the summary table.
  void ForEachSummary(const storage::ReadTxn& txn, const std::function<void(Summary)>& fn) const;

  // A counter that every write above bumps in its own transaction: the search memos key on it, so commits elsewhere
  // (a session touch, a news item read) leave them valid.
  uint64_t Version(const storage::ReadTxn& txn) const;

  std::optional<Review> GetReview(const storage::ReadTxn& txn, uint64_t id) const;
  // The review id of `user` on `contractor`, if any (hidden ones included).
  std::optional<uint64_t> ReviewOf(const storage::ReadTxn& txn, uint64_t contractor_id, uint64_t user_id) const;
  // Inserts (r.id == 0 → fresh id, returned) or replaces a review and its
  // indexes.
  uint64_t PutReview(storage::WriteTxn& txn, Review r);
  // Calls fn for the contractor's reviews, newest first, until fn returns
  // false.
  void ForEachReview(const storage::ReadTxn& txn, uint64_t contractor_id,
                     const std::function<bool(const Review&)>& fn) const;

 private:
  // Removes the contractor's category links and search words (not the record).
  void Unindex(storage::WriteTxn& txn, uint64_t id);
  void BumpVersion(storage::WriteTxn& txn);

  storage::Table categories_;             // contractors.categories
  storage::Table category_names_;         // contractors.categories.by_name
  storage::Table contractors_;            // contractors.contractors
  storage::Table summaries_;              // contractors.summaries
  storage::Table by_category_;            // contractors.by_category
  storage::Table words_;                  // contractors.words
  storage::Table words_of_;               // contractors.words.by_contractor
  storage::Table reviews_;                // contractors.reviews
  storage::Table reviews_by_contractor_;  // contractors.reviews.by_contractor
  storage::Table reviews_by_user_;        // contractors.reviews.by_user
  storage::Table version_;                // contractors.version: "v" → u64
};

}  // namespace osiedle::contractors
