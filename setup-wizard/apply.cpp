#include "setup-wizard/apply.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "daemon/app/app.hpp"
#include "daemon/app/config.hpp"
#include "daemon/app/backup.hpp"
#include "daemon/core/certificate.hpp"
#include "daemon/core/clock.hpp"
#include "daemon/modules/letters/document.hpp"
#include "setup-wizard/steps.hpp"

namespace osiedle::setup {
namespace fs = std::filesystem;

std::string PublicUrl(const State& s) { return "https://" + s.tls.name; }

namespace {

constexpr char kStagingName[] = ".setup-staging";

std::string Site(const Options& o, const State& s) {
  return s.cooperative.logo_file.empty() ? "" : o.data_dir + "/site/" + s.cooperative.logo_file;
}

// Group "osiedle" may read a file (0640 root:osiedle) or enter a directory (0750) when that group exists
// (a packaged box; the wizard runs as root with UMask=0077, osiedled as user osiedle).
void ShareWithDaemon(const std::string& path, unsigned mode = 0640) {
  if (mode == 0750 && path.rfind("/etc/osiedle", 0) != 0) return;  // never re-mode a directory not ours
  if (const group* g = ::getgrnam("osiedle")) {
    if (::chown(path.c_str(), static_cast<uid_t>(-1), g->gr_gid) == 0) ::chmod(path.c_str(), mode);
  }
}

// Everything Apply wrote, so a failure can take it back.
struct Undo {
  std::vector<std::string> files;                          // removed on failure
  std::vector<std::pair<std::string, std::string>> moved;  // (from, to): moved back on failure
  std::string staging;
  void Run() {
    std::error_code ec;
    for (auto it = moved.rbegin(); it != moved.rend(); ++it) fs::rename(it->second, it->first, ec);
    for (const std::string& f : files) fs::remove(f, ec);
    if (!staging.empty()) fs::remove_all(staging, ec);
  }
};

Error Failed(const std::string& what, const std::string& why) {
  return MakeError("apply_failed", "", what + ": " + why);
}

Status Preflight(const Options& o, const State& s) {
  if (s.mode != "new") return MakeError("steps_incomplete", "start");
  for (int i = 1; i < kStepCount; ++i)
    if (!s.StepDone(i)) return MakeError("steps_incomplete", std::to_string(i));
  std::error_code ec;
  if (fs::exists(o.config_out, ec)) return MakeError("already_configured", "", o.config_out);
  if (fs::exists(o.data_dir + "/data.mdb", ec)) return MakeError("data_dir_not_empty", "", o.data_dir);
  return Ok{};
}

// Builds the store in `staging` through App: administrator, flats, letters (into the state dir).
Status BuildStore(const Options& o, State& s, const std::string& staging, Undo& undo) {
  app::Config cfg;
  cfg.data_dir = staging;
  cfg.listen = "0.0.0.0:443";
  cfg.public_url = PublicUrl(s);
  cfg.site_name = s.cooperative.name;
  cfg.site_nip = s.cooperative.nip;
  cfg.registration_proof = s.registration.proof;
  cfg.auto_approve_on_kw_match = s.registration.auto_approve;
  SystemClock clock;
  try {
    app::App app(cfg, clock);
    auto admin = app.identity.users.CreateAdminWithHash(s.admin.email, s.admin.first_name, s.admin.last_name,
                                                        s.admin.password_hash, s.admin.totp_secret);
    if (!admin.ok()) return admin.error();
    if (s.flats.have_csv) {
      auto report = app.identity.registry.ImportFlats(ReadFileOrEmpty(o.state_dir + "/flats.csv"), admin->id);
      if (!report.ok()) return report.error();
    }
    s.applied.letters = false;
    s.applied.letter_count = 0;
    if (s.registration.print_letters && s.flats.have_csv) {
      OSIEDLE_RETURN_IF_ERROR(letters::CheckPdfFonts());  // before codes exist that no letter would carry
      auto issued = app.letters.Issue(letters::Selection{}, Actor{admin->id, "", "osiedle-setup"});
      if (!issued.ok() && issued.error().code != "letters_none") return issued.error();
      if (issued.ok()) {
        letters::Letterhead head{
            s.cooperative.name,    s.cooperative.nip,
            s.cooperative.address, s.cooperative.phone,
            s.cooperative.email,   s.cooperative.logo_file.empty() ? "" : o.state_dir + "/" + s.cooperative.logo_file,
            PublicUrl(s)};
        auto pdf = letters::RenderPdf(head, *issued);
        if (!pdf.ok()) return pdf.error();
        for (auto [name, data] :
             {std::pair<std::string, std::string>{"letters.pdf", *pdf}, {"letters.csv", letters::RenderCsv(*issued)}}) {
          undo.files.push_back(o.state_dir + "/" + name);
          OSIEDLE_RETURN_IF_ERROR(WriteFileAtomic(o.state_dir + "/" + name, data, 0600));
        }
        s.applied.letters = true;
        s.applied.letter_count = issued->size();
      }
    }
  } catch (const std::exception& e) {
    return Failed("store", e.what());
  }
  if (!s.cooperative.logo_file.empty()) {
    std::error_code ec;
    fs::create_directories(staging + "/site", ec);
    fs::copy_file(o.state_dir + "/" + s.cooperative.logo_file, staging + "/site/" + s.cooperative.logo_file,
                  fs::copy_options::overwrite_existing, ec);
    if (ec) return Failed("logo", ec.message());
  }
  return Ok{};
}

// The TLS pair into tls-dir and the backup key (created unless one is already there).
Status WriteSecrets(const Options& o, Undo& undo) {
  certificate::Pair pair{ReadFileOrEmpty(o.state_dir + "/tls-cert.pem"), ReadFileOrEmpty(o.state_dir + "/tls-key.pem")};
  if (pair.cert_pem.empty() || pair.key_pem.empty()) return Failed("tls", "certificate missing in the state dir");
  std::string cert = o.tls_dir + "/cert.pem", key = o.tls_dir + "/key.pem";
  undo.files.push_back(cert);
  undo.files.push_back(key);
  OSIEDLE_RETURN_IF_ERROR(certificate::WritePair(pair, cert, key));
  ShareWithDaemon(o.tls_dir, 0750);
  ShareWithDaemon(key);
  if (!app::backup::ReadKey(o.backup_key_file).ok()) {
    std::error_code ec;
    fs::create_directories(fs::path(o.backup_key_file).parent_path(), ec);
    fs::remove(o.backup_key_file, ec);  // an unreadable or malformed key protects nothing
    undo.files.push_back(o.backup_key_file);
    OSIEDLE_RETURN_IF_ERROR(app::backup::CreateKeyFile(o.backup_key_file));
  }
  ShareWithDaemon(o.backup_key_file);
  return Ok{};
}

// A public domain: the marker osiedle-cert-renew.timer checks (ConditionPathExists=) before running certbot renew.
Status WriteRenewalMarker(const Options& o, const State& s, Undo& undo) {
  if (s.tls.mode != "public") return Ok{};
  std::string marker = (fs::path(o.config_out).parent_path() / "letsencrypt-domain").string();
  undo.files.push_back(marker);
  return WriteFileAtomic(marker, s.tls.name + "\n", 0644);
}

// Moves the staged store's entries into data-dir (which may already hold the ACME webroot).
Status MoveStore(const Options& o, const std::string& staging, Undo& undo) {
  std::error_code ec;
  fs::create_directories(o.data_dir, ec);
  if (ec) return Failed(o.data_dir, ec.message());
  ::chmod(o.data_dir.c_str(), 0700);
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(staging, ec)) entries.push_back(entry.path());
  if (ec) return Failed(staging, ec.message());
  for (const fs::path& from : entries) {
    std::string to = o.data_dir + "/" + from.filename().string();
    if (fs::exists(to)) return Failed(to, "exists");
    fs::rename(from, to, ec);
    if (ec) return Failed(to, ec.message());
    undo.moved.emplace_back(from.string(), to);
  }
  return Ok{};
}

}  // namespace

Result<std::string> ConfigText(const Options& o, const State& s, const std::string& date) {
  SmtpSettings smtp = SmtpOf(s);
  std::vector<std::pair<std::string, std::string>> kv = {
      {"data-dir", o.data_dir},
      {"listen", "0.0.0.0:443"},
      {"http-listen", "0.0.0.0:80"},
      {"public-url", PublicUrl(s)},
      {"tls-cert", o.tls_dir + "/cert.pem"},
      {"tls-key", o.tls_dir + "/key.pem"},
      {"acme-webroot", o.acme_webroot},
      {"site-name", s.cooperative.name},
      {"site-nip", s.cooperative.nip},
      {"site-logo", Site(o, s)},
      {"office-phone", s.cooperative.phone},
      {"office-email", s.cooperative.email},
      {"office-address", s.cooperative.address},
      {"smtp-url", smtp.url},
      {"smtp-user", smtp.user},
      {"smtp-password", smtp.password},
      {"smtp-from", smtp.from.empty() ? s.cooperative.name + " <" + s.cooperative.email + ">" : smtp.from},
      {"smtp-starttls", smtp.starttls ? "true" : "false"},
      {"registration-proof", s.registration.proof},
      {"auto-approve-on-match", s.registration.auto_approve ? "true" : "false"},
      {"backup-key-file", o.backup_key_file},
  };
  std::string out = "# /etc/osiedle/osiedle.conf — written by osiedle-setup on " + date +
                    ".\n# Every option is explained in /usr/share/doc/osiedle/osiedle.conf.example.\n"
                    "# After a change: systemctl restart osiedled\n\n";
  for (const auto& [key, value] : kv) {
    if (value.find_first_of("#\r\n") != std::string::npos) return MakeError("config_value_invalid", key);
    if (value.empty()) continue;
    out += key + " = " + value + "\n";
  }
  return out;
}

Status Apply(const Options& o, State& s) {
  if (s.applied.done) return Ok{};
  OSIEDLE_RETURN_IF_ERROR(Preflight(o, s));
  auto text = ConfigText(o, s, FormatIsoUtc(SystemClock().NowUnix()));
  if (!text.ok()) return text.error();
  Undo undo;
  std::string tmp = o.config_out + ".tmp";
  std::error_code ec;
  fs::create_directories(fs::path(o.config_out).parent_path(), ec);
  undo.files.push_back(tmp);
  if (auto w = WriteFileAtomic(tmp, *text, 0640); !w.ok()) {
    undo.Run();
    return MakeError("config_dir_unwritable", "", w.error().detail);
  }
  ShareWithDaemon(tmp);
  ShareWithDaemon(fs::path(o.config_out).parent_path().string(), 0750);
  // Inside data-dir, so the final moves are renames on one file system and the unit's ProtectSystem=strict
  // (writable: /var/lib/osiedle, not /var/lib) allows it.
  undo.staging = o.data_dir + "/" + kStagingName;
  fs::remove_all(undo.staging, ec);
  fs::create_directories(undo.staging, ec);
  State attempt = s;
  Status st = ec ? Status(Failed(undo.staging, ec.message())) : Status(Ok{});
  if (st.ok()) st = BuildStore(o, attempt, undo.staging, undo);
  if (st.ok()) st = WriteSecrets(o, undo);
  if (st.ok()) st = WriteRenewalMarker(o, attempt, undo);
  if (st.ok()) st = MoveStore(o, undo.staging, undo);
  if (st.ok() && ::rename(tmp.c_str(), o.config_out.c_str()) != 0) st = Failed(o.config_out, std::strerror(errno));
  if (!st.ok()) {
    undo.Run();
    return st;
  }
  fs::remove_all(undo.staging, ec);
  int dfd = ::open(fs::path(o.config_out).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  s = attempt;
  s.applied.done = true;
  s.applied.public_url = PublicUrl(s);
  s.applied.at = FormatIsoUtc(SystemClock().NowUnix());
  return Ok{};
}

namespace {

// The host of "https://host[:port][/...]".
std::string HostOf(const std::string& url) {
  std::string rest = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
  return rest.substr(0, rest.find_first_of(":/?#"));
}

}  // namespace

Result<std::string> CompleteRestore(const Options& o, const std::string& key) {
  // The key the installer just typed is the one the backups are made with: keep using it.
  if (!app::backup::ReadKey(o.backup_key_file).ok()) {
    std::error_code ec;
    fs::create_directories(fs::path(o.backup_key_file).parent_path(), ec);
    OSIEDLE_RETURN_IF_ERROR(WriteFileAtomic(o.backup_key_file, app::backup::KeyText(key) + "\n", 0640));
    ShareWithDaemon(o.backup_key_file);
  }
  if (!fs::exists(o.config_out)) return std::string();  // an archive without a config: nothing more to mend
  std::string config_path = o.config_out;
  const char* argv[] = {"osiedle-setup", "check", "--config", config_path.c_str()};
  auto cfg = app::ParseConfig(4, const_cast<char**>(argv));
  if (!cfg.ok()) return Failed(o.config_out, cfg.error().detail);
  if (cfg->tls_cert.empty() || (fs::exists(cfg->tls_cert) && fs::exists(cfg->tls_key))) return std::string();
  // The certificate stayed on the old box: a new self-signed one for the same name lets the portal start; a
  // public domain gets its trusted certificate again with certbot (docs/INSTALL.md).
  const std::string host = HostOf(cfg->public_url);
  if (!certificate::IsValidDnsName(host)) return Failed("tls", "public-url has no host name: " + cfg->public_url);
  auto pair = certificate::MakeSelfSigned(host, certificate::kMaxDays);
  if (!pair.ok()) return pair.error();
  OSIEDLE_RETURN_IF_ERROR(certificate::WritePair(*pair, cfg->tls_cert, cfg->tls_key));
  ShareWithDaemon(fs::path(cfg->tls_key).parent_path().string(), 0750);
  ShareWithDaemon(cfg->tls_key);
  return certificate::Fingerprint(pair->cert_pem);
}

}  // namespace osiedle::setup
