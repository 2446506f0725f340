#include "daemon/http/static_files.hpp"

#include <spdlog/spdlog.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "daemon/core/crypto.hpp"
#include "daemon/core/i18n.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::http {
namespace {

namespace fs = std::filesystem;

constexpr uintmax_t kMaxFileBytes = 32u << 20;  // a web asset larger than this is a mistake

struct TypeInfo {
  std::string_view ext, type;
  bool compressible;
};
constexpr TypeInfo kTypes[] = {
    {"html", "text/html; charset=utf-8", true},
    {"js", "text/javascript; charset=utf-8", true},
    {"mjs", "text/javascript; charset=utf-8", true},
    {"css", "text/css; charset=utf-8", true},
    {"json", "application/json; charset=utf-8", true},
    {"svg", "image/svg+xml", true},
    {"webmanifest", "application/manifest+json", true},
    {"txt", "text/plain; charset=utf-8", true},
    {"png", "image/png", false},
    {"ico", "image/x-icon", false},
    {"woff2", "font/woff2", false},
};

std::string_view Extension(std::string_view name) {
  size_t slash = name.rfind('/');
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  size_t dot = base.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : base.substr(dot + 1);
}

const TypeInfo* FindType(std::string_view name) {
  std::string_view ext = Extension(name);
  for (const TypeInfo& t : kTypes) {
    if (t.ext == ext) return &t;
  }
  return nullptr;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitList(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t comma = s.find(',');
    std::string_view item = Trim(s.substr(0, comma));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  for (std::string_view item : SplitList(accept_encoding)) {
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    if (coding != "gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view param = Trim(item.substr(semi + 1));
    // "q=0", "q=0.0", "q=0.000" refuse the coding; any other q accepts it.
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string_view q = param.substr(2);
      if (q.find_first_not_of("0.") == std::string_view::npos) continue;
    }
    return true;
  }
  return false;
}

bool EtagMatches(std::string_view if_none_match, const std::string& etag) {
  for (std::string_view item : SplitList(if_none_match)) {
    if (item == "*") return true;
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

// Rejects what could name something other than a file under the root.
bool PathIsSafe(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) return false;
  if (path.find("//") != std::string_view::npos) return false;
  std::string_view rest = path.substr(1);
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg == "." || seg == "..") return false;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return true;
}

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  *out = std::move(ss).str();
  return true;
}

bool IsUnder(const fs::path& p, const std::string& root_prefix) {
  return p.native().compare(0, root_prefix.size(), root_prefix) == 0;
}

Response Error404(const Request& req, const char* code) {
  return ErrorResponse(MakeError(code), i18n::FromTag(req.Header("accept-language")));
}

}  // namespace

std::string GzipCompress(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16 selects the gzip wrapper.
  if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return {};
  out.resize(written);
  return out;
}

std::string_view StaticFiles::ContentTypeFor(std::string_view name) {
  const TypeInfo* t = FindType(name);
  return t ? t->type : "application/octet-stream";
}

StaticFiles StaticFiles::Load(const std::string& root) {
  StaticFiles sf;
  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical_root, ec)) {
    spdlog::warn("web root {} not found: static files disabled", root);
    return sf;
  }
  const std::string root_prefix = canonical_root.native() + "/";
  fs::recursive_directory_iterator it(canonical_root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    fs::path real = entry.path();
    if (entry.is_symlink(ec)) {
      real = fs::canonical(entry.path(), ec);
      if (ec || !IsUnder(real, root_prefix)) {
        spdlog::warn("static files: skipping {}: symlink leaves the web root", entry.path().string());
        ec.clear();
        continue;
      }
    }
    if (!fs::is_regular_file(real, ec) || fs::file_size(real, ec) > kMaxFileBytes || ec) {
      ec.clear();
      continue;
    }
    File f;
    if (!ReadFile(real, &f.body)) continue;
    std::string key = entry.path().lexically_relative(canonical_root).generic_string();
    const TypeInfo* type = FindType(key);
    f.content_type = type ? std::string(type->type) : "application/octet-stream";
    f.html = Extension(key) == "html";
    f.compressible = type && type->compressible;
    f.etag = "\"" + crypto::Sha256Hex(f.body).substr(0, 16) + "\"";
    if (f.compressible) {
      std::string gz = GzipCompress(f.body);
      if (!gz.empty() && gz.size() < f.body.size()) f.gzip = std::move(gz);
    }
    sf.files_.emplace(std::move(key), std::move(f));
  }
  if (ec) spdlog::warn("static files: stopped reading {}: {}", root, ec.message());
  spdlog::info("static files: {} files loaded from {}", sf.files_.size(), root);
  return sf;
}

const std::string* StaticFiles::Content(const std::string& key) const {
  auto it = files_.find(key);
  return it == files_.end() ? nullptr : &it->second.body;
}

const StaticFiles::File* StaticFiles::Resolve(std::string_view path) const {
  auto find = [this](const std::string& key) -> const File* {
    auto it = files_.find(key);
    return it == files_.end() ? nullptr : &it->second;
  };
  if (path == "/") return find("portal/index.html");
  std::string_view rest = path.substr(1);
  std::string_view first = rest.substr(0, rest.find('/'));
  if ((first == "admin" || first == "kiosk") && Extension(rest).empty()) {
    return find(std::string(first) + "/index.html");  // single-page app: the client routes the rest
  }
  if (const File* f = find(std::string(rest))) return f;
  if (first != "portal" && first != "admin" && first != "kiosk" && first != "common") {
    return find("portal/" + std::string(rest));  // the portal is served at the site root
  }
  return nullptr;
}

Response StaticFiles::Serve(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return Error404(req, "method_not_allowed");
  if (!PathIsSafe(req.path)) return Error404(req, "path_invalid");
  const File* f = Resolve(req.path);
  if (f == nullptr) return Error404(req, "not_found");

  Response r;
  r.content_type = f->content_type;
  r.headers.emplace_back("ETag", f->etag);
  r.headers.emplace_back("Cache-Control", f->html ? "no-cache" : "max-age=3600");
  if (f->compressible) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (EtagMatches(req.Header("if-none-match"), f->etag)) {
    r.status = 304;
    return r;
  }
  bool gzip = !f->gzip.empty() && AcceptsGzip(req.Header("accept-encoding"));
  if (gzip) r.headers.emplace_back("Content-Encoding", "gzip");
  if (req.method == "GET") r.body = gzip ? f->gzip : f->body;
  return r;
}

}  // namespace osiedle::http
