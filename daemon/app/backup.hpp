#pragma once
// Encrypted backups (.osbak, storage/FORMAT.md "Backup archive"): a consistent compact copy of the store,
// every uploaded file under <data-dir>/files and optionally the config file, encrypted with a 32-byte key
// kept in a key file (64 hex digits). Restore verifies everything (every chunk's MAC, the final tag, content
// hashes, file names = content hashes, the audit chain) in a scratch directory before anything is replaced.
// Files are streamed 64 KiB at a time, never held whole in memory.
//
// Error codes: backup_key_missing, backup_key_invalid, backup_key_exists, backup_unreadable,
// backup_not_an_archive, backup_wrong_key, backup_corrupt, backup_truncated, backup_store_invalid,
// data_dir_busy, backup_write_failed (cannot write the archive, the key file or the restored files),
// backup_config_unreadable (Create: the config file named cannot be read).
// Functions are safe to call from any thread; two restores of one data dir exclude each other (DataDirLock).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/result.hpp"

namespace osiedle::app::backup {

struct Info {
  int64_t created_at = 0;      // when the archive was made (Unix seconds, from its header)
  uint64_t files = 0;          // uploaded files in it
  uint64_t bytes = 0;          // content bytes of every record (store + files + config)
  bool has_config = false;     // the archive holds a config file
  uint64_t skipped = 0;        // Create: entries under files/ that are not FileStore files (temporaries), left out
  std::string archive;         // the archive written or read
  std::string previous_store;  // Restore: where the replaced store was kept ("" = data_dir had no store)
};

// The key in `key_file` (64 hex digits; spaces and dashes ignored): 32 raw bytes.
// Errors: backup_key_missing (no such file / unreadable), backup_key_invalid.
Result<std::string> ReadKey(const std::string& key_file);
// A typed key (hex, any case; spaces, dashes and line breaks ignored) → 32 raw bytes. Errors: backup_key_invalid.
Result<std::string> ParseKeyText(std::string_view typed);
// 64 upper-case hex digits in 16 groups of 4 separated by spaces, for the printed emergency kit.
std::string KeyText(const std::string& key);
// The emergency kit (Polish, then English): the key in groups, what it is for, where to keep it.
std::string EmergencyKitText(const std::string& key);
// Creates `path` with a new random key (mode 0640; group "osiedle" when run as root and that group exists).
// Errors: backup_key_exists (never overwrites), backup_write_failed.
Status CreateKeyFile(const std::string& path);

// Writes an archive of the store in `data_dir` (consistent while osiedled runs) and, if `config_path` is not
// empty, that file, to `out_path` (via <out_path>.tmp, fsync, rename, fsync of the directory).
// Errors: backup_key_invalid, backup_store_invalid (no store, or a file under files/ whose content no longer
// matches its name), backup_config_unreadable, backup_write_failed.
Result<Info> Create(const std::string& data_dir, const std::string& key, const std::string& out_path,
                    const std::string& config_path /* "" = none */);

// Checks an archive completely (as Restore does, including the store's audit chain, in a temporary directory)
// without touching any data directory. Errors: as Restore, except data_dir_busy.
Status Verify(const std::string& archive, const std::string& key);
// Verify, returning what the archive holds.
Result<Info> Inspect(const std::string& archive, const std::string& key);

// Verifies `archive` into a scratch directory inside `data_dir`, then swaps its store and files in by renames;
// the previous store (data.mdb, files/) is kept in <data_dir>/before-restore-YYYYMMDD-HHMMSS (UTC). When
// `config_out` is not empty and the archive holds a config file, it is written there too (atomically; an
// existing file's mode and owner are kept). On any error nothing in data_dir or config_out is replaced.
// Errors: backup_key_invalid, backup_unreadable, backup_not_an_archive, backup_wrong_key, backup_corrupt,
// backup_truncated, backup_store_invalid, data_dir_busy (osiedled holds the data dir), backup_write_failed.
Result<Info> Restore(const std::string& archive, const std::string& key, const std::string& data_dir,
                     const std::string& config_out /* "" = don't write the config */);

// Retention. "osiedle-YYYYMMDD-HHMMSS.osbak" for `unix_time` (UTC).
std::string ArchiveName(int64_t unix_time);
bool IsArchiveName(std::string_view file_name);
// Deletes the oldest archives in `dir` whose names match ArchiveName beyond the newest `keep`; other files are
// never touched. Returns the paths removed. Errors: backup_write_failed (cannot list or remove).
Result<std::vector<std::string>> Prune(const std::string& dir, int keep);

// One line for the command line and the wizard: "<Polish> / <English>" for a backup error code.
std::string Describe(const Error& e);

}  // namespace osiedle::app::backup
