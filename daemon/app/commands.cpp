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
#include "daemon/app/lock.hpp"
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
    if (c == "restore") return Restore(cfg);
    if (c == "check") return Check(cfg);
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

int Backup(const Config& cfg) {
  if (cfg.backup_to.empty()) return Usage("backup needs --to FILE");
  if (!fs::exists(fs::path(cfg.data_dir) / "data.mdb")) return Usage("no store in " + cfg.data_dir);
  auto env = storage::Env::Open(cfg.data_dir);
  env->CopyCompact(cfg.backup_to);
  std::cout << "backup written to " << cfg.backup_to << " (" << fs::file_size(cfg.backup_to) << " bytes)\n";
  return 0;
}

int Restore(const Config& cfg) {
  if (cfg.restore_from.empty()) return Usage("restore needs --from FILE");
  DataDirLock lock(cfg.data_dir);
  if (!lock.Acquire()) {
    std::cerr << "osiedled: restore: osiedled is running on " << cfg.data_dir << "; stop it first\n";
    return 1;
  }
  // Check the backup in a scratch copy before anything in the data directory is touched.
  fs::path scratch = fs::path(cfg.data_dir).parent_path() / (".restore-" + std::to_string(getpid()));
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } cleanup{scratch};
  fs::copy_file(cfg.restore_from, scratch / "data.mdb");
  {
    Config check_cfg = cfg;
    check_cfg.data_dir = scratch.string();
    SystemClock clock;
    App app(check_cfg, clock);
    auto v = app.audit.Verify();
    if (!v.ok) {
      std::cerr << "osiedled: restore: the backup's audit chain is broken at entry " << v.first_bad_id
                << "; nothing was replaced\n";
      return 1;
    }
  }
  fs::remove(scratch / "lock.mdb");
  fs::create_directories(cfg.data_dir);
  fs::remove(fs::path(cfg.data_dir) / "lock.mdb");
  fs::rename(scratch / "data.mdb", fs::path(cfg.data_dir) / "data.mdb");
  std::cout << "restored " << cfg.restore_from << " into " << cfg.data_dir << "\n";
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
