#include "setup-wizard/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace osiedle::setup {

namespace {

constexpr size_t kMaxFormBytes = 256 * 1024;  // all non-file fields together
constexpr uint64_t kMaxPlainBody = 1 << 20;   // a POST without uploads

struct Connection {
  Server* server = nullptr;
  Request req;
  MHD_PostProcessor* pp = nullptr;
  uint64_t limit = 0;
  size_t form_bytes = 0;
  std::map<std::string, int> fds;  // open upload files by field
  ~Connection() {
    if (pp) MHD_destroy_post_processor(pp);
    for (auto& [k, fd] : fds) ::close(fd);
    for (auto& [k, u] : req.uploads) ::unlink(u.path.c_str());
  }
};

void Discard(Connection* c, const std::string& key) {
  auto it = c->fds.find(key);
  if (it != c->fds.end()) {
    ::close(it->second);
    c->fds.erase(it);
  }
  auto u = c->req.uploads.find(key);
  if (u != c->req.uploads.end()) {
    ::unlink(u->second.path.c_str());
    c->req.uploads.erase(u);
  }
}

MHD_Result OnPostData(void* cls, MHD_ValueKind, const char* key, const char* filename, const char*, const char*,
                      const char* data, uint64_t, size_t size) {
  auto* c = static_cast<Connection*>(cls);
  std::string k = key ? key : "";
  if (filename == nullptr) {
    c->form_bytes += size + k.size();
    if (c->form_bytes > kMaxFormBytes) {
      c->req.too_large = true;
      return MHD_YES;
    }
    c->req.form[k].append(data ? data : "", size);
    return MHD_YES;
  }
  if (*filename == '\0' || c->req.too_large) return MHD_YES;  // an empty file input, or already over
  auto it = c->fds.find(k);
  if (it == c->fds.end()) {
    if (c->req.uploads.count(k)) return MHD_YES;  // a second file for one field: ignored
    std::string tmpl = c->server->upload_dir() + "/upload-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
      c->req.malformed = true;
      return MHD_YES;
    }
    ::fchmod(fd, 0600);
    it = c->fds.emplace(k, fd).first;
    c->req.uploads[k] = Upload{tmpl, filename, 0};
  }
  Upload& u = c->req.uploads[k];
  u.size += size;
  if (u.size > c->limit) {
    c->req.too_large = true;
    Discard(c, k);
    return MHD_YES;
  }
  size_t off = 0;
  while (off < size) {
    ssize_t n = ::write(it->second, data + off, size - off);
    if (n <= 0) {
      c->req.malformed = true;  // disk full: reported as a bad upload
      Discard(c, k);
      return MHD_YES;
    }
    off += static_cast<size_t>(n);
  }
  return MHD_YES;
}

MHD_Result CollectQuery(void* cls, MHD_ValueKind, const char* key, const char* value) {
  if (key) (*static_cast<std::map<std::string, std::string>*>(cls))[key] = value ? value : "";
  return MHD_YES;
}

MHD_Result Send(MHD_Connection* conn, const Reply& r) {
  MHD_Response* resp = nullptr;
  if (!r.file.empty()) {
    int fd = ::open(r.file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0) {
      resp = MHD_create_response_from_fd(static_cast<uint64_t>(st.st_size), fd);
    } else {
      if (fd >= 0) ::close(fd);
      Reply missing{404, "text/plain; charset=utf-8", "not found\n", {}, ""};
      return Send(conn, missing);
    }
  } else {
    resp = MHD_create_response_from_buffer(r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
  }
  if (!resp) return MHD_NO;
  MHD_add_response_header(resp, "Content-Type", r.content_type.c_str());
  MHD_add_response_header(resp, "Cache-Control", "no-store");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "Content-Security-Policy",
                          "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                          "frame-ancestors 'none'; base-uri 'none'");
  for (const auto& [k, v] : r.headers) MHD_add_response_header(resp, k.c_str(), v.c_str());
  MHD_Result ret = MHD_queue_response(conn, static_cast<unsigned>(r.status), resp);
  MHD_destroy_response(resp);
  return ret;
}

Reply Plain(int status, const std::string& text) { return Reply{status, "text/plain; charset=utf-8", text, {}, ""}; }

MHD_Result OnRequest(void* cls, MHD_Connection* conn, const char* url, const char* method, const char*,
                     const char* upload_data, size_t* upload_data_size, void** con_cls) {
  auto* server = static_cast<Server*>(cls);
  auto* c = static_cast<Connection*>(*con_cls);
  if (!c) {
    c = new Connection;
    *con_cls = c;
    c->server = server;
    c->req.method = method;
    c->req.path = url;
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, CollectQuery, &c->req.query);
    const char* cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, server->cookie_name().c_str());
    c->req.cookie = cookie ? cookie : "";
    if (c->req.method == "POST") {
      c->limit = server->limit()(c->req.path);
      const char* len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
      uint64_t length = len ? std::strtoull(len, nullptr, 10) : 0;
      if (length > c->limit + kMaxPlainBody) {
        c->req.too_large = true;
        return server->handler() ? Send(conn, server->handler()(c->req)) : MHD_NO;
      }
      c->pp = MHD_create_post_processor(conn, 64 * 1024, OnPostData, c);
      if (!c->pp) c->req.malformed = true;
    }
    return MHD_YES;
  }
  if (*upload_data_size != 0) {
    if (c->pp && MHD_post_process(c->pp, upload_data, *upload_data_size) != MHD_YES) c->req.malformed = true;
    *upload_data_size = 0;
    return MHD_YES;
  }
  for (auto& [k, fd] : c->fds) ::close(fd);
  c->fds.clear();
  Reply reply;
  try {
    reply = server->handler()(c->req);
  } catch (const std::exception& e) {
    reply = Plain(500, std::string("internal error: ") + e.what() + "\n");
  }
  return Send(conn, reply);
}

void OnCompleted(void*, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
  delete static_cast<Connection*>(*con_cls);
  *con_cls = nullptr;
}

}  // namespace

Server::Server(Handler handler, UploadLimit limit, std::string cookie_name, std::string upload_dir)
    : handler_(std::move(handler)),
      limit_(std::move(limit)),
      cookie_name_(std::move(cookie_name)),
      upload_dir_(std::move(upload_dir)) {}

Server::~Server() { Stop(); }

Result<uint16_t> Server::Start(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return MakeError("listen_invalid", "listen", listen);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  int port = -1;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535 || ::inet_pton(AF_INET, listen.substr(0, colon).c_str(), &addr.sin_addr) != 1)
    return MakeError("listen_invalid", "listen", listen);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  daemon_ =
      MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, nullptr,
                       nullptr, OnRequest, this, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_NOTIFY_COMPLETED, OnCompleted,
                       nullptr, MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(120), MHD_OPTION_CONNECTION_LIMIT,
                       static_cast<unsigned>(64), MHD_OPTION_END);
  if (!daemon_) return MakeError("listen_failed", "listen", listen + ": " + std::strerror(errno));
  const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
  return static_cast<uint16_t>(info ? info->port : port);
}

void Server::Stop() {
  if (daemon_) MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
}

}  // namespace osiedle::setup
