#include "daemon/app/home.hpp"

#include "daemon/http/response.hpp"
#include "daemon/modules/ads/routes.hpp"
#include "daemon/modules/news/routes.hpp"
#include "daemon/modules/outages/routes.hpp"

namespace osiedle::app {
namespace {

constexpr uint64_t kOutages = 10;  // more than a building ever has at once
constexpr uint64_t kNews = 10;

}  // namespace

void RegisterHomeRoute(App& app) {
  app.routes.Add({"GET", "/api/v1/home", http::kAuthenticated,
                  [&app](http::Context& ctx) {
                    json::Json out{{"outages", outages::ActiveJson(app.outages, ctx, kOutages)},
                                   {"news", news::FeedJson(app.news, ctx, kNews)},
                                   {"ads", ads::SliderJson(app.ads, ctx)}};
                    return http::Json(200, out);
                  },
                  "Home page: the caller's active outages, first news page and ad slider"});
}

}  // namespace osiedle::app
