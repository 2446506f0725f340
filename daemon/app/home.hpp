#pragma once
// GET /api/v1/home — the resident's home page in one request: active outages that concern the caller, the first
// page of their news feed (pinned first) and the ad slider. Each part is what the module's own route answers.
#include "daemon/app/app.hpp"

namespace osiedle::app {

void RegisterHomeRoute(App& app);

}  // namespace osiedle::app
