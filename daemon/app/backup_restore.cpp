// Verifying and restoring .osbak archives: everything is decrypted and checked in a scratch directory first;
// only then are the store and files swapped into the data directory by renames.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <set>
#include <vector>

#include "daemon/app/app.hpp"
#include "daemon/app/backup.hpp"
#include "daemon/app/backup_format.hpp"
#include "daemon/app/lock.hpp"

namespace osiedle::app::backup {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStoreParts[] = {"data.mdb", "files"};

Error IoFail(const std::string& what) {
  return MakeError("backup_write_failed", "", what + ": " + std::strerror(errno));
}

// Removes a directory tree when it goes out of scope (unless released).
struct TreeGuard {
  std::string path;
  ~TreeGuard() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// Archive paths are relative and plain: no "..", ".", empty parts, absolute paths, backslashes or control
// characters; and each kind has exactly one shape (data.mdb, osiedle.conf, files/xx/<sha256>).
Status CheckPath(const Reader::Record& rec) {
  const std::string& p = rec.path;
  bool plain = !p.empty() && p.front() != '/' && p.back() != '/';
  for (unsigned char c : p) plain = plain && c >= 0x20 && c != 0x7f && c != '\\';
  for (size_t start = 0; plain && start <= p.size();) {
    size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    std::string_view part(p.data() + start, end - start);
    plain = !part.empty() && part != "." && part != "..";
    start = end + 1;
  }
  bool shape = (rec.kind == Kind::kStore && p == "data.mdb") || (rec.kind == Kind::kConfig && p == "osiedle.conf") ||
               (rec.kind == Kind::kFile && IsFilePath(p));
  if (!plain || !shape) return MakeError("backup_corrupt", "path", "refused path in the archive: " + p);
  return Ok{};
}

// Streams the current record's bytes into `dest` (created; never overwritten, never through a symlink) or,
// with dest empty, only through the hash check.
Status CopyOut(Reader& r, const std::string& dest) {
  int fd = -1;
  if (!dest.empty()) {
    fd = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return IoFail("create " + dest);
  }
  Status st;
  for (;;) {
    auto piece = r.Read();
    if (!piece.ok()) {
      st = piece.error();
      break;
    }
    if (piece->empty()) break;
    for (std::string_view left = *piece; fd >= 0 && !left.empty();) {
      ssize_t n = ::write(fd, left.data(), left.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        st = IoFail("write " + dest);
        break;
      }
      left.remove_prefix(static_cast<size_t>(n));
    }
    if (!st.ok()) break;
  }
  if (fd >= 0 && ::close(fd) != 0 && st.ok()) st = IoFail("close " + dest);
  return st;
}

Status MakeDir(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return IoFail("mkdir " + dir);
  return Ok{};
}

// Decrypts and checks every record of `archive`, writing the store to <dir>/data.mdb, the config to
// <dir>/osiedle.conf and, with write_files, the files to <dir>/files/…; otherwise files are only checked.
Result<Info> Extract(const std::string& archive, const std::string& key, const std::string& dir, bool write_files) {
  auto reader = Reader::Open(archive, key);
  if (!reader.ok()) return reader.error();
  Reader& r = **reader;
  Info info;
  info.archive = archive;
  info.created_at = r.header().created_at;
  std::set<std::string> seen;
  bool has_store = false;
  for (;;) {
    auto rec = r.Next();
    if (!rec.ok()) return rec.error();
    if (rec->kind == Kind::kEnd) break;
    OSIEDLE_RETURN_IF_ERROR(CheckPath(*rec));
    if (!seen.insert(rec->path).second)
      return MakeError("backup_corrupt", "path", "twice in the archive: " + rec->path);
    std::string dest = dir + "/" + (rec->kind == Kind::kConfig ? "osiedle.conf" : rec->path);
    if (rec->kind == Kind::kFile) {
      if (write_files) {
        OSIEDLE_RETURN_IF_ERROR(MakeDir(dir + "/files"));
        OSIEDLE_RETURN_IF_ERROR(MakeDir(dir + "/" + rec->path.substr(0, 8)));
      } else {
        dest.clear();
      }
    }
    OSIEDLE_RETURN_IF_ERROR(CopyOut(r, dest));
    if (rec->kind == Kind::kFile) {
      if (r.content_sha256_hex() != rec->path.substr(9)) {
        return MakeError("backup_store_invalid", "", rec->path + ": the content does not match its name");
      }
      ++info.files;
    }
    has_store = has_store || rec->kind == Kind::kStore;
    info.has_config = info.has_config || rec->kind == Kind::kConfig;
    info.bytes += rec->size;
  }
  if (!has_store) return MakeError("backup_store_invalid", "", "the archive holds no store");
  return info;
}

// Opens the extracted store as osiedled would (applying pending migrations) and checks its audit chain.
Status CheckStore(const std::string& dir) {
  try {
    Config cfg;
    cfg.data_dir = dir;
    SystemClock clock;
    App app(cfg, clock);
    auto v = app.audit.Verify();
    if (!v.ok) {
      return MakeError("backup_store_invalid", "",
                       "the audit chain is broken at entry " + std::to_string(v.first_bad_id));
    }
  } catch (const std::exception& e) {
    return MakeError("backup_store_invalid", "", e.what());
  }
  ::unlink((dir + "/lock.mdb").c_str());
  return Ok{};
}

// Gives the restored tree to the data dir's owner (restore runs as root from the wizard; osiedled does not).
Status ChownLike(const std::string& tree, const std::string& like) {
  struct stat st {};
  if (::geteuid() != 0 || ::stat(like.c_str(), &st) != 0) return Ok{};
  std::error_code ec;
  if (::lchown(tree.c_str(), st.st_uid, st.st_gid) != 0) return IoFail("chown " + tree);
  for (auto it = fs::recursive_directory_iterator(tree, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (::lchown(it->path().c_str(), st.st_uid, st.st_gid) != 0) return IoFail("chown " + it->path().string());
  }
  if (ec) return MakeError("backup_write_failed", "", tree + ": " + ec.message());
  return Ok{};
}

// Copies the archived config next to `config_out` as <config_out>.restore.tmp, fsynced, with the mode and
// owner of the file it will replace (new: 0640, group of the data dir). Returns the temporary's path.
Result<std::string> StageConfig(const std::string& src, const std::string& config_out, const std::string& data_dir) {
  std::error_code ec;
  fs::path parent = fs::path(config_out).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  const std::string tmp = config_out + ".restore.tmp";
  ::unlink(tmp.c_str());
  struct stat old {
  }, dd{};
  bool had = ::stat(config_out.c_str(), &old) == 0;
  bool have_dd = ::stat(data_dir.c_str(), &dd) == 0;
  std::error_code copy_ec;
  if (!fs::copy_file(src, tmp, copy_ec)) return MakeError("backup_write_failed", "", tmp + ": " + copy_ec.message());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  bool ok = fd >= 0 && ::fchmod(fd, had ? (old.st_mode & 07777) : 0640) == 0;
  if (ok && ::geteuid() == 0)
    ok = ::fchown(fd, had ? old.st_uid : 0, had ? old.st_gid : (have_dd ? dd.st_gid : 0)) == 0;
  ok = ok && ::fsync(fd) == 0;
  Error e = IoFail("write " + tmp);
  if (fd >= 0) ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    return e;
  }
  return tmp;
}

// Moves the data dir's store aside and the scratch one in, by renames; Undo() puts everything back.
class Swap {
 public:
  Swap(std::string data_dir, std::string scratch) : data_dir_(std::move(data_dir)), scratch_(std::move(scratch)) {}

  Status Apply() {
    bool has_old = false;
    for (const char* part : kStoreParts) has_old = has_old || Exists(data_dir_ + "/" + part);
    if (has_old) OSIEDLE_RETURN_IF_ERROR(MakeKeptDir());
    for (const char* part : kStoreParts) {
      if (Exists(data_dir_ + "/" + part)) OSIEDLE_RETURN_IF_ERROR(Move(data_dir_ + "/" + part, kept_ + "/" + part));
    }
    for (const char* part : kStoreParts) {
      if (Exists(scratch_ + "/" + part)) OSIEDLE_RETURN_IF_ERROR(Move(scratch_ + "/" + part, data_dir_ + "/" + part));
    }
    OSIEDLE_RETURN_IF_ERROR(FsyncDir(data_dir_));
    if (!kept_.empty()) OSIEDLE_RETURN_IF_ERROR(FsyncDir(kept_));
    return Ok{};
  }

  // Best effort, in reverse order; then the kept directory is removed if it is empty again.
  void Undo() {
    for (auto it = done_.rbegin(); it != done_.rend(); ++it) ::rename(it->second.c_str(), it->first.c_str());
    done_.clear();
    if (!kept_.empty()) ::rmdir(kept_.c_str());
    (void)FsyncDir(data_dir_);
  }

  const std::string& kept() const { return kept_; }

 private:
  Status Move(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) return IoFail("rename " + from);
    done_.emplace_back(from, to);
    return Ok{};
  }

  Status MakeKeptDir() {
    std::string base = data_dir_ + "/before-restore-" + UtcStamp(static_cast<int64_t>(std::time(nullptr)));
    for (int n = 1; n < 100; ++n) {
      std::string dir = n == 1 ? base : base + "-" + std::to_string(n);
      if (::mkdir(dir.c_str(), 0700) == 0) {
        kept_ = dir;
        return Ok{};
      }
      if (errno != EEXIST) return IoFail("mkdir " + dir);
    }
    return MakeError("backup_write_failed", "", "too many " + base + "* directories");
  }

  std::string data_dir_, scratch_, kept_;
  std::vector<std::pair<std::string, std::string>> done_;
};

// Scratch directories of restores that were killed half-way (we hold the lock, so none is running).
void RemoveStaleScratch(const std::string& data_dir) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(data_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().filename().string().rfind(".restore-", 0) == 0) {
      std::error_code rm;
      fs::remove_all(it->path(), rm);
    }
  }
}

// Extracts into `scratch` and checks the store; used by Restore (scratch in the data dir) and Inspect (temp dir).
Result<Info> ExtractAndCheck(const std::string& archive, const std::string& key, const std::string& scratch,
                             bool write_files) {
  auto info = Extract(archive, key, scratch, write_files);
  if (!info.ok()) return info.error();
  int fd = ::open(scratch.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool synced = fd >= 0 && ::syncfs(fd) == 0;  // every extracted file durable before any rename
  if (fd >= 0) ::close(fd);
  if (!synced) return IoFail("sync " + scratch);
  OSIEDLE_RETURN_IF_ERROR(CheckStore(scratch));
  return info;
}

}  // namespace

Result<Info> Inspect(const std::string& archive, const std::string& key) {
  if (key.size() != kKeyBytes) return MakeError("backup_key_invalid", "", "the key must be 32 bytes");
  std::error_code ec;
  std::string tmpl = (fs::temp_directory_path(ec) / "osiedle-verify-XXXXXX").string();
  if (ec || ::mkdtemp(tmpl.data()) == nullptr) return IoFail("mkdtemp " + tmpl);
  TreeGuard guard{tmpl};
  return ExtractAndCheck(archive, key, tmpl, /*write_files=*/false);
}

Status Verify(const std::string& archive, const std::string& key) {
  auto info = Inspect(archive, key);
  if (!info.ok()) return info.error();
  return Ok{};
}

Result<Info> Restore(const std::string& archive, const std::string& key, const std::string& data_dir,
                     const std::string& config_out) {
  if (key.size() != kKeyBytes) return MakeError("backup_key_invalid", "", "the key must be 32 bytes");
  DataDirLock lock(data_dir);
  if (!lock.Acquire()) return MakeError("data_dir_busy", "data-dir", data_dir);
  RemoveStaleScratch(data_dir);
  const std::string scratch = data_dir + "/.restore-" + std::to_string(::getpid());
  if (::mkdir(scratch.c_str(), 0700) != 0) return IoFail("mkdir " + scratch);
  TreeGuard guard{scratch};

  auto info = ExtractAndCheck(archive, key, scratch, /*write_files=*/true);
  if (!info.ok()) return info.error();
  OSIEDLE_RETURN_IF_ERROR(ChownLike(scratch, data_dir));
  std::string staged_config;
  if (!config_out.empty() && info->has_config) {
    auto staged = StageConfig(scratch + "/osiedle.conf", config_out, data_dir);
    if (!staged.ok()) return staged.error();
    staged_config = *staged;
  }
  Swap swap(data_dir, scratch);
  Status st = swap.Apply();
  if (st.ok() && !staged_config.empty()) {
    if (::rename(staged_config.c_str(), config_out.c_str()) != 0) {
      st = IoFail("rename to " + config_out);
    } else {
      std::string parent = fs::path(config_out).parent_path().string();
      (void)FsyncDir(parent.empty() ? "." : parent);  // the config is in place; a failed directory sync changes nothing
      staged_config.clear();
    }
  }
  if (!st.ok()) {
    swap.Undo();
    if (!staged_config.empty()) ::unlink(staged_config.c_str());
    return st.error();
  }
  ::unlink((data_dir + "/lock.mdb").c_str());  // belonged to the replaced data.mdb; LMDB makes a new one
  info->previous_store = swap.kept();
  return info;
}

}  // namespace osiedle::app::backup
