#pragma once
// The news tables (storage/FORMAT.md, "news"). Internal to the module: the service keeps the feed index, counters and
// comment lists consistent with the records.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/news/model.hpp"
#include "storage/env.hpp"

namespace osiedle::news {

// What the feed needs to decide visibility without decoding the whole item.
struct FeedEntry {
  uint64_t id = 0;
  bool pinned = false;
  int64_t publish_at = 0;
  int64_t expire_at = 0;
  std::vector<uint64_t> groups;
};

class Store {
 public:
  // Opens the tables. REQUIRES: called at start-up.
  explicit Store(storage::Env& env);

  uint64_t NextItemId(storage::WriteTxn& txn) const { return txn.NextId(items_); }
  std::optional<Item> GetItem(const storage::ReadTxn& txn, uint64_t id) const;
  // Writes the item and its feed entry; `old` (the previous version, if any) has its entry removed.
  void PutItem(storage::WriteTxn& txn, const Item& item, const Item* old) const;
  // Removes the item, its feed entry, counters, read marks, comments and their reports.
  void DeleteItem(storage::WriteTxn& txn, const Item& item) const;
  // Items by id, newest (highest id) first, until fn returns false.
  void ForEachItemNewestFirst(const storage::ReadTxn& txn, const std::function<bool(const Item&)>& fn) const;
  uint64_t CountItems(const storage::ReadTxn& txn) const { return txn.Count(items_); }
  // Feed entries in feed order — pinned first, then by publish_at, newest first — until fn returns false.
  void ForEachFeedEntry(const storage::ReadTxn& txn, const std::function<bool(const FeedEntry&)>& fn) const;

  ItemStats GetStats(const storage::ReadTxn& txn, uint64_t item_id) const;
  void PutStats(storage::WriteTxn& txn, uint64_t item_id, const ItemStats& s) const;

  bool IsRead(const storage::ReadTxn& txn, uint64_t item_id, uint64_t user_id) const;
  // Records the read mark; false if it existed.
  bool MarkRead(storage::WriteTxn& txn, uint64_t item_id, uint64_t user_id, int64_t at) const;

  uint64_t NextCommentId(storage::WriteTxn& txn) const { return txn.NextId(comments_); }
  std::optional<Comment> GetComment(const storage::ReadTxn& txn, uint64_t id) const;
  // Writes the comment and its entry in the item's list.
  void PutComment(storage::WriteTxn& txn, const Comment& c) const;
  // Comment ids of an item, oldest first.
  std::vector<uint64_t> CommentIdsOf(const storage::ReadTxn& txn, uint64_t item_id) const;
  // Records a report; false if this user already reported the comment.
  bool AddReport(storage::WriteTxn& txn, uint64_t comment_id, uint64_t user_id, int64_t at) const;
  // Comments of every item, newest (highest id) first, until fn returns false.
  void ForEachCommentNewestFirst(const storage::ReadTxn& txn, const std::function<bool(const Comment&)>& fn) const;
  // When the comment was last reported (0 = never).
  int64_t LastReportAt(const storage::ReadTxn& txn, uint64_t comment_id) const;

  // Value codecs (exposed for tests). Decoders return nullopt on corruption or unknown version.
  static std::string EncodeItem(const Item& item);
  static std::optional<Item> DecodeItem(uint64_t id, std::string_view value);
  static std::string EncodeComment(const Comment& c);
  static std::optional<Comment> DecodeComment(uint64_t id, std::string_view value);

 private:
  storage::Table items_;     // news.items: u64 id → item v1
  storage::Table feed_;      // news.items.by_feed: u8 pinned, u64 publish_at, u64 id → feed v1
  storage::Table stats_;     // news.item_stats: u64 id → stats v1
  storage::Table reads_;     // news.reads: u64 item, u64 user → v1 I64 at
  storage::Table comments_;  // news.comments: u64 id → comment v1
  storage::Table by_item_;   // news.comments.by_item: u64 item, u64 comment → ""
  storage::Table reports_;   // news.comment_reports: u64 comment, u64 user → v1 I64 at
};

}  // namespace osiedle::news
