#pragma once
// The HTTP(S) server: Pistache 0.0.5 underneath, Dispatch() on top. Pistache types stay in server.cpp.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "daemon/core/result.hpp"
#include "daemon/http/dispatch.hpp"

namespace osiedle::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // IPv4/IPv6 literal or "0.0.0.0"
  uint16_t port = 0;               // 0 = any free port (Start() returns the one chosen)
  int threads = 2;                 // Pistache worker threads
  std::string tls_cert, tls_key;   // PEM paths; both set = HTTPS
  // Pistache's own cap on one buffered request (line + headers + body); above it Pistache answers
  // 413 itself with a plain-text body. Keep it above every Route::max_body so routes answer 413 JSON.
  size_t max_request_bytes = 32u << 20;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds keepalive_timeout{60'000};
};

// Answers every request of a server built with it, instead of Dispatch (no routes, sessions or static
// files): the plain-HTTP listener beside HTTPS (ACME challenges, redirects). Must not throw.
using Answer = std::function<Response(const Request&)>;

class Server {
 public:
  // `services` pointees must outlive the server.
  Server(ServerOptions options, Services services);
  // A server whose requests all go to `answer`; a malformed request target gets 400 text/plain.
  Server(ServerOptions options, Answer answer);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and serves on background threads. Returns the bound port, or an Error
  // ("listen_failed" with the reason in detail: bad address, port in use, bad TLS files).
  // REQUIRES: not started.
  Result<uint16_t> Start();
  // Stops accepting, closes connections and joins the threads. Idempotent; thread-safe vs Start().
  void Stop();

  // Re-reads options.tls_cert / tls_key, checks the pair (both parse, the key matches the certificate)
  // and makes every NEW TLS handshake use it; open connections keep the certificate they started with.
  // On error nothing changes. Errors: tls_not_enabled (no tls_cert/tls_key), tls_cert_invalid (field
  // tls-cert), tls_key_invalid (field tls-key), tls_key_mismatch; detail names the file and OpenSSL's
  // reason. Thread-safe (also while serving).
  Status ReloadTls();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace osiedle::http
