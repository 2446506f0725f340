#pragma once
// The information tables (storage/FORMAT.md, "information"). Internal to the
// module: the service keeps the indexes (pages by section, submissions by page
// and by user) consistent with the records.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/information/model.hpp"
#include "storage/env.hpp"

namespace osiedle::information {

// A submission's entry in its page's list: enough to count places and order the
// waiting list.
struct SubmissionRef {
  uint64_t id = 0;
  SubmissionStatus status = SubmissionStatus::kRegistered;
};

class Store {
public:
  // Opens the tables. REQUIRES: called at start-up.
  explicit Store(storage::Env &env);

  uint64_t NextSectionId(storage::WriteTxn &txn) const {
    return txn.NextId(sections_);
  }
  std::optional<Section> GetSection(const storage::ReadTxn &txn,
                                    uint64_t id) const;
  void PutSection(storage::WriteTxn &txn, const Section &s) const;
  void DeleteSection(storage::WriteTxn &txn, uint64_t id) const;
  // Every section, ordered by position then id.
  std::vector<Section> Sections(const storage::ReadTxn &txn) const;
  uint64_t CountSections(const storage::ReadTxn &txn) const {
    return txn.Count(sections_);
  }

  uint64_t NextPageId(storage::WriteTxn &txn) const {
    return txn.NextId(pages_);
  }
  std::optional<InfoPage> GetPage(const storage::ReadTxn &txn,
                                  uint64_t id) const;
  // Writes the page and its section link; `old` (the previous version, if any)
  // has its link removed.
  void PutPage(storage::WriteTxn &txn, const InfoPage &page,
               const InfoPage *old) const;
  // Removes the page, its section link and all its submissions (with their user
  // links).
  void DeletePage(storage::WriteTxn &txn, const InfoPage &page) const;
  // Page ids of a section, ascending.
  std::vector<uint64_t> PageIdsOf(const storage::ReadTxn &txn,
                                  uint64_t section_id) const;
  // Pages by id, newest (highest id) first, until fn returns false.
  void
  ForEachPageNewestFirst(const storage::ReadTxn &txn,
                         const std::function<bool(const InfoPage &)> &fn) const;
  uint64_t CountPages(const storage::ReadTxn &txn) const {
    return txn.Count(pages_);
  }

  uint64_t NextSubmissionId(storage::WriteTxn &txn) const {
    return txn.NextId(submissions_);
  }
  std::optional<Submission> GetSubmission(const storage::ReadTxn &txn,
                                          uint64_t id) const;
  // Writes the submission and its page and user index entries.
  void PutSubmission(storage::WriteTxn &txn, const Submission &s) const;
  // The page's submissions, oldest first (id order, which is the waiting-list
  // order).
  std::vector<SubmissionRef> RefsOf(const storage::ReadTxn &txn,
                                    uint64_t page_id) const;
  // Submission ids of a user, newest first.
  std::vector<uint64_t> SubmissionIdsOfUser(const storage::ReadTxn &txn,
                                            uint64_t user_id) const;

  // Value codecs (exposed for tests). Decoders return nullopt on corruption or
  // unknown version.
  static std::string EncodePage(const InfoPage &p);
  static std::optional<InfoPage> DecodePage(uint64_t id,
                                            std::string_view value);
  static std::string EncodeSubmission(const Submission &s);
  static std::optional<Submission> DecodeSubmission(uint64_t id,
                                                    std::string_view value);

private:
  storage::Table sections_; // information.sections: u64 id → section v1
  storage::Table pages_;    // information.pages: u64 id → page v1
  storage::Table
      by_section_; // information.pages.by_section: u64 section, u64 page → ""
  storage::Table
      submissions_;        // information.submissions: u64 id → submission v1
  storage::Table by_page_; // information.submissions.by_page: u64 page, u64
                           // submission → v1 U8 status
  storage::Table by_user_; // information.submissions.by_user: u64 user, u64
                           // submission → v1 U64 page
};

} // namespace osiedle::information
