#pragma once
// osiedled's configuration: command line over config file over defaults.
// Every option is documented, with its default, in systemd/osiedle.conf.example.
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/result.hpp"

namespace osiedle::app {

struct Config {
  // serve | create-admin | import-flats | backup | backup-key | restore | verify-backup | make-cert | check | routes |
  // demo-scale
  std::string command = "serve";
  std::vector<std::string> args;  // positional arguments after the command
  std::string config_file;

  std::string data_dir = "/var/lib/osiedle";
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;  // empty = <exe dir>/../share/osiedle/web or the source tree's daemon/web
  std::string public_url;  // https://portal.example.pl; used in mails; empty = http://<listen>
  int threads = 2;  // HTTP worker threads (Pistache reactors)
  std::string tls_cert;
  std::string tls_key;
  // Plain-HTTP listener beside an HTTPS `listen` (HOST:PORT, e.g. 0.0.0.0:80): answers ACME
  // challenges from acme_webroot and redirects everything else to public_url. Empty = none.
  std::string http_listen;
  // certbot --webroot directory; /.well-known/acme-challenge/<token> is served from
  // <acme_webroot>/.well-known/acme-challenge/. Empty = no challenges served.
  std::string acme_webroot;
  uint64_t max_request_bytes = 32ull << 20;
  int header_timeout_s = 10;
  int body_timeout_s = 60;
  int keepalive_timeout_s = 75;

  // What residents see: the cooperative's name and how to reach its office.
  std::string site_name = "Osiedle";
  std::string site_nip;   // 10 digits, shown in letters and the portal footer
  std::string site_logo;  // PNG or JPEG file; served at /api/v1/public/site/logo; empty = none
  std::string office_phone;
  std::string office_email;
  std::string office_address;
  std::string office_hours;

  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password;
  std::string smtp_from = "Osiedle <noreply@localhost>";
  bool smtp_starttls = false;
  bool smtp_verify_tls = true;

  // Proof of ownership the sign-up form asks for: "kw" (land-register number), "member-number"
  // (cooperative member number) or "letter-code" (the one-time code from a registration letter).
  // A valid letter code is accepted whatever this says and verifies the owner at once.
  std::string registration_proof = "kw";
  // Approve a registration at once when its proof (KW or member number) matches the register.
  // (auto-approve-on-kw-match is the old name of the same setting.)
  bool auto_approve_on_kw_match = false;
  bool auto_approve_on_kw_match_old_name = false;  // folded into the above by ParseConfig
  bool require_totp_for_staff = false;
  int session_idle_minutes = 480;
  int session_absolute_days = 30;
  int max_concurrent_password_hashes = 2;
  std::string log_level = "info";
  bool demo = false;

  // Encrypted backups (osiedled backup, the nightly timer): where they go, how many to keep, and the
  // key file (32 random bytes, hex; created by `osiedled backup-key`).
  std::string backup_dir = "/var/backups/osiedle";
  int backup_keep = 14;
  std::string backup_key_file = "/etc/osiedle/backup.key";

  // create-admin / import-flats / backup / restore / verify-backup / demo-scale
  std::string email;
  std::string name;
  std::string backup_to;
  std::string restore_from;
  bool key_text = false;   // restore / verify-backup: the key is typed on stdin instead of read from backup_key_file
  std::string config_out;  // restore: also write the archived config file here
  int scale_flats = 20000;
  int scale_accounts = 40000;
  int scale_news = 10000;
  int scale_contractors = 2000;
  int scale_documents = 5000;

  // Split "host:port". REQUIRES: listen was validated by ParseConfig.
  std::string ListenHost() const;
  uint16_t ListenPort() const;
};

// Parses argv (first positional = command) and the config file (--config, or
// /etc/osiedle/osiedle.conf when it exists and no --config is given). Returns the text to print
// and exit code 0 for --help via Error{"help", "", text}; other errors: Error{"config_invalid", option, message}.
Result<Config> ParseConfig(int argc, char** argv);

}  // namespace osiedle::app
