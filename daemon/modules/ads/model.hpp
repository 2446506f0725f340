#pragma once
// Banner ads (Reklama) as the service hands them out. Times are unix seconds (UTC); a "day" is a UTC calendar day
// counted as days since 1970-01-01 (unix seconds / 86400, rounded down).
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/actor.hpp"
#include "daemon/core/page.hpp"

namespace osiedle::ads {

// Where a banner is shown. Stored as u8 — never renumber.
enum class Placement : uint8_t { kSlider = 1, kStack = 2 };

// What staff give to create or replace a banner.
struct BannerInput {
  std::string title;       // 1..120 code points, one line
  std::string advertiser;  // 0..200, one line
  std::string image_id;    // upload id (64 hex) of an image upload
  std::string alt;         // 1..200: the image's text alternative (required for accessibility)
  std::string link;        // absolute http(s) URL, printable ASCII, no credentials, ≤ 2000 bytes
  bool paid = false;
  bool has_price = false;  // price only for paid banners
  uint64_t price = 0;      // grosze
  std::string notes;       // 0..1000, staff only
  int64_t starts_at = 0;   // shown from this second ...
  int64_t ends_at = 0;     // ... until before this one; > starts_at
  std::vector<uint64_t> groups;  // target groups; empty = every logged-in user
  Placement placement = Placement::kSlider;
  uint32_t position = 0;  // ascending order within a placement (ties: lower id first); 0..1,000,000
  bool enabled = true;
};

struct Banner {
  uint64_t id = 0;
  std::string title;
  std::string advertiser;
  std::string image_id;
  std::string alt;
  std::string link;
  bool paid = false;
  bool has_price = false;
  uint64_t price = 0;
  std::string notes;
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  std::vector<uint64_t> groups;  // ascending, unique
  Placement placement = Placement::kSlider;
  uint32_t position = 0;
  bool enabled = true;
  uint64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Counts {
  uint64_t impressions = 0;
  uint64_t clicks = 0;
};

// Where a banner stands now: kDisabled (enabled off) wins over the schedule.
enum class BannerState { kDisabled, kScheduled, kRunning, kEnded };

// A banner as staff see it, with its all-time counts (flushed impressions only).
struct BannerView {
  Banner banner;
  Counts totals;
  BannerState state = BannerState::kRunning;
};

// A banner as a resident sees it (routes add image_url and click_url from the ids).
struct AdView {
  uint64_t id = 0;
  std::string title;
  std::string advertiser;
  std::string alt;
  std::string image_id;

  bool operator==(const AdView&) const = default;
};

// Counts of one banner (or all banners) on one UTC day.
struct DayCounts {
  int64_t day = 0;  // days since 1970-01-01
  Counts counts;
};

using osiedle::Actor;
using osiedle::Page;
using osiedle::Viewer;

}  // namespace osiedle::ads
