#pragma once
// osiedle-setup's command line (see main.cpp for the help text of each).
#include <string>

namespace osiedle::setup {

struct Options {
  std::string listen = "0.0.0.0:80";
  std::string state_dir = "/var/lib/osiedle-setup";
  std::string config_out = "/etc/osiedle/osiedle.conf";
  std::string data_dir = "/var/lib/osiedle";
  std::string tls_dir = "/etc/osiedle/tls";
  std::string backup_key_file = "/etc/osiedle/backup.key";
  std::string acme_webroot = "/var/lib/osiedle/acme";
  std::string issue_file = "/run/issue.d/osiedle-setup.issue";
  std::string certbot = "/usr/bin/certbot";
  std::string letsencrypt_live = "/etc/letsencrypt/live";  // where certbot leaves <domain>/fullchain.pem
  // certbot remembers this hook for every renewal: it copies the new pair into tls-dir and reloads osiedled.
  std::string cert_deploy_hook = "/usr/lib/osiedle/cert-deploy";
  std::string assets_dir;  // setup.css; empty = found next to the binary or in the source tree
};

}  // namespace osiedle::setup
