#include "daemon/http/metrics.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace osiedle::http {
namespace {

bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(Metrics, CountsRequestsByRouteMethodStatus) {
  Metrics m;
  m.Record("/api/v1/me", "GET", 200, 0.5);
  m.Record("/api/v1/me", "GET", 200, 3);
  m.Record("/api/v1/me", "GET", 401, 0.2);
  std::string text = m.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE osiedle_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_requests_total{route=\"/api/v1/me\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_requests_total{route=\"/api/v1/me\",method=\"GET\",status=\"401\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  m.Record("r", "GET", 200, 0.5);   // ≤ 1 ms
  m.Record("r", "GET", 200, 7);     // ≤ 10 ms
  m.Record("r", "GET", 200, 5000);  // +Inf only
  std::string text = m.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE osiedle_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_request_duration_seconds_bucket{route=\"r\",le=\"0.001\"} 1\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_request_duration_seconds_bucket{route=\"r\",le=\"0.005\"} 1\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_request_duration_seconds_bucket{route=\"r\",le=\"0.01\"} 2\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_request_duration_seconds_bucket{route=\"r\",le=\"1\"} 2\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_request_duration_seconds_bucket{route=\"r\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(Contains(text, "osiedle_http_request_duration_seconds_count{route=\"r\"} 3\n"));
}

TEST(Metrics, RendersGaugesFromCallbacks) {
  Metrics m;
  double depth = 3;
  m.AddGauge("osiedle_outbox_depth", "Messages waiting in the outbox.", [&] { return depth; });
  EXPECT_TRUE(Contains(m.RenderPrometheus(), "# TYPE osiedle_outbox_depth gauge\nosiedle_outbox_depth 3\n"));
  depth = 7;
  EXPECT_TRUE(Contains(m.RenderPrometheus(), "osiedle_outbox_depth 7\n"));
}

TEST(Metrics, ThrowingGaugeRendersNaN) {
  Metrics m;
  m.AddGauge("g", "h", []() -> double { throw std::runtime_error("x"); });
  EXPECT_TRUE(Contains(m.RenderPrometheus(), "g NaN\n"));
}

TEST(Metrics, EscapesLabelValues) {
  Metrics m;
  m.Record("a\"b\\c\nd", "GET", 200, 1);
  EXPECT_TRUE(Contains(m.RenderPrometheus(), "route=\"a\\\"b\\\\c\\nd\""));
}

TEST(Metrics, CountsExactlyUnderConcurrency) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) m.Record("/x", "GET", 200, 1);
    });
  }
  std::thread reader([&m] {
    for (int i = 0; i < 20; ++i) (void)m.RenderPrometheus();
  });
  for (auto& t : threads) t.join();
  reader.join();
  EXPECT_TRUE(
      Contains(m.RenderPrometheus(), "osiedle_http_requests_total{route=\"/x\",method=\"GET\",status=\"200\"} 4000\n"));
}

}  // namespace
}  // namespace osiedle::http
