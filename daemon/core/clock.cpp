#include "daemon/core/clock.hpp"

#include <ctime>

namespace osiedle {

int64_t SystemClock::NowUnix() const { return static_cast<int64_t>(::time(nullptr)); }

std::string FormatIsoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace osiedle
