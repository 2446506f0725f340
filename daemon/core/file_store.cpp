#include "daemon/core/file_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "daemon/core/crypto.hpp"

namespace osiedle {
namespace {

Error IoError(const std::string& what) { return MakeError("storage_io", "", what + ": " + std::strerror(errno)); }

// mkdir -p for at most two levels below an existing parent; EEXIST is fine.
bool MakeDir(const std::string& path) { return ::mkdir(path.c_str(), 0700) == 0 || errno == EEXIST; }

bool FsyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

FileStore::FileStore(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

bool FileStore::IsId(std::string_view id) {
  if (id.size() != 64) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string FileStore::PathOf(std::string_view id) const {
  return root_ + "/" + std::string(id.substr(0, 2)) + "/" + std::string(id);
}

Result<std::string> FileStore::Put(std::string_view bytes) const {
  const std::string id = crypto::Sha256Hex(bytes);
  const std::string dir = root_ + "/" + id.substr(0, 2);
  const std::string path = dir + "/" + id;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && static_cast<uint64_t>(st.st_size) == bytes.size()) {
    return id;  // already stored (written and synced by an earlier Put)
  }
  if (!MakeDir(root_) || !MakeDir(dir)) return IoError("mkdir " + dir);
  const std::string tmp = dir + "/." + id + "." + crypto::RandomToken(8) + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("open " + tmp);
  bool ok = WriteAll(fd, bytes) && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = IoError("write " + path);
    ::unlink(tmp.c_str());
    return e;
  }
  // The rename is durable only once both directories are synced (the first-level one may be new).
  if (!FsyncPath(dir, O_RDONLY | O_DIRECTORY) || !FsyncPath(root_, O_RDONLY | O_DIRECTORY)) {
    return IoError("fsync " + dir);
  }
  return id;
}

Result<std::string> FileStore::Read(std::string_view id) const {
  if (!IsId(id)) return MakeError("not_found");
  int fd = ::open(PathOf(id).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? MakeError("not_found") : IoError("open");
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Error e = IoError("read");
      ::close(fd);
      return e;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace osiedle
