#pragma once
// Ads (Reklama): staff manage banners (image upload, link, advertiser, paid/free, schedule, target groups, placement
// slider/stack, position); residents get the banners running now that target them, and click through a redirect.
// Impressions and clicks are counted per banner and UTC day:
//  - Impressions are aggregated IN MEMORY (a mutex-protected banner×day map) and written in one write transaction by
//    Flush(), which the background thread started by Start() calls every kFlushInterval (10 s), and Stop() calls once
//    more. LOSS WINDOW: a crash (kill -9, power loss) loses at most the last ~10 s of impressions; clean shutdown
//    (Stop) loses none. Stats and totals show flushed impressions only.
//  - Clicks are written durably in the click request itself (rarer, and what advertisers pay for).
// Every staff change is audited in its own write transaction. Functions open their own transactions: never call them
// inside View/Update. Thread-safety: every function is safe from many threads.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/periodic_flush.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/ads/model.hpp"
#include "daemon/modules/ads/store.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/groups/service.hpp"
#include "daemon/modules/uploads/service.hpp"
#include "storage/env.hpp"
#include "storage/pending_counts.hpp"
#include "storage/snapshot_memo.hpp"

namespace osiedle::ads {

class Service {
 public:
  // Opens the tables; no thread runs until Start(). REQUIRES: called at start-up; every argument outlives the service.
  Service(storage::Env& env, const Clock& clock, groups::Service& groups, audit::Service& audit,
          uploads::Service& uploads);
  // Stop()s (so pending impressions are flushed).
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // --- impression flushing ---
  // Starts the background thread that calls Flush() every kFlushInterval. Idempotent.
  void Start();
  // Stops the thread (if running) and flushes what is pending. Idempotent; call before the Env closes.
  void Stop();
  // Writes all pending impressions in one write transaction (counts of banners deleted meanwhile are dropped).
  // On a storage error the counts stay pending. Errors: "storage_io".
  Status Flush();

  // --- staff (ads:manage) ---
  // Validates and stores a new banner (audit "ads.create"). Errors: "field_required", "field_too_long",
  // "field_invalid", "utf8_invalid" (title ≤120, advertiser ≤200, alt ≤200, notes ≤1000, starts_at, ends_at — after
  // starts_at —, position ≤ kMaxPosition, price — only for paid banners), "link_invalid" (link),
  // "upload_not_image" (image_id: missing or not an image upload), "group_not_found" / "field_too_long" (groups).
  Result<BannerView> Create(const Actor& actor, BannerInput input);
  // Replaces banner `id` (counts are kept). Audit "ads.update". Errors as Create, "not_found".
  Result<BannerView> Update(const Actor& actor, uint64_t id, BannerInput input);
  // Deletes the banner and its counts. Audit "ads.delete". Errors: "not_found".
  Status Delete(const Actor& actor, uint64_t id);
  // Every banner, newest first, with all-time totals.
  Page<BannerView> AdminList(uint64_t offset, uint64_t limit) const;
  // Errors: "not_found".
  Result<BannerView> AdminGet(uint64_t id) const;
  // One entry per day in [from_day, to_day] (days without counts as zeros). Errors: "not_found", "field_invalid"
  // (field "to": before from), "range_too_long" (more than kMaxRangeDays days).
  Result<std::vector<DayCounts>> DailyStats(uint64_t id, int64_t from_day, int64_t to_day) const;
  // CSV export of every banner's days with counts in [from_day, to_day]: UTF-8 with BOM, ';'-separated, CRLF, columns
  // data;reklama;reklamodawca;wyświetlenia;kliknięcia;CTR (rows by date, then banner id; CTR "2,50%" or "" without
  // impressions); text cells starting with = + - @ (or tab/CR) are prefixed with ' against formula injection.
  // Errors as DailyStats except "not_found".
  Result<std::string> ExportCsv(int64_t from_day, int64_t to_day) const;

  // --- readers ---
  // Banners of `placement` running now for `viewer`: enabled, starts_at <= now < ends_at and — for residents —
  // targeting everyone or one of the viewer's groups; by position, at most kMaxShown. Counts one impression for each
  // banner returned (in memory, see Flush).
  std::vector<AdView> Active(const Viewer& viewer, Placement placement);
  // Active(viewer, kSlider), for the home page.
  std::vector<AdView> Slider(const Viewer& viewer) { return Active(viewer, Placement::kSlider); }
  // The link of a banner Active() could return to `viewer`, counting one click durably. Errors: "not_found" (unknown,
  // disabled, outside its window, or not targeting the viewer).
  Result<std::string> Click(const Viewer& viewer, uint64_t id);

  // --- days ---
  // "YYYY-MM-DD" (1970-01-01..9999-12-31) → days since 1970-01-01. Errors: "field_invalid" with `field`.
  static Result<int64_t> ParseDay(std::string_view text, const char* field);
  // Days since 1970-01-01 → "YYYY-MM-DD".
  static std::string FormatDay(int64_t day);
  // True for an absolute http:// or https:// URL with a host, no credentials, only printable ASCII without
  // " < > \ ^ ` { | } or space, at most kMaxLinkLen bytes.
  static bool IsValidLink(std::string_view link);

  static constexpr size_t kMaxTitleLen = 120;
  static constexpr size_t kMaxAdvertiserLen = 200;
  static constexpr size_t kMaxAltLen = 200;
  static constexpr size_t kMaxNotesLen = 1000;
  static constexpr size_t kMaxLinkLen = 2000;
  static constexpr size_t kMaxImageIdLen = 64;
  static constexpr size_t kMaxGroups = 50;
  static constexpr uint32_t kMaxPosition = 1000000;
  static constexpr int64_t kMaxTime = 253402300799;  // 9999-12-31T23:59:59Z
  static constexpr size_t kMaxShown = 10;
  static constexpr int64_t kMaxRangeDays = 366;
  static constexpr int kFlushIntervalSeconds = 10;
  static constexpr uint64_t kDefaultPage = 20;
  static constexpr uint64_t kMaxPage = 100;

 private:
  // Trims and checks the fields that need no transaction; sorts the groups.
  static Status CheckInput(BannerInput& input);
  Result<BannerView> Save(const Actor& actor, uint64_t id, BannerInput input);
  // True if `b` runs at `now` and (residents) targets one of `mine` (ascending) or everyone.
  BannerView ViewOf(const storage::ReadTxn& txn, Banner b) const;
  static bool Shows(const Banner& b, const Viewer& viewer, const std::vector<uint64_t>& mine, int64_t now);
  static Status CheckRange(int64_t from_day, int64_t to_day);

  storage::Env& env_;
  const Clock& clock_;
  groups::Service& groups_;
  audit::Service& audit_;
  uploads::Service& uploads_;
  Store store_;

  // The enabled banners of each placement, in order, decoded once per snapshot (Active filters them by time and
  // groups per reader).
  storage::SnapshotMemo<int, std::vector<Banner>> placed_{4};

  storage::PendingCounts<std::pair<uint64_t, int64_t>> impressions_;  // (banner, day) → impressions
  PeriodicFlush flusher_{"ads: impressions", std::chrono::seconds(kFlushIntervalSeconds), [this] { return Flush(); }};
};

}  // namespace osiedle::ads
