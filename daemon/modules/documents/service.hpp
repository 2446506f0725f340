#pragma once
// Documents (Dokumenty spółdzielni): a PDF library in categories. Staff create documents from PDF uploads, target
// them at groups and add versions (the newest is the current one; older ones stay reachable for staff only).
// Residents see — by list, by id and by file — only documents aimed at everyone or at one of their groups; anything
// else is "not_found", exactly as for an id that does not exist. Downloads are counted per version IN MEMORY and
// written in one write transaction by Flush(), which the thread started by Start() calls every kFlushIntervalSeconds
// (10 s), and Stop() once more: a download is a read, and should not cost a commit and an fsync (nor map fresh LMDB
// pages while a 20 MB file streams). Views add the pending counts, so staff see every download at once. LOSS WINDOW
// (as for ad impressions): a crash loses at most the last ~10 s of counts; a clean stop loses none. Staff changes are
// audited in the same transaction. Functions open their own transactions (except Seed): never call them inside
// View/Update. Thread-safety: safe from many threads.
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/periodic_flush.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/documents/model.hpp"
#include "daemon/modules/documents/store.hpp"
#include "daemon/modules/groups/service.hpp"
#include "daemon/modules/uploads/service.hpp"
#include "storage/env.hpp"
#include "storage/pending_counts.hpp"

namespace osiedle::documents {

class Service {
 public:
  // Opens the tables. REQUIRES: called at start-up; every argument outlives the service.
  Service(storage::Env& env, const Clock& clock, groups::Service& groups, audit::Service& audit,
          uploads::Service& uploads);
  // Stop()s (so pending download counts are written).
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // --- download counts (see the top of this file) ---
  void Start();  // the PeriodicFlush thread; idempotent
  void Stop();   // joins it and flushes; idempotent; call before the Env closes
  Status Flush();  // one write transaction; versions deleted meanwhile are skipped. Errors: "storage_io".

  // Migration step: adds the default categories (Statut, Regulaminy, Uchwały, Protokoły obrad organów, Protokoły
  // lustracji, Sprawozdania finansowe — statutory — then Formularze do druku, Inne) whose slugs are absent.
  // Idempotent; never renames or removes what staff made.
  void Seed(storage::WriteTxn& txn) const;

  // --- categories ---
  // Every category by position, then id, with the number of documents in it the viewer may see.
  std::vector<CategoryView> Categories(const Viewer& viewer) const;
  // Errors: "utf8_invalid" / "field_invalid" / "field_required" / "field_too_long" (name; field_invalid also for a
  // name without any letter or digit), "field_invalid" (position outside 0..kMaxPosition), "category_name_taken" (same
  // slug), "field_too_long" (field name: more than kMaxCategories). Audit "documents.category_create".
  Result<Category> CreateCategory(const Actor& actor, CategoryInput input);
  // Renames (the slug follows the name) and moves a category. Errors as Create, "not_found".
  Result<Category> UpdateCategory(const Actor& actor, uint64_t id, CategoryInput input);
  // Errors: "not_found", "category_not_empty" (some document is in it).
  Status DeleteCategory(const Actor& actor, uint64_t id);

  // --- readers (staff see every document) ---
  // Visible documents, newest updated first, filtered by category and title words. Errors: "utf8_invalid" /
  // "field_too_long" / "field_invalid" (q).
  Result<Page<DocumentView>> List(const Viewer& viewer, const ListQuery& query) const;
  // One visible document; for staff with `versions` filled. Errors: "not_found".
  Result<DocumentView> Get(const Viewer& viewer, uint64_t id) const;
  // The current version's file; counts the download. Errors: "not_found".
  Result<DownloadFile> Download(const Viewer& viewer, uint64_t id);
  // Version n's file, staff only (a resident gets "not_found"); counts the download. Errors: "not_found".
  Result<DownloadFile> DownloadVersion(const Viewer& viewer, uint64_t id, uint64_t n);

  // --- staff (documents:manage) ---
  // Creates a document with its first version. Audit "documents.create". Errors: text errors by field (title,
  // description, filename, note), "category_not_found" (category_id), "group_not_found" / "field_too_long" (groups),
  // "not_found" / "upload_not_pdf" (upload_id).
  Result<Document> Create(const Actor& actor, DocumentInput input, VersionInput version);
  // Replaces title, description, category and groups. Audit "documents.update". Errors as Create, "not_found".
  Result<Document> Update(const Actor& actor, uint64_t id, DocumentInput input);
  // Adds a version that becomes the current one. Audit "documents.version_add". Errors: "not_found" (document or
  // upload_id), "upload_not_pdf", text errors (filename, note), "field_too_long" (more than kMaxVersions versions).
  Result<Version> AddVersion(const Actor& actor, uint64_t id, VersionInput version);
  // Removes the document, its versions and counters; the files stay (content-addressed, maybe shared). Audit
  // "documents.delete". Errors: "not_found".
  Status Delete(const Actor& actor, uint64_t id);

  // A safe download name: the part after the last '/' or '\', control characters replaced by '_', leading dots and
  // spaces dropped, ".pdf" appended unless it ends so (any case). Errors: "utf8_invalid", "field_required" (nothing
  // left), "field_too_long" (more than kMaxFilenameLen code points after sanitising) — field "filename".
  static Result<std::string> SanitizeFilename(std::string_view raw);
  // A category slug: utf8::Fold, then runs of other than [a-z0-9] become one '-', trimmed of '-'. "" if none left.
  static std::string SlugOf(std::string_view name);

  storage::Env& env() { return env_; }

  static constexpr size_t kMaxTitleLen = 200;
  static constexpr size_t kMaxDescriptionLen = 2000;
  static constexpr size_t kMaxCategoryNameLen = 100;
  static constexpr size_t kMaxFilenameLen = 200;
  static constexpr size_t kMaxNoteLen = 500;
  static constexpr size_t kMaxQueryLen = 200;
  static constexpr size_t kMaxGroups = 50;
  static constexpr size_t kMaxCategories = 100;
  static constexpr uint64_t kMaxVersions = 1000;
  static constexpr int64_t kMaxPosition = 1000000;
  static constexpr uint64_t kDefaultPage = 20;
  static constexpr uint64_t kMaxPage = 100;
  static constexpr int kFlushIntervalSeconds = 10;

 private:
  // Downloads of (doc, n) not written yet; n == 0: of every version of doc.
  uint64_t PendingDownloads(uint64_t doc, uint64_t n) const;

  Status CheckInput(DocumentInput& in) const;
  static Status CheckVersion(VersionInput& in);
  Status CheckRefs(const storage::ReadTxn& txn, const DocumentInput& in) const;
  // A Version from checked input; "not_found" / "upload_not_pdf" (upload_id).
  Result<Version> MakeVersion(const storage::ReadTxn& txn, const Actor& actor, const VersionInput& in, uint64_t n,
                              int64_t now) const;
  Result<Category> SaveCategory(const Actor& actor, uint64_t id, CategoryInput in);
  std::vector<uint64_t> GroupsOf(const storage::ReadTxn& txn, const Viewer& viewer) const;
  // The document for a reader, or "not_found".
  Result<Document> Visible(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t id) const;
  DocumentView ViewOf(const storage::ReadTxn& txn, Document d, bool with_versions) const;
  Result<DownloadFile> Fetch(const Viewer& viewer, uint64_t id, uint64_t n);

  storage::Env& env_;
  const Clock& clock_;
  groups::Service& groups_;
  audit::Service& audit_;
  uploads::Service& uploads_;
  Store store_;

  storage::PendingCounts<std::pair<uint64_t, uint64_t>> downloads_;  // (document, version n) → downloads
  PeriodicFlush flusher_{"documents: download counts", std::chrono::seconds(kFlushIntervalSeconds),
                         [this] { return Flush(); }};
};

}  // namespace osiedle::documents
