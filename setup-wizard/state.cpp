#include "setup-wizard/state.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace osiedle::setup {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Language, lang, done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Cooperative, name, nip, address, phone, email, logo_file, done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Admin, first_name, last_name, email, password_hash, totp_secret,
                                                done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Tls, mode, name, fingerprint, done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Mail, host, port, security, user, password, from, skipped, done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FlatLineError, line, code, field)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Flats, have_csv, imported, updated, unchanged, errors, lines,
                                                done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Registration, proof, auto_approve, print_letters, done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Applied, done, public_url, letters, letter_count, at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State::Restored, done, at, fingerprint)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(State, mode, language, cooperative, admin, tls, mail, flats,
                                                registration, applied, restored)

bool State::StepDone(int step) const {
  switch (step) {
    case 1:
      return language.done;
    case 2:
      return cooperative.done;
    case 3:
      return admin.done;
    case 4:
      return tls.done;
    case 5:
      return mail.done;
    case 6:
      return flats.done;
    case 7:
      return registration.done;
    case 8:
      return applied.done;
    default:
      return false;
  }
}

int State::FirstOpenStep() const {
  for (int i = 1; i < kStepCount; ++i)
    if (!StepDone(i)) return i;
  return applied.done ? kStepCount + 1 : kStepCount;
}

std::string ToJson(const State& s) { return nlohmann::json(s).dump(2) + "\n"; }

Result<State> FromJson(const std::string& text) {
  try {
    return nlohmann::json::parse(text).get<State>();
  } catch (const std::exception& e) {
    return MakeError("state_invalid", "", e.what());
  }
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

Result<State> LoadState(const std::string& dir) {
  std::string path = dir + "/state.json";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return State{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError("state_unreadable", "", path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return FromJson(buf.str());
}

namespace {

Error SysError(const std::string& what) {
  return MakeError("state_write_failed", "", what + ": " + std::strerror(errno));
}

}  // namespace

Status WriteFileAtomic(const std::string& path, const std::string& data, unsigned mode) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return SysError(tmp);
  ::fchmod(fd, mode);
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Error e = SysError(tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return e;
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Error e = SysError(tmp);
    ::unlink(tmp.c_str());
    return e;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = SysError(path);
    ::unlink(tmp.c_str());
    return e;
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Ok{};
}

Status SaveState(const std::string& dir, const State& s) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError("state_write_failed", "", dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  return WriteFileAtomic(dir + "/state.json", ToJson(s), 0600);
}

}  // namespace osiedle::setup
