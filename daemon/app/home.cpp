#include "daemon/app/home.hpp"

#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"
#include "daemon/modules/ads/routes.hpp"
#include "daemon/modules/news/routes.hpp"
#include "daemon/modules/outages/routes.hpp"

namespace osiedle::app {
namespace {

constexpr uint64_t kOutages = 10;  // more than a building ever has at once
constexpr uint64_t kNews = 10;  // default; ?limit=1..20

uint64_t NewsLimit(const http::Context& ctx) {
  auto n = http::QueryU64(ctx, "limit", kNews);
  return n && *n >= 1 && *n <= 20 ? *n : kNews;
}

}  // namespace

void RegisterHomeRoute(App& app) {
  app.routes.Add({"GET", "/api/v1/home", http::kAuthenticated,
                  [&app](http::Context& ctx) {
                    // Composed as text from parts rendered once for all readers (news, outages, ads). Keys
                    // in sorted order, as every other answer.
                    http::Response r;
                    r.status = 200;
                    r.body = "{\"ads\":" + ads::SliderText(app.ads, ctx) +
                             ",\"news\":" + news::FeedHeadText(app.news, ctx, NewsLimit(ctx)) +
                             ",\"outages\":" + outages::ActiveText(app.outages, ctx, kOutages) + "}";
                    return r;
                  },
                  "Home page: the caller's active outages, first news page and ad slider"});
}

}  // namespace osiedle::app
