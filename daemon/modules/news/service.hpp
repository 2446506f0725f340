#pragma once
// News (Aktualności): staff publish items (Markdown body rendered to safe HTML when saved), pin them, schedule
// publication and expiry and target them at groups; residents read the items that target them (by list and by id —
// anything else is "not_found"), mark them read and comment when comments are enabled; staff moderate comments. Every
// staff change is audited in its own write transaction. Functions open their own transactions: never call them inside
// View/Update. Thread-safety: every function is safe from many threads (state lives in LMDB).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/groups/service.hpp"
#include "daemon/modules/news/model.hpp"
#include "daemon/modules/news/store.hpp"
#include "storage/env.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::news {

class Service {
 public:
  // Opens the tables. REQUIRES: called at start-up; every argument outlives the service.
  Service(storage::Env& env, const Clock& clock, groups::Service& groups, audit::Service& audit);

  // --- staff (news:publish) ---
  // Validates, renders the body and stores a new item (audit "news.create"). Errors: "field_required",
  // "field_too_long", "field_invalid", "utf8_invalid" (title, lead, body, image_id, publish_at, expire_at — expire_at
  // must be after publish_at), "group_not_found" (field groups), "field_too_long" (groups: more than kMaxGroups),
  // "markdown_unsafe".
  Result<Item> Create(const Actor& actor, ItemInput input);
  // Replaces item `id` (publish_at 0 keeps the current one). Audit "news.update". Errors as Create, "not_found".
  Result<Item> Update(const Actor& actor, uint64_t id, ItemInput input);
  // Deletes the item with its read marks and comments. Audit "news.delete". Errors: "not_found".
  Status Delete(const Actor& actor, uint64_t id);
  // Every item, newest created first, with state and counters (read = false).
  Page<ItemView> AdminList(uint64_t offset, uint64_t limit) const;
  // Errors: "not_found".
  Result<ItemView> AdminGet(uint64_t id) const;

  // --- staff (news:moderate) ---
  // Comments of an item oldest first, hidden ones included; `only_reported` keeps those with reports. Errors:
  // "not_found".
  Result<Page<Comment>> AdminComments(uint64_t item_id, bool only_reported, uint64_t offset, uint64_t limit) const;
  // Comments across every item for the moderation queue, hidden ones included. With `only_reported` only those with
  // reports, the most recently reported first; otherwise every comment, newest first. Ties: newest comment first.
  Page<QueuedComment> CommentQueue(bool only_reported, uint64_t offset, uint64_t limit) const;
  // Hides a comment from residents with a reason (1..500; hiding again replaces the reason). Audit "news.comment_hide".
  // Errors: "not_found", "field_required" / "field_too_long" (reason).
  Result<Comment> HideComment(const Actor& actor, uint64_t comment_id, std::string reason);
  // Shows a hidden comment again (no-op if visible). Audit "news.comment_unhide". Errors: "not_found".
  Result<Comment> UnhideComment(const Actor& actor, uint64_t comment_id);

  // --- readers ---
  // Items visible to `viewer` now: published (publish_at <= now), not expired (now < expire_at or no expiry) and — for
  // residents — targeting one of the viewer's groups or everyone. Pinned first, then newest publish_at first. `read`
  // says whether the viewer marked the item read.
  // With `count_all` false the scan stops one item past the page, so `total` only tells whether more items exist
  // (total > offset + items) — the home page's cheap first page: the full count visits every item in the feed.
  Page<ItemView> Feed(const Viewer& viewer, uint64_t offset, uint64_t limit, bool count_all = true) const;
  // Feed(viewer, 0, limit, false) for summaries: the items come without body_md and body_html. The page is
  // memoised per (the viewer's groups, staff, limit) under (snapshot id, second) — exact, and shared by every
  // reader with the same groups; `read` is looked up per viewer.
  Page<ItemView> FeedHead(const Viewer& viewer, uint64_t limit) const;
  // FeedHead's items as texts made by `render` (from the item alone, never from `read`), memoised with the page,
  // so each summary is rendered once per group set and (snapshot, second); `read` per item for the viewer.
  using ItemRenderer = std::string (*)(const ItemView&);
  struct HeadTexts {
    std::shared_ptr<const std::vector<std::string>> texts;  // one per item, in page order
    std::vector<bool> read;
    bool has_more = false;
  };
  HeadTexts FeedHeadTexts(const Viewer& viewer, uint64_t limit, ItemRenderer render) const;
  // One item under the same rule (staff see any item). Errors: "not_found".
  Result<ItemView> Get(const Viewer& viewer, uint64_t id) const;
  // Marks the item read by the viewer (idempotent). Errors: "not_found".
  Status MarkRead(const Viewer& viewer, uint64_t id);
  // Visible comments of a visible item, oldest first. Errors: "not_found", "comments_disabled".
  Result<Page<Comment>> Comments(const Viewer& viewer, uint64_t item_id, uint64_t offset, uint64_t limit) const;
  // Errors: "not_found", "comments_disabled", "field_required" / "field_too_long" / "field_invalid" / "utf8_invalid"
  // (body, 1..2000).
  Result<Comment> AddComment(const Viewer& viewer, uint64_t item_id, std::string body);
  // Reports a visible comment to the moderators, once per user. Errors: "not_found", "comments_disabled",
  // "comment_already_reported".
  Status ReportComment(const Viewer& viewer, uint64_t comment_id);

  storage::Env& env() { return env_; }

  static constexpr size_t kMaxTitleLen = 200;
  static constexpr size_t kMaxLeadLen = 500;
  static constexpr size_t kMaxBodyLen = 50000;
  static constexpr size_t kMaxImageIdLen = 64;
  static constexpr size_t kMaxGroups = 50;
  static constexpr size_t kMaxCommentLen = 2000;
  static constexpr size_t kMaxReasonLen = 500;
  static constexpr int64_t kMaxTime = 253402300799;  // 9999-12-31T23:59:59Z
  static constexpr uint64_t kDefaultPage = 20;
  static constexpr uint64_t kMaxPage = 100;

 private:
  // Checks and trims the text fields and times of `input`, sorts the groups; returns the rendered body.
  static Result<std::string> CheckInput(ItemInput& input);
  Result<Item> Save(const Actor& actor, uint64_t id, ItemInput input);
  // True if the viewer may see the item now (staff: always).
  bool CanSee(const storage::ReadTxn& txn, const Viewer& viewer, const Item& item) const;
  // The item for a reader, or "not_found".
  Result<Item> Visible(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t id) const;
  ItemView ViewOf(const storage::ReadTxn& txn, Item item, uint64_t reader) const;
  Comment WithAuthor(const storage::ReadTxn& txn, Comment c) const;
  Result<Comment> SetHidden(const Actor& actor, uint64_t comment_id, bool hidden, std::string reason);
  ItemState StateOf(int64_t publish_at, int64_t expire_at, int64_t now) const;

  // The feed scan behind Feed and FeedHead; `mine` are the viewer's groups (ignored for staff).
  Page<ItemView> Scan(const storage::ReadTxn& txn, const Viewer& viewer, const std::vector<uint64_t>& mine,
                      uint64_t offset, uint64_t limit, bool count_all, int64_t now) const;

  storage::Env& env_;
  const Clock& clock_;
  groups::Service& groups_;
  audit::Service& audit_;
  Store store_;

  // FeedHead's memo: the page (read flags unset) and, for FeedHeadTexts, its items' texts.
  struct Head {
    Page<ItemView> page;
    std::vector<std::string> texts;
  };
  struct HeadKey {
    bool staff = false;
    uint64_t limit = 0;
    std::vector<uint64_t> groups;
    ItemRenderer render = nullptr;
    bool operator==(const HeadKey&) const = default;
  };
  struct HeadKeyHash {
    size_t operator()(const HeadKey& k) const;
  };
  std::shared_ptr<const Head> HeadOf(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t limit,
                                     ItemRenderer render, int64_t now) const;
  storage::SnapshotMemo<HeadKey, Head, HeadKeyHash> heads_{512};  // distinct group sets; then it starts over
};

}  // namespace osiedle::news
