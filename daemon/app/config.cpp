#include "daemon/app/config.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace osiedle::app {
namespace po = boost::program_options;

std::string Config::ListenHost() const { return listen.substr(0, listen.rfind(':')); }

uint16_t Config::ListenPort() const { return static_cast<uint16_t>(std::stoi(listen.substr(listen.rfind(':') + 1))); }

namespace {

po::options_description Options(Config& c) {
  po::options_description server("Server");
  server.add_options()
      ("data-dir", po::value(&c.data_dir)->default_value(c.data_dir), "store directory (LMDB + uploaded files)")
      ("listen", po::value(&c.listen)->default_value(c.listen), "HOST:PORT to serve on; port 0 = any free port")
      ("web-dir", po::value(&c.web_dir), "directory of the web apps (portal/, admin/, kiosk/, common/)")
      ("public-url", po::value(&c.public_url), "address residents use, for links in mails")
      ("threads", po::value(&c.threads)->default_value(c.threads), "HTTP worker threads")
      ("tls-cert", po::value(&c.tls_cert), "PEM certificate chain; with tls-key serves HTTPS")
      ("tls-key", po::value(&c.tls_key), "PEM private key")
      ("http-listen", po::value(&c.http_listen), "plain-HTTP HOST:PORT for ACME challenges and redirects to HTTPS")
      ("acme-webroot", po::value(&c.acme_webroot), "certbot --webroot directory served under /.well-known/acme-challenge/")
      ("max-request-bytes", po::value(&c.max_request_bytes)->default_value(c.max_request_bytes),
       "largest request accepted at all (routes have smaller limits)")
      ("header-timeout", po::value(&c.header_timeout_s)->default_value(c.header_timeout_s), "seconds")
      ("body-timeout", po::value(&c.body_timeout_s)->default_value(c.body_timeout_s), "seconds")
      ("keepalive-timeout", po::value(&c.keepalive_timeout_s)->default_value(c.keepalive_timeout_s), "seconds")
      ("log-level", po::value(&c.log_level)->default_value(c.log_level), "trace|debug|info|warn|error");
  po::options_description site("Cooperative");
  site.add_options()
      ("site-name", po::value(&c.site_name)->default_value(c.site_name), "the cooperative's name on every page")
      ("site-nip", po::value(&c.site_nip), "the cooperative's NIP (tax id)")
      ("site-logo", po::value(&c.site_logo), "PNG or JPEG logo file")
      ("office-phone", po::value(&c.office_phone), "office phone shown to residents")
      ("office-email", po::value(&c.office_email), "office e-mail shown to residents")
      ("office-address", po::value(&c.office_address), "office address")
      ("office-hours", po::value(&c.office_hours), "office opening hours");
  po::options_description mail("Mail");
  mail.add_options()
      ("smtp-url", po::value(&c.smtp_url), "smtp://host:587 or smtps://host:465; empty = mail stays queued")
      ("smtp-user", po::value(&c.smtp_user), "SMTP login")
      ("smtp-password", po::value(&c.smtp_password), "SMTP password")
      ("smtp-from", po::value(&c.smtp_from)->default_value(c.smtp_from), "From: header")
      ("smtp-starttls", po::value(&c.smtp_starttls)->default_value(c.smtp_starttls), "require STARTTLS")
      ("smtp-verify-tls", po::value(&c.smtp_verify_tls)->default_value(c.smtp_verify_tls), "verify the certificate");
  po::options_description acc("Accounts");
  acc.add_options()
      ("registration-proof", po::value(&c.registration_proof)->default_value(c.registration_proof),
       "proof of ownership asked at sign-up: kw | member-number | letter-code")
      ("auto-approve-on-match", po::value(&c.auto_approve_on_kw_match)->default_value(c.auto_approve_on_kw_match),
       "approve a registration at once when its proof matches the register")
      ("auto-approve-on-kw-match", po::bool_switch(&c.auto_approve_on_kw_match_old_name),
       "old name of auto-approve-on-match")
      ("require-totp-for-staff", po::bool_switch(&c.require_totp_for_staff), "staff must enrol TOTP")
      ("session-idle-minutes", po::value(&c.session_idle_minutes)->default_value(c.session_idle_minutes), "")
      ("session-absolute-days", po::value(&c.session_absolute_days)->default_value(c.session_absolute_days), "")
      ("max-concurrent-password-hashes",
       po::value(&c.max_concurrent_password_hashes)->default_value(c.max_concurrent_password_hashes),
       "argon2id hashes at once (64 MiB each)");
  po::options_description backup("Backups");
  backup.add_options()
      ("backup-dir", po::value(&c.backup_dir)->default_value(c.backup_dir), "where encrypted backups are written")
      ("backup-keep", po::value(&c.backup_keep)->default_value(c.backup_keep), "backups kept in backup-dir")
      ("backup-key-file", po::value(&c.backup_key_file)->default_value(c.backup_key_file),
       "backup key (hex); create with osiedled backup-key");
  po::options_description all;
  all.add(server).add(site).add(mail).add(acc).add(backup);
  return all;
}

po::options_description CliOnly(Config& c) {
  po::options_description cli("Command line");
  cli.add_options()
      ("help,h", "this text")
      ("config", po::value(&c.config_file), "config file (default /etc/osiedle/osiedle.conf if present)")
      ("demo", po::bool_switch(&c.demo), "serve: seed the demo cooperative if the store is empty")
      ("email", po::value(&c.email), "create-admin: e-mail")
      ("name", po::value(&c.name), "create-admin: \"First Last\"; make-cert: the box's DNS name")
      ("to", po::value(&c.backup_to), "backup: output file (default: a dated file in backup-dir)")
      ("from", po::value(&c.restore_from), "restore, verify-backup: backup file (.osbak)")
      ("key-text", po::bool_switch(&c.key_text), "restore, verify-backup: type the key (stdin), not backup-key-file")
      ("config-out", po::value(&c.config_out), "restore: also write the backup's config file here")
      ("flats", po::value(&c.scale_flats)->default_value(c.scale_flats), "demo-scale: flats")
      ("accounts", po::value(&c.scale_accounts)->default_value(c.scale_accounts), "demo-scale: accounts")
      ("news", po::value(&c.scale_news)->default_value(c.scale_news), "demo-scale: news items")
      ("contractors", po::value(&c.scale_contractors)->default_value(c.scale_contractors), "demo-scale: contractors")
      ("documents", po::value(&c.scale_documents)->default_value(c.scale_documents), "demo-scale: documents")
      ("command", po::value(&c.command), "")
      ("args", po::value(&c.args), "");
  return cli;
}

constexpr char kUsage[] =
    "usage: osiedled [COMMAND] [OPTIONS]\n"
    "commands:\n"
    "  serve          run the daemon (default)\n"
    "  create-admin   --email E --name \"First Last\" (password on stdin)\n"
    "  import-flats   FILE.csv\n"
    "  backup         [--to FILE] encrypted backup (default: into backup-dir, keeping backup-keep copies)\n"
    "  backup-key     create backup-key-file and print the emergency kit\n"
    "  restore        --from FILE [--key-text] [--config-out FILE] (osiedled must be stopped)\n"
    "  verify-backup  --from FILE [--key-text] check a backup completely without restoring it\n"
    "  make-cert      --name HOST.lan: a self-signed certificate into tls-cert/tls-key (825 days)\n"
    "  check          verify the store and the audit chain\n"
    "  routes         print the route table (JSON lines)\n"
    "  demo-scale     --flats N --accounts N --news N --contractors N --documents N (benchmark store)\n";

}  // namespace

Result<Config> ParseConfig(int argc, char** argv) {
  Config c;
  auto file_opts = Options(c);
  auto cli = CliOnly(c);
  po::options_description visible;
  visible.add(file_opts).add(cli);
  po::positional_options_description pos;
  pos.add("command", 1).add("args", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(visible).positional(pos).run(), vm);
    std::string file;
    if (vm.count("config")) {
      file = vm["config"].as<std::string>();
      if (!std::filesystem::exists(file)) return MakeError("config_invalid", "config", "no such file: " + file);
    } else if (std::filesystem::exists("/etc/osiedle/osiedle.conf")) {
      file = "/etc/osiedle/osiedle.conf";
    }
    if (!file.empty()) {
      std::ifstream in(file);
      po::store(po::parse_config_file(in, file_opts), vm);
    }
    if (vm.count("help")) {
      std::ostringstream out;
      out << kUsage << visible;
      return MakeError("help", "", out.str());
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return MakeError("config_invalid", "", e.what());
  }
  auto colon = c.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return MakeError("config_invalid", "listen", "expected HOST:PORT");
  try {
    int port = std::stoi(c.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
  } catch (const std::exception&) {
    return MakeError("config_invalid", "listen", "bad port in " + c.listen);
  }
  if (c.threads < 1 || c.threads > 64) return MakeError("config_invalid", "threads", "1..64");
  c.auto_approve_on_kw_match = c.auto_approve_on_kw_match || c.auto_approve_on_kw_match_old_name;
  if (c.registration_proof != "kw" && c.registration_proof != "member-number" && c.registration_proof != "letter-code")
    return MakeError("config_invalid", "registration-proof", "kw, member-number or letter-code");
  if (c.backup_keep < 1 || c.backup_keep > 1000) return MakeError("config_invalid", "backup-keep", "1..1000");
  if (c.tls_cert.empty() != c.tls_key.empty())
    return MakeError("config_invalid", "tls-cert", "tls-cert and tls-key go together");
  return c;
}

}  // namespace osiedle::app
