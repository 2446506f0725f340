#pragma once
// News items (Aktualności), read marks and comments as the service hands them out. Times are unix seconds; 0 means "not
// set" where noted.
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/actor.hpp"
#include "daemon/core/page.hpp"

namespace osiedle::news {

// What staff give to create or replace an item.
struct ItemInput {
  std::string title;     // 1..200 code points
  std::string lead;      // 0..500
  std::string body_md;   // 0..50,000, Markdown
  std::string image_id;  // "" = none; placeholder for an upload id: [A-Za-z0-9._-], ≤ 64
  bool pinned = false;
  int64_t publish_at = 0;        // 0 = now at creation; an update keeps the current value
  int64_t expire_at = 0;         // 0 = never; otherwise > publish_at
  std::vector<uint64_t> groups;  // target groups; empty = every logged-in user
  bool comments_enabled = false;
};

struct Item {
  uint64_t id = 0;
  std::string title;
  std::string lead;
  std::string body_md;
  std::string body_html;  // rendered from body_md when saved; sanitised
  std::string image_id;
  bool pinned = false;
  int64_t publish_at = 0;
  int64_t expire_at = 0;
  std::vector<uint64_t> groups;  // ascending
  bool comments_enabled = false;
  uint64_t author_id = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Counters kept per item.
struct ItemStats {
  uint64_t reads = 0;     // distinct users who marked the item read
  uint64_t comments = 0;  // comments not hidden
};

enum class ItemState { kScheduled, kPublished, kExpired };

// One item as a list or a reader sees it.
struct ItemView {
  Item item;
  ItemStats stats;
  ItemState state = ItemState::kPublished;
  bool read = false;  // by the viewer
};

struct Comment {
  uint64_t id = 0;
  uint64_t item_id = 0;
  uint64_t author_id = 0;
  std::string body;  // plain text, 1..2000 code points
  int64_t created_at = 0;
  bool hidden = false;
  std::string hidden_reason;  // ≤ 500
  uint64_t hidden_by = 0;
  int64_t hidden_at = 0;
  uint64_t reports = 0;     // distinct users who reported it
  std::string author_name;  // not stored: filled on read ("Jan K."; "" if the account is gone)
};

// A comment in the staff moderation queue, with its item's title.
struct QueuedComment {
  Comment comment;
  std::string item_title;
  int64_t last_reported_at = 0;  // 0 = never reported
};

using osiedle::Page;  // daemon/core/page.hpp

// Who reads: residents see only what targets them and is in its publication window; staff (news:publish or
// news:moderate) are not limited by targeting.
using osiedle::Viewer;  // daemon/core/actor.hpp
using osiedle::Actor;

}  // namespace osiedle::news
