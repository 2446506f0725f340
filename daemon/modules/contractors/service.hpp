#pragma once
// The contractor directory ("Znajdź wykonawcę"): staff keep categories and
// contractors, residents search them and rate each contractor once per account;
// staff hide reviews with a reason.
//
// Search: every word of the query must be a prefix of some word of the
// contractor's name, category names or description, compared after utf8::Fold
// ("slusarz" and "ŚLUS" find "Ślusarz"). It is answered from an inverted index
// of folded words (one range scan per query word), never a scan of the records.
// Order: recommended first, then by average rating (unrated last), then name,
// then id.
//
// Functions taking a txn run inside the caller's View/Update; staff changes
// append their audit entry in the same transaction. Thread-safety: safe from
// many threads (state lives in LMDB).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/contractors/model.hpp"
#include "daemon/modules/contractors/store.hpp"
#include "storage/env.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::contractors {

class Service {
 public:
  // Opens the tables. REQUIRES: called at start-up; env, clock and audit
  // outlive the service.
  Service(storage::Env& env, const Clock& clock, audit::Service& audit);

  // Migration step: adds the default categories (elektryk, hydraulik, serwis
  // RTV/AGD, ...) whose folded names are absent. Idempotent; never renames or
  // removes what staff made.
  void Seed(storage::WriteTxn& txn);
  // The default category names, in seeding order.
  static const std::vector<std::string>& DefaultCategories();

  // All categories by id.
  std::vector<Category> Categories(const storage::ReadTxn& txn) const;
  // Errors: "utf8_invalid" / "field_invalid" / "field_required" /
  // "field_too_long" (name), "category_name_taken" (same name after
  // utf8::Fold).
  Result<Category> CreateCategory(storage::WriteTxn& txn, const Actor& actor, std::string name);

  // One page of matching contractors (inactive ones only with
  // query.include_inactive). Errors: "utf8_invalid" / "field_too_long" (q),
  // "field_invalid" (limit outside 1..kMaxPage).
  Result<Page<Contractor>> Search(const storage::ReadTxn& txn, const SearchQuery& query) const;
  // Store::Version: what a memo of search results keys on (SnapshotMemo::GetVersioned).
  uint64_t Version(const storage::ReadTxn& txn) const { return store_.Version(txn); }
  // Errors: "not_found" (absent, or inactive and the viewer is not staff).
  Result<Contractor> Get(const storage::ReadTxn& txn, uint64_t id, const Viewer& viewer) const;
  // Errors: text-field errors by field name, "phone_invalid", "email_invalid",
  // "url_invalid" (website not http/https), "category_not_found" (field
  // category_ids, detail = the id), "field_invalid" (more than
  // kMaxCategoriesPerContractor categories).
  Result<Contractor> Create(storage::WriteTxn& txn, const Actor& actor, ContractorInput input);
  // Replaces every input field of contractor `id` (ratings and created_at stay)
  // and its search words. Errors as Create, "not_found".
  Result<Contractor> Update(storage::WriteTxn& txn, const Actor& actor, uint64_t id, ContractorInput input);
  // Removes the contractor with its search words and reviews. Errors:
  // "not_found".
  Status Delete(storage::WriteTxn& txn, const Actor& actor, uint64_t id);

  // A rating 1..5 with optional text, once per account per contractor (hidden
  // reviews count: a second review is refused even after staff hid the first).
  // Errors: "not_found" (contractor not visible to the viewer), "field_invalid"
  // (rating), text errors (field text), "review_exists".
  Result<Review> AddReview(storage::WriteTxn& txn, const Viewer& viewer, uint64_t contractor_id, int rating,
                           std::string text);
  // Reviews of a visible contractor, newest first; hidden ones only for staff.
  // Errors: "not_found", "field_invalid" (limit outside 1..kMaxPage).
  Result<Page<Review>> Reviews(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t contractor_id,
                               uint64_t offset, uint64_t limit) const;
  // The viewer's own review of the contractor (hidden or not), if any.
  std::optional<Review> ReviewBy(const storage::ReadTxn& txn, uint64_t contractor_id, uint64_t user_id) const;
  // Hides a review (it no longer counts in the average). Hiding a hidden review
  // only replaces the reason. Errors: "not_found", reason errors (field reason;
  // required, ≤ kMaxHideReasonLen).
  Result<Review> HideReview(storage::WriteTxn& txn, const Actor& actor, uint64_t review_id, std::string reason);
  // Shows a hidden review again (it counts in the average again) and clears the moderation fields; a visible
  // review stays as it is. Audit "contractor.review_unhide". Errors: "not_found".
  Result<Review> UnhideReview(storage::WriteTxn& txn, const Actor& actor, uint64_t review_id);

  storage::Env& env() { return env_; }

 private:
  Status CheckInput(const storage::ReadTxn& txn, ContractorInput& in) const;
  // The folded words of the name, the category names and the description.
  std::vector<std::string> IndexWords(const storage::ReadTxn& txn, const Contractor& c) const;
  // Candidates of a query before sorting: nullopt when the query neither has
  // words nor a category.
  std::optional<std::vector<uint64_t>> CandidateIds(const storage::ReadTxn& txn, const SearchQuery& q) const;
  void Audit(storage::WriteTxn& txn, const Actor& actor, std::string action, std::string target_type,
             uint64_t target_id, std::string detail);

  // Every contractor's summary by id, decoded once per Store::Version (the search reads hundreds per query).
  std::shared_ptr<const std::unordered_map<uint64_t, Summary>> Summaries(const storage::ReadTxn& txn) const;

  storage::Env& env_;
  const Clock& clock_;
  audit::Service& audit_;
  Store store_;

  // All kept under Store::Version (GetVersioned): valid until a contractor, category or review changes.
  storage::SnapshotMemo<int, std::unordered_map<uint64_t, Summary>> summaries_{1};
  // Ids per query word (a word-index prefix scan) and per category: residents type the same prefixes ("h", "hy",
  // "hyd"…), and a one-letter prefix matches most of the directory.
  storage::SnapshotMemo<std::string, std::vector<uint64_t>> word_ids_{4096};
  storage::SnapshotMemo<uint64_t, std::vector<uint64_t>> category_ids_{256};
};

}  // namespace osiedle::contractors
