#pragma once
// Helpers shared by the identity routes_*.cpp files (JSON shapes, ids, actors). Internal.
#include <optional>
#include <string>

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"
#include "daemon/modules/identity/module.hpp"

namespace osiedle::identity::routes {

using json::Json;

using http::ParseId;   // positive decimal id from text
using http::PathId;    // path parameter "id" as a positive id
using http::QueryU64;  // numeric query parameter with a fallback when absent
using http::ActorOf;   // the caller as the author of a change (audit)

Json Iso(int64_t unix_seconds);  // ISO-8601 string, or null for 0
Json UserJson(const User& u);
Json FlatJson(const Flat& f);
Json FlatViewJson(const FlatView& v);
Json RegistrationJson(const Registration& r);
Json SessionJson(const Session& s, uint64_t current_session_id);
Json AuditJson(const audit::Entry& e);

http::Response NoContent();

}  // namespace osiedle::identity::routes

namespace osiedle::identity::routes {
void AddPublicRoutes(http::RouteTable& table, Module& identity);
void AddMeRoutes(http::RouteTable& table, Module& identity, roles::Service& roles);
void AddAdminRoutes(http::RouteTable& table, Module& identity);
}  // namespace osiedle::identity::routes
