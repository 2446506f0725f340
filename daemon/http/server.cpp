#include "daemon/http/server.hpp"

// How Pistache 0.0.5 (Debian 12) behaves before our code sees a request — checked against the
// installed library by tests/unit/daemon/http/server_test.cpp and by hand:
//  * A request whose line + headers + body exceed Endpoint::Options::maxRequestSize is answered by
//    Pistache itself: "413 Request Entity Too Large" with a plain-text body, then the connection is
//    closed. That is why max_request_bytes (16 MiB) sits well above every Route::max_body: bodies between
//    a route's limit and 16 MiB get our JSON 413 body_too_large from Dispatch.
//  * A malformed request line or header (unknown method, bad HTTP version, bad Content-Length, both
//    Content-Length and Transfer-Encoding) makes its parser throw HttpError, which Pistache turns into
//    a plain-text 400 (or 501 for an unsupported Transfer-Encoding) with its own short message; no
//    handler of ours runs. Those texts are Pistache's constants, never request data.
//  * The request target is not percent-decoded by Pistache: resource() is the raw path and query()
//    holds the raw key/value pieces (first occurrence of a key wins). We decode both here
//    (DecodePercent/ParseQuery) and answer a bad escape or NUL with 400 path_invalid/query_invalid.
//  * headers().rawList() keeps every header (typed or not) by its name; repeated headers keep one
//    value. The Cookie header is also kept raw, so Request::Cookie() parses the original bytes.
//  * An exception escaping onRequest() would be caught by Pistache and its what() sent to the client,
//    so onRequest() catches everything itself.
//  * HTTPS: Debian's libpistache0 is built with PISTACHE_USE_SSL (it links libssl.so.3), so
//    Endpoint::useSSL works; it throws if the certificate or key cannot be loaded.
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>

#include <mutex>
#include <spdlog/spdlog.h>

#include "daemon/http/url.hpp"

namespace osiedle::http {
namespace {

namespace P = Pistache;

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Fills `out` from Pistache's request; returns an Error for a target we refuse to decode.
Status Convert(const P::Http::Request& in, Request* out) {
  out->method = P::Http::methodString(in.method());
  for (const auto& [name, raw] : in.headers().rawList()) out->headers[Lower(name)] = raw.value();
  out->body = in.body();
  try {
    out->client_ip = in.address().host();  // X-Forwarded-For is deliberately ignored
  } catch (...) {
    out->client_ip.clear();
  }
  const std::string& resource = in.resource();
  if (!DecodePercent(resource, &out->path)) {
    out->path = "/";
    return MakeError("path_invalid");
  }
  const P::Http::Uri::Query& q = in.query();
  for (auto it = q.parameters_begin(); it != q.parameters_end(); ++it) {
    std::string key, value;
    if (!DecodePercent(it->first, &key, true) || !DecodePercent(it->second, &value, true)) {
      return MakeError("query_invalid");
    }
    out->query.emplace(std::move(key), std::move(value));
  }
  return Ok{};
}

void Write(const Response& r, P::Http::ResponseWriter& writer) {
  auto& headers = writer.headers();
  for (const auto& [name, value] : r.headers) {
    if (IEquals(name, "set-cookie")) {
      writer.cookies().add(P::Http::Cookie::fromString(value));
    } else if (!IEquals(name, "content-type") && !IEquals(name, "content-length")) {
      headers.addRaw(P::Http::Header::Raw(name, value));
    }
  }
  if (!r.content_type.empty() && r.status != 304 && r.status != 204) {
    headers.addRaw(P::Http::Header::Raw("Content-Type", r.content_type));
  }
  writer.send(static_cast<P::Http::Code>(r.status), r.body);
}

class PistacheHandler : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  explicit PistacheHandler(const Services* services) : services_(services) {}

  void onRequest(const P::Http::Request& in, P::Http::ResponseWriter writer) override {
    try {
      Request req;
      Status converted = Convert(in, &req);
      Response r = converted.ok() ? Dispatch(*services_, req) : RejectRequest(*services_, req, converted.error());
      Write(r, writer);
    } catch (const std::exception& e) {
      spdlog::error("http: failed to answer a request: {}", e.what());
      SendFallback(writer);
    } catch (...) {
      spdlog::error("http: failed to answer a request: unknown exception");
      SendFallback(writer);
    }
  }

 private:
  static void SendFallback(P::Http::ResponseWriter& writer) {
    try {
      writer.send(P::Http::Code::Internal_Server_Error, R"({"error":{"code":"internal","message":"internal"}})");
    } catch (...) {
      // The peer is gone; nothing more to do.
    }
  }

  const Services* services_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Services services;
  std::unique_ptr<P::Http::Endpoint> endpoint;
  std::mutex mu;
};

Server::Server(ServerOptions options, Services services) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->services = std::move(services);
}

Server::~Server() { Stop(); }

Result<uint16_t> Server::Start() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  const ServerOptions& o = impl_->options;
  if (impl_->endpoint) return MakeError("listen_failed", "", "already started");
  try {
    auto endpoint = std::make_unique<P::Http::Endpoint>(P::Address(o.host, P::Port(o.port)));
    auto opts = P::Http::Endpoint::options()
                    .threads(o.threads > 0 ? o.threads : 1)
                    .flags(P::Tcp::Options::ReuseAddr)
                    .maxRequestSize(o.max_request_bytes)
                    .headerTimeout(o.header_timeout)
                    .bodyTimeout(o.body_timeout)
                    .keepaliveTimeout(o.keepalive_timeout);
    endpoint->init(opts);
    endpoint->setHandler(P::Http::make_handler<PistacheHandler>(&impl_->services));
    if (!o.tls_cert.empty() || !o.tls_key.empty()) {
      if (o.tls_cert.empty() || o.tls_key.empty()) return MakeError("listen_failed", "", "tls_cert and tls_key");
      endpoint->useSSL(o.tls_cert, o.tls_key);
    }
    endpoint->serveThreaded();
    uint16_t port = static_cast<uint16_t>(endpoint->getPort());
    impl_->endpoint = std::move(endpoint);
    return port;
  } catch (const std::exception& e) {
    return MakeError("listen_failed", "", e.what());
  }
}

void Server::Stop() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (!impl_->endpoint) return;
  try {
    impl_->endpoint->shutdown();
  } catch (const std::exception& e) {
    spdlog::warn("http: shutdown: {}", e.what());
  }
  impl_->endpoint.reset();
}

}  // namespace osiedle::http
