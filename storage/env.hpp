#pragma once
// The LMDB layer. This header and storage/*.cpp are the only code that knows LMDB; nothing
// here includes <lmdb.h>, so module stores compile without it.
//
// Usage:
//   auto env = storage::Env::Open(dir);                       // throws StorageError
//   storage::Table users = env->OpenTable("identity.users");  // at start-up, before serving
//   env->Update([&](storage::WriteTxn& t) -> Result<uint64_t> { ... });  // commits iff ok()
//   env->View([&](const storage::ReadTxn& t) { ... });
//
// Durability: every committed write transaction is fsynced (no MDB_NOSYNC), so an answer sent
// after Update() returned survives kill -9 and power loss.
// Thread-safety: Env is thread-safe; a transaction belongs to the thread that runs the lambda.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "daemon/core/result.hpp"

struct MDB_env;
struct MDB_txn;

namespace osiedle::storage {

// An unexpected LMDB failure (I/O error, corrupt file). Not-found is never a StorageError.
class StorageError : public std::runtime_error {
 public:
  StorageError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// A named database. Cheap to copy; valid for the life of the Env that opened it.
struct Table {
  unsigned dbi = 0;
  std::string name;
};

enum class Direction { kForward, kBackward };

// Read operations. Values returned are copies: they outlive the transaction safely.
class ReadTxn {
 public:
  ReadTxn(const ReadTxn&) = delete;
  ReadTxn& operator=(const ReadTxn&) = delete;

  std::optional<std::string> Get(const Table& t, std::string_view key) const;
  bool Contains(const Table& t, std::string_view key) const;
  // Number of entries in the table.
  uint64_t Count(const Table& t) const;

  // Calls fn(key, value) for each entry whose key starts with `prefix`, in key order
  // (or reverse order), starting at `start` if it is non-empty (inclusive; for kBackward the
  // scan starts at the last key <= start). fn returns false to stop. The string_views are
  // valid only during the call.
  void Scan(const Table& t, std::string_view prefix,
            const std::function<bool(std::string_view key, std::string_view value)>& fn,
            Direction dir = Direction::kForward, std::string_view start = {}) const;

  // The id of the committed state this transaction reads (LMDB's txn id: it grows with every commit,
  // from any process). Two read transactions with the same id see the same data, so a result computed
  // from the store alone may be memoised under it. 0 inside a write transaction, whose data changes
  // as it writes.
  uint64_t SnapshotId() const;
  // Which open Env this transaction reads: unique per Env::Open in this process, never reused. A memo
  // shared by several Envs (tests open many) keys on it beside SnapshotId, whose values repeat across stores.
  uint64_t StoreInstance() const { return instance_; }

  MDB_txn* raw() const { return txn_; }

 protected:
  ReadTxn(MDB_txn* txn, uint64_t instance, bool writable = false)
      : txn_(txn), instance_(instance), writable_(writable) {}
  MDB_txn* txn_;
  uint64_t instance_;
  bool writable_;
  friend class Env;
};

class WriteTxn : public ReadTxn {
 public:
  // Inserts or replaces.
  void Put(const Table& t, std::string_view key, std::string_view value);
  // Inserts only if absent; returns false if the key exists.
  bool Insert(const Table& t, std::string_view key, std::string_view value);
  // Returns whether the key existed.
  bool Del(const Table& t, std::string_view key);
  // Deletes every key with the prefix; returns how many.
  uint64_t DelPrefix(const Table& t, std::string_view prefix);
  // Next id of the table's monotonic sequence (1, 2, 3, ...). Ids are never reused.
  uint64_t NextId(const Table& t);

 private:
  WriteTxn(MDB_txn* txn, uint64_t instance, const Table* seq) : ReadTxn(txn, instance, /*writable=*/true), seq_(seq) {}
  const Table* seq_;
  friend class Env;
};

// One append-only step of the schema. Its index in the list + 1 is the schema version it
// brings the store to; never reorder or remove one.
struct Migration {
  std::string description;
  std::function<void(WriteTxn&)> apply;
};

struct EnvOptions {
  uint64_t initial_map_size = 64ull << 20;  // grows on MDB_MAP_FULL
  unsigned max_tables = 128;
  unsigned max_readers = 256;
  // Bulk seeding only (osiedled demo-scale): commits skip fsync and Close() syncs once at the end.
  // Never for serving: a 2xx answer must be durable.
  bool no_sync = false;
};

struct EnvStats {
  uint64_t map_size = 0;
  uint64_t used_bytes = 0;
  uint64_t schema_version = 0;
};

class Env {
 public:
  // Opens (creating if needed) the environment in directory `dir`. Throws StorageError.
  static std::unique_ptr<Env> Open(const std::string& dir, const EnvOptions& opts = {});
  ~Env();
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  // Opens (creating if absent) a named table. Call at start-up, before concurrent use.
  Table OpenTable(const std::string& name);

  // Runs fn in a read transaction and returns what it returns.
  template <typename F>
  auto View(F&& fn) const -> std::invoke_result_t<F, const ReadTxn&> {
    std::shared_lock lock(resize_mu_);
    TxnHolder h(*this, /*write=*/false);
    ReadTxn txn(h.txn, instance_);
    return fn(static_cast<const ReadTxn&>(txn));
  }

  // Runs fn in a write transaction. fn returns a Result<T> (or Status): the transaction commits
  // if it is ok() and aborts otherwise. If the map is full, the transaction is aborted, the map
  // grown and fn run again — so fn must not have side effects outside the transaction.
  template <typename F>
  auto Update(F&& fn) -> std::invoke_result_t<F, WriteTxn&> {
    for (int attempt = 0;; ++attempt) {
      bool map_full = false;
      uint64_t seen_map_size = 0;
      {
        std::shared_lock lock(resize_mu_);
        seen_map_size = MapSize();
        TxnHolder h(*this, /*write=*/true);
        WriteTxn txn(h.txn, instance_, &seq_);
        try {
          auto r = fn(txn);
          if (!r.ok()) return r;  // holder aborts
          if (h.Commit()) return r;
          map_full = true;
        } catch (const MapFull&) {
          map_full = true;
        }
      }
      if (!map_full || attempt > 20) throw StorageError("storage: map full after growing", -30792);
      Grow(seen_map_size);
    }
  }

  // Applies the migrations not applied yet, all in one write transaction. Returns the new
  // schema version. Throws StorageError if the store is newer than the list (a downgrade).
  uint64_t Migrate(const std::vector<Migration>& migrations);

  // Consistent, compacted copy of the whole store into a new file at `path` (no writer blocked).
  void CopyCompact(const std::string& path) const;

  EnvStats Stats() const;
  // Flushes everything committed to disk (needed only with EnvOptions::no_sync).
  void Sync();
  const std::string& dir() const { return dir_; }

  // Thrown inside Update when LMDB reports MDB_MAP_FULL; handled by Update.
  struct MapFull {};

 private:
  Env() = default;
  uint64_t MapSize() const;
  // Grows the map unless another thread already grew it past `seen_map_size` (the size the
  // failed transaction ran with).
  void Grow(uint64_t seen_map_size);

  // Owns one LMDB transaction; aborts a write transaction unless committed. A read transaction
  // comes from and goes back to the pool below.
  struct TxnHolder {
    TxnHolder(const Env& env, bool write);
    ~TxnHolder();
    bool Commit();  // false on MDB_MAP_FULL; throws StorageError otherwise
    const Env& env;
    bool write;
    MDB_txn* txn = nullptr;
  };

  // Read transactions are reset (mdb_txn_reset) and kept for renewal (mdb_txn_renew) instead of
  // aborted: a renewal keeps its reader slot, so it skips the reader table's lock that
  // mdb_txn_begin takes. MDB_NOTLS lets a pooled handle be renewed on any thread. The pool has a
  // shard per thread slot (by thread id), so the HTTP threads do not queue on one lock.
  MDB_txn* TakeReadTxn() const;
  void GiveBackReadTxn(MDB_txn* txn) const;
  static constexpr size_t kPoolShards = 8;
  static constexpr size_t kMaxPooledPerShard = 4;  // 32 of EnvOptions::max_readers (256) slots
  struct alignas(64) PoolShard {  // one cache line each
    std::mutex mu;
    std::vector<MDB_txn*> txns;
  };
  PoolShard& ShardOfThisThread() const;

  MDB_env* env_ = nullptr;
  uint64_t instance_ = 0;
  std::string dir_;
  Table seq_;
  Table meta_;
  mutable std::shared_mutex resize_mu_;
  mutable PoolShard pool_[kPoolShards];
};

}  // namespace osiedle::storage
