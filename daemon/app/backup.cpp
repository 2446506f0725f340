// Backup keys, archive creation and retention. Restore and verification live in backup_restore.cpp.
#include "daemon/app/backup.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>

#include "daemon/app/backup_format.hpp"
#include "daemon/core/crypto.hpp"
#include "storage/env.hpp"

namespace osiedle::app::backup {
namespace fs = std::filesystem;
namespace {

Error IoFail(const std::string& code, const std::string& what, int err) {
  return MakeError(code, "", what + ": " + std::strerror(err));
}

// Closes a descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

std::string ParentOf(const std::string& path) {
  std::string p = fs::path(path).parent_path().string();
  return p.empty() ? "." : p;
}

// The FileStore files under <data_dir>/files as archive paths ("files/ab/ab…"), sorted. Anything else there
// (a writer's temporary ".<id>.<rand>.tmp", stray files, symlinks) is counted in *skipped and left out.
std::vector<std::string> ListFiles(const std::string& data_dir, uint64_t* skipped) {
  std::vector<std::string> out;
  const fs::path root = fs::path(data_dir) / "files";
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(root, ec))) return out;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    auto st = it->symlink_status(ec);
    if (ec || fs::is_directory(st)) continue;
    std::string rel = "files/" + fs::relative(it->path(), root, ec).generic_string();
    if (fs::is_regular_file(st) && IsFilePath(rel)) {
      out.push_back(std::move(rel));
    } else {
      ++*skipped;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Opens a file for reading and returns its size. Errors: `code`.
Result<uint64_t> OpenForArchive(const std::string& path, Fd* fd, const std::string& code) {
  fd->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd->fd < 0) return IoFail(code, "open " + path, errno);
  struct stat st {};
  if (::fstat(fd->fd, &st) != 0) return IoFail(code, "stat " + path, errno);
  return static_cast<uint64_t>(st.st_size);
}

// The store snapshot: a compact LMDB copy at `snap`, opened and unlinked (the descriptor keeps it).
Result<uint64_t> Snapshot(const std::string& data_dir, const std::string& snap, Fd* fd) {
  std::unique_ptr<storage::Env> env;
  try {
    env = storage::Env::Open(data_dir);
  } catch (const std::exception& e) {
    return MakeError("backup_store_invalid", "data-dir", e.what());
  }
  try {
    env->CopyCompact(snap);
  } catch (const std::exception& e) {  // the output side: disk full, no permission
    ::unlink(snap.c_str());
    return MakeError("backup_write_failed", "", e.what());
  }
  auto size = OpenForArchive(snap, fd, "backup_write_failed");
  ::unlink(snap.c_str());
  return size;
}

Status WriteArchive(const std::string& data_dir, Writer& w, Fd& store_fd, uint64_t store_size, Fd& config_fd,
                    uint64_t config_size, Info* info) {
  auto r = w.Add(Kind::kStore, "data.mdb", store_fd.fd, store_size);
  if (!r.ok()) return r.error();
  // Listed after the snapshot: a file is written before the commit that references it, so every file the
  // snapshot references is on this list.
  for (const auto& rel : ListFiles(data_dir, &info->skipped)) {
    Fd fd(-1);
    auto size = OpenForArchive(data_dir + "/" + rel, &fd, "backup_write_failed");
    if (!size.ok()) {
      ++info->skipped;  // vanished since listed (files are never deleted by osiedled; a hand-made change)
      continue;
    }
    auto sha = w.Add(Kind::kFile, rel, fd.fd, *size);
    if (!sha.ok()) return sha.error();
    if (*sha != rel.substr(rel.rfind('/') + 1)) {
      return MakeError("backup_store_invalid", "", rel + " is damaged: its content no longer matches its name");
    }
    ++info->files;
  }
  if (config_fd.fd >= 0) {
    auto c = w.Add(Kind::kConfig, "osiedle.conf", config_fd.fd, config_size);
    if (!c.ok()) return c.error();
    info->has_config = true;
  }
  return w.Finish();
}

}  // namespace

// ---------------------------------------------------------------------------------------------- keys

Result<std::string> ParseKeyText(std::string_view typed) {
  std::string hex;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t' || c == '\r' || c == '\n') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return MakeError("backup_key_invalid", "key", "only hex digits 0-9 and A-F");
    }
    hex.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (hex.size() != kKeyBytes * 2) {
    return MakeError("backup_key_invalid", "key", "64 hex digits expected, got " + std::to_string(hex.size()));
  }
  std::string key(kKeyBytes, '\0');
  for (size_t i = 0; i < kKeyBytes; ++i) key[i] = static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return key;
}

std::string KeyText(const std::string& key) {
  std::string hex = crypto::HexEncode(key);
  std::string out;
  for (size_t i = 0; i < hex.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i]))));
  }
  return out;
}

std::string EmergencyKitText(const std::string& key) {
  const std::string groups = KeyText(key);  // 16 groups: two lines of 8
  std::string kit = "ZESTAW AWARYJNY OSIEDLA — KLUCZ KOPII ZAPASOWYCH\n\n";
  kit += "    " + groups.substr(0, 39) + "\n";
  kit += "    " + groups.substr(std::min<size_t>(40, groups.size())) + "\n\n";
  kit +=
      "Ten klucz odszyfrowuje kopie zapasowe portalu (pliki .osbak). Bez niego kopii nie da się\n"
      "odtworzyć — nikt, także dostawca, nie odzyska danych. Kto ma klucz i kopię, może odczytać\n"
      "dane mieszkańców.\n"
      "Wydrukuj tę kartkę i przechowuj ją w sejfie spółdzielni, oddzielnie od dysku z kopiami.\n"
      "Nie wysyłaj klucza e-mailem i nie zapisuj go na tym samym dysku co kopie.\n"
      "Odtwarzanie: kreator instalacji („Przywróć z kopii zapasowej”) albo\n"
      "    osiedled restore --from PLIK.osbak --key-text   (wpisz klucz; spacje nie mają znaczenia)\n"
      "\n"
      "OSIEDLE EMERGENCY KIT — BACKUP KEY\n"
      "This key decrypts the portal's backups (.osbak files). Without it no backup can be restored;\n"
      "nobody can recover the data. Whoever holds the key and a backup can read residents' data.\n"
      "Print this page and keep it in the cooperative's safe, apart from the backup disk. Never e-mail\n"
      "it or store it on the backup disk. Restore with the setup wizard or with the command above.\n";
  return kit;
}

Result<std::string> ReadKey(const std::string& key_file) {
  Fd fd(::open(key_file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.fd < 0) return IoFail("backup_key_missing", key_file, errno);
  char buf[4096];
  ssize_t n = ::read(fd.fd, buf, sizeof buf);
  if (n < 0) return IoFail("backup_key_missing", key_file, errno);
  auto key = ParseKeyText(std::string_view(buf, static_cast<size_t>(n)));
  if (!key.ok()) return MakeError("backup_key_invalid", "backup-key-file", key_file + ": " + key.error().detail);
  return key;
}

Status CreateKeyFile(const std::string& path) {
  if (!crypto::InitCrypto()) return MakeError("backup_write_failed", "", "libsodium could not be initialised");
  std::error_code ec;
  fs::create_directories(ParentOf(path), ec);
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640));
  if (fd.fd < 0) {
    if (errno == EEXIST) return MakeError("backup_key_exists", "backup-key-file", path);
    return IoFail("backup_write_failed", "create " + path, errno);
  }
  std::string text = crypto::HexEncode(crypto::RandomBytes(kKeyBytes)) + "\n";
  bool ok = ::fchmod(fd.fd, 0640) == 0;  // the umask (0077 under systemd) must not narrow it
  if (ok && ::geteuid() == 0) {
    if (const struct group* g = ::getgrnam("osiedle")) ok = ::fchown(fd.fd, 0, g->gr_gid) == 0;
  }
  ok = ok && ::write(fd.fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd.fd) == 0;
  int err = errno;
  if (!ok) {
    ::unlink(path.c_str());
    return IoFail("backup_write_failed", "write " + path, err);
  }
  return FsyncDir(ParentOf(path));
}

// ---------------------------------------------------------------------------------------------- create

Result<Info> Create(const std::string& data_dir, const std::string& key, const std::string& out_path,
                    const std::string& config_path) {
  if (key.size() != kKeyBytes) return MakeError("backup_key_invalid", "", "the key must be 32 bytes");
  if (!fs::exists(fs::path(data_dir) / "data.mdb")) {
    return MakeError("backup_store_invalid", "data-dir", "no store in " + data_dir);
  }
  Fd config_fd(-1);
  uint64_t config_size = 0;
  if (!config_path.empty()) {
    auto size = OpenForArchive(config_path, &config_fd, "backup_config_unreadable");
    if (!size.ok()) return size.error();
    config_size = *size;
  }
  const std::string tmp = out_path + ".tmp";
  const std::string snap = out_path + ".snapshot.tmp";
  ::unlink(tmp.c_str());  // left by an interrupted run
  ::unlink(snap.c_str());

  Info info;
  info.created_at = static_cast<int64_t>(std::time(nullptr));
  info.archive = out_path;
  auto w = Writer::Create(tmp, key, info.created_at);  // first: an unwritable destination fails before any work
  if (!w.ok()) return w.error();
  Fd store_fd(-1);
  auto store_size = Snapshot(data_dir, snap, &store_fd);  // first the snapshot, then the list of files
  if (!store_size.ok()) return store_size.error();
  OSIEDLE_RETURN_IF_ERROR(WriteArchive(data_dir, **w, store_fd, *store_size, config_fd, config_size, &info));
  info.bytes = (*w)->bytes();
  if (::rename(tmp.c_str(), out_path.c_str()) != 0) {
    Error e = IoFail("backup_write_failed", "rename to " + out_path, errno);
    ::unlink(tmp.c_str());
    return e;
  }
  OSIEDLE_RETURN_IF_ERROR(FsyncDir(ParentOf(out_path)));
  return info;
}

// ---------------------------------------------------------------------------------------------- retention

std::string ArchiveName(int64_t unix_time) { return "osiedle-" + UtcStamp(unix_time) + ".osbak"; }

bool IsArchiveName(std::string_view n) {
  // osiedle-YYYYMMDD-HHMMSS.osbak
  if (n.size() != 29 || n.substr(0, 8) != "osiedle-" || n[16] != '-' || n.substr(23) != ".osbak") return false;
  for (size_t i : {8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22}) {
    if (n[i] < '0' || n[i] > '9') return false;
  }
  return true;
}

Result<std::vector<std::string>> Prune(const std::string& dir, int keep) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (IsArchiveName(name) && fs::is_regular_file(it->symlink_status(ec))) names.push_back(name);
  }
  if (ec) return MakeError("backup_write_failed", "backup-dir", dir + ": " + ec.message());
  std::sort(names.begin(), names.end());  // the names sort by time
  std::vector<std::string> removed;
  size_t keep_n = static_cast<size_t>(std::max(keep, 1));
  for (size_t i = 0; i + keep_n < names.size(); ++i) {
    std::string path = dir + "/" + names[i];
    if (::unlink(path.c_str()) != 0) return IoFail("backup_write_failed", "remove " + path, errno);
    removed.push_back(path);
  }
  if (!removed.empty()) OSIEDLE_RETURN_IF_ERROR(FsyncDir(dir));
  return removed;
}

// ---------------------------------------------------------------------------------------------- messages

std::string Describe(const Error& e) {
  static const std::map<std::string, std::string> kText = {
      {"backup_key_missing",
       "brak pliku klucza kopii (utwórz: osiedled backup-key) / backup key file missing "
       "(create it with: osiedled backup-key)"},
      {"backup_key_invalid",
       "klucz jest nieprawidłowy: potrzeba 64 cyfr szesnastkowych / invalid key: 64 hex "
       "digits expected"},
      {"backup_key_exists",
       "plik klucza już istnieje, nie nadpisuję go / the key file already exists and is "
       "never overwritten"},
      {"backup_unreadable", "nie można odczytać pliku kopii / cannot read the backup file"},
      {"backup_not_an_archive", "to nie jest kopia zapasowa Osiedla / not an Osiedle backup archive"},
      {"backup_wrong_key",
       "zły klucz: ta kopia została zaszyfrowana innym kluczem / wrong key: this backup was "
       "encrypted with a different key"},
      {"backup_corrupt",
       "kopia jest uszkodzona (nie przeszła kontroli integralności) / the backup is corrupt "
       "(integrity check failed)"},
      {"backup_truncated", "kopia jest niekompletna (plik ucięty) / the backup is truncated (incomplete file)"},
      {"backup_store_invalid",
       "baza danych w kopii lub na dysku jest nieprawidłowa / the store in the backup or "
       "on disk is invalid"},
      {"data_dir_busy",
       "osiedled działa na tym katalogu danych; najpierw go zatrzymaj / osiedled is running on "
       "this data directory; stop it first"},
      {"backup_write_failed", "zapis się nie powiódł / writing failed"},
      {"backup_config_unreadable", "nie można odczytać pliku konfiguracji / cannot read the config file"},
  };
  auto it = kText.find(e.code);
  std::string s = it == kText.end() ? e.code : it->second + " [" + e.code + "]";
  if (!e.detail.empty()) s += ": " + e.detail;
  return s;
}

}  // namespace osiedle::app::backup
