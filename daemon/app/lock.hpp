#pragma once
// An advisory lock on <data-dir>/osiedled.lock: held by `serve` for its lifetime, required by
// commands that replace the store (restore), so they never pull it from under a running daemon.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace osiedle::app {

class DataDirLock {
 public:
  explicit DataDirLock(std::string data_dir) : path_(std::move(data_dir) + "/osiedled.lock") {}
  ~DataDirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

  // Returns false if another process holds it. Creates the directory if needed.
  bool Acquire() {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    return fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace osiedle::app
