#pragma once
// Content-addressed store for uploaded files (PDFs, images): a file is named by the SHA-256 of its bytes and lives at
// <root>/<first 2 hex>/<64 hex>. Put writes a temporary file, fsyncs it, renames it into place and fsyncs the
// directory, so the file is durable BEFORE the LMDB commit that references it (a crash in between leaves an
// unreferenced file, never a dangling reference). Files never change once written; identical uploads share one file.
// Thread-safe (no shared mutable state; rename is atomic).
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle {

class FileStore {
 public:
  // `root` is created on first Put if missing (mode 0700).
  explicit FileStore(std::string root);

  // Stores `bytes` durably and returns their id: 64 lower-case hex digits of SHA-256. Errors: "storage_io".
  Result<std::string> Put(std::string_view bytes) const;
  // The file's path for streaming (sendfile). REQUIRES IsId(id).
  std::string PathOf(std::string_view id) const;
  // The whole file (for small files only, e.g. images). Errors: "not_found", "storage_io".
  Result<std::string> Read(std::string_view id) const;

  // True for exactly 64 lower-case hex digits.
  static bool IsId(std::string_view id);
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace osiedle
