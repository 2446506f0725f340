#include "daemon/modules/outbox/service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::outbox {
namespace {

// A fresh LMDB store in a temp dir with the outbox tables.
class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
  }
  void Open() {
    svc_.reset();
    env_ = &store_.Reopen();
    svc_ = std::make_unique<Service>(*env_, clock_);
  }
  Result<uint64_t> Enqueue(const Mail& mail) {
    return env_->Update([&](storage::WriteTxn& t) { return svc_->Enqueue(t, mail); });
  }
  uint64_t EnqueueOk(const std::string& to = "jan@example.pl") {
    auto r = Enqueue({to, "Rejestracja przyjęta", "Dzień dobry"});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
    return r.ok() ? *r : 0;
  }
  Message Get(uint64_t id) {
    auto m = svc_->Get(id);
    EXPECT_TRUE(m.ok());
    return m.ok() ? *m : Message{};
  }

  osiedle::testing::TempEnv store_{"osiedle-outbox"};
  FakeClock clock_;
  storage::Env* env_ = nullptr;
  std::unique_ptr<Service> svc_;
};

TEST_F(OutboxTest, EnqueuedMessageIsDueNow) {
  uint64_t id = EnqueueOk();
  auto due = svc_->Due(10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, id);
  EXPECT_EQ(due[0].mail.subject, "Rejestracja przyjęta");
  EXPECT_EQ(due[0].state, State::kPending);
  EXPECT_EQ(due[0].created_at, clock_.NowUnix());
  EXPECT_EQ(due[0].next_attempt_at, clock_.NowUnix());
  EXPECT_EQ(svc_->Depth(), 1u);
}

TEST_F(OutboxTest, DueIsOldestFirstAndLimited) {
  uint64_t a = EnqueueOk("a@example.pl");
  clock_.Advance(1);
  uint64_t b = EnqueueOk("b@example.pl");
  EnqueueOk("c@example.pl");
  auto due = svc_->Due(2);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, a);
  EXPECT_EQ(due[1].id, b);
  EXPECT_TRUE(svc_->Due(0).empty());
}

TEST_F(OutboxTest, EnqueueRollsBackWithTheCallersTransaction) {
  auto r = env_->Update([&](storage::WriteTxn& t) -> Status {
    EXPECT_TRUE(svc_->Enqueue(t, {"jan@example.pl", "s", "b"}).ok());
    return MakeError("conflict");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(svc_->Depth(), 0u);
  EXPECT_TRUE(svc_->Due(10).empty());
}

TEST_F(OutboxTest, MarkSentLeavesTheQueue) {
  uint64_t id = EnqueueOk();
  clock_.Advance(5);
  svc_->MarkSent(id);
  EXPECT_EQ(svc_->Depth(), 0u);
  EXPECT_TRUE(svc_->Due(10).empty());
  Message m = Get(id);
  EXPECT_EQ(m.state, State::kSent);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.sent_at, clock_.NowUnix());
  svc_->MarkFailed(id, "late");  // not pending any more: ignored
  EXPECT_EQ(Get(id).state, State::kSent);
}

TEST_F(OutboxTest, MarkFailedBacksOffExponentially) {
  uint64_t id = EnqueueOk();
  int64_t expected_delay = 60;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    svc_->MarkFailed(id, "smtp down");
    Message m = Get(id);
    EXPECT_EQ(m.attempts, attempt);
    EXPECT_EQ(m.last_error, "smtp down");
    EXPECT_EQ(m.next_attempt_at, clock_.NowUnix() + expected_delay);
    clock_.Advance(expected_delay - 1);
    EXPECT_TRUE(svc_->Due(10).empty()) << "attempt " << attempt;
    clock_.Advance(1);
    ASSERT_EQ(svc_->Due(10).size(), 1u) << "attempt " << attempt;
    expected_delay *= 2;
  }
  EXPECT_EQ(svc_->Depth(), 1u);
}

TEST_F(OutboxTest, BackoffIsCappedAtSixHours) {
  uint64_t id = EnqueueOk();
  for (int i = 0; i < 12; ++i) svc_->MarkFailed(id, "down", /*max_attempts=*/100);
  Message m = Get(id);
  EXPECT_EQ(m.state, State::kPending);
  EXPECT_EQ(m.next_attempt_at, clock_.NowUnix() + 6 * 3600);
}

TEST_F(OutboxTest, GivesUpAfterMaxAttempts) {
  uint64_t id = EnqueueOk();
  for (int i = 0; i < 3; ++i) svc_->MarkFailed(id, "550 no such user", /*max_attempts=*/3);
  Message m = Get(id);
  EXPECT_EQ(m.state, State::kFailed);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_EQ(svc_->Depth(), 0u);
  clock_.Advance(7 * 24 * 3600);
  EXPECT_TRUE(svc_->Due(10).empty());
}

TEST_F(OutboxTest, PendingMessagesSurviveReopeningTheEnv) {
  uint64_t sent = EnqueueOk("a@example.pl");
  uint64_t pending = EnqueueOk("b@example.pl");
  svc_->MarkSent(sent);
  Open();
  EXPECT_EQ(svc_->Depth(), 1u);
  auto due = svc_->Due(10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, pending);
  EXPECT_EQ(due[0].mail.body, "Dzień dobry");
  EXPECT_EQ(Get(sent).state, State::kSent);
  EXPECT_GT(EnqueueOk(), pending);  // ids continue
}

TEST_F(OutboxTest, RefusesHeaderInjection) {
  auto to = Enqueue({"jan@example.pl\r\nBcc: all@example.pl", "s", "b"});
  ASSERT_FALSE(to.ok());
  EXPECT_EQ(to.error().code, "field_invalid");
  EXPECT_EQ(to.error().field, "to");
  auto subject = Enqueue({"jan@example.pl", "Hej\nBcc: all@example.pl", "b"});
  ASSERT_FALSE(subject.ok());
  EXPECT_EQ(subject.error().code, "field_invalid");
  EXPECT_EQ(subject.error().field, "subject");
  auto cr = Enqueue({"jan@example.pl", "Hej\r", "b"});
  ASSERT_FALSE(cr.ok());
  EXPECT_EQ(cr.error().field, "subject");
  EXPECT_EQ(svc_->Depth(), 0u);
}

TEST_F(OutboxTest, RefusesRecipientsThatAreNotABareAddress) {
  for (const char* bad : {"Jan <jan@example.pl>", "jan", "@example.pl", "jan@", "a@b@c", "a@b.pl,c@d.pl", "a b@c.pl"}) {
    auto r = Enqueue({bad, "s", "b"});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "field_invalid") << bad;
  }
  auto empty = Enqueue({"", "s", "b"});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "field_required");
  auto utf8 = Enqueue({"jan@example.pl", "s", "zły \xff bajt"});
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(utf8.error().code, "utf8_invalid");
  EXPECT_EQ(utf8.error().field, "body");
  auto longsubject = Enqueue({"jan@example.pl", std::string(501, 'x'), "b"});
  ASSERT_FALSE(longsubject.ok());
  EXPECT_EQ(longsubject.error().code, "field_too_long");
}

TEST_F(OutboxTest, RecentListsNewestFirst) {
  uint64_t a = EnqueueOk();
  uint64_t b = EnqueueOk();
  svc_->MarkSent(a);
  auto recent = svc_->Recent(10);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].id, b);
  EXPECT_EQ(recent[1].id, a);
  EXPECT_EQ(recent[1].state, State::kSent);
  EXPECT_EQ(svc_->Recent(1).size(), 1u);
}

TEST_F(OutboxTest, GetUnknownIsNotFound) {
  auto m = svc_->Get(12345);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "not_found");
}

TEST_F(OutboxTest, NotifyBeforeWaitIsNotLost) {
  svc_->Notify();
  auto start = std::chrono::steady_clock::now();
  svc_->WaitForWork(5000);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(OutboxTest, WorkerWithoutSmtpUrlLeavesMessagesPending) {
  EnqueueOk();
  Worker worker(*svc_, SmtpConfig{});
  EXPECT_EQ(worker.RunOnce(), 0u);
  EXPECT_EQ(svc_->Depth(), 1u);
  EXPECT_EQ(svc_->Due(10).size(), 1u);
}

TEST_F(OutboxTest, WorkerStopsPromptly) {
  Worker worker(*svc_, SmtpConfig{});
  worker.Start();
  auto start = std::chrono::steady_clock::now();
  worker.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

}  // namespace
}  // namespace osiedle::outbox
