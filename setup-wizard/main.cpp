// osiedle-setup: the first-boot wizard. Serves plain HTTP (default 0.0.0.0:80) behind a one-time setup
// code shown on the console, the journal and the login screen; exits 0 after "Zakończ" so systemd
// starts osiedled (OnSuccess=). Exits at once (0) when the box is already configured.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "daemon/core/crypto.hpp"
#include "daemon/core/typed_code.hpp"
#include "setup-wizard/server.hpp"
#include "setup-wizard/session.hpp"
#include "setup-wizard/state.hpp"
#include "setup-wizard/wizard.hpp"

namespace fs = std::filesystem;
namespace po = boost::program_options;
using namespace osiedle::setup;

namespace {

// 1 = parsed, 0 = --help printed, -1 = error printed.
int ParseOptions(int argc, char** argv, Options& o) {
  po::options_description d("usage: osiedle-setup [OPTIONS]");
  d.add_options()("help,h", "this text")("listen", po::value(&o.listen)->default_value(o.listen),
                                         "HOST:PORT (IPv4) to serve the wizard on; port 0 = any")(
      "state-dir", po::value(&o.state_dir)->default_value(o.state_dir), "the wizard's progress (0700)")(
      "config-out", po::value(&o.config_out)->default_value(o.config_out),
      "the config file to write; if it exists, exit")("data-dir", po::value(&o.data_dir)->default_value(o.data_dir),
                                                      "osiedled's data dir to initialise")(
      "tls-dir", po::value(&o.tls_dir)->default_value(o.tls_dir), "where cert.pem and key.pem go")(
      "backup-key-file", po::value(&o.backup_key_file)->default_value(o.backup_key_file), "backup key to create")(
      "acme-webroot", po::value(&o.acme_webroot)->default_value(o.acme_webroot), "certbot --webroot directory")(
      "issue-file", po::value(&o.issue_file)->default_value(o.issue_file), "the code for the console login screen")(
      "certbot", po::value(&o.certbot)->default_value(o.certbot), "certbot binary")(
      "letsencrypt-live", po::value(&o.letsencrypt_live)->default_value(o.letsencrypt_live),
      "certbot's live/ directory")("assets-dir", po::value(&o.assets_dir),
                                   "directory of setup.css (default: next to the binary or the source tree)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, d), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "osiedle-setup: " << e.what() << "\n" << d;
    return -1;
  }
  if (vm.count("help")) {
    std::cout << d;
    return 0;
  }
  return 1;
}

std::string FindAssets() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share/osiedle/setup";
    if (fs::exists(installed / "setup.css", ec)) return installed.string();
  }
  return std::string(OSIEDLE_SOURCE_DIR) + "/setup-wizard/assets";
}

void WriteIssue(const std::string& path, const std::string& code, uint16_t port) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::trunc);
  out << "\nOsiedle: kreator konfiguracji / setup wizard — http://\\4:" << port << "/\n"
      << "Kod konfiguracji / setup code: " << osiedle::typed_code::FormatCode(code) << "\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  int parsed = ParseOptions(argc, argv, o);
  if (parsed <= 0) return parsed == 0 ? 0 : 2;
  std::error_code ec;
  if (fs::exists(o.config_out, ec)) {
    std::cout << "osiedle-setup: " << o.config_out << " exists: the box is configured, nothing to do." << std::endl;
    return 0;
  }
  if (!osiedle::crypto::InitCrypto()) {
    std::cerr << "osiedle-setup: no usable randomness\n";
    return 1;
  }
  if (o.assets_dir.empty()) o.assets_dir = FindAssets();
  fs::create_directories(o.state_dir, ec);
  ::chmod(o.state_dir.c_str(), 0700);
  auto state = LoadState(o.state_dir);
  if (!state.ok()) {
    std::cerr << "osiedle-setup: " << o.state_dir << "/state.json: " << state.error().code << " "
              << state.error().detail << "\n";
    return 1;
  }
  std::string code = osiedle::typed_code::NewCode();
  Wizard wizard(o, *state, code);
  Server server([&wizard](Request& r) { return wizard.Handle(r); }, &Wizard::UploadLimit, kCookieName, o.state_dir);
  auto port = server.Start(o.listen);
  if (!port.ok()) {
    std::cerr << "osiedle-setup: cannot listen on " << o.listen << ": " << port.error().detail << "\n";
    return 1;
  }
  WriteIssue(o.issue_file, code, *port);
  std::string host = o.listen.substr(0, o.listen.rfind(':'));
  std::string line = "osiedle-setup: setup code " + osiedle::typed_code::FormatCode(code);
  std::cout << "listening on http://" << host << ":" << *port << "\n" << line << std::endl;
  std::cerr << line << " (http://<this box>:" << *port << "/)" << std::endl;
  while (!wizard.finished()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // let the last page reach the browser
  server.Stop();
  fs::remove(o.issue_file, ec);
  std::cout << "osiedle-setup: finished" << std::endl;
  return 0;
}
