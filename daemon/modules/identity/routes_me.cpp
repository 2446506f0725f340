// Routes of the logged-in user: /me, own flats, sessions, password, TOTP and RODO requests.
#include "daemon/modules/identity/routes_util.hpp"
#include "daemon/core/qr.hpp"

namespace osiedle::identity::routes {

namespace {

http::Response Me(Module& id, roles::Service& roles, http::Context& ctx) {
  auto d = id.users.GetUserDetail(ctx.principal.user_id, /*with_groups=*/false);
  if (!d.ok()) return http::ErrorResponse(d.error(), ctx);
  Json flats = Json::array();
  for (const FlatView& v : d->flats) flats.push_back(FlatViewJson(v));
  Json role_list = Json::array();
  for (uint64_t rid : d->roles) {
    auto r = roles.GetRole(rid);
    role_list.push_back({{"id", rid}, {"name", r.ok() ? r->name : std::string()}});
  }
  Json regs = Json::array();
  for (const Registration& r : d->registrations) {
    if (r.status == RegistrationStatus::kPending) regs.push_back(RegistrationJson(r));
  }
  return http::Json(200, {{"user", UserJson(d->user)},
                          {"flats", flats},
                          {"pending_registrations", regs},
                          {"roles", role_list},
                          {"permissions", ctx.principal.permissions.Names()},
                          {"csrf_token", ctx.principal.csrf_token},
                          {"totp_enrollment_required", id.auth.TotpEnrollmentRequired(d->user, d->roles)}});
}

http::Response UpdateProfile(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  Service::ProfileUpdate up;
  auto optional = [&](const char* name, size_t max_len) -> std::optional<std::string> {
    if (!f.Has(name)) return std::nullopt;
    return f.Str(name, {.required = false, .max_len = max_len});
  };
  up.first_name = optional("first_name", 100);
  up.last_name = optional("last_name", 100);
  up.phone = optional("phone", 32);
  up.lang = optional("lang", 8);
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  auto u = id.users.UpdateProfile(ctx.principal.user_id, up, ActorOf(ctx));
  if (!u.ok()) return http::ErrorResponse(u.error(), ctx);
  return http::Json(200, {{"user", UserJson(*u)}});
}

http::Response Export(Module& id, http::Context& ctx) {
  auto x = id.users.ExportUserData(ctx.principal.user_id);
  if (!x.ok()) return http::ErrorResponse(x.error(), ctx);
  Json flats = Json::array(), regs = Json::array(), sessions = Json::array(), audit = Json::array();
  for (const FlatView& v : x->flats) flats.push_back(FlatViewJson(v));
  for (const Registration& r : x->registrations) regs.push_back(RegistrationJson(r));
  for (const Session& s : x->sessions) sessions.push_back(SessionJson(s, ctx.principal.session_id));
  for (const audit::Entry& e : x->audit) audit.push_back(AuditJson(e));
  Json out = {{"user", UserJson(x->user)},
              {"consents", {{"version", x->user.consents_version}, {"accepted_at", Iso(x->user.consents_at)}}},
              {"flats", flats},
              {"registrations", regs},
              {"sessions", sessions},
              {"roles", x->roles},
              {"activity", audit}};
  http::Response resp = http::Json(200, out);
  resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"osiedle-moje-dane.json\"");
  return resp;
}

http::Response DeletionRequest(Module& id, http::Context& ctx) {
  if (auto st = id.users.RequestDeletion(ctx.principal.user_id, ActorOf(ctx)); !st.ok()) {
    return http::ErrorResponse(st.error(), ctx);
  }
  return http::Json(202, {{"deletion_requested", true}});
}

http::Response AddFlat(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  uint64_t building = static_cast<uint64_t>(f.Int("building", true, 1).value_or(0));
  std::string flat = f.Str("flat", {.max_len = 20});
  std::string kw = f.Str("kw_number", {.max_len = 32});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  auto r = id.users.AddFlat(ctx.principal.user_id, building, flat, kw, ActorOf(ctx));
  if (!r.ok()) return http::ErrorResponse(r.error(), ctx);
  return http::Json(201, {{"id", r->registration_id}, {"status", "pending"}});
}

http::Response Sessions(Module& id, http::Context& ctx) {
  Json out = Json::array();
  for (const Session& s : id.auth.ListSessions(ctx.principal.user_id)) {
    out.push_back(SessionJson(s, ctx.principal.session_id));
  }
  return http::Json(200, out);
}

http::Response RevokeSession(Module& id, http::Context& ctx) {
  auto sid = PathId(ctx);
  if (!sid) return http::ErrorResponse(MakeError("session_not_found"), ctx);
  if (auto st = id.auth.RevokeSession(ctx.principal.user_id, *sid, ActorOf(ctx)); !st.ok()) {
    return http::ErrorResponse(st.error(), ctx);
  }
  return NoContent();
}

http::Response ChangePassword(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  std::string current = f.Str("current_password", {.max_len = 1024, .trim = false});
  std::string next = f.Str("new_password", {.max_len = 1024, .trim = false});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  Status st = id.auth.ChangePassword(ctx.principal.user_id, ctx.principal.session_id, current, next, ActorOf(ctx));
  if (!st.ok()) return http::ErrorResponse(st.error(), ctx);
  return http::Json(200, Json::object());
}

http::Response TotpSetupRoute(Module& id, http::Context& ctx) {
  auto r = id.auth.SetupTotp(ctx.principal.user_id);
  if (!r.ok()) return http::ErrorResponse(r.error(), ctx);
  return http::Json(200, {{"secret", r->secret_base32},
                          {"otpauth_uri", r->otpauth_uri},
                          {"qr_data_uri", qr::SvgDataUri(r->otpauth_uri)}});
}

http::Response TotpEnable(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  std::string code = f.Str("code", {.max_len = 16});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (auto st = id.auth.EnableTotp(ctx.principal.user_id, code, ActorOf(ctx)); !st.ok()) {
    return http::ErrorResponse(st.error(), ctx);
  }
  return http::Json(200, {{"totp_enabled", true}});
}

http::Response TotpDisable(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  std::string code = f.Str("code", {.required = false, .max_len = 16});
  std::string password = f.Str("password", {.required = false, .max_len = 1024, .trim = false});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (auto st = id.auth.DisableTotp(ctx.principal.user_id, code, password, ActorOf(ctx)); !st.ok()) {
    return http::ErrorResponse(st.error(), ctx);
  }
  return http::Json(200, {{"totp_enabled", false}});
}

}  // namespace

void AddMeRoutes(http::RouteTable& t, Module& id, roles::Service& roles) {
  auto bind = [&id](http::Response (*fn)(Module&, http::Context&)) {
    return [&id, fn](http::Context& ctx) { return fn(id, ctx); };
  };
  const char* auth = http::kAuthenticated;
  t.Add({"GET", "/api/v1/me", auth, [&id, &roles](http::Context& ctx) { return Me(id, roles, ctx); },
         "The logged-in user: profile, flats, roles, permissions, CSRF token"});
  t.Add({"GET", "/api/v1/me/export", auth, bind(Export), "Download all my data (RODO) as JSON"});
  t.Add({"POST", "/api/v1/me/deletion-request", auth, bind(DeletionRequest), "Ask for my account to be deleted"});
  t.Add({"POST", "/api/v1/me/flats", auth, bind(AddFlat), "Claim another flat (verified by staff)"});
  t.Add({"GET", "/api/v1/me/sessions", auth, bind(Sessions), "My sessions"});
  t.Add({"DELETE", "/api/v1/me/sessions/{id}", auth, bind(RevokeSession), "End one of my sessions"});
  t.Add({"POST", "/api/v1/me/password", auth, bind(ChangePassword), "Change my password (ends other sessions)"});
  t.Add({"PATCH", "/api/v1/me", auth, bind(UpdateProfile), "Change own names, phone or language"});
  t.Add({"POST", "/api/v1/me/totp/setup", auth, bind(TotpSetupRoute), "Start TOTP enrolment"});
  t.Add({"POST", "/api/v1/me/totp/enable", auth, bind(TotpEnable), "Turn TOTP on with a first code"});
  t.Add({"POST", "/api/v1/me/totp/disable", auth, bind(TotpDisable), "Turn TOTP off (code or password)"});
}

}  // namespace osiedle::identity::routes
