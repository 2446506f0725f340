#include "daemon/http/server.hpp"

// How Pistache 0.0.5 (Debian 12) behaves before our code sees a request — checked against the
// installed library (tests/unit/daemon/http/server_test.cpp and raw-socket probes):
//  * A request whose line + headers + body exceed Endpoint::Options::maxRequestSize is answered by
//    Pistache itself: "413 Request Entity Too Large", text body "Request exceeded maximum buffer size".
//    That is why max_request_bytes (32 MiB) sits above every Route::max_body (uploads: 26 MiB): bodies between a
//    route's limit and 32 MiB get our JSON 413 body_too_large from Dispatch.
//  * Malformed requests never reach onRequest(): Pistache answers with a plain-text status and a fixed
//    message of its own (never request data): unknown method → 400 "Unknown HTTP request method", bad
//    version → 400 "Encountered invalid HTTP version", Content-Length together with Transfer-Encoding
//    → 400, a Transfer-Encoding other than chunked → 501. A non-numeric Content-Length is ignored
//    (the request is handled as having no body).
//  * The request target is not percent-decoded by Pistache: resource() is the raw path and query()
//    holds the raw key/value pieces (first occurrence of a key wins, order is lost). We decode both
//    here and answer a bad escape or NUL with our JSON 400 path_invalid / query_invalid.
//  * headers().rawList() keeps every request header, typed or not, including Cookie; a repeated
//    header keeps one value.
//  * Response headers: only typed headers are serialised (addRaw() ones are silently dropped), hence
//    VerbatimHeader below; several Set-Cookie lines are only possible through the cookie jar.
//  * "Connection: close" from the client is echoed but the socket stays open until the keep-alive
//    timeout; clients must rely on Content-Length.
//  * An exception escaping onRequest() would be caught by Pistache and its what() sent to the client,
//    so onRequest() catches everything itself.
//  * HTTPS: Debian's libpistache0 is built with PISTACHE_USE_SSL (it links libssl.so.3), so
//    Endpoint::useSSL works; it throws (→ listen_failed) if the certificate or key cannot be loaded.
//    It loads the pair into an SSL_CTX that Pistache keeps private and never reloads; every accepted
//    connection gets SSL_new(that context). Certificate reload (ReloadTls) therefore installs an OpenSSL
//    certificate callback on that context once, which hands each new handshake the pair current at that
//    moment (see PistacheSslContext and SelectCertificate).
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>
#include <pistache/peer.h>
#include <pistache/transport.h>
#include <spdlog/spdlog.h>

#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>

#include <mutex>

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

// A response header with a name chosen at run time, written verbatim. Pistache's response writer only
// serialises typed headers (Collection::list()), not addRaw() ones, so every header goes through this.
class VerbatimHeader : public P::Http::Header::Header {
 public:
  VerbatimHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  uint64_t hash() const override { return P::Http::Header::detail::hash(name_.c_str()); }
  void write(std::ostream& os) const override { os << value_; }

 private:
  std::string name_, value_;
};

// Header values must not split the response: CR/LF/NUL are dropped.
std::string SafeHeaderValue(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c != '\r' && c != '\n' && c != '\0') out += c;
  }
  return out;
}

bool HasContentType(const Response& r) { return !r.content_type.empty() && r.status != 304 && r.status != 204; }

// Pistache's way out: the answer goes through its write queue (and sendfile for files).
P::Async::Promise<ssize_t> Write(const Response& r, P::Http::ResponseWriter& writer) {
  auto& headers = writer.headers();
  for (const auto& [name, value] : r.headers) {
    if (IEquals(name, "set-cookie")) {
      // The cookie jar is the only way to emit several Set-Cookie lines (headers are keyed by name).
      writer.cookies().add(P::Http::Cookie::fromString(SafeHeaderValue(value)));
    } else if (!IEquals(name, "content-type") && !IEquals(name, "content-length")) {
      headers.add(std::make_shared<VerbatimHeader>(SafeHeaderValue(name), SafeHeaderValue(value)));
    }
  }
  if (!r.file_path.empty() && r.status == 200) {
    // Streamed with sendfile by Pistache: the file is never read into memory. serveFile writes
    // Content-Type (from the media type) and Content-Length itself, then the headers added above.
    struct stat st {};
    if (::stat(r.file_path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      return P::Http::serveFile(writer, r.file_path, P::Http::Mime::MediaType::fromString(r.content_type));
    }
    spdlog::error("file response: {} is missing", r.file_path);
    headers.add(std::make_shared<VerbatimHeader>("Content-Type", "application/json; charset=utf-8"));
    return writer.send(P::Http::Code::Not_Found, R"({"error":{"code":"not_found","message":"not found"}})");
  }
  if (HasContentType(r)) {
    headers.add(std::make_shared<VerbatimHeader>("Content-Type", SafeHeaderValue(r.content_type)));
  }
  return writer.send(static_cast<P::Http::Code>(r.status), r.body);
}

// The same answer as Write, as bytes: status line, Content-Type, the answer's headers (each Set-Cookie on its
// own line), Connection, Content-Length, body.
std::string Serialize(P::Http::Version version, const Response& r, P::Http::ConnectionControl connection) {
  const auto code = static_cast<P::Http::Code>(r.status);
  std::string out;
  out.reserve(512 + r.body.size());
  out += version == P::Http::Version::Http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += P::Http::codeString(code);
  out += "\r\n";
  auto line = [&out](std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  };
  if (HasContentType(r)) line("Content-Type", SafeHeaderValue(r.content_type));
  for (const auto& [name, value] : r.headers) {
    if (IEquals(name, "content-type") || IEquals(name, "content-length")) continue;
    line(IEquals(name, "set-cookie") ? std::string("Set-Cookie") : SafeHeaderValue(name), SafeHeaderValue(value));
  }
  line("Connection", connection == P::Http::ConnectionControl::KeepAlive ? "Keep-Alive" : "Close");
  line("Content-Length", std::to_string(r.body.size()));
  out += "\r\n";
  out += r.body;
  return out;
}

// What a server does with a request: `answer` for a well-formed one, `reject` for one that could not be
// converted or parsed. Both must not throw.
struct Answerer {
  std::function<Response(Request&)> answer;
  std::function<Response(const Request&, const Error&)> reject;
};

// How many of a connection's answers sit in Pistache's write queue. While any do, later answers on that
// connection take the queue too, so they cannot overtake them. `direct_round`: the reactor round (below) of the
// connection's last answer sent directly.
struct QueuedWrites {
  std::atomic<int> count{0};
  uint64_t direct_round = 0;
};

// Rounds of a reactor thread: one per epoll_wait that found something ready. Pistache hands a thread's ready
// connections to Transport::onReady one round at a time; the count lets Respond tell a connection's second request
// within one round (a fast client keeping the thread to itself) from its next request in a later round.
thread_local uint64_t t_reactor_round = 0;

// Pistache's TCP transport with the round count. Installed through Listener::setTransportFactory; every reactor
// thread gets its own through clone().
class RoundCountingTransport : public P::Tcp::Transport {
 public:
  explicit RoundCountingTransport(const std::shared_ptr<P::Tcp::Handler>& handler)
      : P::Tcp::Transport(handler), tcp_handler_(handler) {}

  void onReady(const P::Aio::FdSet& fds) override {
    ++t_reactor_round;
    P::Tcp::Transport::onReady(fds);
  }

  std::shared_ptr<P::Aio::Handler> clone() const override {
    return std::make_shared<RoundCountingTransport>(tcp_handler_->clone());
  }

 private:
  std::shared_ptr<P::Tcp::Handler> tcp_handler_;  // Transport keeps its own private
};
constexpr const char* kQueuedWrites = "osiedle.queued-writes";

class PistacheHandler : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  explicit PistacheHandler(const Answerer* answerer) : answerer_(answerer) {}

  // Part of Pistache's Handler interface; our onInput answers through Respond instead.
  void onRequest(const P::Http::Request& in, P::Http::ResponseWriter writer) override {
    try {
      Write(Answer(in), writer);
    } catch (...) {
      // The peer is gone; nothing more to do.
    }
  }

 private:
  Response Answer(const P::Http::Request& in) {
    try {
      Request req;
      Status converted = Convert(in, &req);
      return converted.ok() ? answerer_->answer(req) : answerer_->reject(req, converted.error());
    } catch (const std::exception& e) {
      spdlog::error("http: failed to answer a request: {}", e.what());
    } catch (...) {
      spdlog::error("http: failed to answer a request: unknown exception");
    }
    Response r;
    r.status = 500;
    r.body = R"({"error":{"code":"internal","message":"internal"}})";
    return r;
  }

  // The connection's queued-writes counter, made on first use.
  static std::shared_ptr<QueuedWrites> QueuedOf(const std::shared_ptr<P::Tcp::Peer>& peer) {
    auto data = std::static_pointer_cast<QueuedWrites>(peer->tryGetData(kQueuedWrites));
    if (!data) {
      data = std::make_shared<QueuedWrites>();
      peer->putData(kQueuedWrites, data);
    }
    return data;
  }

  static void Track(P::Async::Promise<ssize_t> promise, const std::shared_ptr<QueuedWrites>& queued) {
    ++queued->count;
    promise.then([queued](ssize_t) { --queued->count; }, [queued](std::exception_ptr&) { --queued->count; });
  }

  // Sends the answer. A plain-HTTP answer in memory is written straight to the socket with one send() — on
  // the reactor thread that read the request, as Pistache's queue would — which skips the queue's eventfd
  // wake-up and second trip through epoll. Whatever the socket does not take at once, and the answer to a
  // connection's second request within one reactor round (below), goes through the queue as the same bytes.
  // TLS, files (sendfile) and HEAD keep Pistache's writer.
  void Respond(const P::Http::Request& in, const std::shared_ptr<P::Tcp::Peer>& peer) {
    Response r = Answer(in);
    const P::Http::ConnectionControl connection = ConnectionOf(in);
    auto queued = QueuedOf(peer);
    // Pistache reads a connection until it would block and hands each request to onInput as it comes. Were
    // every answer sent at once, a fast client's next request would already be there, and one connection
    // could keep its reactor thread from all the others (p99 of 100+ ms at 8 connections). So a second request
    // of one connection within one reactor round takes the queue: its answer leaves on a later round, after
    // the other ready connections.
    if (peer->ssl() == nullptr && r.file_path.empty() && in.method() != P::Http::Method::Head) {
      std::string bytes = Serialize(in.version(), r, connection);
      peer->setIdle(true);  // as ResponseWriter::send does: the keep-alive clock runs again
      size_t sent = 0;
      if (queued->count.load() == 0 && queued->direct_round != t_reactor_round) {
        queued->direct_round = t_reactor_round;
        ssize_t n = ::send(peer->fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return;  // the peer is gone; Pistache sees the close
        sent = n < 0 ? 0 : static_cast<size_t>(n);
      }
      // The rest (or all of it, for a queued answer) through Pistache's write queue, as the same bytes.
      if (sent < bytes.size()) {
        std::string rest = sent == 0 ? std::move(bytes) : bytes.substr(sent);
        const size_t size = rest.size();
        Track(peer->send(P::RawBuffer(std::move(rest), size)), queued);
      }
      return;
    }
    try {
      P::Http::ResponseWriter writer(in.version(), transport(), this, peer);
      writer.headers().add<P::Http::Header::Connection>(connection);
      Track(Write(r, writer), queued);
    } catch (...) {
      // The peer is gone; nothing more to do.
    }
  }

  // The Connection header of the answer. Pistache's own onInput answers "Connection: Close" to every
  // request without that header, HTTP/1.1 ones included, so every client (browsers, wrk) opened a new
  // TCP connection per request. HTTP/1.1 keeps the connection unless the client asks to close it
  // (RFC 9112 §9.3); HTTP/1.0 closes it unless the client asks to keep it.
  static P::Http::ConnectionControl ConnectionOf(const P::Http::Request& request) {
    auto connection = request.headers().tryGet<P::Http::Header::Connection>();
    if (connection && connection->control() != P::Http::ConnectionControl::Ext) return connection->control();
    return request.version() == P::Http::Version::Http11 ? P::Http::ConnectionControl::KeepAlive
                                                         : P::Http::ConnectionControl::Close;
  }

  // Pistache's own onInput (http.cc) with three changes: what it cannot parse is answered with our
  // JSON error, not 500 and the exception's text (its parser throws std::runtime_error for input
  // such as a Cookie header pair without '=' ("a=b; c"), which is a client error); the Connection
  // header follows HTTP/1.1 (ConnectionOf); and answers go out through Respond.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<P::Tcp::Peer>& peer) override {
    auto parser = getParser(peer);
    auto& request = parser->request;
    try {
      if (!parser->feed(buffer, len)) {
        parser->reset();
        throw P::Http::HttpError(P::Http::Code::Request_Entity_Too_Large, "request too large");
      }
      if (parser->parse() != P::Http::Private::State::Done) return;
      request.copyAddress(peer->address());
      peer->setIdle(false);
      Respond(request, peer);
      parser->reset();
    } catch (const P::Http::HttpError& err) {
      const char* code = err.code() == 413 ? "body_too_large" : err.code() == 501 ? "not_implemented" : "request_invalid";
      Reject(request, peer, code);
      parser->reset();
    } catch (const std::exception& e) {
      spdlog::debug("http: unparsable request: {}", e.what());
      Reject(request, peer, "request_invalid");
      parser->reset();
    }
  }

  void Reject(const P::Http::Request& in, const std::shared_ptr<P::Tcp::Peer>& peer, const char* code) {
    try {
      P::Http::ResponseWriter writer(in.version(), transport(), this, peer);
      Request req;
      req.method = "GET";
      req.path = "/api";  // JSON error body with the API's headers
      Track(Write(answerer_->reject(req, MakeError(code)), writer), QueuedOf(peer));
    } catch (...) {
      // The peer is gone; nothing more to do.
    }
  }

  const Answerer* answerer_;
};

// ---- TLS certificate reload

struct TlsPair {
  X509* cert = nullptr;
  EVP_PKEY* key = nullptr;
  STACK_OF(X509)* chain = nullptr;  // intermediates after the leaf in the certificate file
  TlsPair() = default;
  TlsPair(const TlsPair&) = delete;
  TlsPair& operator=(const TlsPair&) = delete;
  ~TlsPair() {
    sk_X509_pop_free(chain, X509_free);
    EVP_PKEY_free(key);
    X509_free(cert);
  }
};

// The pair new handshakes get. Connections hold their own references (SSL_use_cert_and_key up-refs),
// so replacing it never touches an open connection.
class TlsSlot {
 public:
  void Set(std::shared_ptr<const TlsPair> pair) {
    std::lock_guard<std::mutex> lock(mu_);
    pair_ = std::move(pair);
  }
  std::shared_ptr<const TlsPair> Get() const {
    std::lock_guard<std::mutex> lock(mu_);
    return pair_;
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const TlsPair> pair_;
};

std::string OpenSslReason() {
  unsigned long e = ERR_peek_last_error();
  char buf[256] = "unknown error";
  if (e != 0) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

// Reads and checks a PEM certificate chain and its private key the way Pistache loads them.
Result<std::shared_ptr<const TlsPair>> LoadTlsPair(const std::string& cert_path, const std::string& key_path) {
  auto pair = std::make_shared<TlsPair>();
  ERR_clear_error();
  BIO* bio = BIO_new_file(cert_path.c_str(), "r");
  if (bio != nullptr) {
    pair->cert = PEM_read_bio_X509_AUX(bio, nullptr, nullptr, nullptr);
    pair->chain = sk_X509_new_null();
    while (X509* extra = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) sk_X509_push(pair->chain, extra);
    ERR_clear_error();  // the loop above always ends with a "no start line" error
    BIO_free(bio);
  }
  if (pair->cert == nullptr) return MakeError("tls_cert_invalid", "tls-cert", cert_path + ": " + OpenSslReason());
  bio = BIO_new_file(key_path.c_str(), "r");
  if (bio != nullptr) {
    pair->key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
  }
  if (pair->key == nullptr) return MakeError("tls_key_invalid", "tls-key", key_path + ": " + OpenSslReason());
  if (X509_check_private_key(pair->cert, pair->key) != 1) {
    return MakeError("tls_key_mismatch", "tls-key", key_path + " does not belong to " + cert_path);
  }
  return std::shared_ptr<const TlsPair>(std::move(pair));
}

// OpenSSL certificate callback (SSL_CTX_set_cert_cb), run for each handshake when the ClientHello is in.
int SelectCertificate(SSL* ssl, void* arg) {
  std::shared_ptr<const TlsPair> pair = static_cast<const TlsSlot*>(arg)->Get();
  if (!pair) return 1;  // keep the context's own pair
  return SSL_use_cert_and_key(ssl, pair->cert, pair->key, pair->chain, 1) == 1 ? 1 : 0;
}

// Pistache 0.0.5 keeps the SSL_CTX private (Endpoint::listener, Listener::ssl_ctx_) and offers no way
// to change its certificate, nor to install a transport (Listener::setTransportFactory is public, the
// Endpoint's listener is not). An explicit template instantiation may name private members ([temp.spec]),
// and a friend defined in it hands the member pointer out: the one way this file reaches into Pistache's
// internals. The members' types are part of the installed headers we compile against.
template <typename Tag, typename Tag::Type kMember>
struct PrivateMember {
  friend typename Tag::Type Member(Tag) { return kMember; }
};
struct EndpointListener {
  using Type = P::Tcp::Listener P::Http::Endpoint::*;
  friend Type Member(EndpointListener);
};
struct ListenerSslContext {
  using Type = P::ssl::SSLCtxPtr P::Tcp::Listener::*;
  friend Type Member(ListenerSslContext);
};
template struct PrivateMember<EndpointListener, &P::Http::Endpoint::listener>;
template struct PrivateMember<ListenerSslContext, &P::Tcp::Listener::ssl_ctx_>;

// The SSL_CTX that Endpoint::useSSL created (null before it).
SSL_CTX* PistacheSslContext(P::Http::Endpoint& endpoint) {
  P::Tcp::Listener& listener = endpoint.*Member(EndpointListener{});
  return static_cast<SSL_CTX*>((listener.*Member(ListenerSslContext{})).get());
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Services services;
  Answerer answerer;
  TlsSlot tls;
  std::unique_ptr<P::Http::Endpoint> endpoint;
  std::mutex mu;
};

Server::Server(ServerOptions options, Services services) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->services = std::move(services);
  const Services* s = &impl_->services;
  impl_->answerer.answer = [s](Request& req) { return Dispatch(*s, req); };
  impl_->answerer.reject = [s](const Request& req, const Error& e) { return RejectRequest(*s, req, e); };
}

Server::Server(ServerOptions options, Answer answer) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->answerer.answer = [answer = std::move(answer)](Request& req) { return answer(req); };
  impl_->answerer.reject = [](const Request&, const Error&) {
    Response r;
    r.status = 400;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "bad request\n";
    return r;
  };
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
    auto handler = P::Http::make_handler<PistacheHandler>(&impl_->answerer);
    endpoint->setHandler(handler);
    (endpoint.get()->*Member(EndpointListener{})).setTransportFactory([handler] {
      return std::make_shared<RoundCountingTransport>(handler);
    });
    if (!o.tls_cert.empty() || !o.tls_key.empty()) {
      if (o.tls_cert.empty() || o.tls_key.empty()) return MakeError("listen_failed", "", "tls_cert and tls_key");
      auto pair = LoadTlsPair(o.tls_cert, o.tls_key);
      if (!pair.ok()) return MakeError("listen_failed", "", pair.error().code + ": " + pair.error().detail);
      impl_->tls.Set(*pair);
      endpoint->useSSL(o.tls_cert, o.tls_key);
      SSL_CTX* ctx = PistacheSslContext(*endpoint);
      if (ctx == nullptr) return MakeError("listen_failed", "", "no TLS context after useSSL");
      SSL_CTX_set_cert_cb(ctx, SelectCertificate, &impl_->tls);
    }
    endpoint->serveThreaded();
    uint16_t port = static_cast<uint16_t>(endpoint->getPort());
    impl_->endpoint = std::move(endpoint);
    return port;
  } catch (const std::exception& e) {
    return MakeError("listen_failed", "", e.what());
  }
}

Status Server::ReloadTls() {
  const ServerOptions& o = impl_->options;
  if (o.tls_cert.empty() || o.tls_key.empty()) return MakeError("tls_not_enabled");
  auto pair = LoadTlsPair(o.tls_cert, o.tls_key);
  if (!pair.ok()) return pair.error();
  impl_->tls.Set(*pair);
  return Ok{};
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
