#pragma once
// A small HTTP server over libmicrohttpd (a thread per connection): parses urlencoded and multipart
// POST bodies (uploads streamed to files, capped per path) and hands each complete request to one
// handler. Knows nothing about the wizard.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "daemon/core/result.hpp"

struct MHD_Daemon;

namespace osiedle::setup {

struct Upload {
  std::string path;  // a temp file in the upload dir; removed after the handler unless it moved it
  std::string filename;
  uint64_t size = 0;
};

struct Request {
  std::string method, path;
  std::map<std::string, std::string> query;
  std::string cookie;  // the value of the wizard's cookie, "" when absent
  std::map<std::string, std::string> form;
  std::map<std::string, Upload> uploads;
  bool too_large = false;  // an upload or the form went over its cap (the rest was discarded)
  bool malformed = false;  // a POST body that could not be parsed
};

struct Reply {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string file;  // when set: send this file's bytes instead of body
};

class Server {
 public:
  using Handler = std::function<Reply(Request&)>;
  // Largest upload accepted for POST `path` (0 = none: only form fields).
  using UploadLimit = std::function<uint64_t(const std::string& path)>;

  // cookie_name: the cookie whose value lands in Request::cookie. upload_dir: where uploads go.
  Server(Handler handler, UploadLimit limit, std::string cookie_name, std::string upload_dir);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Listens on HOST:PORT (IPv4 literal; port 0 = any) and returns the bound port.
  // Errors: listen_invalid, listen_failed.
  Result<uint16_t> Start(const std::string& listen);
  void Stop();

  // Internal (libmicrohttpd callbacks).
  const Handler& handler() const { return handler_; }
  const UploadLimit& limit() const { return limit_; }
  const std::string& cookie_name() const { return cookie_name_; }
  const std::string& upload_dir() const { return upload_dir_; }

 private:
  Handler handler_;
  UploadLimit limit_;
  std::string cookie_name_, upload_dir_;
  MHD_Daemon* daemon_ = nullptr;
};

}  // namespace osiedle::setup
