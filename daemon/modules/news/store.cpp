#include "daemon/modules/news/store.hpp"

#include <algorithm>

#include "storage/codec.hpp"
#include "storage/links.hpp"

namespace osiedle::news {
namespace {

constexpr uint8_t kItemVersion = 1;
constexpr uint8_t kFeedVersion = 1;
constexpr uint8_t kStatsVersion = 1;
constexpr uint8_t kMarkVersion = 1;
constexpr uint8_t kCommentVersion = 1;

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }

// publish_at is never negative (the service checks), so it sorts as unsigned.
std::string FeedKey(const Item& item) {
  std::string k(1, item.pinned ? '\x01' : '\x00');
  storage::PutU64BE(k, static_cast<uint64_t>(item.publish_at));
  storage::PutU64BE(k, item.id);
  return k;
}

std::string EncodeFeed(const Item& item) {
  storage::Writer w(kFeedVersion);
  w.I64(item.expire_at).U64List(item.groups);
  return w.Take();
}

std::string EncodeMark(int64_t at) {
  storage::Writer w(kMarkVersion);
  w.I64(at);
  return w.Take();
}

}  // namespace

Store::Store(storage::Env& env)
    : items_(env.OpenTable("news.items")),
      feed_(env.OpenTable("news.items.by_feed")),
      stats_(env.OpenTable("news.item_stats")),
      reads_(env.OpenTable("news.reads")),
      comments_(env.OpenTable("news.comments")),
      by_item_(env.OpenTable("news.comments.by_item")),
      reports_(env.OpenTable("news.comment_reports")) {}

std::string Store::EncodeItem(const Item& i) {
  storage::Writer w(kItemVersion);
  w.Str(i.title).Str(i.lead).Str(i.body_md).Str(i.body_html).Str(i.image_id).Bool(i.pinned);
  w.I64(i.publish_at).I64(i.expire_at).U64List(i.groups).Bool(i.comments_enabled);
  w.U64(i.author_id).I64(i.created_at).I64(i.updated_at);
  return w.Take();
}

std::optional<Item> Store::DecodeItem(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kItemVersion) return std::nullopt;
  Item i;
  i.id = id;
  i.title = r.Str();
  i.lead = r.Str();
  i.body_md = r.Str();
  i.body_html = r.Str();
  i.image_id = r.Str();
  i.pinned = r.Bool();
  i.publish_at = r.I64();
  i.expire_at = r.I64();
  i.groups = r.U64List();
  i.comments_enabled = r.Bool();
  i.author_id = r.U64();
  i.created_at = r.I64();
  i.updated_at = r.I64();
  if (!r.ok()) return std::nullopt;
  return i;
}

std::string Store::EncodeComment(const Comment& c) {
  storage::Writer w(kCommentVersion);
  w.U64(c.item_id).U64(c.author_id).Str(c.body).I64(c.created_at).Bool(c.hidden).Str(c.hidden_reason);
  w.U64(c.hidden_by).I64(c.hidden_at).U64(c.reports);
  return w.Take();
}

std::optional<Comment> Store::DecodeComment(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kCommentVersion) return std::nullopt;
  Comment c;
  c.id = id;
  c.item_id = r.U64();
  c.author_id = r.U64();
  c.body = r.Str();
  c.created_at = r.I64();
  c.hidden = r.Bool();
  c.hidden_reason = r.Str();
  c.hidden_by = r.U64();
  c.hidden_at = r.I64();
  c.reports = r.U64();
  if (!r.ok()) return std::nullopt;
  return c;
}

std::optional<Item> Store::GetItem(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(items_, IdKey(id));
  return v ? DecodeItem(id, *v) : std::nullopt;
}

void Store::PutItem(storage::WriteTxn& txn, const Item& item, const Item* old) const {
  if (old != nullptr) txn.Del(feed_, FeedKey(*old));
  txn.Put(items_, IdKey(item.id), EncodeItem(item));
  txn.Put(feed_, FeedKey(item), EncodeFeed(item));
}

void Store::DeleteItem(storage::WriteTxn& txn, const Item& item) const {
  for (uint64_t cid : CommentIdsOf(txn, item.id)) {
    txn.Del(comments_, IdKey(cid));
    txn.DelPrefix(reports_, IdKey(cid));
  }
  txn.DelPrefix(by_item_, IdKey(item.id));
  txn.DelPrefix(reads_, IdKey(item.id));
  txn.Del(stats_, IdKey(item.id));
  txn.Del(feed_, FeedKey(item));
  txn.Del(items_, IdKey(item.id));
}

void Store::ForEachItemNewestFirst(const storage::ReadTxn& txn, const std::function<bool(const Item&)>& fn) const {
  txn.Scan(
      items_, {},
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 8) return true;
        auto item = DecodeItem(storage::GetU64BE(k), v);
        return item ? fn(*item) : true;
      },
      storage::Direction::kBackward);
}

void Store::ForEachFeedEntry(const storage::ReadTxn& txn, const std::function<bool(const FeedEntry&)>& fn) const {
  txn.Scan(
      feed_, {},
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 17) return true;
        storage::Reader r(v);
        FeedEntry e;
        e.pinned = k[0] != 0;
        e.publish_at = static_cast<int64_t>(storage::GetU64BE(k.substr(1)));
        e.id = storage::GetU64BE(k.substr(9));
        e.expire_at = r.I64();
        e.groups = r.U64List();
        if (r.version() != kFeedVersion || !r.ok()) return true;
        return fn(e);
      },
      storage::Direction::kBackward);
}

ItemStats Store::GetStats(const storage::ReadTxn& txn, uint64_t item_id) const {
  ItemStats s;
  auto v = txn.Get(stats_, IdKey(item_id));
  if (!v) return s;
  storage::Reader r(*v);
  s.reads = r.U64();
  s.comments = r.U64();
  if (r.version() != kStatsVersion || !r.ok()) return ItemStats{};
  return s;
}

void Store::PutStats(storage::WriteTxn& txn, uint64_t item_id, const ItemStats& s) const {
  storage::Writer w(kStatsVersion);
  w.U64(s.reads).U64(s.comments);
  txn.Put(stats_, IdKey(item_id), w.Take());
}

bool Store::IsRead(const storage::ReadTxn& txn, uint64_t item_id, uint64_t user_id) const {
  return txn.Contains(reads_, storage::Key().U64(item_id).U64(user_id).Build());
}

bool Store::MarkRead(storage::WriteTxn& txn, uint64_t item_id, uint64_t user_id, int64_t at) const {
  return txn.Insert(reads_, storage::Key().U64(item_id).U64(user_id).Build(), EncodeMark(at));
}

std::optional<Comment> Store::GetComment(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(comments_, IdKey(id));
  return v ? DecodeComment(id, *v) : std::nullopt;
}

void Store::PutComment(storage::WriteTxn& txn, const Comment& c) const {
  txn.Put(comments_, IdKey(c.id), EncodeComment(c));
  txn.Put(by_item_, storage::Key().U64(c.item_id).U64(c.id).Build(), {});
}

std::vector<uint64_t> Store::CommentIdsOf(const storage::ReadTxn& txn, uint64_t item_id) const {
  return storage::LinkedTo(txn, by_item_, item_id);
}

bool Store::AddReport(storage::WriteTxn& txn, uint64_t comment_id, uint64_t user_id, int64_t at) const {
  return txn.Insert(reports_, storage::Key().U64(comment_id).U64(user_id).Build(), EncodeMark(at));
}

void Store::ForEachCommentNewestFirst(const storage::ReadTxn& txn,
                                      const std::function<bool(const Comment&)>& fn) const {
  txn.Scan(
      comments_, {},
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 8) return true;
        auto c = DecodeComment(storage::GetU64BE(k), v);
        return c ? fn(*c) : true;
      },
      storage::Direction::kBackward);
}

int64_t Store::LastReportAt(const storage::ReadTxn& txn, uint64_t comment_id) const {
  int64_t last = 0;
  txn.Scan(reports_, IdKey(comment_id), [&](std::string_view, std::string_view v) {
    storage::Reader r(v);
    if (r.version() != kMarkVersion) return true;
    const int64_t at = r.I64();
    if (r.ok()) last = std::max(last, at);
    return true;
  });
  return last;
}

}  // namespace osiedle::news
