#include "storage/env.hpp"

#include <gtest/gtest.h>
#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>
#include <string>
#include <vector>

#include "storage/codec.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::storage {
namespace {

using osiedle::testing::TempDir;

Status Ok_() { return Ok{}; }

std::vector<std::string> Keys(Env& env, const Table& t, std::string_view prefix, Direction dir,
                              std::string_view start = {}) {
  return env.View([&](const ReadTxn& txn) {
    std::vector<std::string> out;
    txn.Scan(
        t, prefix,
        [&](std::string_view k, std::string_view) {
          out.emplace_back(k);
          return true;
        },
        dir, start);
    return out;
  });
}

TEST(StorageEnv, PutThenGet) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  auto st = env->Update([&](WriteTxn& txn) {
    txn.Put(t, "a", "1");
    txn.Put(t, "b", "2");
    txn.Put(t, "a", "3");  // replaces
    return Ok_();
  });
  ASSERT_TRUE(st.ok());
  env->View([&](const ReadTxn& txn) {
    EXPECT_EQ(txn.Get(t, "a"), "3");
    EXPECT_EQ(txn.Get(t, "b"), "2");
    EXPECT_EQ(txn.Get(t, "c"), std::nullopt);
    EXPECT_TRUE(txn.Contains(t, "b"));
    EXPECT_FALSE(txn.Contains(t, "c"));
    EXPECT_EQ(txn.Count(t), 2u);
    return 0;
  });
}

TEST(StorageEnv, DataSurvivesReopen) {
  TempDir dir;
  {
    auto env = Env::Open(dir.path());
    Table t = env->OpenTable("test.items");
    ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                     txn.Put(t, "k", "v");
                     return Ok_();
                   })
                    .ok());
  }
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  EXPECT_EQ(env->View([&](const ReadTxn& txn) { return txn.Get(t, "k"); }), "v");
}

TEST(StorageEnv, DelAndDelPrefix) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  auto r = env->Update([&](WriteTxn& txn) -> Result<uint64_t> {
    for (const char* k : {"a1", "a2", "a3", "b1"}) txn.Put(t, k, "x");
    EXPECT_TRUE(txn.Del(t, "b1"));
    EXPECT_FALSE(txn.Del(t, "b1"));
    return txn.DelPrefix(t, "a");
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3u);
  EXPECT_EQ(env->View([&](const ReadTxn& txn) { return txn.Count(t); }), 0u);
}

TEST(StorageEnv, ScanForwardAndBackwardWithPrefix) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   for (uint64_t b : {1, 2, 3}) {
                     for (uint64_t f : {10, 20, 30}) txn.Put(t, Key().U64(b).U64(f).Build(), "v");
                   }
                   return Ok_();
                 })
                  .ok());
  std::string p2 = Key().U64(2).Build();
  auto fwd = Keys(*env, t, p2, Direction::kForward);
  ASSERT_EQ(fwd.size(), 3u);
  EXPECT_EQ(fwd.front(), Key().U64(2).U64(10).Build());
  EXPECT_EQ(fwd.back(), Key().U64(2).U64(30).Build());
  auto bwd = Keys(*env, t, p2, Direction::kBackward);
  ASSERT_EQ(bwd.size(), 3u);
  EXPECT_EQ(bwd.front(), Key().U64(2).U64(30).Build());
  EXPECT_EQ(bwd.back(), Key().U64(2).U64(10).Build());
  EXPECT_EQ(Keys(*env, t, "", Direction::kForward).size(), 9u);
  EXPECT_EQ(Keys(*env, t, "", Direction::kBackward).front(), Key().U64(3).U64(30).Build());
  EXPECT_TRUE(Keys(*env, t, Key().U64(4).Build(), Direction::kBackward).empty());
}

TEST(StorageEnv, ScanFromStartKey) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   for (uint64_t id = 1; id <= 10; ++id) txn.Put(t, Key().U64(id).Build(), "v");
                   return Ok_();
                 })
                  .ok());
  auto fwd = Keys(*env, t, "", Direction::kForward, Key().U64(5).Build());
  ASSERT_EQ(fwd.size(), 6u);
  EXPECT_EQ(fwd.front(), Key().U64(5).Build());
  // Backward from a start: the last key <= start, inclusive...
  auto bwd = Keys(*env, t, "", Direction::kBackward, Key().U64(5).Build());
  ASSERT_EQ(bwd.size(), 5u);
  EXPECT_EQ(bwd.front(), Key().U64(5).Build());
  // ...or the one before it when the start itself is absent.
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   txn.Del(t, Key().U64(5).Build());
                   return Ok_();
                 })
                  .ok());
  bwd = Keys(*env, t, "", Direction::kBackward, Key().U64(5).Build());
  ASSERT_EQ(bwd.size(), 4u);
  EXPECT_EQ(bwd.front(), Key().U64(4).Build());
  // Past the end.
  EXPECT_EQ(Keys(*env, t, "", Direction::kBackward, Key().U64(99).Build()).size(), 9u);
  EXPECT_TRUE(Keys(*env, t, "", Direction::kForward, Key().U64(99).Build()).empty());
}

TEST(StorageEnv, ScanStartOutsidePrefixIsClampedToIt) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   for (const char* k : {"a1", "b1", "b2", "c1"}) txn.Put(t, k, "v");
                   return Ok_();
                 })
                  .ok());
  EXPECT_EQ(Keys(*env, t, "b", Direction::kForward, "a"), (std::vector<std::string>{"b1", "b2"}));
  EXPECT_EQ(Keys(*env, t, "b", Direction::kBackward, "c9"), (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(Keys(*env, t, "b", Direction::kBackward, "b1"), (std::vector<std::string>{"b1"}));
}

TEST(StorageEnv, ScanStopsWhenCallbackReturnsFalse) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   for (const char* k : {"a", "b", "c"}) txn.Put(t, k, "v");
                   return Ok_();
                 })
                  .ok());
  int calls = env->View([&](const ReadTxn& txn) {
    int n = 0;
    txn.Scan(t, "", [&](std::string_view, std::string_view) { return ++n < 2; });
    return n;
  });
  EXPECT_EQ(calls, 2);
}

TEST(StorageEnv, NextIdIsMonotonicPerTableAndNeverReused) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table a = env->OpenTable("test.a");
  Table b = env->OpenTable("test.b");
  auto next = [&](const Table& t) {
    return *env->Update([&](WriteTxn& txn) -> Result<uint64_t> { return txn.NextId(t); });
  };
  EXPECT_EQ(next(a), 1u);
  EXPECT_EQ(next(a), 2u);
  EXPECT_EQ(next(b), 1u);
  // An aborted transaction does not consume an id.
  auto failed = env->Update([&](WriteTxn& txn) -> Status {
    txn.NextId(a);
    return MakeError("internal");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(next(a), 3u);
  env.reset();
  env = Env::Open(dir.path());
  a = env->OpenTable("test.a");
  EXPECT_EQ(next(a), 4u);
}

TEST(StorageEnv, InsertRefusesDuplicates) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   EXPECT_TRUE(txn.Insert(t, "k", "first"));
                   EXPECT_FALSE(txn.Insert(t, "k", "second"));
                   return Ok_();
                 })
                  .ok());
  EXPECT_EQ(env->View([&](const ReadTxn& txn) { return txn.Get(t, "k"); }), "first");
}

TEST(StorageEnv, UpdateAbortsOnErrorResult) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  auto r = env->Update([&](WriteTxn& txn) -> Result<int> {
    txn.Put(t, "k", "v");
    return MakeError("flat_not_found", "flat");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "flat_not_found");
  EXPECT_FALSE(env->View([&](const ReadTxn& txn) { return txn.Contains(t, "k"); }));
}

TEST(StorageEnv, UpdateAbortsWhenLambdaThrows) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  EXPECT_THROW(env->Update([&](WriteTxn& txn) -> Status {
    txn.Put(t, "k", "v");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_FALSE(env->View([&](const ReadTxn& txn) { return txn.Contains(t, "k"); }));
}

TEST(StorageEnv, SnapshotIdNamesTheCommittedState) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  auto snapshot = [&] { return env->View([](const ReadTxn& txn) { return txn.SnapshotId(); }); };
  const uint64_t first = snapshot();
  EXPECT_GT(first, 0u);
  EXPECT_EQ(snapshot(), first);  // nothing committed in between
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   EXPECT_EQ(txn.SnapshotId(), 0u);  // a write transaction is no snapshot
                   txn.Put(t, "a", "1");
                   return Ok_();
                 }).ok());
  const uint64_t second = snapshot();
  EXPECT_GT(second, first);
  ASSERT_FALSE(env->Update([&](WriteTxn& txn) -> Status {
                    txn.Put(t, "b", "2");
                    return MakeError("nope");
                  }).ok());
  EXPECT_EQ(snapshot(), second);  // an aborted write changes nothing
}

// Read transactions are pooled (reset, then renewed): a renewed one must see every later commit, nested
// and concurrent reads must each get their own, and the pool must survive the map growing.
TEST(StorageEnv, PooledReadTransactionsSeeLaterCommitsNestedConcurrentAndAfterGrowth) {
  TempDir dir;
  EnvOptions opts;
  opts.initial_map_size = 1 << 20;
  auto env = Env::Open(dir.path(), opts);
  Table t = env->OpenTable("test.items");
  std::function<int(int)> nest = [&](int depth) {
    return env->View([&](const ReadTxn& txn) { return depth == 0 ? static_cast<int>(txn.Count(t)) : nest(depth - 1); });
  };
  EXPECT_EQ(nest(40), 0);  // more nested reads than the pool keeps
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                     txn.Put(t, Key().U64(i).Build(), std::string(100000, 'x'));  // 3 MB: the map grows
                     return Ok_();
                   }).ok());
    EXPECT_EQ(nest(3), i + 1);
  }
  EXPECT_GT(env->Stats().map_size, 1u << 20);
  std::vector<std::thread> readers;
  std::atomic<int> wrong{0};
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      for (int k = 0; k < 200; ++k) {
        if (nest(2) < 30) ++wrong;
      }
    });
  }
  for (auto& th : readers) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(StorageEnv, MapGrowsFromTinyInitialSize) {
  TempDir dir;
  EnvOptions opts;
  opts.initial_map_size = 1 << 20;
  auto env = Env::Open(dir.path(), opts);
  Table t = env->OpenTable("test.blobs");
  // 50 MB in 100 KB values, a few per transaction.
  const int kValues = 500;
  for (int i = 0; i < kValues; i += 5) {
    ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                     for (int j = i; j < i + 5; ++j) {
                       txn.Put(t, Key().U64(j).Build(), std::string(100000, static_cast<char>('a' + j % 26)));
                     }
                     return Ok_();
                   })
                    .ok());
  }
  EXPECT_GT(env->Stats().map_size, 50ull << 20);
  env->View([&](const ReadTxn& txn) {
    EXPECT_EQ(txn.Count(t), static_cast<uint64_t>(kValues));
    for (int j = 0; j < kValues; ++j) {
      auto v = txn.Get(t, Key().U64(j).Build());
      EXPECT_EQ(v, std::string(100000, static_cast<char>('a' + j % 26))) << j;
    }
    return 0;
  });
}

TEST(StorageEnv, MapGrowsForOneTransactionLargerThanTheMap) {
  // Regression: Grow() used to skip growing while a quarter of the map looked free, so a single
  // transaction bigger than that retried until it gave up.
  TempDir dir;
  EnvOptions opts;
  opts.initial_map_size = 1 << 20;
  auto env = Env::Open(dir.path(), opts);
  Table t = env->OpenTable("test.blobs");
  std::string big(8 << 20, 'z');
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   txn.Put(t, "big", big);
                   return Ok_();
                 })
                  .ok());
  EXPECT_EQ(env->View([&](const ReadTxn& txn) { return txn.Get(t, "big"); }), big);
}

TEST(StorageEnv, MigrateAppliesOnlyNewSteps) {
  TempDir dir;
  int first = 0, second = 0;
  std::vector<Migration> steps = {{"one", [&](WriteTxn&) { ++first; }}};
  {
    auto env = Env::Open(dir.path());
    EXPECT_EQ(env->Migrate(steps), 1u);
    EXPECT_EQ(env->Migrate(steps), 1u);
    EXPECT_EQ(first, 1);
  }
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  steps.push_back({"two", [&](WriteTxn& txn) {
                     ++second;
                     txn.Put(t, "migrated", "yes");
                   }});
  EXPECT_EQ(env->Migrate(steps), 2u);
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 1);
  EXPECT_EQ(env->Stats().schema_version, 2u);
  EXPECT_EQ(env->View([&](const ReadTxn& txn) { return txn.Get(t, "migrated"); }), "yes");
}

TEST(StorageEnv, MigrateRefusesDowngrade) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  std::vector<Migration> two = {{"one", [](WriteTxn&) {}}, {"two", [](WriteTxn&) {}}};
  ASSERT_EQ(env->Migrate(two), 2u);
  std::vector<Migration> one(two.begin(), two.begin() + 1);
  EXPECT_THROW(env->Migrate(one), StorageError);
  EXPECT_EQ(env->Stats().schema_version, 2u);
}

TEST(StorageEnv, CopyCompactProducesAnOpenableStore) {
  TempDir dir;
  auto env = Env::Open(dir.Sub("live"));
  Table t = env->OpenTable("test.items");
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   for (uint64_t i = 0; i < 1000; ++i) txn.Put(t, Key().U64(i).Build(), std::string(100, 'x'));
                   return Ok_();
                 })
                  .ok());
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) {
                   for (uint64_t i = 0; i < 1000; i += 2) txn.Del(t, Key().U64(i).Build());
                   return Ok_();
                 })
                  .ok());
  std::filesystem::create_directories(dir.Sub("copy"));
  env->CopyCompact(dir.Sub("backup.mdb"));
  EXPECT_THROW(env->CopyCompact(dir.Sub("backup.mdb")), StorageError);  // never overwrites
  std::filesystem::rename(dir.Sub("backup.mdb"), dir.Sub("copy/data.mdb"));
  auto copy = Env::Open(dir.Sub("copy"));
  Table ct = copy->OpenTable("test.items");
  copy->View([&](const ReadTxn& txn) {
    EXPECT_EQ(txn.Count(ct), 500u);
    EXPECT_EQ(txn.Get(ct, Key().U64(1).Build()), std::string(100, 'x'));
    EXPECT_FALSE(txn.Contains(ct, Key().U64(2).Build()));
    return 0;
  });
}

TEST(StorageEnv, OpenFailsCleanlyOnAFileInsteadOfADirectory) {
  TempDir dir;
  FILE* f = fopen(dir.Sub("file").c_str(), "w");
  ASSERT_NE(f, nullptr);
  fclose(f);
  EXPECT_THROW(Env::Open(dir.Sub("file")), StorageError);
}

}  // namespace
}  // namespace osiedle::storage
