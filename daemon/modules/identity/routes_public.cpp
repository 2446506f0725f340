// Public identity routes: buildings for the form, registration, login/logout, password reset.
#include "daemon/modules/identity/routes.hpp"
#include "daemon/modules/identity/routes_util.hpp"

namespace osiedle::identity::routes {

namespace {

// consents: {terms: true, rodo: true, version: "2025-01"}; anything else is consent_required
// (or unknown_field / field_type for a malformed object).
Status ParseConsents(const Json* c, RegistrationInput* in) {
  if (!c || c->is_null()) return MakeError("consent_required", "consents.terms");
  if (!c->is_object()) return MakeError("field_type", "consents");
  for (const auto& [key, value] : c->items()) {
    if (key == "terms" || key == "rodo") {
      if (!value.is_boolean()) return MakeError("field_type", "consents." + key);
      (key == "terms" ? in->consent_terms : in->consent_rodo) = value.get<bool>();
    } else if (key == "version") {
      if (!value.is_string()) return MakeError("field_type", "consents.version");
      in->consents_version = value.get<std::string>().substr(0, 32);
    } else {
      return MakeError("unknown_field", "consents." + key.substr(0, 64));
    }
  }
  return Ok{};
}

http::Response Register(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  RegistrationInput in;
  in.first_name = f.Str("first_name", {.max_len = 100});
  in.last_name = f.Str("last_name", {.max_len = 100});
  in.email = f.Str("email", {.max_len = 254});
  in.phone = f.Str("phone", {.required = false, .max_len = 20});
  in.password = f.Str("password", {.max_len = 1024, .trim = false});
  in.building_id = static_cast<uint64_t>(f.Int("building", true, 1).value_or(0));
  in.flat_number = f.Str("flat", {.max_len = 20});
  // Which proof is required is the service's rule (options.registration_proof); here all are optional.
  in.kw_number = f.Str("kw_number", {.required = false, .max_len = 32});
  in.member_number = f.Str("member_number", {.required = false, .max_len = 32});
  in.letter_code = f.Str("letter_code", {.required = false, .max_len = 32});
  in.lang = f.Str("lang", {.required = false, .max_len = 5});
  const Json* consents = f.Raw("consents", false);
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (auto st = ParseConsents(consents, &in); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (in.lang.empty()) in.lang = ctx.principal.lang;
  auto r = id.users.Register(in, ActorOf(ctx));
  if (!r.ok()) return http::ErrorResponse(r.error(), ctx);
  // "verified" only when approved at once: a valid letter code, or (with auto-approve) a matching proof —
  // the registrant could log in at once anyway. Without auto-approve a KW answer says nothing of the match.
  return http::Json(201, {{"id", r->registration_id},
                          {"status", r->verified ? "approved" : "pending"},
                          {"verified", r->verified}});
}

http::Response Login(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  LoginInput in;
  in.email = f.Str("email", {.max_len = 254});
  in.password = f.Str("password", {.max_len = 1024, .trim = false});
  in.totp = f.Str("totp", {.required = false, .max_len = 16});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  auto r = id.auth.Login(in, ActorOf(ctx));
  if (!r.ok()) {
    http::Response resp = http::ErrorResponse(r.error(), ctx);
    if (r.error().code == "rate_limited") resp.headers.emplace_back("Retry-After", r.error().detail);
    return resp;
  }
  const Options& o = id.auth.options();
  http::Response resp = http::Json(200, {{"user", UserJson(r->user)}, {"csrf_token", r->session.csrf_token}});
  resp.headers.emplace_back("Set-Cookie", SessionCookie(r->token, o.secure_cookies, o.session_absolute_seconds));
  return resp;
}

http::Response Logout(Module& id, http::Context& ctx) {
  (void)id.auth.Logout(ctx.principal.session_id, ActorOf(ctx));
  http::Response resp = NoContent();
  resp.headers.emplace_back("Set-Cookie", ClearedSessionCookie(id.auth.options().secure_cookies));
  return resp;
}

http::Response ResetRequest(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  std::string email = f.Str("email", {.max_len = 254});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  id.auth.RequestPasswordReset(email, ActorOf(ctx));
  return http::Json(202, Json::object());
}

http::Response ResetConfirm(Module& id, http::Context& ctx) {
  auto body = json::ParseObject(ctx.req.body);
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  std::string token = f.Str("token", {.max_len = 128});
  std::string password = f.Str("password", {.max_len = 1024, .trim = false});
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  if (auto st = id.auth.ConfirmPasswordReset(token, password, ActorOf(ctx)); !st.ok()) {
    return http::ErrorResponse(st.error(), ctx);
  }
  return http::Json(200, Json::object());
}

http::Response PublicBuildings(Module& id, http::Context&) {
  Json out = Json::array();
  for (const BuildingView& b : id.registry.ListBuildings(0)) {
    out.push_back({{"id", b.building.id}, {"address", b.building.address}, {"estate", b.estate_name}});
  }
  return http::Json(200, out);
}

}  // namespace

void AddPublicRoutes(http::RouteTable& t, Module& id) {
  auto bind = [&id](http::Response (*fn)(Module&, http::Context&)) {
    return [&id, fn](http::Context& ctx) { return fn(id, ctx); };
  };
  t.Add({"GET", "/api/v1/public/buildings", http::kPublic, bind(PublicBuildings), "Buildings for the sign-up form"});
  t.Add({"POST", "/api/v1/registrations", http::kPublic, bind(Register), "Register as a flat owner"});
  t.Add({"POST", "/api/v1/auth/login", http::kPublic, bind(Login), "Log in; sets the session cookie"});
  t.Add({"POST", "/api/v1/auth/logout", http::kAuthenticated, bind(Logout), "Log out (ends this session)"});
  t.Add({"POST", "/api/v1/auth/password-reset", http::kPublic, bind(ResetRequest), "Mail a password reset link"});
  t.Add({"POST", "/api/v1/auth/password-reset/confirm", http::kPublic, bind(ResetConfirm),
         "Set a new password with a reset link token"});
}

}  // namespace osiedle::identity::routes
