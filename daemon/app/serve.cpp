// `osiedled serve`: open the store, start the HTTP server (and the plain-HTTP ACME/redirect listener
// when http-listen is set) and the outbox worker, tell systemd we are ready, ping its watchdog, reload
// the TLS certificate on SIGHUP, and shut down cleanly on SIGTERM/SIGINT.
#include <signal.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include <cinttypes>
#include <filesystem>
#include <functional>
#include <iostream>
#include <spdlog/spdlog.h>

#include "daemon/app/app.hpp"
#include "daemon/app/commands.hpp"
#include "daemon/app/demo.hpp"
#include "daemon/app/lock.hpp"
#include "daemon/http/acme.hpp"
#include "daemon/http/server.hpp"
#include "daemon/modules/identity/routes.hpp"

namespace osiedle::app {
namespace fs = std::filesystem;
namespace {

std::string WebDir(const Config& cfg) {
  if (!cfg.web_dir.empty()) return cfg.web_dir;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share/osiedle/web";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return std::string(OSIEDLE_SOURCE_DIR) + "/daemon/web";
}

outbox::SmtpConfig SmtpFrom(const Config& cfg) {
  outbox::SmtpConfig s;
  s.url = cfg.smtp_url;
  s.username = cfg.smtp_user;
  s.password = cfg.smtp_password;
  s.from = cfg.smtp_from;
  s.starttls = cfg.smtp_starttls;
  s.verify_tls = cfg.smtp_verify_tls;
  return s;
}

// SIGHUP (`systemctl reload osiedled`): new TLS handshakes get the pair now in tls-cert/tls-key; open
// connections keep theirs; a bad pair is logged and the old one stays. RELOADING=1 carries
// MONOTONIC_USEC for Type=notify-reload (systemd >= 253); older systemd ignores it.
void ReloadCertificate(http::Server& server, const Config& cfg) {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  uint64_t usec = static_cast<uint64_t>(now.tv_sec) * 1000000u + static_cast<uint64_t>(now.tv_nsec) / 1000u;
  sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%" PRIu64, usec);
  Status reloaded = server.ReloadTls();
  if (reloaded.ok()) {
    spdlog::info("tls: certificate reloaded from {}", cfg.tls_cert);
  } else if (reloaded.error().code == "tls_not_enabled") {
    spdlog::info("SIGHUP: no tls-cert configured, nothing to reload");
  } else {
    spdlog::error("tls: reload refused, keeping the current certificate: {}: {}", reloaded.error().code,
                  reloaded.error().detail);
  }
  sd_notify(0, "READY=1");
}

// Signals are blocked in every thread and taken synchronously here, so no handler races the
// server threads. Returns when SIGTERM or SIGINT arrives; runs `reload` on SIGHUP and pings the
// watchdog meanwhile.
void WaitForStop(const sigset_t& set, const std::function<void()>& reload) {
  uint64_t watchdog_usec = 0;
  bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0;
  long tick_ms = watchdog ? static_cast<long>(watchdog_usec / 2000) : 60000;
  if (tick_ms < 100) tick_ms = 100;
  for (;;) {
    timespec ts{tick_ms / 1000, (tick_ms % 1000) * 1000000};
    int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig == SIGTERM || sig == SIGINT) return;
    if (sig == SIGHUP) reload();
    if (watchdog) sd_notify(0, "WATCHDOG=1");
  }
}

// The plain-HTTP listener beside HTTPS (http-listen): ACME challenges from acme-webroot, everything else
// 301 to public-url. Returns null with a message on stderr when it cannot start.
std::unique_ptr<http::Server> StartPlainHttp(const Config& cfg, const http::ServerOptions& https_opts) {
  auto colon = cfg.http_listen.rfind(':');
  int port = -1;
  try {
    if (colon != std::string::npos && colon > 0) port = std::stoi(cfg.http_listen.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    std::cerr << "osiedled: http-listen: expected HOST:PORT, got " << cfg.http_listen << "\n";
    return nullptr;
  }
  if (cfg.public_url.empty()) {
    std::cerr << "osiedled: http-listen needs public-url (the https:// address to redirect to)\n";
    return nullptr;
  }
  http::ServerOptions opts = https_opts;  // the same timeouts
  opts.host = cfg.http_listen.substr(0, colon);
  opts.port = static_cast<uint16_t>(port);
  opts.threads = 1;
  opts.tls_cert.clear();
  opts.tls_key.clear();
  opts.max_request_bytes = 64 * 1024;
  auto server = std::make_unique<http::Server>(
      opts, [webroot = cfg.acme_webroot, url = cfg.public_url](const http::Request& req) {
        return http::acme::AnswerPlainHttp(webroot, url, req);
      });
  auto bound = server->Start();
  if (!bound.ok()) {
    std::cerr << "osiedled: cannot listen on " << cfg.http_listen << ": " << bound.error().detail << "\n";
    return nullptr;
  }
  std::cout << "http listener on http://" << opts.host << ":" << *bound << " (ACME challenges, redirects)" << std::endl;
  return server;
}

}  // namespace

int Serve(const Config& cfg) {
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  DataDirLock lock(cfg.data_dir);
  if (!lock.Acquire()) {
    std::cerr << "osiedled: another osiedled is serving " << cfg.data_dir << "\n";
    return 1;
  }
  SystemClock clock;
  App app(cfg, clock);
  if (cfg.demo) SeedDemo(app, std::cout);
  app.RegisterRoutes();
  app.ads.Start();        // impression counts are flushed every 10 s and on shutdown
  app.documents.Start();  // so are download counts
  app.identity.auth.StartTouches();  // session touches are written every second

  http::Metrics metrics;
  metrics.AddGauge("osiedle_outbox_depth", "Mail messages waiting for delivery",
                   [&app] { return static_cast<double>(app.outbox.Depth()); });
  app.routes.Add({"GET", "/metrics", http::kPublic,
                  [&metrics](http::Context&) {
                    http::Response r;
                    r.content_type = http::Metrics::kContentType;
                    r.body = metrics.RenderPrometheus();
                    return r;
                  },
                  "Prometheus metrics"});
  if (!cfg.acme_webroot.empty()) {
    app.routes.Add({"GET", std::string(http::acme::kChallengePrefix) + "{token}", http::kPublic,
                    [webroot = cfg.acme_webroot](http::Context& c) {
                      return http::acme::ServeChallenge(webroot, c.req.Param("token"));
                    },
                    "ACME http-01 challenge file from acme-webroot (certbot --webroot)"});
  }
  http::StaticFiles files = http::StaticFiles::Load(WebDir(cfg));

  http::Services services;
  services.routes = &app.routes;
  services.authenticate = [&app](const http::Request& r) { return identity::Authenticate(app.identity.auth, r); };
  services.metrics = &metrics;
  services.static_files = &files;

  http::ServerOptions opts;
  opts.host = cfg.ListenHost();
  opts.port = cfg.ListenPort();
  opts.threads = cfg.threads;
  opts.tls_cert = cfg.tls_cert;
  opts.tls_key = cfg.tls_key;
  opts.max_request_bytes = cfg.max_request_bytes;
  opts.header_timeout = std::chrono::seconds(cfg.header_timeout_s);
  opts.body_timeout = std::chrono::seconds(cfg.body_timeout_s);
  opts.keepalive_timeout = std::chrono::seconds(cfg.keepalive_timeout_s);
  http::Server server(opts, services);
  auto port = server.Start();
  if (!port.ok()) {
    std::cerr << "osiedled: cannot listen on " << cfg.listen << ": " << port.error().detail << "\n";
    return 1;
  }

  std::unique_ptr<http::Server> plain;
  if (!cfg.http_listen.empty()) {
    plain = StartPlainHttp(cfg, opts);
    if (!plain) return 1;
  }

  outbox::Worker worker(app.outbox, SmtpFrom(cfg));
  worker.Start();

  std::cout << "listening on " << (cfg.tls_cert.empty() ? "http://" : "https://") << opts.host << ":" << *port
            << std::endl;
  sd_notify(0, "READY=1");
  WaitForStop(set, [&server, &cfg] { ReloadCertificate(server, cfg); });
  sd_notify(0, "STOPPING=1");
  spdlog::info("stopping");
  if (plain) plain->Stop();
  server.Stop();
  worker.Stop();
  return 0;
}

}  // namespace osiedle::app
