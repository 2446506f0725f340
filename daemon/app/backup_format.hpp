#pragma once
// The .osbak container (storage/FORMAT.md, "Backup archive"): a clear header, then libsodium
// crypto_secretstream_xchacha20poly1305 chunks of equal size (the last tagged FINAL) holding a stream of
// records (kind, relative path, size, bytes, SHA-256). Writer builds one; Reader walks one front to back,
// verifying as it goes. backup.cpp uses both; tests use Writer to build hostile archives.
// Neither is thread-safe; use one object from one thread.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle::app::backup {

// Record kinds. Never renumber.
enum class Kind : uint8_t { kEnd = 0, kStore = 1, kFile = 2, kConfig = 3 };

inline constexpr uint16_t kFormatVersion = 1;
inline constexpr uint32_t kChunkBytes = 64 * 1024;  // plaintext bytes per chunk
inline constexpr size_t kHeaderBytes = 96;
inline constexpr size_t kKeyBytes = 32;
inline constexpr size_t kMaxPathBytes = 1024;

class Writer {
 public:
  // Creates `path` (which must not exist; mode 0600) and writes the header.
  // Errors: backup_key_invalid (not 32 bytes), backup_write_failed.
  static Result<std::unique_ptr<Writer>> Create(const std::string& path, const std::string& key, int64_t created_at,
                                                uint32_t chunk_bytes = kChunkBytes);
  ~Writer();  // an unfinished archive is closed and removed
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Appends a record of exactly `size` bytes streamed from `fd` (64 KiB at a time); returns their SHA-256 (hex).
  // The path is written as given (the reader validates). Errors: backup_write_failed (also when fd ends early).
  Result<std::string> Add(Kind kind, std::string_view path, int fd, uint64_t size);
  Result<std::string> Add(Kind kind, std::string_view path, std::string_view bytes);
  // Writes the end record and the FINAL chunk, fsyncs and closes. Errors: backup_write_failed.
  Status Finish();

  uint64_t records() const { return records_; }
  uint64_t bytes() const { return bytes_; }  // content bytes of all records

 private:
  struct State;
  explicit Writer(std::unique_ptr<State> s);
  Status Append(const void* data, size_t n);
  Status Push(bool final);
  Status BeginRecord(Kind kind, std::string_view path, uint64_t size);

  std::unique_ptr<State> s_;
  uint64_t records_ = 0;
  uint64_t bytes_ = 0;
};

struct Header {
  uint16_t version = 0;
  uint32_t chunk_bytes = 0;
  int64_t created_at = 0;
};

class Reader {
 public:
  struct Record {
    Kind kind = Kind::kEnd;
    std::string path;
    uint64_t size = 0;
  };

  // Opens `path` and checks its header against `key`. Errors: backup_unreadable (cannot open/read),
  // backup_not_an_archive (no magic, unknown version), backup_truncated (header cut), backup_wrong_key
  // (made with another key), backup_corrupt (header altered), backup_key_invalid (key not 32 bytes).
  static Result<std::unique_ptr<Reader>> Open(const std::string& path, const std::string& key);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  const Header& header() const { return header_; }

  // The next record (skipping what is left of the current one). Kind kEnd after the last: by then the record
  // count, the zero padding, the FINAL tag and the end of the file have been checked.
  // Errors: backup_corrupt (a chunk's MAC, a structure error, data after the end), backup_truncated.
  Result<Record> Next();
  // The next piece (at most one chunk) of the current record's bytes; empty when it is all read, and then its
  // SHA-256 trailer has been checked (backup_corrupt if it differs) and content_sha256_hex() is set.
  Result<std::string_view> Read();
  const std::string& content_sha256_hex() const { return sha_hex_; }

 private:
  struct State;
  explicit Reader(std::unique_ptr<State> s);
  Status Fill();
  Status ReadExact(void* out, size_t n);
  Status CheckEnd();

  std::unique_ptr<State> s_;
  Header header_;
  std::string sha_hex_;
};

// Shared by backup*.cpp: true for "files/<2 hex>/<64 hex>" with the directory = the name's first two digits
// (FileStore::PathOf), the only form a file record may have.
bool IsFilePath(std::string_view path);
// Shared by backup*.cpp: "YYYYMMDD-HHMMSS" (UTC) for archive and kept-store names.
std::string UtcStamp(int64_t unix_time);
// Shared by backup*.cpp: fsyncs a directory (makes renames in it durable). Errors: backup_write_failed.
Status FsyncDir(const std::string& dir);

}  // namespace osiedle::app::backup
