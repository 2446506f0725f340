#pragma once
// GET /api/v1/home — the resident's home page in one request: active outages that concern the caller, the first
// page of their news feed (pinned first; ?limit=1..20, default 10) as {items, has_more} — no full count, which would
// visit the whole feed — and the ad slider. Items are shaped as the modules' own routes answer them.
#include "daemon/app/app.hpp"

namespace osiedle::app {

void RegisterHomeRoute(App& app);

}  // namespace osiedle::app
