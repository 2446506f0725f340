// `osiedled make-cert --name osiedle.lan`: a new self-signed certificate and key for a LAN name, written to
// the configured tls-cert / tls-key (the same files `serve` loads and SIGHUP reloads). Prints the SHA-256
// fingerprint so the installer can compare it with what the browser shows.
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iostream>

#include "daemon/app/commands.hpp"
#include "daemon/core/certificate.hpp"

namespace osiedle::app {
namespace {

// On a box (run as root) osiedled runs as user osiedle: the key becomes 0640 root:osiedle so the
// daemon can read it and nobody else can. Without that group (a developer machine) it stays 0600.
void ShareKeyWithDaemonGroup(const std::string& key_path) {
  if (geteuid() != 0) return;
  const group* g = getgrnam("osiedle");
  if (g == nullptr) return;
  if (chown(key_path.c_str(), 0, g->gr_gid) == 0) chmod(key_path.c_str(), 0640);
}

}  // namespace

int MakeCert(const Config& cfg) {
  if (cfg.name.empty() || cfg.tls_cert.empty() || cfg.tls_key.empty()) {
    std::cerr << "osiedled: make-cert needs --name HOST.lan and tls-cert / tls-key (config or options)\n";
    return 2;
  }
  if (!certificate::IsValidDnsName(cfg.name)) {
    std::cerr << "osiedled: make-cert: '" << cfg.name
              << "' is not a host name with a dot (e.g. osiedle.lan): dns_name_invalid\n";
    return 2;
  }
  auto pair = certificate::MakeSelfSigned(cfg.name, certificate::kMaxDays);
  if (!pair.ok()) {
    std::cerr << "osiedled: make-cert: " << pair.error().code << ": " << pair.error().detail << "\n";
    return 1;
  }
  Status written = certificate::WritePair(*pair, cfg.tls_cert, cfg.tls_key);
  if (!written.ok()) {
    std::cerr << "osiedled: make-cert: " << written.error().code << ": " << written.error().detail << "\n";
    return 1;
  }
  ShareKeyWithDaemonGroup(cfg.tls_key);
  auto fingerprint = certificate::Fingerprint(pair->cert_pem);
  std::cout << "certificate for " << cfg.name << " (valid " << certificate::kMaxDays << " days) written to "
            << cfg.tls_cert << ", key to " << cfg.tls_key << "\n"
            << "SHA-256 fingerprint: " << (fingerprint.ok() ? *fingerprint : "?") << "\n";
  return 0;
}

}  // namespace osiedle::app
