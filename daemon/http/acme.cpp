#include "daemon/http/acme.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>

namespace osiedle::http::acme {
namespace {

constexpr size_t kMaxChallengeBytes = 64 * 1024;  // a key authorization is ~90 bytes

Response PlainText(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/plain";
  r.body = std::move(body);
  return r;
}

Response NotFound() { return PlainText(404, "not found\n"); }

// realpath(3) as a string; empty when the path does not resolve.
std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) == nullptr ? std::string() : std::string(buf);
}

// Reads a regular file of at most kMaxChallengeBytes; false otherwise.
bool ReadSmallFile(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);  // NONBLOCK: a FIFO never hangs
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) <= kMaxChallengeBytes;
  if (ok) {
    out->resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (done < out->size()) {
      ssize_t n = ::read(fd, out->data() + done, out->size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    out->resize(done);
  }
  ::close(fd);
  return ok;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Percent-encodes everything but unreserved characters and `keep`.
std::string Encode(std::string_view s, std::string_view keep) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (IsUnreserved(c) || keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

bool IsValidToken(std::string_view token) {
  if (token.empty() || token.size() > 128) return false;
  for (char c : token) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Response ServeChallenge(const std::string& webroot, std::string_view token) {
  if (webroot.empty() || !IsValidToken(token)) return NotFound();
  std::string root = RealPath(webroot);
  std::string path = RealPath(webroot + std::string(kChallengePrefix) + std::string(token));
  // The token cannot climb, but .well-known or acme-challenge might be symlinks leading elsewhere.
  if (root.empty() || path.size() <= root.size() || path.compare(0, root.size(), root) != 0 ||
      (root != "/" && path[root.size()] != '/')) {
    return NotFound();
  }
  std::string body;
  if (!ReadSmallFile(path, &body)) return NotFound();
  return PlainText(200, std::move(body));
}

Response AnswerPlainHttp(const std::string& webroot, const std::string& public_url, const Request& req) {
  std::string_view path = req.path;
  if ((req.method == "GET" || req.method == "HEAD") && path.substr(0, kChallengePrefix.size()) == kChallengePrefix) {
    return ServeChallenge(webroot, path.substr(kChallengePrefix.size()));
  }
  std::string location = public_url;
  while (!location.empty() && location.back() == '/') location.pop_back();
  location += Encode(req.path.empty() ? "/" : req.path, "/!$&'()*+,;=:@");
  char sep = '?';
  for (const auto& [key, value] : req.query) {
    location += sep;
    location += Encode(key, "") + (value.empty() ? "" : "=" + Encode(value, ""));
    sep = '&';
  }
  Response r = PlainText(301, "");
  r.headers.emplace_back("Location", location);
  return r;
}

}  // namespace osiedle::http::acme
