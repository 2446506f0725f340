// Identity routes: shared JSON shapes, the authenticator and the route registration entry point.
#include "daemon/modules/identity/routes.hpp"

#include "daemon/modules/identity/routes_util.hpp"

namespace osiedle::identity {

namespace routes {

Json Iso(int64_t t) { return t ? Json(FormatIsoUtc(t)) : Json(nullptr); }

Json UserJson(const User& u) {
  return Json{{"id", u.id},
              {"email", u.email},
              {"first_name", u.first_name},
              {"last_name", u.last_name},
              {"phone", u.phone},
              {"status", UserStatusName(u.status)},
              {"lang", u.lang},
              {"created_at", Iso(u.created_at)},
              {"last_login_at", Iso(u.last_login_at)},
              {"last_seen_at", Iso(u.last_seen_at)},
              {"totp_enabled", u.totp_enabled},
              {"deletion_requested", u.deletion_requested}};
}

Json FlatJson(const Flat& f) {
  return Json{
      {"id", f.id},           {"building_id", f.building_id}, {"staircase", f.staircase},        {"number", f.number},
      {"area_m2", f.area_m2}, {"kw_number", f.kw_number},     {"member_number", f.member_number}};
}

Json FlatViewJson(const FlatView& v) {
  return Json{{"id", v.flat.id},
              {"number", v.flat.number},
              {"staircase", v.flat.staircase},
              {"building", {{"id", v.building.id}, {"address", v.building.address}}},
              {"estate", v.estate_name},
              {"status", OwnershipStatusName(v.status)}};
}

Json RegistrationJson(const Registration& r) {
  return Json{{"id", r.id},
              {"flat_id", r.flat_id},
              {"kw_number", r.kw_number},
              {"proof", ProofKindName(r.proof)},
              {"member_number", r.member_number},
              {"status", RegistrationStatusName(r.status)},
              {"consents_version", r.consents_version},
              {"created_at", Iso(r.created_at)},
              {"decided_at", Iso(r.decided_at)},
              {"reject_reason", r.reject_reason}};
}

Json SessionJson(const Session& s, uint64_t current) {
  return Json{{"id", s.id}, {"created_at", Iso(s.created_at)}, {"last_seen_at", Iso(s.last_seen_at)},
              {"ip", s.ip}, {"user_agent", s.user_agent},      {"current", s.id == current}};
}

Json AuditJson(const audit::Entry& e) {
  return Json{{"id", e.id},
              {"at", Iso(e.at)},
              {"actor_id", e.actor_id},
              {"action", e.action},
              {"target_type", e.target_type},
              {"target_id", e.target_id},
              {"detail", e.detail},
              {"ip", e.ip},
              {"user_agent", e.user_agent}};
}

http::Response NoContent() {
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace routes

std::string SessionCookie(const std::string& token, bool secure, int64_t max_age_seconds) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

http::Principal Authenticate(AuthService& auth, const http::Request& req) {
  http::Principal p;
  std::string token = req.Cookie(kSessionCookie);
  if (token.empty()) return p;
  auto found = auth.ResolveSessionShared(token);
  if (!found.ok()) return p;
  const std::shared_ptr<const SessionInfo>& info = *found;
  p.kind = http::Principal::Kind::kSession;
  p.user_id = info->user.id;
  p.session_id = info->session.id;
  p.csrf_token = info->session.csrf_token;
  p.permissions = http::PermissionSet(std::shared_ptr<const std::set<std::string>>(info, &info->permissions));
  p.lang = info->user.lang;
  return p;
}

void RegisterRoutes(http::RouteTable& table, Module& identity, roles::Service& roles) {
  routes::AddPublicRoutes(table, identity);
  routes::AddMeRoutes(table, identity, roles);
  routes::AddAdminRoutes(table, identity);
}

}  // namespace osiedle::identity
