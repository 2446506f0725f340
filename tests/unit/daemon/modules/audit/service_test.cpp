#include "daemon/modules/audit/service.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "daemon/core/crypto.hpp"
#include "storage/codec.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::audit {
namespace {

// Filter with named setters: List(Q().Actor(20).Limit(3)).
struct Q : Filter {
  Q& Actor(uint64_t id) {
    actor_id = id;
    return *this;
  }
  Q& Subject(uint64_t id) {
    subject_user_id = id;
    return *this;
  }
  Q& Prefix(std::string p) {
    action_prefix = std::move(p);
    return *this;
  }
  Q& Before(uint64_t id) {
    before_id = id;
    return *this;
  }
  Q& Limit(size_t n) {
    limit = n;
    return *this;
  }
};

// A fresh LMDB store in a temp dir with the audit tables.
class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    Open();
  }
  void Open() {
    svc_.reset();
    env_ = &store_.Reopen();
    svc_ = std::make_unique<Service>(*env_, clock_);
  }
  uint64_t Add(uint64_t actor, const std::string& action, uint64_t subject = 0) {
    Entry e;
    e.actor_id = actor;
    e.action = action;
    e.subject_user_id = subject;
    e.detail = "entry " + std::to_string(actor);
    clock_.Advance(1);
    return svc_->Record(e);
  }
  void AddMany(int n) {
    for (int i = 0; i < n; ++i) Add(1, "test.step");
  }
  // Rewrites stored entry `id` with `edit` applied, bypassing the service (an attacker with the file).
  template <typename F>
  void Tamper(uint64_t id, F edit) {
    storage::Table log = env_->OpenTable("audit.log");
    auto st = env_->Update([&](storage::WriteTxn& t) -> Status {
      auto v = t.Get(log, storage::Key().U64(id).Build());
      if (!v) return MakeError("not_found");
      auto e = Store::Decode(*v);
      if (!e) return MakeError("corrupt");
      edit(*e);
      t.Put(log, storage::Key().U64(id).Build(), Store::Encode(*e));
      return Ok{};
    });
    ASSERT_TRUE(st.ok());
  }
  void Delete(uint64_t id) {
    storage::Table log = env_->OpenTable("audit.log");
    auto st =
        env_->Update([&](storage::WriteTxn& t) -> Result<bool> { return t.Del(log, storage::Key().U64(id).Build()); });
    ASSERT_TRUE(st.ok() && *st);
  }
  static std::vector<uint64_t> Ids(const std::vector<Entry>& entries) {
    std::vector<uint64_t> ids;
    for (const auto& e : entries) ids.push_back(e.id);
    return ids;
  }

  osiedle::testing::TempEnv store_{"osiedle-audit"};
  FakeClock clock_;
  storage::Env* env_ = nullptr;
  std::unique_ptr<Service> svc_;
};

TEST_F(AuditTest, EmptyLogVerifies) {
  Verification v = svc_->Verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 0u);
  EXPECT_EQ(v.first_bad_id, 0u);
}

TEST_F(AuditTest, ChainLinksEveryEntryToThePreviousHash) {
  AddMany(5);
  auto all = svc_->List(Q().Limit(10));
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all.back().id, 1u);
  EXPECT_EQ(all.back().prev_hash, kGenesisHash);
  for (size_t i = 0; i + 1 < all.size(); ++i) EXPECT_EQ(all[i].prev_hash, all[i + 1].hash);
  EXPECT_EQ(all.front().at, clock_.NowUnix());
  Verification v = svc_->Verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 5u);
}

// Pins the canonical encoding documented in storage/FORMAT.md (value computed with Python hashlib).
TEST_F(AuditTest, HashMatchesDocumentedCanonicalEncoding) {
  Entry e;
  e.id = 7;
  e.at = 1764547200;
  e.actor_id = 42;
  e.action = "auth.login";
  e.target_type = "user";
  e.target_id = 42;
  e.subject_user_id = 42;
  e.detail = "zalogowano — Łódź";
  e.ip = "192.0.2.1";
  e.user_agent = "Mozilla/5.0";
  EXPECT_EQ(Service::ComputeHash(kGenesisHash, e), "c64758e038683e4efe7cbc16e9c987cad41f19355914c2aa638527a68bff0957");
}

TEST_F(AuditTest, TamperedValueBreaksVerifyAtThatId) {
  AddMany(5);
  Tamper(3, [](Entry& e) { e.detail = "nothing happened"; });
  Verification v = svc_->Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_id, 3u);
  EXPECT_EQ(v.entries, 5u);
}

TEST_F(AuditTest, TamperedValueWithRecomputedHashBreaksTheNextLink) {
  AddMany(5);
  Tamper(3, [](Entry& e) {
    e.actor_id = 99;
    e.hash = Service::ComputeHash(e.prev_hash, e);
  });
  Verification v = svc_->Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_id, 4u);
}

TEST_F(AuditTest, DeletingTheLastButOneBreaksVerify) {
  AddMany(5);
  Delete(4);
  Verification v = svc_->Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_id, 5u);
  EXPECT_EQ(v.entries, 4u);
}

TEST_F(AuditTest, DeletingTheLastEntryIsDetected) {
  AddMany(5);
  Delete(5);
  Verification v = svc_->Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_id, 5u);
}

TEST_F(AuditTest, AppendCommitsOnlyWithTheCallersTransaction) {
  auto r = env_->Update([&](storage::WriteTxn& t) -> Result<uint64_t> {
    Entry e;
    e.action = "x.rolled_back";
    svc_->Append(t, e);
    return MakeError("conflict");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(svc_->List(Q()).empty());
  uint64_t id = Add(1, "x.kept");
  EXPECT_EQ(id, 1u);
  EXPECT_TRUE(svc_->Verify().ok);
}

TEST_F(AuditTest, ChainContinuesAcrossReopen) {
  AddMany(3);
  Open();
  AddMany(2);
  Verification v = svc_->Verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 5u);
}

TEST_F(AuditTest, ListPagesNewestFirstWithBeforeId) {
  AddMany(7);
  EXPECT_EQ(Ids(svc_->List(Q().Limit(3))), (std::vector<uint64_t>{7, 6, 5}));
  EXPECT_EQ(Ids(svc_->List(Q().Before(5).Limit(3))), (std::vector<uint64_t>{4, 3, 2}));
  EXPECT_EQ(Ids(svc_->List(Q().Before(2).Limit(3))), (std::vector<uint64_t>{1}));
  EXPECT_TRUE(svc_->List(Q().Before(1)).empty());
  EXPECT_EQ(svc_->List(Q().Limit(100000)).size(), 7u);  // clamped to 500, still all
}

TEST_F(AuditTest, SubjectFilterFindsActionsByAndAboutTheUser) {
  Add(10, "auth.login", 10);            // 1: by 10 about 10
  Add(20, "registration.approve", 10);  // 2: by 20 about 10
  Add(20, "role.create");               // 3: by 20
  Add(10, "auth.logout");               // 4: by 10
  Add(30, "user.block", 40);            // 5: other users
  EXPECT_EQ(Ids(svc_->List(Q().Subject(10))), (std::vector<uint64_t>{4, 2, 1}));
  EXPECT_EQ(Ids(svc_->List(Q().Subject(10).Before(4).Limit(1))), (std::vector<uint64_t>{2}));
  EXPECT_EQ(Ids(svc_->List(Q().Actor(20))), (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(Ids(svc_->List(Q().Actor(20).Subject(10))), (std::vector<uint64_t>{2}));
  EXPECT_EQ(Ids(svc_->List(Q().Subject(40))), (std::vector<uint64_t>{5}));
}

TEST_F(AuditTest, ActionPrefixFilters) {
  Add(10, "auth.login");
  Add(10, "auth.login_failed");
  Add(20, "authority.x");
  Add(20, "user.block");
  EXPECT_EQ(Ids(svc_->List(Q().Prefix("auth."))), (std::vector<uint64_t>{2, 1}));
  EXPECT_EQ(Ids(svc_->List(Q().Actor(10).Prefix("auth.login_"))), (std::vector<uint64_t>{2}));
}

TEST_F(AuditTest, HostileTextIsStoredCleanAndBounded) {
  Entry e;
  e.action = "auth.login_failed";
  e.user_agent = "evil\r\nX-Injected: 1\xff\xfe" + std::string(2000, 'a');
  e.detail = "ok";
  uint64_t id = svc_->Record(e);
  auto list = svc_->List(Q());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, id);
  const std::string& ua = list[0].user_agent;
  EXPECT_EQ(ua.find_first_of("\r\n"), std::string::npos);
  EXPECT_EQ(ua.rfind("evil  X-Injected: 1\xef\xbf\xbd\xef\xbf\xbd", 0), 0u);
  EXPECT_LE(ua.size(), 512u);
  EXPECT_TRUE(svc_->Verify().ok);
}

TEST_F(AuditTest, ForEachWalksOldestFirst) {
  AddMany(4);
  std::vector<uint64_t> ids;
  svc_->ForEach([&](const Entry& e) {
    ids.push_back(e.id);
    return ids.size() < 3;
  });
  EXPECT_EQ(ids, (std::vector<uint64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace osiedle::audit
