#pragma once
// Shared test helpers: a throw-away directory under /tmp (mkdtemp, removed with the object) and a
// storage::Env opened in one. Header-only; include as "tests/unit/support/temp_dir.hpp".
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "storage/env.hpp"

namespace osiedle::testing {

// A fresh directory /tmp/<prefix>-XXXXXX, removed recursively on destruction. Throws if mkdtemp fails.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "osiedle-test") {
    std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + tmpl);
    path_ = std::move(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path()/name.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A storage::Env opened in its own TempDir; the env is closed before the directory is removed.
// Declare it before the services that use env() so it outlives them.
class TempEnv {
 public:
  explicit TempEnv(const std::string& prefix = "osiedle-test") : dir_(prefix) { Reopen(); }
  ~TempEnv() { env_.reset(); }

  storage::Env& env() { return *env_; }
  const std::string& path() const { return dir_.path(); }
  // Closes the env (destroy its users first) and opens the same directory again.
  storage::Env& Reopen() {
    env_.reset();
    env_ = storage::Env::Open(dir_.path());
    return *env_;
  }

 private:
  TempDir dir_;
  std::unique_ptr<storage::Env> env_;
};

}  // namespace osiedle::testing
