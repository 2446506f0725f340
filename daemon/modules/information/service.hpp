#pragma once
// Information (Informacje): staff define sections and pages (Markdown body
// rendered to safe HTML when saved, group targeting, publish flag) and may put
// a sign-up form on a page; residents read the pages that target them (anything
// else is "not_found" — by list and by id), send one submission per form
// (registered within capacity, otherwise on the waiting list), see and cancel
// their own; staff work through the submissions (accept, reject, done, with a
// note) and export them as CSV. A place freed by a cancel, a rejection or a
// larger capacity goes to the first one waiting in the same transaction. Every
// staff change is audited in its own write transaction. Functions open their
// own transactions: never call them inside View/Update. Thread-safety: every
// function is safe from many threads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/groups/service.hpp"
#include "daemon/modules/information/model.hpp"
#include "daemon/modules/information/store.hpp"
#include "daemon/modules/roles/service.hpp"
#include "storage/env.hpp"

namespace osiedle::information {

class Service {
public:
  // Opens the tables. REQUIRES: called at start-up; every argument outlives the
  // service.
  Service(storage::Env &env, const Clock &clock, groups::Service &groups,
          roles::Service &roles, audit::Service &audit);

  // --- staff (information:manage): sections ---
  // Errors: "field_required" / "field_too_long" / "field_invalid" /
  // "utf8_invalid" (title ≤ 120), "limit_reached" (more than kMaxSections).
  // Audit "information.section_create".
  Result<Section> CreateSection(const Actor &actor, SectionInput input);
  // Errors as CreateSection, "not_found". Audit "information.section_update".
  Result<Section> UpdateSection(const Actor &actor, uint64_t id,
                                SectionInput input);
  // Errors: "not_found", "section_not_empty". Audit
  // "information.section_delete".
  Status DeleteSection(const Actor &actor, uint64_t id);
  // Every section by position with page_count.
  Page<Section> AdminSections(uint64_t offset, uint64_t limit) const;

  // --- staff: pages ---
  // Validates, renders the body and stores a page. Errors: "field_required" /
  // "field_too_long" / "field_invalid" / "utf8_invalid" (title, body),
  // "not_found" (field section_id), "group_not_found" (field groups),
  // "field_too_long" (groups), "markdown_unsafe", the form errors of CheckForm
  // (submission.hpp), "user_not_found" / "assignee_invalid"
  // (form.assignee.user_id: not a staff member holding information:manage),
  // "department_not_found" (form.assignee.department_id), "limit_reached" (more
  // than kMaxPagesPerSection). Audit "information.page_create".
  Result<InfoPage> CreatePage(const Actor &actor, PageInput input);
  // Replaces page `id`. Stored submissions keep their answers whatever the new
  // form; a larger capacity promotes from the waiting list. Errors as
  // CreatePage, "not_found". Audit "information.page_update".
  Result<InfoPage> UpdatePage(const Actor &actor, uint64_t id, PageInput input);
  // Deletes the page with its submissions. Errors: "not_found". Audit
  // "information.page_delete".
  Status DeletePage(const Actor &actor, uint64_t id);
  // Every page, newest first (body not needed by lists but included).
  Page<InfoPage> AdminPages(uint64_t offset, uint64_t limit) const;
  // One page with its form counters (my_submissions empty). Errors:
  // "not_found".
  Result<PageView> AdminPage(uint64_t id) const;

  // --- readers ---
  // Sections with the pages the viewer may see (published and targeting them;
  // staff: every page), by position. Residents do not get sections without such
  // pages.
  std::vector<SectionTree> Sections(const Viewer &viewer) const;
  // One visible page with its form counters and the viewer's submissions to it.
  // Errors: "not_found".
  Result<PageView> GetPage(const Viewer &viewer, uint64_t id) const;

  // --- submissions (residents) ---
  // Decodes `body` ({"answers": {...}}) against the page's form and stores a
  // submission: "registered" within capacity, else "waiting" with its
  // waiting_position filled. Errors: "not_found" (page not visible or without a
  // form), "form_closed", "already_submitted" (the viewer has a registered,
  // waiting, accepted or done one), and the decoder's errors (submission.hpp
  // DecodeSubmission).
  Result<Submission> Submit(const Viewer &viewer, uint64_t page_id,
                            std::string_view body);
  // The viewer's submissions, newest first, with page_title and
  // waiting_position.
  Page<Submission> MySubmissions(const Viewer &viewer, uint64_t offset,
                                 uint64_t limit) const;
  // Cancels the viewer's own registered, waiting or accepted submission; the
  // first waiting one takes a freed place. Errors: "not_found" (not the
  // viewer's), "submission_not_cancellable".
  Result<Submission> Cancel(const Viewer &viewer, uint64_t submission_id);

  // --- submissions (staff) ---
  // A page's submissions, oldest first, with user name and email.
  // `viewer.user_id` decides filter.mine. Errors: "not_found".
  Result<Page<Submission>> AdminSubmissions(const Viewer &viewer,
                                            uint64_t page_id,
                                            const SubmissionFilter &filter,
                                            uint64_t offset,
                                            uint64_t limit) const;
  // Sets `status` (accepted, rejected or done; nullopt keeps it) and/or the
  // note (nullopt keeps it; ≤ 1000). A freed place goes to the first waiting.
  // Errors: "not_found", "field_required" (status: neither given),
  // "field_invalid" (status: not accepted/rejected/done), "field_too_long" /
  // "field_invalid" / "utf8_invalid" (note), "submission_cancelled". Audit
  // "information.submission_status".
  Result<Submission> SetStatus(const Actor &actor, uint64_t submission_id,
                               std::optional<SubmissionStatus> status,
                               std::optional<std::string> note);
  // The page's submissions as CSV for Excel: UTF-8 with BOM, ';' separated,
  // CRLF, one column per form field (and per answered key no longer in the
  // form). Cells starting with = + - @ (or tab/CR) are prefixed with ' against
  // formula injection. Errors: "not_found".
  Result<std::string> ExportCsv(uint64_t page_id) const;

  storage::Env &env() { return env_; }

  static constexpr size_t kMaxSectionTitleLen = 120;
  static constexpr size_t kMaxTitleLen = 200;
  static constexpr size_t kMaxBodyLen = 50000;
  static constexpr size_t kMaxGroups = 50;
  static constexpr size_t kMaxNoteLen = 1000;
  static constexpr size_t kMaxSections = 200;
  static constexpr size_t kMaxPagesPerSection = 500;
  static constexpr int64_t kMaxPosition = 1000000;
  static constexpr uint64_t kDefaultPage = 20;
  static constexpr uint64_t kMaxPage = 100;

private:
  Result<Section> SaveSection(const Actor &actor, uint64_t id,
                              SectionInput input);
  Result<InfoPage> SavePage(const Actor &actor, uint64_t id, PageInput input);
  // Checks the assignee against roles and the directory.
  Status CheckAssignee(const storage::ReadTxn &txn, const Assignee &a) const;
  bool CanSee(const storage::ReadTxn &txn, const Viewer &viewer,
              const InfoPage &page) const;
  FormView FormViewOf(const storage::ReadTxn &txn, const InfoPage &page) const;
  // Fills waiting_position (when `with_position`; one scan of the page's list),
  // page_title (`with_page`) and the user's name and email (`with_user`).
  Submission Decorate(const storage::ReadTxn &txn, Submission s, bool with_page,
                      bool with_user, bool with_position = true) const;
  // Gives free places of the page's form to the oldest waiting submissions.
  void Promote(storage::WriteTxn &txn, const InfoPage &page) const;

  storage::Env &env_;
  const Clock &clock_;
  groups::Service &groups_;
  roles::Service &roles_;
  audit::Service &audit_;
  Store store_;
};

} // namespace osiedle::information
