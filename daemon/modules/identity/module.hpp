#pragma once
// The identity module assembled: one object for osiedled to construct at start-up.
//   identity::Module identity(env, clock, roles, audit, outbox, options);
//   identity::RegisterRoutes(table, identity, audit);
#include "daemon/modules/identity/auth_service.hpp"
#include "daemon/modules/identity/registry_service.hpp"
#include "daemon/modules/identity/service.hpp"
#include "daemon/modules/identity/store.hpp"

namespace osiedle::identity {

struct Module {
  // Opens the identity tables. REQUIRES: called at start-up; the arguments outlive the Module.
  Module(storage::Env& env, const Clock& clock, roles::Service& roles, audit::Service& audit, outbox::Service& outbox,
         const Options& options)
      : store(env),
        registry(store, audit),
        users(store, roles, audit, outbox, clock, options),
        auth(store, roles, audit, outbox, clock, options) {}

  Store store;
  RegistryService registry;
  Service users;  // users and registrations (what the groups module reads)
  AuthService auth;
};

}  // namespace osiedle::identity
