#pragma once
// The web front end (daemon/web: portal/, admin/, kiosk/, common/) held in memory and served with
// strong ETags and precompressed gzip. Loaded once at start-up; serving never touches the disk.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "daemon/http/types.hpp"

namespace osiedle::http {

class StaticFiles {
 public:
  StaticFiles() = default;  // serves nothing (every path is 404)

  // Loads every regular file under `root` (recursively). Symlinks that resolve outside the root,
  // and anything that is not a regular file, are skipped. A missing `root` gives an empty set.
  // Never throws.
  static StaticFiles Load(const std::string& root);

  // Answers a GET or HEAD for req.path (already percent-decoded): "/" → portal/index.html,
  // "/admin[/...]" and "/kiosk[/...]" without an extension → admin|kiosk/index.html, other paths map
  // to the file of that name (root-level names also try portal/). 304 on a matching If-None-Match,
  // gzip when the client accepts it. Errors: 400 path_invalid (.., backslash, NUL, //), 404 not_found,
  // 405 method_not_allowed. Thread-safe (const).
  Response Serve(const Request& req) const;

  size_t file_count() const { return files_.size(); }
  // The served file for a key such as "portal/index.html", or nullptr.
  const std::string* Content(const std::string& key) const;

  // Content-Type for a file name by its extension (application/octet-stream when unknown).
  static std::string_view ContentTypeFor(std::string_view name);

 private:
  struct File {
    std::string body;
    std::string gzip;  // empty unless compressible and smaller
    std::string etag;  // "\"<16 hex of SHA-256>\""
    std::string content_type;
    bool html = false;
    bool compressible = false;
  };
  const File* Resolve(std::string_view path) const;

  std::unordered_map<std::string, File> files_;  // key: path relative to root, '/'-separated
};

// gzip (RFC 1952) of `data` at zlib level 9; empty on failure.
std::string GzipCompress(std::string_view data);

}  // namespace osiedle::http
