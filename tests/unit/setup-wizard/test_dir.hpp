#pragma once
// A temp directory under /tmp, removed at the end of the test.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace osiedle::setup::testing {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/osiedle-setup-test-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void WriteText(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace osiedle::setup::testing
