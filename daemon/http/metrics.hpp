#pragma once
// Request counters, a latency histogram and callback gauges, rendered as Prometheus text 0.0.4.
// Thread-safety: every member function may be called from many threads at once.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace osiedle::http {

class Metrics {
 public:
  // Histogram upper bounds in milliseconds (a +Inf bucket follows).
  static constexpr std::array<double, 10> kBucketsMs = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};

  // Counts one request: `route` is the route pattern (or a fixed label such as "static"/"unmatched",
  // never a raw path, to bound cardinality). Cheap: one mutex, one hash lookup.
  void Record(std::string_view route, std::string_view method, int status, double latency_ms);

  // Registers a gauge whose value is read by `value` at each render (e.g. the outbox depth).
  // `name` must be a valid Prometheus metric name; `value` must be thread-safe and must not throw.
  void AddGauge(std::string name, std::string help, std::function<double()> value);

  // osiedle_http_requests_total{route,method,status}, osiedle_http_request_duration_seconds{route}
  // (histogram) and every gauge, in Prometheus text exposition format 0.0.4.
  std::string RenderPrometheus() const;

  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct RouteStats {
    std::map<std::pair<std::string, int>, uint64_t> counts;  // (method, status) → requests
    std::array<uint64_t, kBucketsMs.size() + 1> buckets{};   // non-cumulative; last = +Inf
    double sum_ms = 0;
    uint64_t count = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> value;
  };

  mutable std::mutex mu_;
  std::unordered_map<std::string, RouteStats> routes_;
  std::vector<Gauge> gauges_;
};

}  // namespace osiedle::http
