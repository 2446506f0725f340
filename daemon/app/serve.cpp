// `osiedled serve`: open the store, start the HTTP server and the outbox worker, tell systemd we
// are ready, ping its watchdog, and shut down cleanly on SIGTERM/SIGINT.
#include <signal.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <spdlog/spdlog.h>

#include "daemon/app/app.hpp"
#include "daemon/app/commands.hpp"
#include "daemon/app/demo.hpp"
#include "daemon/app/lock.hpp"
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

// Signals are blocked in every thread and taken synchronously here, so no handler races the
// server threads. Returns when SIGTERM or SIGINT arrives; pings the watchdog meanwhile.
void WaitForStop(const sigset_t& set) {
  uint64_t watchdog_usec = 0;
  bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0;
  long tick_ms = watchdog ? static_cast<long>(watchdog_usec / 2000) : 60000;
  if (tick_ms < 100) tick_ms = 100;
  for (;;) {
    timespec ts{tick_ms / 1000, (tick_ms % 1000) * 1000000};
    int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig == SIGTERM || sig == SIGINT) return;
    if (watchdog) sd_notify(0, "WATCHDOG=1");
  }
}

}  // namespace

int Serve(const Config& cfg) {
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
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
  app.ads.Start();  // impression counts are flushed every 10 s and on shutdown

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

  outbox::Worker worker(app.outbox, SmtpFrom(cfg));
  worker.Start();

  std::cout << "listening on " << (cfg.tls_cert.empty() ? "http://" : "https://") << opts.host << ":" << *port
            << std::endl;
  sd_notify(0, "READY=1");
  WaitForStop(set);
  sd_notify(0, "STOPPING=1");
  spdlog::info("stopping");
  server.Stop();
  worker.Stop();
  return 0;
}

}  // namespace osiedle::app
