#include "daemon/modules/news/service.hpp"

#include <algorithm>

#include "daemon/core/markdown.hpp"
#include "daemon/core/page.hpp"
#include "daemon/core/targeting.hpp"
#include "daemon/core/utf8.hpp"

namespace osiedle::news {
namespace {

Error NotFound() { return MakeError("not_found"); }

using targeting::Targets;

uint64_t Limit(uint64_t limit) { return PageLimit(limit, Service::kDefaultPage, Service::kMaxPage); }

bool InWindow(int64_t publish_at, int64_t expire_at, int64_t now) {
  return publish_at <= now && (expire_at == 0 || now < expire_at);
}

bool ValidImageId(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

Status CheckTime(int64_t t, const char* field) {
  if (t < 0 || t > Service::kMaxTime) return MakeError("field_invalid", field, "unix seconds 0..9999-12-31");
  return {};
}

// "Jan K." — residents see each other's first name and initial only.
std::string ShortName(const identity::User& u) {
  std::string name = u.first_name;
  if (!u.last_name.empty()) {
    size_t n = 1;
    auto lead = static_cast<unsigned char>(u.last_name[0]);
    if (lead >= 0xF0)
      n = 4;
    else if (lead >= 0xE0)
      n = 3;
    else if (lead >= 0xC0)
      n = 2;
    name += (name.empty() ? "" : " ") + u.last_name.substr(0, n) + ".";
  }
  return name;
}

}  // namespace

Service::Service(storage::Env& env, const Clock& clock, groups::Service& groups, audit::Service& audit)
    : env_(env), clock_(clock), groups_(groups), audit_(audit), store_(env) {}

ItemState Service::StateOf(int64_t publish_at, int64_t expire_at, int64_t now) const {
  if (now < publish_at) return ItemState::kScheduled;
  if (expire_at != 0 && now >= expire_at) return ItemState::kExpired;
  return ItemState::kPublished;
}

Result<std::string> Service::CheckInput(ItemInput& in) {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.title, "title", kMaxTitleLen, true));
  if (utf8::HasControl(in.title, /*allow_line_breaks=*/false)) return MakeError("field_invalid", "title");
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.lead, "lead", kMaxLeadLen, false));
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.body_md, "body", kMaxBodyLen, false));
  if (in.image_id.size() > kMaxImageIdLen) return MakeError("field_too_long", "image_id");
  if (!ValidImageId(in.image_id)) return MakeError("field_invalid", "image_id");
  OSIEDLE_RETURN_IF_ERROR(CheckTime(in.publish_at, "publish_at"));
  OSIEDLE_RETURN_IF_ERROR(CheckTime(in.expire_at, "expire_at"));
  std::sort(in.groups.begin(), in.groups.end());
  in.groups.erase(std::unique(in.groups.begin(), in.groups.end()), in.groups.end());
  if (in.groups.size() > kMaxGroups) return MakeError("field_too_long", "groups");
  return RenderMarkdown(in.body_md);
}

Result<Item> Service::Save(const Actor& actor, uint64_t id, ItemInput in) {
  auto html = CheckInput(in);  // rendered outside the write transaction
  if (!html.ok()) return html.error();
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Item> {
    for (uint64_t g : in.groups) {
      if (!groups_.Get(txn, g).ok()) return MakeError("group_not_found", "groups", std::to_string(g));
    }
    std::optional<Item> old;
    if (id != 0) {
      old = store_.GetItem(txn, id);
      if (!old) return NotFound();
    }
    Item item;
    item.id = id != 0 ? id : store_.NextItemId(txn);
    item.title = in.title;
    item.lead = in.lead;
    item.body_md = in.body_md;
    item.body_html = *html;
    item.image_id = in.image_id;
    item.pinned = in.pinned;
    item.publish_at = in.publish_at != 0 ? in.publish_at : old ? old->publish_at : now;
    item.expire_at = in.expire_at;
    item.groups = in.groups;
    item.comments_enabled = in.comments_enabled;
    item.author_id = old ? old->author_id : actor.user_id;
    item.created_at = old ? old->created_at : now;
    item.updated_at = now;
    if (item.expire_at != 0 && item.expire_at <= item.publish_at) {
      return MakeError("field_invalid", "expire_at", "must be after publish_at");
    }
    store_.PutItem(txn, item, old ? &*old : nullptr);
    audit_.Append(txn, audit::MakeEntry(actor, old ? "news.update" : "news.create", "news_item", item.id, item.title));
    return item;
  });
}

Result<Item> Service::Create(const Actor& actor, ItemInput input) { return Save(actor, 0, std::move(input)); }

Result<Item> Service::Update(const Actor& actor, uint64_t id, ItemInput input) {
  if (id == 0) return NotFound();
  return Save(actor, id, std::move(input));
}

Status Service::Delete(const Actor& actor, uint64_t id) {
  return env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto item = store_.GetItem(txn, id);
    if (!item) return NotFound();
    store_.DeleteItem(txn, *item);
    audit_.Append(txn, audit::MakeEntry(actor, "news.delete", "news_item", id, item->title));
    return {};
  });
}

ItemView Service::ViewOf(const storage::ReadTxn& txn, Item item, uint64_t reader) const {
  ItemView v;
  v.stats = store_.GetStats(txn, item.id);
  v.state = StateOf(item.publish_at, item.expire_at, clock_.NowUnix());
  v.read = reader != 0 && store_.IsRead(txn, item.id, reader);
  v.item = std::move(item);
  return v;
}

Page<ItemView> Service::AdminList(uint64_t offset, uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn& txn) {
    Page<ItemView> page;
    page.total = store_.CountItems(txn);
    page.offset = offset;
    page.limit = Limit(limit);
    uint64_t index = 0;
    store_.ForEachItemNewestFirst(txn, [&](const Item& item) {
      if (index++ < offset) return true;
      page.items.push_back(ViewOf(txn, item, 0));
      return page.items.size() < page.limit;
    });
    return page;
  });
}

Result<ItemView> Service::AdminGet(uint64_t id) const {
  return env_.View([&](const storage::ReadTxn& txn) -> Result<ItemView> {
    auto item = store_.GetItem(txn, id);
    if (!item) return NotFound();
    return ViewOf(txn, std::move(*item), 0);
  });
}

bool Service::CanSee(const storage::ReadTxn& txn, const Viewer& viewer, const Item& item) const {
  if (viewer.staff) return true;
  if (!InWindow(item.publish_at, item.expire_at, clock_.NowUnix())) return false;
  return item.groups.empty() || Targets(item.groups, groups_.GroupsOf(txn, viewer.user_id));
}

Result<Item> Service::Visible(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t id) const {
  auto item = store_.GetItem(txn, id);
  if (!item || !CanSee(txn, viewer, *item)) return NotFound();
  return std::move(*item);
}

Page<ItemView> Service::Scan(const storage::ReadTxn& txn, const Viewer& viewer, const std::vector<uint64_t>& mine,
                             uint64_t offset, uint64_t limit, bool count_all, int64_t now) const {
  Page<ItemView> page;
  page.offset = offset;
  page.limit = Limit(limit);
  store_.ForEachFeedEntry(txn, [&](const FeedEntry& e) {
    if (!InWindow(e.publish_at, e.expire_at, now)) return true;
    if (!viewer.staff && !Targets(e.groups, mine)) return true;
    if (page.total++ < offset) return true;
    if (page.items.size() >= page.limit) return count_all;  // one past the page says "more" when not counting
    if (auto item = store_.GetItem(txn, e.id)) page.items.push_back(ViewOf(txn, std::move(*item), viewer.user_id));
    return true;
  });
  return page;
}

Page<ItemView> Service::Feed(const Viewer& viewer, uint64_t offset, uint64_t limit, bool count_all) const {
  const int64_t now = clock_.NowUnix();
  return env_.View([&](const storage::ReadTxn& txn) {
    const std::vector<uint64_t> mine = viewer.staff ? std::vector<uint64_t>{} : groups_.GroupsOf(txn, viewer.user_id);
    return Scan(txn, viewer, mine, offset, limit, count_all, now);
  });
}

size_t Service::HeadKeyHash::operator()(const HeadKey& k) const {
  size_t h = std::hash<uint64_t>{}(k.limit * 2 + (k.staff ? 1 : 0)) ^
             std::hash<const void*>{}(reinterpret_cast<const void*>(k.render));
  for (uint64_t g : k.groups) h = storage::PairHash{}(std::pair{h, g});
  return h;
}

std::shared_ptr<const Service::Head> Service::HeadOf(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t limit,
                                                    ItemRenderer render, int64_t now) const {
  HeadKey key{viewer.staff, Limit(limit),
              viewer.staff ? std::vector<uint64_t>{} : groups_.GroupsOf(txn, viewer.user_id), render};
  return heads_.Get(txn, now, key, [&] {
    Head head;
    head.page = Scan(txn, Viewer{0, viewer.staff}, key.groups, 0, limit, /*count_all=*/false, now);
    for (ItemView& v : head.page.items) {
      v.item.body_md.clear();
      v.item.body_html.clear();
      if (render != nullptr) head.texts.push_back(render(v));
    }
    return head;
  });
}

Page<ItemView> Service::FeedHead(const Viewer& viewer, uint64_t limit) const {
  const int64_t now = clock_.NowUnix();
  return env_.View([&](const storage::ReadTxn& txn) {
    Page<ItemView> page = HeadOf(txn, viewer, limit, nullptr, now)->page;
    for (ItemView& v : page.items) v.read = viewer.user_id != 0 && store_.IsRead(txn, v.item.id, viewer.user_id);
    return page;
  });
}

Service::HeadTexts Service::FeedHeadTexts(const Viewer& viewer, uint64_t limit, ItemRenderer render) const {
  const int64_t now = clock_.NowUnix();
  return env_.View([&](const storage::ReadTxn& txn) {
    auto head = HeadOf(txn, viewer, limit, render, now);
    HeadTexts out;
    out.has_more = head->page.total > head->page.items.size();
    for (const ItemView& v : head->page.items) {
      out.read.push_back(viewer.user_id != 0 && store_.IsRead(txn, v.item.id, viewer.user_id));
    }
    out.texts = std::shared_ptr<const std::vector<std::string>>(head, &head->texts);  // shares the memo entry
    return out;
  });
}

Result<ItemView> Service::Get(const Viewer& viewer, uint64_t id) const {
  return env_.View([&](const storage::ReadTxn& txn) -> Result<ItemView> {
    auto item = Visible(txn, viewer, id);
    if (!item.ok()) return item.error();
    return ViewOf(txn, std::move(*item), viewer.user_id);
  });
}

Status Service::MarkRead(const Viewer& viewer, uint64_t id) {
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto item = Visible(txn, viewer, id);
    if (!item.ok()) return item.error();
    if (store_.MarkRead(txn, id, viewer.user_id, now)) {
      ItemStats s = store_.GetStats(txn, id);
      ++s.reads;
      store_.PutStats(txn, id, s);
    }
    return {};
  });
}

Comment Service::WithAuthor(const storage::ReadTxn& txn, Comment c) const {
  auto u = groups_.directory().GetUser(txn, c.author_id);
  if (u && u->status != identity::UserStatus::kDeleted) c.author_name = ShortName(*u);
  return c;
}

Result<Page<Comment>> Service::Comments(const Viewer& viewer, uint64_t item_id, uint64_t offset, uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn& txn) -> Result<Page<Comment>> {
    auto item = Visible(txn, viewer, item_id);
    if (!item.ok()) return item.error();
    if (!item->comments_enabled) return MakeError("comments_disabled");
    std::vector<Comment> shown;
    for (uint64_t cid : store_.CommentIdsOf(txn, item_id)) {
      auto c = store_.GetComment(txn, cid);
      if (c && !c->hidden) shown.push_back(std::move(*c));
    }
    Page<Comment> page = Slice(std::move(shown), offset, Limit(limit));
    for (Comment& c : page.items) c = WithAuthor(txn, std::move(c));
    return page;
  });
}

Result<Comment> Service::AddComment(const Viewer& viewer, uint64_t item_id, std::string body) {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(body, "body", kMaxCommentLen, true));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Comment> {
    auto item = Visible(txn, viewer, item_id);
    if (!item.ok()) return item.error();
    if (!item->comments_enabled) return MakeError("comments_disabled");
    Comment c;
    c.id = store_.NextCommentId(txn);
    c.item_id = item_id;
    c.author_id = viewer.user_id;
    c.body = body;
    c.created_at = now;
    store_.PutComment(txn, c);
    ItemStats s = store_.GetStats(txn, item_id);
    ++s.comments;
    store_.PutStats(txn, item_id, s);
    return WithAuthor(txn, std::move(c));
  });
}

Status Service::ReportComment(const Viewer& viewer, uint64_t comment_id) {
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto c = store_.GetComment(txn, comment_id);
    if (!c || c->hidden) return NotFound();
    auto item = Visible(txn, viewer, c->item_id);
    if (!item.ok()) return item.error();
    if (!item->comments_enabled) return MakeError("comments_disabled");
    if (!store_.AddReport(txn, comment_id, viewer.user_id, now)) return MakeError("comment_already_reported");
    ++c->reports;
    store_.PutComment(txn, *c);
    return {};
  });
}

Result<Page<Comment>> Service::AdminComments(uint64_t item_id, bool only_reported, uint64_t offset,
                                             uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn& txn) -> Result<Page<Comment>> {
    if (!store_.GetItem(txn, item_id)) return NotFound();
    std::vector<Comment> all;
    for (uint64_t cid : store_.CommentIdsOf(txn, item_id)) {
      auto c = store_.GetComment(txn, cid);
      if (c && (!only_reported || c->reports > 0)) all.push_back(std::move(*c));
    }
    Page<Comment> page = Slice(std::move(all), offset, Limit(limit));
    for (Comment& c : page.items) c = WithAuthor(txn, std::move(c));
    return page;
  });
}

Page<QueuedComment> Service::CommentQueue(bool only_reported, uint64_t offset, uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn& txn) {
    std::vector<QueuedComment> all;
    store_.ForEachCommentNewestFirst(txn, [&](const Comment& c) {
      if (!only_reported || c.reports > 0) all.push_back(QueuedComment{c, {}, 0});
      return true;
    });
    if (only_reported) {
      for (QueuedComment& q : all) q.last_reported_at = store_.LastReportAt(txn, q.comment.id);
      std::stable_sort(all.begin(), all.end(), [](const QueuedComment& a, const QueuedComment& b) {
        return a.last_reported_at > b.last_reported_at;
      });
    }
    Page<QueuedComment> page = Slice(std::move(all), offset, Limit(limit));
    for (QueuedComment& q : page.items) {
      q.comment = WithAuthor(txn, std::move(q.comment));
      auto item = store_.GetItem(txn, q.comment.item_id);
      if (item) q.item_title = item->title;
    }
    return page;
  });
}

Result<Comment> Service::SetHidden(const Actor& actor, uint64_t comment_id, bool hidden, std::string reason) {
  if (hidden) OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(reason, "reason", kMaxReasonLen, true));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Comment> {
    auto c = store_.GetComment(txn, comment_id);
    if (!c) return NotFound();
    if (c->hidden != hidden) {
      ItemStats s = store_.GetStats(txn, c->item_id);
      s.comments = hidden ? (s.comments > 0 ? s.comments - 1 : 0) : s.comments + 1;
      store_.PutStats(txn, c->item_id, s);
    }
    c->hidden = hidden;
    c->hidden_reason = hidden ? reason : "";
    c->hidden_by = hidden ? actor.user_id : 0;
    c->hidden_at = hidden ? now : 0;
    store_.PutComment(txn, *c);
    audit_.Append(txn, audit::MakeEntry(actor, hidden ? "news.comment_hide" : "news.comment_unhide", "news_comment",
                                        comment_id, hidden ? reason : std::string()));
    return WithAuthor(txn, std::move(*c));
  });
}

Result<Comment> Service::HideComment(const Actor& actor, uint64_t comment_id, std::string reason) {
  return SetHidden(actor, comment_id, true, std::move(reason));
}

Result<Comment> Service::UnhideComment(const Actor& actor, uint64_t comment_id) {
  return SetHidden(actor, comment_id, false, {});
}

}  // namespace osiedle::news
