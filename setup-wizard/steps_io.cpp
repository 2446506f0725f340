// The steps that reach outside the wizard: certificates (mbedTLS or certbot) and the flats import check.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "daemon/core/certificate.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/registry_service.hpp"
#include "daemon/modules/identity/store.hpp"
#include "setup-wizard/steps.hpp"
#include "storage/env.hpp"

namespace osiedle::setup {
namespace fs = std::filesystem;

namespace {

// Runs argv[0] with `argv`, stdout and stderr captured (at most 64 KiB kept), killed after
// `timeout_s`. Returns the exit status (-1 = could not run or killed).
int RunProcess(const std::vector<std::string>& argv, int timeout_s, std::string* output) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  char buf[4096];
  bool killed = false;
  for (;;) {
    int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (left <= 0) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, left) <= 0) continue;
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    if (output->size() < 65536) output->append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (killed || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

std::string LastLines(const std::string& text, size_t n) {
  size_t pos = text.size();
  for (size_t i = 0; i < n && pos > 0; ++i) {
    size_t nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) return text;
    pos = nl;
  }
  return text.substr(pos);
}

}  // namespace

FieldErrors SaveTls(const Form& f, const Options& o, State& s) {
  auto get = [&](const char* k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : it->second;
  };
  std::string mode = get("mode"), name;
  for (char c : get("name")) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  if (mode != "lan" && mode != "public") return {{"mode", ErrorText(s, "mode_invalid")}};
  if (!certificate::IsValidDnsName(name)) return {{"name", ErrorText(s, "dns_name_invalid")}};
  certificate::Pair pair;
  if (mode == "lan") {
    auto made = certificate::MakeSelfSigned(name, certificate::kMaxDays);
    if (!made.ok()) return {{"name", ErrorText(s, made.error().code, made.error().detail)}};
    pair = *made;
  } else {
    if (!s.admin.done) return {{"name", ErrorText(s, "field_required")}};
    std::error_code ec;
    fs::create_directories(o.acme_webroot + "/.well-known/acme-challenge", ec);
    std::string out;
    int rc = RunProcess({o.certbot, "certonly", "--webroot", "-w", o.acme_webroot, "-d", name, "--non-interactive",
                         "--agree-tos", "-m", s.admin.email, "--deploy-hook", o.cert_deploy_hook},
                        300, &out);
    std::string live = o.letsencrypt_live + "/" + name;
    if (rc != 0) return {{"name", ErrorText(s, "certbot_failed", LastLines(out, 12))}};
    pair.cert_pem = ReadFileOrEmpty(live + "/fullchain.pem");
    pair.key_pem = ReadFileOrEmpty(live + "/privkey.pem");
    if (pair.cert_pem.empty() || pair.key_pem.empty())
      return {{"name", ErrorText(s, "certbot_failed", "no files in " + live)}};
  }
  auto fingerprint = certificate::Fingerprint(pair.cert_pem);
  if (!fingerprint.ok()) return {{"name", ErrorText(s, "certificate_failed", fingerprint.error().code)}};
  auto written = certificate::WritePair(pair, o.state_dir + "/tls-cert.pem", o.state_dir + "/tls-key.pem");
  if (!written.ok()) return {{"name", ErrorText(s, "state_write_failed", written.error().detail)}};
  s.tls = {mode, name, *fingerprint, true};
  s.applied = {};
  return {};
}

FieldErrors SaveFlats(const std::string& csv_upload, const Options& o, State& s) {
  std::string keep = o.state_dir + "/flats.csv";
  if (csv_upload.empty()) {
    if (!s.flats.have_csv) return {{"csv", ErrorText(s, "csv_missing")}};
    s.flats.done = true;
    return {};
  }
  std::error_code ec;
  if (fs::file_size(csv_upload, ec) > kMaxCsvBytes) return {{"csv", ErrorText(s, "upload_too_large")}};
  std::string bytes = ReadFileOrEmpty(csv_upload);
  std::string scratch = o.state_dir + "/scratch";
  fs::remove_all(scratch, ec);
  Result<identity::ImportReport> report = MakeError("internal");
  try {
    fs::create_directories(scratch);
    SystemClock clock;
    auto env = storage::Env::Open(scratch);
    audit::Service audit(*env, clock);
    identity::Store store(*env);
    identity::RegistryService registry(store, audit);
    report = registry.ImportFlats(bytes, 0, /*dry_run=*/true);
  } catch (const std::exception& e) {
    report = MakeError("internal", "", e.what());
  }
  fs::remove_all(scratch, ec);
  if (!report.ok()) return {{"csv", ErrorText(s, report.error().code, report.error().field)}};
  fs::rename(csv_upload, keep, ec);
  if (ec) return {{"csv", ErrorText(s, "state_write_failed", ec.message())}};
  State::Flats fl;
  fl.have_csv = true;
  fl.imported = report->imported;
  fl.updated = report->updated;
  fl.unchanged = report->unchanged;
  fl.errors = report->error_count;
  for (const auto& e : report->errors) {
    if (fl.lines.size() >= kMaxShownLineErrors) break;
    fl.lines.push_back({e.line, e.code, e.field});
  }
  fl.done = false;  // the installer looks at the preview, then confirms (empty upload)
  s.flats = fl;
  s.applied = {};
  return {};
}

}  // namespace osiedle::setup
