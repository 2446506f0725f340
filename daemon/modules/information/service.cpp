#include "daemon/modules/information/service.hpp"

#include <algorithm>

#include "daemon/core/markdown.hpp"
#include "daemon/core/page.hpp"
#include "daemon/core/targeting.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/information/submission.hpp"

namespace osiedle::information {
namespace {

using targeting::Intersects;

Error NotFound() { return MakeError("not_found"); }

uint64_t Limit(uint64_t limit) {
  return PageLimit(limit, Service::kDefaultPage, Service::kMaxPage);
}

Status CheckTitle(std::string &title, size_t max_len) {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(title, "title", max_len, true));
  if (utf8::HasControl(title, /*allow_line_breaks=*/false))
    return MakeError("field_invalid", "title");
  return {};
}

Status CheckPosition(int64_t p) {
  if (p < -Service::kMaxPosition || p > Service::kMaxPosition) {
    return MakeError("field_invalid", "position", "-1000000..1000000");
  }
  return {};
}

// Checks the page's own fields and form, sorts the groups; returns the rendered
// body.
Result<std::string> CheckPageInput(PageInput &in) {
  OSIEDLE_RETURN_IF_ERROR(CheckTitle(in.title, Service::kMaxTitleLen));
  OSIEDLE_RETURN_IF_ERROR(
      utf8::CheckText(in.body_md, "body", Service::kMaxBodyLen, false));
  OSIEDLE_RETURN_IF_ERROR(CheckPosition(in.position));
  std::sort(in.groups.begin(), in.groups.end());
  in.groups.erase(std::unique(in.groups.begin(), in.groups.end()),
                  in.groups.end());
  if (in.groups.size() > Service::kMaxGroups)
    return MakeError("field_too_long", "groups");
  if (in.form)
    OSIEDLE_RETURN_IF_ERROR(CheckForm(*in.form));
  return RenderMarkdown(in.body_md);
}

void SortPages(std::vector<InfoPage> &pages) {
  std::sort(
      pages.begin(), pages.end(), [](const InfoPage &a, const InfoPage &b) {
        return a.position != b.position ? a.position < b.position : a.id < b.id;
      });
}

} // namespace

Service::Service(storage::Env &env, const Clock &clock, groups::Service &groups,
                 roles::Service &roles, audit::Service &audit)
    : env_(env), clock_(clock), groups_(groups), roles_(roles), audit_(audit),
      store_(env) {}

// --- sections ---

Result<Section> Service::SaveSection(const Actor &actor, uint64_t id,
                                     SectionInput in) {
  OSIEDLE_RETURN_IF_ERROR(CheckTitle(in.title, kMaxSectionTitleLen));
  OSIEDLE_RETURN_IF_ERROR(CheckPosition(in.position));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn &txn) -> Result<Section> {
    std::optional<Section> old;
    if (id != 0) {
      old = store_.GetSection(txn, id);
      if (!old)
        return NotFound();
    } else if (store_.CountSections(txn) >= kMaxSections) {
      return MakeError("limit_reached", "sections",
                       std::to_string(kMaxSections));
    }
    Section s;
    s.id = old ? old->id : store_.NextSectionId(txn);
    s.title = in.title;
    s.position = in.position;
    s.created_at = old ? old->created_at : now;
    s.updated_at = now;
    store_.PutSection(txn, s);
    audit_.Append(txn, audit::MakeEntry(actor,
                                        old ? "information.section_update"
                                            : "information.section_create",
                                        "information_section", s.id, s.title));
    s.page_count = store_.PageIdsOf(txn, s.id).size();
    return s;
  });
}

Result<Section> Service::CreateSection(const Actor &actor, SectionInput input) {
  return SaveSection(actor, 0, std::move(input));
}

Result<Section> Service::UpdateSection(const Actor &actor, uint64_t id,
                                       SectionInput input) {
  if (id == 0)
    return NotFound();
  return SaveSection(actor, id, std::move(input));
}

Status Service::DeleteSection(const Actor &actor, uint64_t id) {
  return env_.Update([&](storage::WriteTxn &txn) -> Status {
    auto s = store_.GetSection(txn, id);
    if (!s)
      return NotFound();
    if (!store_.PageIdsOf(txn, id).empty())
      return MakeError("section_not_empty");
    store_.DeleteSection(txn, id);
    audit_.Append(txn, audit::MakeEntry(actor, "information.section_delete",
                                        "information_section", id, s->title));
    return {};
  });
}

Page<Section> Service::AdminSections(uint64_t offset, uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn &txn) {
    Page<Section> page =
        Slice(store_.Sections(txn), offset, Limit(limit));
    for (Section &s : page.items)
      s.page_count = store_.PageIdsOf(txn, s.id).size();
    return page;
  });
}

// --- pages ---

Status Service::CheckAssignee(const storage::ReadTxn &txn,
                              const Assignee &a) const {
  if (a.user_id != 0) {
    auto u = groups_.directory().GetUser(txn, a.user_id);
    if (!u || u->status == identity::UserStatus::kDeleted) {
      return MakeError("user_not_found", "form.assignee.user_id",
                       std::to_string(a.user_id));
    }
    if (roles_.PermissionsOf(txn, a.user_id).count("information:manage") == 0) {
      return MakeError("assignee_invalid", "form.assignee.user_id",
                       "needs information:manage");
    }
  }
  if (a.department_id != 0 &&
      !roles_.GetDepartment(txn, a.department_id).ok()) {
    return MakeError("department_not_found", "form.assignee.department_id",
                     std::to_string(a.department_id));
  }
  return {};
}

Result<InfoPage> Service::SavePage(const Actor &actor, uint64_t id,
                                   PageInput in) {
  auto html = CheckPageInput(in); // rendered outside the write transaction
  if (!html.ok())
    return html.error();
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn &txn) -> Result<InfoPage> {
    std::optional<InfoPage> old;
    if (id != 0) {
      old = store_.GetPage(txn, id);
      if (!old)
        return NotFound();
    }
    if (!store_.GetSection(txn, in.section_id))
      return MakeError("not_found", "section_id");
    if ((!old || old->section_id != in.section_id) &&
        store_.PageIdsOf(txn, in.section_id).size() >= kMaxPagesPerSection) {
      return MakeError("limit_reached", "section_id",
                       std::to_string(kMaxPagesPerSection));
    }
    for (uint64_t g : in.groups) {
      if (!groups_.Get(txn, g).ok())
        return MakeError("group_not_found", "groups", std::to_string(g));
    }
    if (in.form)
      OSIEDLE_RETURN_IF_ERROR(CheckAssignee(txn, in.form->assignee));
    InfoPage p;
    p.id = old ? old->id : store_.NextPageId(txn);
    p.section_id = in.section_id;
    p.title = std::move(in.title);
    p.body_md = std::move(in.body_md);
    p.body_html = *html;
    p.groups = std::move(in.groups);
    p.position = in.position;
    p.published = in.published;
    p.form = std::move(in.form);
    p.author_id = old ? old->author_id : actor.user_id;
    p.created_at = old ? old->created_at : now;
    p.updated_at = now;
    store_.PutPage(txn, p, old ? &*old : nullptr);
    Promote(txn, p); // a larger (or unlimited) capacity frees places
    audit_.Append(txn, audit::MakeEntry(actor,
                                        old ? "information.page_update"
                                            : "information.page_create",
                                        "information_page", p.id, p.title));
    return p;
  });
}

Result<InfoPage> Service::CreatePage(const Actor &actor, PageInput input) {
  return SavePage(actor, 0, std::move(input));
}

Result<InfoPage> Service::UpdatePage(const Actor &actor, uint64_t id,
                                     PageInput input) {
  if (id == 0)
    return NotFound();
  return SavePage(actor, id, std::move(input));
}

Status Service::DeletePage(const Actor &actor, uint64_t id) {
  return env_.Update([&](storage::WriteTxn &txn) -> Status {
    auto p = store_.GetPage(txn, id);
    if (!p)
      return NotFound();
    const size_t submissions = store_.RefsOf(txn, id).size();
    store_.DeletePage(txn, *p);
    audit_.Append(txn, audit::MakeEntry(actor, "information.page_delete",
                                        "information_page", id,
                                        p->title + " (" +
                                            std::to_string(submissions) +
                                            " submissions)"));
    return {};
  });
}

Page<InfoPage> Service::AdminPages(uint64_t offset, uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn &txn) {
    Page<InfoPage> page;
    page.total = store_.CountPages(txn);
    page.offset = offset;
    page.limit = Limit(limit);
    uint64_t index = 0;
    store_.ForEachPageNewestFirst(txn, [&](const InfoPage &p) {
      if (index++ < offset)
        return true;
      page.items.push_back(p);
      return page.items.size() < page.limit;
    });
    return page;
  });
}

FormView Service::FormViewOf(const storage::ReadTxn &txn,
                             const InfoPage &page) const {
  FormView v;
  v.form = *page.form;
  for (const SubmissionRef &r : store_.RefsOf(txn, page.id)) {
    if (TakesPlace(r.status))
      ++v.taken;
    if (r.status == SubmissionStatus::kWaiting)
      ++v.waiting;
  }
  v.open = v.form.closes_at == 0 || clock_.NowUnix() < v.form.closes_at;
  return v;
}

Result<PageView> Service::AdminPage(uint64_t id) const {
  return env_.View([&](const storage::ReadTxn &txn) -> Result<PageView> {
    auto p = store_.GetPage(txn, id);
    if (!p)
      return NotFound();
    PageView v;
    if (p->form)
      v.form = FormViewOf(txn, *p);
    v.page = std::move(*p);
    return v;
  });
}

// --- readers ---

bool Service::CanSee(const storage::ReadTxn &txn, const Viewer &viewer,
                     const InfoPage &page) const {
  if (viewer.staff)
    return true;
  if (!page.published)
    return false;
  return page.groups.empty() ||
         Intersects(page.groups, groups_.GroupsOf(txn, viewer.user_id));
}

std::vector<SectionTree> Service::Sections(const Viewer &viewer) const {
  return env_.View([&](const storage::ReadTxn &txn) {
    const std::vector<uint64_t> mine =
        viewer.staff ? std::vector<uint64_t>{}
                     : groups_.GroupsOf(txn, viewer.user_id);
    std::vector<SectionTree> out;
    for (Section &s : store_.Sections(txn)) {
      std::vector<InfoPage> pages;
      for (uint64_t pid : store_.PageIdsOf(txn, s.id)) {
        auto p = store_.GetPage(txn, pid);
        if (!p)
          continue;
        if (!viewer.staff && (!p->published || (!p->groups.empty() &&
                                                !Intersects(p->groups, mine))))
          continue;
        pages.push_back(std::move(*p));
      }
      if (pages.empty() && !viewer.staff)
        continue;
      SortPages(pages);
      SectionTree tree;
      tree.section = std::move(s);
      for (const InfoPage &p : pages)
        tree.pages.push_back(PageLink{p.id, p.title, p.form.has_value()});
      tree.section.page_count = tree.pages.size();
      out.push_back(std::move(tree));
    }
    return out;
  });
}

Result<PageView> Service::GetPage(const Viewer &viewer, uint64_t id) const {
  return env_.View([&](const storage::ReadTxn &txn) -> Result<PageView> {
    auto p = store_.GetPage(txn, id);
    if (!p || !CanSee(txn, viewer, *p))
      return NotFound();
    PageView v;
    if (p->form)
      v.form = FormViewOf(txn, *p);
    for (uint64_t sid : store_.SubmissionIdsOfUser(txn, viewer.user_id)) {
      auto s = store_.GetSubmission(txn, sid);
      if (s && s->page_id == id)
        v.my_submissions.push_back(Decorate(txn, std::move(*s), false, false));
    }
    v.page = std::move(*p);
    return v;
  });
}

} // namespace osiedle::information
