#pragma once
// The assembled daemon: the store, every module's service and the route table, built in
// dependency order. Used by `serve` and by the admin command line alike, so both go through the
// same service functions.
#include <memory>
#include <optional>

#include "daemon/app/config.hpp"
#include "daemon/core/clock.hpp"
#include "daemon/core/file_store.hpp"
#include "daemon/http/types.hpp"
#include "daemon/modules/ads/service.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/contractors/service.hpp"
#include "daemon/modules/documents/service.hpp"
#include "daemon/modules/groups/identity_directory.hpp"
#include "daemon/modules/groups/service.hpp"
#include "daemon/modules/identity/module.hpp"
#include "daemon/modules/information/service.hpp"
#include "daemon/modules/letters/document.hpp"
#include "daemon/modules/letters/service.hpp"
#include "daemon/modules/news/service.hpp"
#include "daemon/modules/outages/service.hpp"
#include "daemon/modules/outbox/service.hpp"
#include "daemon/modules/roles/service.hpp"
#include "daemon/modules/uploads/service.hpp"
#include "storage/env.hpp"

namespace osiedle::app {

// The identity options osiedled derives from its configuration.
identity::Options IdentityOptions(const Config& cfg);

struct App {
  // Opens (creating) the store in cfg.data_dir and applies pending migrations. identity_options
  // default to IdentityOptions(cfg).
  // Throws storage::StorageError when the store cannot be opened.
  App(const Config& cfg, const Clock& clock, const storage::EnvOptions& env_options = {},
      std::optional<identity::Options> identity_options = std::nullopt);

  // Fills `routes` with every module's routes and the system routes (/healthz, openapi.json).
  void RegisterRoutes();
  // The cooperative's header for registration letters (name, NIP, office address and contact, logo, portal URL).
  letters::Letterhead Letterhead() const;

  const Config& cfg;
  const Clock& clock;
  std::unique_ptr<storage::Env> env;
  FileStore files;  // uploaded files, content-addressed, under <data-dir>/files
  audit::Service audit;
  outbox::Service outbox;
  roles::Service roles;
  identity::Module identity;
  groups::IdentityDirectory<identity::Service> directory;
  groups::Service groups;
  uploads::Service uploads;
  contractors::Service contractors;
  news::Service news;
  outages::Service outages;
  documents::Service documents;  // serve() starts its download-count flusher; destroyed (flushed) before env
  information::Service information;
  letters::Service letters;
  ads::Service ads;  // serve() calls ads.Start() for the impression flusher; destroyed (flushed) before env
  http::RouteTable routes;
};

// The append-only schema history (its length is the schema version). Never reorder or remove.
std::vector<storage::Migration> Migrations(App& app);

}  // namespace osiedle::app
