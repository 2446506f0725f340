#pragma once
// Test fixture for the identity module: temp LMDB, FakeClock, real roles/audit/outbox services and
// a cheap password hasher (argon2id itself is exercised in one test).
#include <memory>
#include <string>

#include "daemon/core/crypto.hpp"
#include "daemon/core/kw.hpp"
#include "daemon/modules/identity/module.hpp"
#include "storage/env.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::identity::testing {

inline PasswordHasher FastHasher() {
  return {[](std::string_view p) { return "fast:" + std::string(p); },
          [](std::string_view p, const std::string& h) { return h == "fast:" + std::string(p); }};
}

inline Options TestOptions() {
  Options o;
  o.public_url = "https://portal.test";
  o.hasher = FastHasher();
  return o;
}

inline Actor As(uint64_t user_id) { return Actor{user_id, "", ""}; }

inline const std::string kPassword = "bardzo-tajne-haslo";

struct Fixture {
  explicit Fixture(Options o = TestOptions())
      : env(storage::Env::Open(dir.path())),
        roles(*env),
        audit(*env, clock),
        outbox(*env, clock),
        id(*env, clock, roles, audit, outbox, o) {
    crypto::InitCrypto();
    (void)env->Update([&](storage::WriteTxn& t) -> Status {
      roles.SeedBuiltins(t);
      return Ok{};
    });
  }

  // Imports "Lazurowa 12" flats 1..n (flat k has KW WA4M/0000000k/?) in estate "Lazurowa".
  void SeedFlats(int n = 3) {
    std::string csv = "osiedle;budynek;lokal;kw\n";
    for (int k = 1; k <= n; ++k) csv += "Lazurowa;Lazurowa 12;" + std::to_string(k) + ";" + Kw(k) + "\n";
    auto r = id.registry.ImportFlats(csv, 0);
    if (!r.ok() || r->imported != static_cast<uint64_t>(n)) throw std::runtime_error("seed failed");
  }
  static std::string Kw(int k) { return kw::Make("WA4M", static_cast<uint32_t>(k)); }

  uint64_t BuildingId(const std::string& address = "Lazurowa 12") {
    return env->View([&](const storage::ReadTxn& t) { return id.store.FindBuildingAnyEstate(t, address).value_or(0); });
  }

  RegistrationInput Input(const std::string& email, int flat, const std::string& kw) {
    RegistrationInput in;
    in.first_name = "Anna";
    in.last_name = "Kowalska";
    in.email = email;
    in.phone = "+48 600 100 200";
    in.password = kPassword;
    in.building_id = BuildingId();
    in.flat_number = std::to_string(flat);
    in.kw_number = kw;
    in.consent_terms = true;
    in.consent_rodo = true;
    in.consents_version = kConsentsVersion;
    return in;
  }

  // Registers and approves; returns the user id.
  uint64_t ActiveResident(const std::string& email, int flat) {
    auto r = id.users.Register(Input(email, flat, Kw(flat)), Actor{});
    if (!r.ok()) throw std::runtime_error("register failed: " + r.error().code);
    if (!id.users.Approve(r->registration_id, Actor{}).ok()) throw std::runtime_error("approve failed");
    return r->user_id;
  }

  User GetUser(uint64_t uid) {
    return env->View([&](const storage::ReadTxn& t) { return id.store.GetUser(t, uid).value(); });
  }

  std::vector<outbox::Message> Mails() { return outbox.Recent(100); }

  osiedle::testing::TempDir dir{"identity_test"};
  FakeClock clock;
  std::unique_ptr<storage::Env> env;
  roles::Service roles;
  audit::Service audit;
  outbox::Service outbox;
  Module id;
};

}  // namespace osiedle::identity::testing
