#include "daemon/app/app.hpp"

#include <fstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "daemon/app/home.hpp"
#include "daemon/http/response.hpp"
#include "daemon/modules/ads/routes.hpp"
#include "daemon/modules/audit/routes.hpp"
#include "daemon/modules/contractors/routes.hpp"
#include "daemon/modules/documents/routes.hpp"
#include "daemon/modules/groups/routes.hpp"
#include "daemon/modules/identity/routes.hpp"
#include "daemon/modules/information/routes.hpp"
#include "daemon/modules/letters/routes.hpp"
#include "daemon/modules/news/routes.hpp"
#include "daemon/modules/outages/routes.hpp"
#include "daemon/modules/outbox/routes.hpp"
#include "daemon/modules/roles/routes.hpp"
#include "daemon/modules/uploads/routes.hpp"

namespace osiedle::app {

extern const char kOpenApiJson[];  // generated from daemon/http/openapi.json at build time

namespace {

constexpr const char* kLogoPath = "/api/v1/public/site/logo";
constexpr size_t kMaxLogoBytes = 5 << 20;

// Up to `max` bytes from the start of the file; "" when there is no path or it cannot be read.
std::string ReadHead(const std::string& path, size_t max) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string out(max, '\0');
  in.read(out.data(), static_cast<std::streamsize>(max));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

// The logo's type by content, never by name: "image/png", "image/jpeg", or "" for anything else.
std::string LogoType(std::string_view head) {
  if (head.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  if (head.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
  return "";
}

}  // namespace

identity::Options IdentityOptions(const Config& cfg) {
  identity::Options o;
  o.public_url = cfg.public_url.empty() ? std::string(cfg.tls_cert.empty() ? "http://" : "https://") + cfg.listen
                                        : cfg.public_url;
  while (!o.public_url.empty() && o.public_url.back() == '/') o.public_url.pop_back();
  o.registration_proof = cfg.registration_proof;
  o.auto_approve_on_kw_match = cfg.auto_approve_on_kw_match;
  o.require_totp_for_staff = cfg.require_totp_for_staff;
  o.secure_cookies = !cfg.tls_cert.empty();
  o.session_idle_seconds = static_cast<int64_t>(cfg.session_idle_minutes) * 60;
  o.session_absolute_seconds = static_cast<int64_t>(cfg.session_absolute_days) * 86400;
  return o;
}

App::App(const Config& c, const Clock& clk, const storage::EnvOptions& env_options, std::optional<identity::Options> id_options)
    : cfg(c),
      clock(clk),
      env(storage::Env::Open(c.data_dir, env_options)),
      files(c.data_dir + "/files"),
      audit(*env, clock),
      outbox(*env, clock),
      roles(*env),
      identity(*env, clock, roles, audit, outbox, id_options ? std::move(*id_options) : IdentityOptions(c)),
      directory(identity.users, roles),
      groups(*env, directory, clock),
      uploads(*env, files, clock),
      contractors(*env, clock, audit),
      news(*env, clock, groups, audit),
      outages(*env, clock, identity.users, audit),
      documents(*env, clock, groups, audit, uploads),
      information(*env, clock, groups, roles, audit),
      letters(*env, clock, identity.users, audit, identity.auth.options().public_url),
      ads(*env, clock, groups, audit, uploads) {
  env->Migrate(Migrations(*this));
  // Identity lists users by group and shows a user's groups; groups are evaluated here, outside
  // identity, so the dependency keeps pointing down (groups → identity).
  identity.users.SetGroupHooks(
      [this](uint64_t group, uint64_t user) {
        return env->View([&](const storage::ReadTxn& t) {
          auto r = groups.IsMember(t, group, user);
          return r.ok() && *r;
        });
      },
      [this](uint64_t user) {
        return env->View([&](const storage::ReadTxn& t) { return groups.GroupsOf(t, user); });
      });
  // A registration with a letter code is checked and consumed by the letters module, inside identity's
  // transactions (letters → identity, so identity only sees these functions).
  identity.users.SetLetterHooks(
      {[this](const storage::ReadTxn& t, uint64_t flat, std::string_view code) {
         return letters.IsValid(t, flat, code);
       },
       [this](storage::WriteTxn& t, uint64_t flat, std::string_view code, uint64_t user) {
         return letters.Consume(t, flat, code, user);
       }});
}

letters::Letterhead App::Letterhead() const {
  letters::Letterhead h;
  h.name = cfg.demo && cfg.site_name == "Osiedle" ? "SM Lazurowa (demo)" : cfg.site_name;  // the demo's name
  h.nip = cfg.site_nip;
  h.address = cfg.office_address;
  h.phone = cfg.office_phone;
  h.email = cfg.office_email;
  h.logo_path = cfg.site_logo;
  h.public_url = letters.public_url();
  return h;
}

void App::RegisterRoutes() {
  identity::RegisterRoutes(routes, identity, roles);
  roles::RegisterRoutes(routes, roles, audit);
  groups::RegisterRoutes(routes, groups, audit);
  audit::RegisterRoutes(routes, audit);
  outbox::RegisterRoutes(routes, outbox);
  uploads::RegisterRoutes(routes, uploads);
  contractors::RegisterRoutes(routes, contractors);
  news::RegisterRoutes(routes, news);
  outages::RegisterRoutes(routes, outages);
  documents::RegisterRoutes(routes, documents);
  information::RegisterRoutes(routes, information);
  ads::RegisterRoutes(routes, ads);
  letters::RegisterRoutes(routes, letters, Letterhead());
  RegisterHomeRoute(*this);

  routes.Add({"GET", "/healthz", http::kPublic,
              [](http::Context&) { return http::Json(200, {{"status", "ok"}}); }, "liveness check"});
  routes.Add({"GET", "/api/v1/public/site", http::kPublic,
              [this](http::Context&) {
                const bool logo = !LogoType(ReadHead(cfg.site_logo, 8)).empty();
                return http::Json(200, {{"name", Letterhead().name},
                                        {"nip", cfg.site_nip},
                                        {"logo_url", logo ? nlohmann::json(kLogoPath) : nlohmann::json(nullptr)},
                                        {"registration", {{"proof", cfg.registration_proof}}},
                                        {"office",
                                         {{"phone", cfg.office_phone},
                                          {"email", cfg.office_email},
                                          {"address", cfg.office_address},
                                          {"hours", cfg.office_hours}}}});
              },
              "the cooperative's name, NIP, logo, office contact and registration proof (for the portal)"});
  routes.Add({"GET", kLogoPath, http::kPublic,
              [this](http::Context& ctx) {
                http::Response r;
                r.body = ReadHead(cfg.site_logo, kMaxLogoBytes + 1);
                r.content_type = r.body.size() > kMaxLogoBytes ? "" : LogoType(r.body);
                if (r.content_type.empty()) return http::ErrorResponse(MakeError("not_found"), ctx);
                r.headers.emplace_back("Cache-Control", "public, max-age=3600");
                r.headers.emplace_back("X-Content-Type-Options", "nosniff");
                return r;
              },
              "the cooperative's logo (PNG or JPEG, by content); 404 when none is configured"});
  routes.Add({"GET", "/api/v1/openapi.json", http::kPublic,
              [](http::Context&) {
                http::Response r;
                r.body = kOpenApiJson;
                return r;
              },
              "the API contract (OpenAPI 3)"});
}

std::vector<storage::Migration> Migrations(App& app) {
  return {
      {"roles: built-in roles Administrator, Pracownik, Mieszkaniec",
       [&app](storage::WriteTxn& t) { app.roles.SeedBuiltins(t); }},
      {"contractors: default categories (elektryk, hydraulik, ...)",
       [&app](storage::WriteTxn& t) { app.contractors.Seed(t); }},
      {"documents: default categories (statut, regulaminy, uchwały, ...)",
       [&app](storage::WriteTxn& t) { app.documents.Seed(t); }},
      {"roles: Pracownik gains information:manage, ads:manage, uploads:create",
       [&app](storage::WriteTxn& t) {
         app.roles.Grant(t, roles::kStaff, {"information:manage", "ads:manage", "uploads:create"});
       }},
      {"roles: Pracownik gains letters:manage",
       [&app](storage::WriteTxn& t) { app.roles.Grant(t, roles::kStaff, {"letters:manage"}); }},
  };
}

}  // namespace osiedle::app
