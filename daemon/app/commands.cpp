// The admin command line: each command opens the store, calls the same service functions the
// HTTP routes call, prints a result and returns an exit code (0 ok, 1 failed, 2 usage).
#include "daemon/app/commands.hpp"

#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "daemon/app/app.hpp"
#include "daemon/app/backup.hpp"
#include "daemon/core/crypto.hpp"

namespace osiedle::app {
namespace fs = std::filesystem;
namespace {

int Usage(const std::string& what) {
  std::cerr << "osiedled: " << what << "\n";
  return 2;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::string ErrorText(const Error& e) {
  std::string s = e.code;
  if (!e.field.empty()) s += " (" + e.field + ")";
  if (!e.detail.empty()) s += ": " + e.detail;
  return s;
}

}  // namespace

int RunCommand(const Config& cfg) {
  if (!crypto::InitCrypto()) {
    std::cerr << "osiedled: libsodium could not be initialised\n";
    return 1;
  }
  crypto::SetMaxConcurrentPasswordHashes(cfg.max_concurrent_password_hashes);
  try {
    const std::string& c = cfg.command;
    if (c == "serve") return Serve(cfg);
    if (c == "create-admin") return CreateAdmin(cfg);
    if (c == "import-flats") return ImportFlats(cfg);
    if (c == "backup") return Backup(cfg);
    if (c == "backup-key") return BackupKeyFile(cfg);
    if (c == "restore") return Restore(cfg);
    if (c == "verify-backup") return VerifyBackup(cfg);
    if (c == "check") return Check(cfg);
    if (c == "make-cert") return MakeCert(cfg);
    if (c == "routes") return PrintRoutes(cfg);
    if (c == "demo-scale") return DemoScale(cfg);
    return Usage("unknown command '" + c + "' (see --help)");
  } catch (const std::exception& e) {
    std::cerr << "osiedled: " << e.what() << "\n";
    return 1;
  }
}

int CreateAdmin(const Config& cfg) {
  if (cfg.email.empty() || cfg.name.empty()) return Usage("create-admin needs --email and --name \"First Last\"");
  auto space = cfg.name.find(' ');
  std::string first = cfg.name.substr(0, space);
  std::string last = space == std::string::npos ? "" : cfg.name.substr(space + 1);
  if (isatty(STDIN_FILENO)) std::cerr << "Hasło administratora (password): " << std::flush;
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  SystemClock clock;
  App app(cfg, clock);
  auto r = app.identity.users.CreateAdmin(cfg.email, first, last, password);
  if (!r.ok()) {
    std::cerr << "osiedled: create-admin: " << ErrorText(r.error()) << "\n";
    return 1;
  }
  std::cout << "administrator " << r->email << " created (id " << r->id << ")\n";
  return 0;
}

int ImportFlats(const Config& cfg) {
  if (cfg.args.size() != 1) return Usage("import-flats needs one FILE.csv");
  std::string bytes;
  if (!ReadFile(cfg.args[0], &bytes)) return Usage("cannot read " + cfg.args[0]);
  SystemClock clock;
  App app(cfg, clock);
  auto r = app.identity.registry.ImportFlats(bytes, 0);
  if (!r.ok()) {
    std::cerr << "osiedled: import-flats: " << ErrorText(r.error()) << "\n";
    return 1;
  }
  std::cout << "imported " << r->imported << ", updated " << r->updated << ", unchanged " << r->unchanged
            << ", errors " << r->error_count << "\n";
  for (const auto& e : r->errors) {
    std::cout << "  line " << e.line << ": " << e.code << (e.field.empty() ? "" : " (" + e.field + ")") << "\n";
  }
  return 0;
}

namespace {

int BackupFailed(const std::string& command, const Error& e, bool nothing_replaced = false) {
  std::cerr << "osiedled: " << command << ": " << backup::Describe(e)
            << (nothing_replaced ? " — nic nie zostało zmienione / nothing was replaced" : "") << "\n";
  return 1;
}

// The backup key: typed on stdin with --key-text, else read from backup-key-file.
Result<std::string> BackupKey(const Config& cfg) {
  if (!cfg.key_text) return backup::ReadKey(cfg.backup_key_file);
  if (isatty(STDIN_FILENO)) std::cerr << "Klucz kopii zapasowych (backup key, 64 hex): " << std::flush;
  std::string typed;
  std::getline(std::cin, typed);
  return backup::ParseKeyText(typed);
}

// The config file osiedled runs with: --config, else /etc/osiedle/osiedle.conf when it exists ("" = none).
std::string ConfigInUse(const Config& cfg) {
  if (!cfg.config_file.empty()) return cfg.config_file;
  return fs::exists("/etc/osiedle/osiedle.conf") ? "/etc/osiedle/osiedle.conf" : "";
}

}  // namespace

int Backup(const Config& cfg) {
  auto key = backup::ReadKey(cfg.backup_key_file);
  if (!key.ok()) return BackupFailed("backup", key.error());
  std::string out = cfg.backup_to;
  if (out.empty()) {
    std::error_code ec;
    fs::create_directories(cfg.backup_dir, ec);
    out = (fs::path(cfg.backup_dir) / backup::ArchiveName(SystemClock().NowUnix())).string();
  }
  auto info = backup::Create(cfg.data_dir, *key, out, ConfigInUse(cfg));
  if (!info.ok()) return BackupFailed("backup", info.error());
  std::cout << "kopia zapisana / backup written: " << out << " (" << info->files << " plików/files, "
            << fs::file_size(out) << " B" << (info->has_config ? ", z konfiguracją/with config" : "") << ")\n";
  if (!cfg.backup_to.empty()) return 0;
  auto removed = backup::Prune(cfg.backup_dir, cfg.backup_keep);
  if (!removed.ok()) return BackupFailed("backup", removed.error());
  for (const auto& path : *removed) std::cout << "usunięto starą kopię / removed old backup: " << path << "\n";
  return 0;
}

int BackupKeyFile(const Config& cfg) {
  Status st = backup::CreateKeyFile(cfg.backup_key_file);
  if (!st.ok()) return BackupFailed("backup-key", st.error());
  auto key = backup::ReadKey(cfg.backup_key_file);
  if (!key.ok()) return BackupFailed("backup-key", key.error());
  std::cout << "klucz zapisany / key written: " << cfg.backup_key_file << "\n\n" << backup::EmergencyKitText(*key);
  return 0;
}

int Restore(const Config& cfg) {
  if (cfg.restore_from.empty()) return Usage("restore needs --from FILE");
  auto key = BackupKey(cfg);
  if (!key.ok()) return BackupFailed("restore", key.error(), true);
  auto info = backup::Restore(cfg.restore_from, *key, cfg.data_dir, cfg.config_out);
  if (!info.ok()) return BackupFailed("restore", info.error(), true);
  std::cout << "odtworzono / restored " << cfg.restore_from << " (" << FormatIsoUtc(info->created_at) << ", "
            << info->files << " plików/files) into " << cfg.data_dir << "\n";
  if (!info->previous_store.empty()) {
    std::cout << "poprzednie dane zachowano w / the previous store was kept in " << info->previous_store << "\n";
  }
  if (info->has_config && cfg.config_out.empty()) {
    std::cout << "kopia zawiera plik konfiguracji; nie zapisano go (użyj --config-out) / the backup holds a config "
                 "file, not written (use --config-out)\n";
  } else if (info->has_config) {
    std::cout << "konfiguracja zapisana / config written: " << cfg.config_out << "\n";
  }
  return 0;
}

int VerifyBackup(const Config& cfg) {
  if (cfg.restore_from.empty()) return Usage("verify-backup needs --from FILE");
  auto key = BackupKey(cfg);
  if (!key.ok()) return BackupFailed("verify-backup", key.error());
  auto info = backup::Inspect(cfg.restore_from, *key);
  if (!info.ok()) return BackupFailed("verify-backup", info.error());
  std::cout << "kopia poprawna / backup OK: " << cfg.restore_from << " (" << FormatIsoUtc(info->created_at) << ", "
            << info->files << " plików/files, " << info->bytes << " B"
            << (info->has_config ? ", z konfiguracją/with config" : "") << ")\n";
  return 0;
}

int Check(const Config& cfg) {
  if (!fs::exists(fs::path(cfg.data_dir) / "data.mdb")) return Usage("no store in " + cfg.data_dir);
  SystemClock clock;
  App app(cfg, clock);
  auto stats = app.env->Stats();
  auto v = app.audit.Verify();
  std::cout << "store: schema version " << stats.schema_version << ", " << stats.used_bytes << " bytes used of "
            << stats.map_size << "\n";
  if (!v.ok) {
    std::cout << "audit: BROKEN at entry " << v.first_bad_id << " (" << v.entries << " entries)\n";
    return 1;
  }
  std::cout << "audit: chain intact (" << v.entries << " entries)\n";
  return 0;
}

int PrintRoutes(const Config& cfg) {
  // The table does not depend on the data: build it over a scratch store.
  char tmpl[] = "/tmp/osiedle-routes-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  Config c = cfg;
  c.data_dir = tmpl;
  {
    SystemClock clock;
    App app(c, clock);
    app.RegisterRoutes();
    for (const auto& r : app.routes.routes()) {
      std::cout << nlohmann::json{{"method", r.method}, {"pattern", r.pattern}, {"permission", r.permission},
                                  {"summary", r.summary}}
                       .dump()
                << "\n";
    }
  }
  fs::remove_all(tmpl);
  return 0;
}

}  // namespace osiedle::app
