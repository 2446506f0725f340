#include "storage/env.hpp"

#include <lmdb.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "storage/codec.hpp"

namespace osiedle::storage {
namespace {

[[noreturn]] void Fail(const char* what, int rc) {
  throw StorageError(std::string("storage: ") + what + ": " + mdb_strerror(rc), rc);
}

void Check(const char* what, int rc) {
  if (rc != MDB_SUCCESS) Fail(what, rc);
}

MDB_val Val(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }
std::string_view View(const MDB_val& v) { return {static_cast<const char*>(v.mv_data), v.mv_size}; }

// Write-path calls map MDB_MAP_FULL to Env::MapFull so Update can grow the map and retry.
void CheckWrite(const char* what, int rc) {
  if (rc == MDB_MAP_FULL) throw Env::MapFull{};
  Check(what, rc);
}

constexpr char kSchemaKey[] = "schema_version";

}  // namespace

std::optional<std::string> ReadTxn::Get(const Table& t, std::string_view key) const {
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn_, t.dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  Check("get", rc);
  return std::string(View(v));
}

bool ReadTxn::Contains(const Table& t, std::string_view key) const {
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn_, t.dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return false;
  Check("get", rc);
  return true;
}

uint64_t ReadTxn::Count(const Table& t) const {
  MDB_stat st;
  Check("stat", mdb_stat(txn_, t.dbi, &st));
  return st.ms_entries;
}

void ReadTxn::Scan(const Table& t, std::string_view prefix,
                   const std::function<bool(std::string_view, std::string_view)>& fn, Direction dir,
                   std::string_view start) const {
  MDB_cursor* cur = nullptr;
  Check("cursor", mdb_cursor_open(txn_, t.dbi, &cur));
  struct Closer {
    MDB_cursor* c;
    ~Closer() { mdb_cursor_close(c); }
  } closer{cur};

  MDB_val k, v;
  int rc;
  if (dir == Direction::kForward) {
    // A start before the prefix range would stop the scan at once: begin at the prefix instead.
    std::string_view from = start.empty() || start < prefix ? prefix : start;
    if (from.empty()) {
      rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    } else {
      k = Val(from);
      rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
    }
  } else {
    // Position at the last key <= upper bound: the start key, or the end of the prefix range.
    // Smallest key greater than every key with the prefix ("" if there is none).
    std::string prefix_end(prefix);
    while (!prefix_end.empty() && static_cast<uint8_t>(prefix_end.back()) == 0xff) prefix_end.pop_back();
    if (!prefix_end.empty()) prefix_end.back() = static_cast<char>(static_cast<uint8_t>(prefix_end.back()) + 1);
    std::string upper;
    bool inclusive = true;
    if (!start.empty() && (prefix_end.empty() || start < std::string_view(prefix_end))) {
      upper = std::string(start);
    } else {
      // No start, or a start past the prefix range (which would stop the scan at once).
      upper = std::move(prefix_end);
      inclusive = false;
    }
    if (upper.empty()) {
      rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
    } else {
      k = Val(upper);
      rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
      if (rc == MDB_NOTFOUND) {
        rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
      } else if (rc == MDB_SUCCESS && (!inclusive || View(k) != upper)) {
        rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);
      }
    }
  }
  while (rc == MDB_SUCCESS) {
    std::string_view key = View(k);
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!fn(key, View(v))) return;
    rc = mdb_cursor_get(cur, &k, &v, dir == Direction::kForward ? MDB_NEXT : MDB_PREV);
  }
  if (rc != MDB_NOTFOUND && rc != MDB_SUCCESS) Fail("scan", rc);
}

void WriteTxn::Put(const Table& t, std::string_view key, std::string_view value) {
  MDB_val k = Val(key), v = Val(value);
  CheckWrite("put", mdb_put(txn_, t.dbi, &k, &v, 0));
}

bool WriteTxn::Insert(const Table& t, std::string_view key, std::string_view value) {
  MDB_val k = Val(key), v = Val(value);
  int rc = mdb_put(txn_, t.dbi, &k, &v, MDB_NOOVERWRITE);
  if (rc == MDB_KEYEXIST) return false;
  CheckWrite("insert", rc);
  return true;
}

bool WriteTxn::Del(const Table& t, std::string_view key) {
  MDB_val k = Val(key);
  int rc = mdb_del(txn_, t.dbi, &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  CheckWrite("del", rc);
  return true;
}

uint64_t WriteTxn::DelPrefix(const Table& t, std::string_view prefix) {
  std::vector<std::string> keys;
  Scan(t, prefix, [&](std::string_view k, std::string_view) {
    keys.emplace_back(k);
    return true;
  });
  for (const auto& k : keys) Del(t, k);
  return keys.size();
}

uint64_t WriteTxn::NextId(const Table& t) {
  auto cur = Get(*seq_, t.name);
  uint64_t next = cur && cur->size() == 8 ? GetU64BE(*cur) + 1 : 1;
  std::string v;
  PutU64BE(v, next);
  Put(*seq_, t.name, v);
  return next;
}

Env::TxnHolder::TxnHolder(const Env& e, bool w) : env(e), write(w) {
  if (!write) {
    txn = env.TakeReadTxn();
    if (txn != nullptr) {
      if (mdb_txn_renew(txn) == MDB_SUCCESS) return;
      mdb_txn_abort(txn);  // e.g. MDB_MAP_RESIZED: begin a new one below, which adopts the new size
      txn = nullptr;
    }
  }
  int rc = mdb_txn_begin(env.env_, nullptr, write ? 0 : MDB_RDONLY, &txn);
  if (rc == MDB_MAP_RESIZED) {
    // Another process grew the map (the admin command line); adopt the new size and retry.
    mdb_env_set_mapsize(env.env_, 0);
    rc = mdb_txn_begin(env.env_, nullptr, write ? 0 : MDB_RDONLY, &txn);
  }
  Check("txn_begin", rc);
}

Env::TxnHolder::~TxnHolder() {
  if (txn == nullptr) return;
  if (write) {
    mdb_txn_abort(txn);
  } else {
    mdb_txn_reset(txn);
    env.GiveBackReadTxn(txn);
  }
}

Env::PoolShard& Env::ShardOfThisThread() const {
  return pool_[std::hash<std::thread::id>{}(std::this_thread::get_id()) % kPoolShards];
}

MDB_txn* Env::TakeReadTxn() const {
  PoolShard& shard = ShardOfThisThread();
  std::lock_guard lock(shard.mu);
  if (shard.txns.empty()) return nullptr;
  MDB_txn* txn = shard.txns.back();
  shard.txns.pop_back();
  return txn;
}

void Env::GiveBackReadTxn(MDB_txn* txn) const {
  {
    PoolShard& shard = ShardOfThisThread();
    std::lock_guard lock(shard.mu);
    if (shard.txns.size() < kMaxPooledPerShard) {
      shard.txns.push_back(txn);
      return;
    }
  }
  mdb_txn_abort(txn);
}

uint64_t ReadTxn::SnapshotId() const { return writable_ ? 0 : static_cast<uint64_t>(mdb_txn_id(txn_)); }

bool Env::TxnHolder::Commit() {
  int rc = mdb_txn_commit(txn);
  txn = nullptr;  // commit frees the transaction even on failure
  if (rc == MDB_MAP_FULL) return false;
  Check("commit", rc);
  return true;
}

std::unique_ptr<Env> Env::Open(const std::string& dir, const EnvOptions& opts) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw StorageError("storage: cannot create " + dir + ": " + ec.message(), ec.value());
  ::chmod(dir.c_str(), 0700);

  std::unique_ptr<Env> e(new Env());
  static std::atomic<uint64_t> instances{0};
  e->instance_ = ++instances;
  e->dir_ = dir;
  Check("env_create", mdb_env_create(&e->env_));
  Check("set_maxdbs", mdb_env_set_maxdbs(e->env_, opts.max_tables));
  Check("set_maxreaders", mdb_env_set_maxreaders(e->env_, opts.max_readers));
  // An existing, larger file keeps its size: LMDB adopts the larger of the two.
  Check("set_mapsize", mdb_env_set_mapsize(e->env_, opts.initial_map_size));
  // MDB_NOTLS: read transactions are not tied to threads (Pistache reuses worker threads).
  // No MDB_NOSYNC / MDB_NOMETASYNC: each commit is durable.
  Check("env_open", mdb_env_open(e->env_, dir.c_str(), MDB_NOTLS | (opts.no_sync ? MDB_NOSYNC : 0), 0600));
  e->seq_ = e->OpenTable("meta.sequences");
  e->meta_ = e->OpenTable("meta.info");
  return e;
}

void Env::Sync() { Check("env_sync", mdb_env_sync(env_, 1)); }

Env::~Env() {
  for (PoolShard& shard : pool_) {
    for (MDB_txn* txn : shard.txns) mdb_txn_abort(txn);
  }
  if (env_) {
    mdb_env_sync(env_, 1);
    mdb_env_close(env_);
  }
}

Table Env::OpenTable(const std::string& name) {
  std::unique_lock lock(resize_mu_);
  for (int attempt = 0; attempt < 20; ++attempt) {
    MDB_txn* txn = nullptr;
    Check("txn_begin", mdb_txn_begin(env_, nullptr, 0, &txn));
    MDB_dbi dbi;
    int rc = mdb_dbi_open(txn, name.c_str(), MDB_CREATE, &dbi);
    if (rc == MDB_SUCCESS) rc = mdb_txn_commit(txn);
    else mdb_txn_abort(txn);
    if (rc == MDB_SUCCESS) return Table{dbi, name};
    if (rc != MDB_MAP_FULL) Fail(("open table " + name).c_str(), rc);
    MDB_envinfo info;
    mdb_env_info(env_, &info);
    Check("set_mapsize", mdb_env_set_mapsize(env_, info.me_mapsize * 2));
  }
  Fail("open table: map full", MDB_MAP_FULL);
}

uint64_t Env::MapSize() const {
  MDB_envinfo info;
  Check("env_info", mdb_env_info(env_, &info));
  return info.me_mapsize;
}

void Env::Grow(uint64_t seen_map_size) {
  std::unique_lock lock(resize_mu_);
  MDB_envinfo info;
  Check("env_info", mdb_env_info(env_, &info));
  // Another thread may have grown it while we waited for the lock. (Comparing sizes rather than
  // free space: one transaction may need more than any fixed share of the map.)
  if (info.me_mapsize > seen_map_size) return;
  uint64_t grow = std::min<uint64_t>(info.me_mapsize, 1ull << 30);  // double, at most +1 GiB
  Check("set_mapsize", mdb_env_set_mapsize(env_, info.me_mapsize + grow));
}

uint64_t Env::Migrate(const std::vector<Migration>& migrations) {
  auto r = Update([&](WriteTxn& t) -> Result<uint64_t> {
    auto cur = t.Get(meta_, kSchemaKey);
    uint64_t version = cur && cur->size() == 8 ? GetU64BE(*cur) : 0;
    if (version > migrations.size()) {
      throw StorageError("storage: the store's schema version " + std::to_string(version) +
                             " is newer than this program knows (" + std::to_string(migrations.size()) +
                             "); refusing to downgrade",
                         0);
    }
    for (uint64_t i = version; i < migrations.size(); ++i) migrations[i].apply(t);
    std::string v;
    PutU64BE(v, migrations.size());
    t.Put(meta_, kSchemaKey, v);
    return static_cast<uint64_t>(migrations.size());
  });
  return *r;
}

void Env::CopyCompact(const std::string& path) const {
  // The copy runs a read transaction; the map must not be resized under it.
  std::shared_lock lock(resize_mu_);
  int fd_flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  int fd = ::open(path.c_str(), fd_flags, 0600);
  if (fd < 0) throw StorageError("storage: cannot create " + path + ": " + std::strerror(errno), errno);
  int rc = mdb_env_copyfd2(env_, fd, MDB_CP_COMPACT);
  if (rc == MDB_SUCCESS && ::fsync(fd) != 0) rc = errno;
  ::close(fd);
  if (rc != MDB_SUCCESS) {
    ::unlink(path.c_str());
    Fail("copy", rc);
  }
}

EnvStats Env::Stats() const {
  EnvStats s;
  MDB_envinfo info;
  Check("env_info", mdb_env_info(env_, &info));
  MDB_stat st;
  Check("env_stat", mdb_env_stat(env_, &st));
  s.map_size = info.me_mapsize;
  s.used_bytes = (info.me_last_pgno + 1) * static_cast<uint64_t>(st.ms_psize);
  View([&](const ReadTxn& t) {
    auto cur = t.Get(meta_, kSchemaKey);
    s.schema_version = cur && cur->size() == 8 ? GetU64BE(*cur) : 0;
    return 0;
  });
  return s;
}

}  // namespace osiedle::storage
