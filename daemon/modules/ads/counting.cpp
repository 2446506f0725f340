// The counting half of the ads service: the impression flusher, per-day stats and the CSV export.

#include <algorithm>
#include <cstdio>
#include <exception>

#include "daemon/core/csv.hpp"
#include "daemon/modules/ads/service.hpp"

namespace osiedle::ads {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

// "2,50%" (Polish decimal comma); "" when there were no impressions.
std::string Ctr(const Counts& c) {
  if (c.impressions == 0) return "";
  const uint64_t basis_points = (c.clicks * 10000 + c.impressions / 2) / c.impressions;  // rounded
  char buf[48];
  std::snprintf(buf, sizeof buf, "%llu,%02llu%%", static_cast<unsigned long long>(basis_points / 100),
                static_cast<unsigned long long>(basis_points % 100));
  return buf;
}

struct CsvRow {
  int64_t day;
  uint64_t banner_id;
  std::string title;
  std::string advertiser;
  Counts counts;
};

}  // namespace

void Service::Start() { flusher_.Start(); }

void Service::Stop() { flusher_.Stop(); }

Status Service::Flush() {
  return impressions_.Flush(env_, [&](storage::WriteTxn& txn, const std::pair<uint64_t, int64_t>& key, uint64_t n) {
    if (store_.Get(txn, key.first)) store_.AddCounts(txn, key.first, key.second, Counts{n, 0});  // not deleted since
  });
}

Result<int64_t> Service::ParseDay(std::string_view s, const char* field) {
  auto bad = [&] { return MakeError("field_invalid", field, "YYYY-MM-DD"); };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return bad();
  int64_t parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t j = starts[i]; j < starts[i] + lens[i]; ++j) {
      if (s[j] < '0' || s[j] > '9') return bad();
      parts[i] = parts[i] * 10 + (s[j] - '0');
    }
  }
  const int64_t y = parts[0], m = parts[1], d = parts[2];
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || m < 1 || m > 12 || d < 1) return bad();
  if (d > kMonthDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0)) return bad();
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string Service::FormatDay(int64_t z) {
  // H. Hinnant's civil_from_days.
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

Status Service::CheckRange(int64_t from_day, int64_t to_day) {
  if (to_day < from_day) return MakeError("field_invalid", "to", "must not be before from");
  if (to_day - from_day + 1 > kMaxRangeDays) return MakeError("range_too_long", "to", "at most 366 days");
  return {};
}

Result<std::vector<DayCounts>> Service::DailyStats(uint64_t id, int64_t from_day, int64_t to_day) const {
  OSIEDLE_RETURN_IF_ERROR(CheckRange(from_day, to_day));
  return env_.View([&](const storage::ReadTxn& txn) -> Result<std::vector<DayCounts>> {
    if (!store_.Get(txn, id)) return MakeError("not_found");
    std::vector<DayCounts> days;
    for (int64_t d = from_day; d <= to_day; ++d) days.push_back(DayCounts{d, Counts{}});
    store_.ForEachDay(txn, id, from_day, to_day, [&](int64_t day, const Counts& c) {
      days[static_cast<size_t>(day - from_day)].counts = c;
      return true;
    });
    return days;
  });
}

Result<std::string> Service::ExportCsv(int64_t from_day, int64_t to_day) const {
  OSIEDLE_RETURN_IF_ERROR(CheckRange(from_day, to_day));
  std::vector<CsvRow> rows = env_.View([&](const storage::ReadTxn& txn) {
    std::vector<CsvRow> out;
    store_.ForEachNewestFirst(txn, [&](const Banner& b) {
      store_.ForEachDay(txn, b.id, from_day, to_day, [&](int64_t day, const Counts& c) {
        if (c.impressions != 0 || c.clicks != 0) out.push_back(CsvRow{day, b.id, b.title, b.advertiser, c});
        return true;
      });
      return true;
    });
    return out;
  });
  std::sort(rows.begin(), rows.end(), [](const CsvRow& a, const CsvRow& b) {
    return a.day != b.day ? a.day < b.day : a.banner_id < b.banner_id;
  });
  std::string csv(csv::kUtf8Bom);
  csv::AppendRow(csv, {"data", "reklama", "reklamodawca", "wyświetlenia", "kliknięcia", "CTR"});
  for (const CsvRow& r : rows) {
    csv::AppendRow(csv, {FormatDay(r.day), r.title, r.advertiser, std::to_string(r.counts.impressions),
                         std::to_string(r.counts.clicks), Ctr(r.counts)});
  }
  return csv;
}

}  // namespace osiedle::ads
