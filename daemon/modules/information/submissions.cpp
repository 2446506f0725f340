// The submission half of information::Service (service.hpp): sending,
// cancelling, staff handling, the waiting list and the CSV export.
#include <algorithm>
#include <map>

#include "daemon/core/csv.hpp"
#include "daemon/core/page.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/information/service.hpp"
#include "daemon/modules/information/submission.hpp"

namespace osiedle::information {
namespace {

Error NotFound() { return MakeError("not_found"); }

uint64_t Limit(uint64_t limit) {
  return PageLimit(limit, Service::kDefaultPage, Service::kMaxPage);
}

std::string FullName(const identity::User &u) {
  if (u.first_name.empty())
    return u.last_name;
  return u.last_name.empty() ? u.first_name : u.first_name + " " + u.last_name;
}

std::string Joined(const std::vector<std::string> &values) {
  std::string out;
  for (const std::string &v : values)
    out += (out.empty() ? "" : ", ") + v;
  return out;
}

} // namespace

Submission Service::Decorate(const storage::ReadTxn &txn, Submission s,
                             bool with_page, bool with_user,
                             bool with_position) const {
  if (with_position && s.status == SubmissionStatus::kWaiting) {
    s.waiting_position = 0;
    for (const SubmissionRef &r : store_.RefsOf(txn, s.page_id)) {
      if (r.id > s.id)
        break;
      if (r.status == SubmissionStatus::kWaiting)
        ++s.waiting_position;
    }
  }
  if (with_page) {
    if (auto p = store_.GetPage(txn, s.page_id))
      s.page_title = p->title;
  }
  if (with_user) {
    if (auto u = groups_.directory().GetUser(txn, s.user_id)) {
      s.user_name = FullName(*u);
      s.user_email = u->email;
    }
  }
  return s;
}

void Service::Promote(storage::WriteTxn &txn, const InfoPage &page) const {
  if (!page.form)
    return;
  const uint64_t capacity = page.form->capacity;
  const std::vector<SubmissionRef> refs = store_.RefsOf(txn, page.id);
  uint64_t taken =
      std::count_if(refs.begin(), refs.end(), [](const SubmissionRef &r) {
        return TakesPlace(r.status);
      });
  for (const SubmissionRef &r : refs) {
    if (capacity != 0 && taken >= capacity)
      break;
    if (r.status != SubmissionStatus::kWaiting)
      continue;
    auto s = store_.GetSubmission(txn, r.id);
    if (!s)
      continue;
    s->status = SubmissionStatus::kRegistered;
    s->updated_at = clock_.NowUnix();
    store_.PutSubmission(txn, *s);
    ++taken;
  }
}

Result<Submission> Service::Submit(const Viewer &viewer, uint64_t page_id,
                                   std::string_view body) {
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn &txn) -> Result<Submission> {
    auto p = store_.GetPage(txn, page_id);
    if (!p || !p->form || !CanSee(txn, viewer, *p))
      return NotFound();
    if (p->form->closes_at != 0 && now >= p->form->closes_at)
      return MakeError("form_closed");
    for (uint64_t sid : store_.SubmissionIdsOfUser(txn, viewer.user_id)) {
      auto old = store_.GetSubmission(txn, sid);
      if (old && old->page_id == page_id && IsActive(old->status))
        return MakeError("already_submitted");
    }
    auto answers = DecodeSubmission(*p->form, body);
    if (!answers.ok())
      return answers.error();
    uint64_t taken = 0;
    bool queue = false;
    for (const SubmissionRef &r : store_.RefsOf(txn, page_id)) {
      if (TakesPlace(r.status))
        ++taken;
      if (r.status == SubmissionStatus::kWaiting)
        queue = true;
    }
    const uint64_t capacity = p->form->capacity;
    Submission s;
    s.id = store_.NextSubmissionId(txn);
    s.page_id = page_id;
    s.user_id = viewer.user_id;
    s.status = capacity == 0 || (taken < capacity && !queue)
                   ? SubmissionStatus::kRegistered
                   : SubmissionStatus::kWaiting;
    s.answers = std::move(*answers);
    s.created_at = now;
    s.updated_at = now;
    store_.PutSubmission(txn, s);
    return Decorate(txn, std::move(s), true, false);
  });
}

Page<Submission> Service::MySubmissions(const Viewer &viewer, uint64_t offset,
                                        uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn &txn) {
    Page<uint64_t> ids = Slice(
        store_.SubmissionIdsOfUser(txn, viewer.user_id), offset, Limit(limit));
    Page<Submission> page{ids.total, ids.offset, ids.limit, {}};
    for (uint64_t id : ids.items) {
      if (auto s = store_.GetSubmission(txn, id))
        page.items.push_back(Decorate(txn, std::move(*s), true, false));
    }
    return page;
  });
}

Result<Submission> Service::Cancel(const Viewer &viewer,
                                   uint64_t submission_id) {
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn &txn) -> Result<Submission> {
    auto s = store_.GetSubmission(txn, submission_id);
    if (!s || s->user_id != viewer.user_id)
      return NotFound();
    if (s->status != SubmissionStatus::kRegistered &&
        s->status != SubmissionStatus::kWaiting &&
        s->status != SubmissionStatus::kAccepted) {
      return MakeError("submission_not_cancellable");
    }
    s->status = SubmissionStatus::kCancelled;
    s->updated_at = now;
    store_.PutSubmission(txn, *s);
    if (auto p = store_.GetPage(txn, s->page_id))
      Promote(txn, *p);
    return Decorate(txn, std::move(*s), true, false);
  });
}

Result<Page<Submission>>
Service::AdminSubmissions(const Viewer &viewer, uint64_t page_id,
                          const SubmissionFilter &filter, uint64_t offset,
                          uint64_t limit) const {
  return env_.View(
      [&](const storage::ReadTxn &txn) -> Result<Page<Submission>> {
        auto p = store_.GetPage(txn, page_id);
        if (!p)
          return NotFound();
        std::vector<uint64_t> ids;
        bool assigned = !filter.mine;
        if (filter.mine && p->form) {
          const Assignee &a = p->form->assignee;
          const std::vector<uint64_t> depts =
              roles_.DepartmentsOf(txn, viewer.user_id);
          assigned =
              (a.user_id != 0 && a.user_id == viewer.user_id) ||
              (a.department_id != 0 &&
               std::binary_search(depts.begin(), depts.end(), a.department_id));
        }
        if (assigned) {
          for (const SubmissionRef &r : store_.RefsOf(txn, page_id)) {
            if (!filter.status || r.status == *filter.status)
              ids.push_back(r.id);
          }
        }
        Page<uint64_t> slice =
            Slice(std::move(ids), offset, Limit(limit));
        Page<Submission> page{slice.total, slice.offset, slice.limit, {}};
        for (uint64_t id : slice.items) {
          if (auto s = store_.GetSubmission(txn, id))
            page.items.push_back(Decorate(txn, std::move(*s), true, true));
        }
        return page;
      });
}

Result<Submission> Service::SetStatus(const Actor &actor,
                                      uint64_t submission_id,
                                      std::optional<SubmissionStatus> status,
                                      std::optional<std::string> note) {
  if (!status && !note)
    return MakeError("field_required", "status");
  if (status && *status != SubmissionStatus::kAccepted &&
      *status != SubmissionStatus::kRejected &&
      *status != SubmissionStatus::kDone) {
    return MakeError("field_invalid", "status", "accepted, rejected or done");
  }
  if (note)
    OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(*note, "note", kMaxNoteLen, false));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn &txn) -> Result<Submission> {
    auto s = store_.GetSubmission(txn, submission_id);
    if (!s)
      return NotFound();
    if (s->status == SubmissionStatus::kCancelled)
      return MakeError("submission_cancelled");
    if (status)
      s->status = *status;
    if (note)
      s->staff_note = *note;
    s->handled_by = actor.user_id;
    s->updated_at = now;
    store_.PutSubmission(txn, *s);
    if (auto p = store_.GetPage(txn, s->page_id))
      Promote(txn, *p);
    audit_.Append(txn, audit::MakeEntry(actor, "information.submission_status",
                                        "information_submission", s->id,
                                        std::string(StatusName(s->status)) +
                                            ": " + s->staff_note));
    return Decorate(txn, std::move(*s), true, true);
  });
}

Result<std::string> Service::ExportCsv(uint64_t page_id) const {
  return env_.View([&](const storage::ReadTxn &txn) -> Result<std::string> {
    auto p = store_.GetPage(txn, page_id);
    if (!p)
      return NotFound();
    std::vector<Submission> subs;
    uint64_t waiting = 0; // positions counted in one pass (Decorate would
                          // rescan the list per row)
    for (const SubmissionRef &r : store_.RefsOf(txn, page_id)) {
      auto s = store_.GetSubmission(txn, r.id);
      if (!s)
        continue;
      s->waiting_position =
          s->status == SubmissionStatus::kWaiting ? ++waiting : 0;
      subs.push_back(
          Decorate(txn, std::move(*s), false, true, /*with_position=*/false));
    }
    // Columns: the current form's fields, then keys answered under an older
    // version of the form.
    std::vector<std::pair<std::string, std::string>> columns; // key, label
    if (p->form) {
      for (const FormField &f : p->form->fields)
        columns.emplace_back(f.key, f.label);
    }
    for (const Submission &s : subs) {
      for (const Answer &a : s.answers) {
        auto same = [&](const auto &c) { return c.first == a.key; };
        if (std::none_of(columns.begin(), columns.end(), same))
          columns.emplace_back(a.key, a.label);
      }
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {
        "id", "created_at", "status", "waiting_position", "name", "email"};
    for (const auto &c : columns)
      header.push_back(c.second);
    header.push_back("staff_note");
    rows.push_back(std::move(header));
    for (const Submission &s : subs) {
      std::vector<std::string> row = {
          std::to_string(s.id),
          FormatIsoUtc(s.created_at),
          StatusName(s.status),
          s.waiting_position ? std::to_string(s.waiting_position) : "",
          s.user_name,
          s.user_email};
      std::map<std::string, const Answer *> by_key;
      for (const Answer &a : s.answers)
        by_key[a.key] = &a;
      for (const auto &c : columns) {
        auto it = by_key.find(c.first);
        row.push_back(it == by_key.end() ? "" : Joined(it->second->values));
      }
      row.push_back(s.staff_note);
      rows.push_back(std::move(row));
    }
    return csv::Document(rows);
  });
}

} // namespace osiedle::information
