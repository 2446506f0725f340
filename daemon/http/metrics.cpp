#include "daemon/http/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace osiedle::http {
namespace {

// Label values escape backslash, double quote and newline (exposition format 0.0.4).
std::string EscapeLabel(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);  // "0.005", not "0.0050000000000000001"
  if (std::strtod(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

void Metrics::Record(std::string_view route, std::string_view method, int status, double latency_ms) {
  size_t bucket = std::lower_bound(kBucketsMs.begin(), kBucketsMs.end(), latency_ms) - kBucketsMs.begin();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = routes_.find(std::string(route));
  if (it == routes_.end()) it = routes_.emplace(std::string(route), RouteStats{}).first;
  RouteStats& s = it->second;
  ++s.counts[{std::string(method), status}];
  ++s.buckets[bucket];
  s.sum_ms += latency_ms;
  ++s.count;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> value) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(value)});
}

std::string Metrics::RenderPrometheus() const {
  std::ostringstream out;
  std::lock_guard<std::mutex> lock(mu_);
  // Sorted by route so that the output is stable between scrapes.
  std::map<std::string_view, const RouteStats*> sorted;
  for (const auto& [route, stats] : routes_) sorted.emplace(route, &stats);

  out << "# HELP osiedle_http_requests_total HTTP requests by route pattern, method and status.\n"
      << "# TYPE osiedle_http_requests_total counter\n";
  for (const auto& [route, stats] : sorted) {
    for (const auto& [key, n] : stats->counts) {
      out << "osiedle_http_requests_total{route=\"" << EscapeLabel(route) << "\",method=\"" << EscapeLabel(key.first)
          << "\",status=\"" << key.second << "\"} " << n << "\n";
    }
  }
  out << "# HELP osiedle_http_request_duration_seconds HTTP request latency by route pattern.\n"
      << "# TYPE osiedle_http_request_duration_seconds histogram\n";
  for (const auto& [route, stats] : sorted) {
    std::string label = EscapeLabel(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBucketsMs.size(); ++i) {
      cumulative += stats->buckets[i];
      std::string le = i < kBucketsMs.size() ? FormatDouble(kBucketsMs[i] / 1000.0) : "+Inf";
      out << "osiedle_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"" << le << "\"} "
          << cumulative << "\n";
    }
    out << "osiedle_http_request_duration_seconds_sum{route=\"" << label << "\"} "
        << FormatDouble(stats->sum_ms / 1000.0) << "\n"
        << "osiedle_http_request_duration_seconds_count{route=\"" << label << "\"} " << stats->count << "\n";
  }
  for (const Gauge& g : gauges_) {
    double v = 0;
    try {
      v = g.value();
    } catch (...) {
      v = std::nan("");
    }
    out << "# HELP " << g.name << " " << g.help << "\n# TYPE " << g.name << " gauge\n"
        << g.name << " " << FormatDouble(v) << "\n";
  }
  return out.str();
}

}  // namespace osiedle::http
