#pragma once
// Information pages (Informacje): sections, pages with an optional sign-up
// form, and the submissions residents send to those forms, as the service hands
// them out. Times are unix seconds; 0 means "not set" where noted. Enum values
// are stored (storage/FORMAT.md, "information"): never renumber them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/actor.hpp"
#include "daemon/core/page.hpp"

namespace osiedle::information {

using osiedle::Actor;
using osiedle::Page;
using osiedle::Viewer;

struct Section {
  uint64_t id = 0;
  std::string title; // 1..120 code points
  int64_t position = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  uint64_t page_count = 0; // not stored: filled by the admin listing
};

struct SectionInput {
  std::string title;
  int64_t position = 0;
};

enum class FieldType : uint8_t {
  kText = 1,
  kTextarea = 2,
  kNumber = 3,
  kDate = 4,
  kChoice = 5,
  kMulti = 6,
  kConsent = 7,
};

// One question of a sign-up form.
struct FormField {
  std::string key; // [a-z0-9_]{1,40}, unique within the form
  FieldType type = FieldType::kText;
  std::string label; // 1..200 code points
  bool required = false;
  std::vector<std::string>
      options; // choice/multi: 1..30, each 1..100, distinct; otherwise empty
  std::optional<double> min; // number only
  std::optional<double> max; // number only
  uint32_t max_length = 0; // text ≤ 200 (default 200), textarea ≤ 2000 (default
                           // 2000); otherwise 0
};

// Who handles the submissions: a staff user, a department, or nobody in
// particular (both 0). At most one is set.
struct Assignee {
  uint64_t user_id = 0;
  uint64_t department_id = 0;
};

struct Form {
  std::string title;             // 1..200
  std::vector<FormField> fields; // ≤ 40
  uint64_t capacity = 0;         // 0 = unlimited
  int64_t closes_at = 0;         // 0 = never
  Assignee assignee;
};

// What staff give to create or replace a page.
struct PageInput {
  uint64_t section_id = 0;
  std::string title;            // 1..200
  std::string body_md;          // 0..50,000, Markdown
  std::vector<uint64_t> groups; // empty = every logged-in user
  int64_t position = 0;
  bool published = false;
  std::optional<Form> form;
};

struct InfoPage {
  uint64_t id = 0;
  uint64_t section_id = 0;
  std::string title;
  std::string body_md;
  std::string body_html;        // rendered from body_md when saved
  std::vector<uint64_t> groups; // ascending
  int64_t position = 0;
  bool published = false;
  std::optional<Form> form;
  uint64_t author_id = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

enum class SubmissionStatus : uint8_t {
  kRegistered = 1, // within capacity
  kWaiting = 2,    // on the waiting list
  kCancelled = 3,  // by the resident
  kAccepted = 4,   // by staff
  kRejected = 5,   // by staff
  kDone = 6,       // handled by staff
};

// One answer as given, kept as text with the label and type the form had when
// it was sent, so a later change of the form never loses it. `values`: one
// entry for every type but multi (each chosen option); number as shortest
// decimal text, date "YYYY-MM-DD", consent "true"/"false".
struct Answer {
  std::string key;
  std::string label;
  FieldType type = FieldType::kText;
  std::vector<std::string> values;
};

struct Submission {
  uint64_t id = 0;
  uint64_t page_id = 0;
  uint64_t user_id = 0;
  SubmissionStatus status = SubmissionStatus::kRegistered;
  std::vector<Answer> answers;
  std::string staff_note;  // ≤ 1000
  uint64_t handled_by = 0; // staff user who set the status last (0 = nobody)
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // Not stored: filled on read.
  uint64_t waiting_position =
      0; // 1-based place on the waiting list; 0 unless waiting
  std::string page_title;
  std::string user_name;  // staff views: "Jan Kowalski"
  std::string user_email; // staff views
};

// A form as a reader sees it: definition plus live counters.
struct FormView {
  Form form;
  uint64_t taken = 0;   // registered + accepted + done
  uint64_t waiting = 0; // on the waiting list
  bool open = false;    // not past closes_at
};

struct PageView {
  InfoPage page;
  std::optional<FormView> form;
  std::vector<Submission> my_submissions; // the viewer's, newest first
};

// A page as a section list shows it.
struct PageLink {
  uint64_t id = 0;
  std::string title;
  bool has_form = false;
};

struct SectionTree {
  Section section;
  std::vector<PageLink> pages; // by position, then id
};

// Filters of the staff submission list.
struct SubmissionFilter {
  std::optional<SubmissionStatus> status;
  bool mine = false; // only if the form is assigned to the viewer or one of
                     // their departments
};

// True for the statuses that hold a place (count against capacity).
inline bool TakesPlace(SubmissionStatus s) {
  return s == SubmissionStatus::kRegistered ||
         s == SubmissionStatus::kAccepted || s == SubmissionStatus::kDone;
}
// True for the statuses that block another submission by the same user to the
// same form.
inline bool IsActive(SubmissionStatus s) {
  return TakesPlace(s) || s == SubmissionStatus::kWaiting;
}

// Stable names used in JSON and CSV ("text", "registered", ...); nullopt / ""
// for unknown.
const char *FieldTypeName(FieldType t);
std::optional<FieldType> ParseFieldType(std::string_view name);
const char *StatusName(SubmissionStatus s);
std::optional<SubmissionStatus> ParseStatus(std::string_view name);

} // namespace osiedle::information
