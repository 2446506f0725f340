#include "storage/snapshot_memo.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::storage {
namespace {

using osiedle::testing::TempDir;

// The memo under test counts its computations; the value is what the store holds under "k" (and the second).
struct Counted {
  SnapshotMemo<std::string, std::string> memo{8};
  int computed = 0;

  std::string Get(Env& env, const Table& t, int64_t now, const std::string& key) {
    return env.View([&](const ReadTxn& txn) {
      return *memo.Get(txn, now, key, [&] {
        ++computed;
        return txn.Get(t, key).value_or("-") + "@" + std::to_string(now);
      });
    });
  }
};

void Put(Env& env, const Table& t, const std::string& key, const std::string& value) {
  ASSERT_TRUE(env.Update([&](WriteTxn& txn) -> Status {
                   txn.Put(t, key, value);
                   return Ok{};
                 }).ok());
}

// A hit is what computing afresh would give: a commit, another second or another store each start over.
TEST(SnapshotMemo, HitsOnlyWithinOneStoreSnapshotAndSecond) {
  TempDir dir_a, dir_b;
  auto a = Env::Open(dir_a.path());
  auto b = Env::Open(dir_b.path());
  Table ta = a->OpenTable("test.items");
  Table tb = b->OpenTable("test.items");
  Put(*a, ta, "k", "1");
  Put(*b, tb, "k", "2");  // both stores are now at the same snapshot id

  Counted c;
  EXPECT_EQ(c.Get(*a, ta, 100, "k"), "1@100");
  EXPECT_EQ(c.Get(*a, ta, 100, "k"), "1@100");
  EXPECT_EQ(c.computed, 1);
  EXPECT_EQ(c.Get(*b, tb, 100, "k"), "2@100");  // same snapshot id, another store
  EXPECT_EQ(c.computed, 2);
  EXPECT_EQ(c.Get(*a, ta, 101, "k"), "1@101");  // the next second
  EXPECT_EQ(c.computed, 3);
  Put(*a, ta, "k", "3");
  EXPECT_EQ(c.Get(*a, ta, 101, "k"), "3@101");  // a commit
  EXPECT_EQ(c.Get(*a, ta, 101, "k"), "3@101");
  EXPECT_EQ(c.computed, 4);
  EXPECT_EQ(c.Get(*a, ta, 101, "other"), "-@101");  // keys are kept apart
  EXPECT_EQ(c.computed, 5);
}

// A reader of an older snapshot computes its own answer and never replaces the newer one; a write transaction
// (its data changes as it writes) always computes.
TEST(SnapshotMemo, OlderReadersAndWriteTransactionsDoNotKeep) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  Put(*env, t, "k", "old");
  Counted c;
  env->View([&](const ReadTxn& old_txn) {  // held open across the commit below
    Put(*env, t, "k", "new");
    EXPECT_EQ(c.Get(*env, t, 0, "k"), "new@0");
    auto older = c.memo.Get(old_txn, 0, "k", [&] { return old_txn.Get(t, "k").value_or("-"); });
    EXPECT_EQ(*older, "old");
    return 0;
  });
  EXPECT_EQ(c.Get(*env, t, 0, "k"), "new@0");
  EXPECT_EQ(c.computed, 1);

  int in_write = 0;
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) -> Status {
                   for (int i = 0; i < 2; ++i) {
                     txn.Put(t, "k", std::to_string(i));
                     auto v = c.memo.Get(txn, 0, "k", [&] {
                       ++in_write;
                       return txn.Get(t, "k").value_or("-");
                     });
                     EXPECT_EQ(*v, std::to_string(i));
                   }
                   return Ok{};
                 }).ok());
  EXPECT_EQ(in_write, 2);
}

// Kept under a module's version instead of the snapshot: commits that leave the version alone keep the value.
TEST(SnapshotMemo, VersionedValuesOutliveOtherCommits) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  SnapshotMemo<std::string, std::string> memo{8};
  int computed = 0;
  auto get = [&](uint64_t version) {
    return env->View([&](const ReadTxn& txn) {
      return *memo.GetVersioned(txn, version, "k", [&] {
        ++computed;
        return txn.Get(t, "k").value_or("-");
      });
    });
  };
  Put(*env, t, "k", "1");
  EXPECT_EQ(get(1), "1");
  Put(*env, t, "unrelated", "x");  // a commit, same version
  EXPECT_EQ(get(1), "1");
  EXPECT_EQ(computed, 1);
  Put(*env, t, "k", "2");
  EXPECT_EQ(get(2), "2");  // the writer bumped the version
  EXPECT_EQ(computed, 2);
  ASSERT_TRUE(env->Update([&](WriteTxn& txn) -> Status {
                   memo.GetVersioned(txn, 2, "k", [&] { return std::string("in a write"); });
                   return Ok{};
                 }).ok());
  EXPECT_EQ(get(2), "2");  // nothing kept from the write transaction
}

TEST(SnapshotMemo, StartsOverPastItsBound) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  Counted c;  // bound 8
  for (int i = 0; i < 8; ++i) c.Get(*env, t, 0, "k" + std::to_string(i));
  EXPECT_EQ(c.computed, 8);
  c.Get(*env, t, 0, "k0");
  EXPECT_EQ(c.computed, 8);  // all 8 kept
  c.Get(*env, t, 0, "k8");   // the 9th key: the memo starts over with it
  c.Get(*env, t, 0, "k0");
  EXPECT_EQ(c.computed, 10);
}

TEST(SnapshotCache, OneValuePerSnapshot) {
  TempDir dir;
  auto env = Env::Open(dir.path());
  Table t = env->OpenTable("test.items");
  SnapshotCache<int> cache;
  int computed = 0;
  auto get = [&] {
    return env->View([&](const ReadTxn& txn) { return *cache.Get(txn, [&] { return ++computed; }); });
  };
  EXPECT_EQ(get(), 1);
  EXPECT_EQ(get(), 1);
  Put(*env, t, "k", "v");
  EXPECT_EQ(get(), 2);
}

}  // namespace
}  // namespace osiedle::storage
