#pragma once
// Uploads: checks bytes by content (sniff.hpp), stores them in the FileStore (durable before the commit that records
// them) and records them in table "uploads.files". Other modules (documents, ads, news) keep the id and ask Get() to
// check that an id names an upload of the kind they need. Thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/core/clock.hpp"
#include "daemon/core/file_store.hpp"
#include "daemon/core/result.hpp"
#include "daemon/modules/uploads/model.hpp"
#include "storage/env.hpp"

namespace osiedle::uploads {

class Service {
 public:
  // Opens the table. REQUIRES: every argument outlives the service.
  Service(storage::Env& env, const FileStore& files, const Clock& clock);

  // Checks and stores `bytes` for `user`. Uploading identical bytes again returns the first record. Errors: those of
  // Sniff, "upload_too_large" (PDF over kMaxPdfBytes, image over kMaxImageBytes), "storage_io".
  Result<Upload> Store(uint64_t user, std::string_view bytes);
  // The record of `id`. Errors: "not_found" (malformed id included).
  Result<Upload> Get(std::string_view id) const;
  Result<Upload> Get(const storage::ReadTxn& txn, std::string_view id) const;
  // Path of the stored file for streaming. REQUIRES: Get(id) succeeded.
  std::string PathOf(std::string_view id) const { return files_.PathOf(id); }
  // Whole file (images). Errors: "not_found", "storage_io".
  Result<std::string> Read(std::string_view id) const { return files_.Read(id); }

  static constexpr uint64_t kMaxPdfBytes = 25u << 20;   // 25 MiB
  static constexpr uint64_t kMaxImageBytes = 2u << 20;  // 2 MiB

 private:
  storage::Env& env_;
  const FileStore& files_;
  const Clock& clock_;
  storage::Table table_;
};

}  // namespace osiedle::uploads
