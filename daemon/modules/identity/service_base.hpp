#pragma once
// What identity::Service and AuthService share: their collaborators, the options and the builder
// of the audit entries they append. Not used outside the identity module.
#include <cstdint>
#include <string>
#include <utility>

#include "daemon/core/clock.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/options.hpp"
#include "daemon/modules/identity/store.hpp"
#include "daemon/modules/outbox/service.hpp"
#include "daemon/modules/roles/service.hpp"

namespace osiedle::identity {

class ServiceBase {
 protected:
  ServiceBase(Store& store, roles::Service& roles, audit::Service& audit, outbox::Service& outbox, const Clock& clock,
              Options options)
      : store_(store), roles_(roles), audit_(audit), outbox_(outbox), clock_(clock), options_(std::move(options)) {}

  // An entry by `actor` (its id, address and user agent) about `subject`'s `target_type`/`target_id`.
  audit::Entry Audit(const Actor& actor, std::string action, std::string target_type, uint64_t target_id,
                     uint64_t subject, std::string detail = {}) const {
    audit::Entry e;
    e.actor_id = actor.user_id;
    e.action = std::move(action);
    e.target_type = std::move(target_type);
    e.target_id = target_id;
    e.subject_user_id = subject;
    e.detail = std::move(detail);
    e.ip = actor.ip;
    e.user_agent = actor.user_agent;
    return e;
  }

  Store& store_;
  roles::Service& roles_;
  audit::Service& audit_;
  outbox::Service& outbox_;
  const Clock& clock_;
  Options options_;
};

}  // namespace osiedle::identity
