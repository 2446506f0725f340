#include "daemon/modules/news/service.hpp"

#include <gtest/gtest.h>

#include "tests/unit/daemon/modules/news/fixture.hpp"

namespace osiedle::news {
namespace {

using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kOtherResident;
using testing::kStaffUser;
using testing::NewsTest;

// FeedHead memoises the page per group set under (snapshot, second): the clock alone (a scheduled item going
// live, one expiring) and every commit show at once; each reader gets their own `read`; bodies are left out.
TEST_F(NewsTest, FeedHeadIsTheFeedsFirstPageThroughTimeCommitsAndReaders) {
  auto head_ids = [&](uint64_t user) {
    std::vector<uint64_t> ids;
    for (const ItemView& v : news_->FeedHead(Resident(user), 2).items) ids.push_back(v.item.id);
    return ids;
  };
  ItemInput later = Input("Za minutę");
  later.publish_at = clock_.NowUnix() + 60;
  Item scheduled = MustCreate(later);
  ItemInput soon_gone = Input("Zaraz wygaśnie");
  soon_gone.expire_at = clock_.NowUnix() + 30;
  Item expiring = MustCreate(soon_gone);
  ItemInput mine = Input("Tylko Lazurowa 11");
  mine.groups = {building11_};
  Item targeted = MustCreate(mine);
  EXPECT_EQ(head_ids(kInBuilding11), (std::vector<uint64_t>{targeted.id, expiring.id}));
  EXPECT_EQ(head_ids(kInBuilding20), (std::vector<uint64_t>{expiring.id}));
  auto page = news_->FeedHead(Resident(kInBuilding11), 2);
  EXPECT_EQ(page.total, 2u);  // nothing past the page
  EXPECT_TRUE(page.items[0].item.body_html.empty());
  EXPECT_EQ(page.items[0].item.title, "Tylko Lazurowa 11");

  clock_.Advance(30);  // no commit: the expiry alone
  EXPECT_EQ(head_ids(kInBuilding11), std::vector<uint64_t>{targeted.id});
  clock_.Advance(30);  // the scheduled item goes live
  EXPECT_EQ(head_ids(kInBuilding11), (std::vector<uint64_t>{scheduled.id, targeted.id}));
  EXPECT_EQ(head_ids(kInBuilding20), std::vector<uint64_t>{scheduled.id});
  EXPECT_EQ(head_ids(kInBuilding11), FeedIds(kInBuilding11));

  ASSERT_TRUE(news_->MarkRead(Resident(kInBuilding11), scheduled.id).ok());
  EXPECT_TRUE(news_->FeedHead(Resident(kInBuilding11), 2).items[0].read);
  EXPECT_FALSE(news_->FeedHead(Resident(kOtherResident), 2).items[0].read);  // same groups, another reader
  ItemInput pinned = Input("Ważne");
  pinned.pinned = true;
  Item top = MustCreate(pinned);  // a commit, same second
  EXPECT_EQ(head_ids(kInBuilding20), (std::vector<uint64_t>{top.id, scheduled.id}));
}

TEST_F(NewsTest, CreatesItemWithRenderedBody) {
  Item item = MustCreate(Input("Wymiana wodomierzy"));
  EXPECT_GT(item.id, 0u);
  EXPECT_EQ(item.body_html, "<p>Treść <strong>ważna</strong>.</p>\n");
  EXPECT_EQ(item.publish_at, clock_.NowUnix());
  EXPECT_EQ(item.author_id, kStaffUser);
  auto got = news_->Get(Resident(kInBuilding20), item.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->item.title, "Wymiana wodomierzy");
}

TEST_F(NewsTest, AuditsEveryStaffChange) {
  Item item = MustCreate(Input("A"));
  ASSERT_TRUE(news_->Update(staff_actor_, item.id, Input("B")).ok());
  ASSERT_TRUE(news_->Delete(staff_actor_, item.id).ok());
  auto entries = audit_.List(audit::Filter{.action_prefix = "news."});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "news.delete");
  EXPECT_EQ(entries[1].action, "news.update");
  EXPECT_EQ(entries[2].action, "news.create");
  EXPECT_EQ(entries[2].actor_id, kStaffUser);
  EXPECT_EQ(entries[2].target_id, item.id);
}

TEST_F(NewsTest, RejectsBadInputWithFieldCodes) {
  struct Case {
    std::function<void(ItemInput&)> change;
    std::string code, field;
  };
  const Case cases[] = {
      {[](ItemInput& i) { i.title = "   "; }, "field_required", "title"},
      {[](ItemInput& i) { i.title = std::string(201, 'x'); }, "field_too_long", "title"},
      {[](ItemInput& i) { i.title = "a\nb"; }, "field_invalid", "title"},
      {[](ItemInput& i) { i.title = "\xC3\x28"; }, "utf8_invalid", "title"},
      {[](ItemInput& i) { i.lead = std::string(501, 'x'); }, "field_too_long", "lead"},
      {[](ItemInput& i) { i.body_md = std::string(50001, 'x'); }, "field_too_long", "body"},
      {[](ItemInput& i) { i.body_md = std::string("a\0b", 3); }, "field_invalid", "body"},
      {[](ItemInput& i) { i.image_id = "../etc/passwd"; }, "field_invalid", "image_id"},
      {[](ItemInput& i) { i.image_id = std::string(65, 'a'); }, "field_too_long", "image_id"},
      {[](ItemInput& i) { i.publish_at = -1; }, "field_invalid", "publish_at"},
      {[](ItemInput& i) { i.expire_at = Service::kMaxTime + 1; }, "field_invalid", "expire_at"},
      {[this](ItemInput& i) { i.expire_at = clock_.NowUnix(); }, "field_invalid", "expire_at"},
      {[](ItemInput& i) { i.groups = {999}; }, "group_not_found", "groups"},
      {[](ItemInput& i) {
         for (uint64_t g = 1; g <= 51; ++g) i.groups.push_back(g);
       },
       "field_too_long", "groups"},
  };
  for (const Case& c : cases) {
    ItemInput in = Input("Tytuł");
    c.change(in);
    auto r = news_->Create(staff_actor_, in);
    ASSERT_FALSE(r.ok()) << c.code << " " << c.field;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().field, c.field);
  }
  EXPECT_EQ(news_->AdminList(0, 100).total, 0u);
}

TEST_F(NewsTest, AcceptsLimitsExactly) {
  ItemInput in = Input(std::string(200, 'x'));
  in.lead = std::string(500, 'l');
  in.body_md = std::string(50000, 'b');
  in.image_id = std::string(64, 'i');
  EXPECT_TRUE(news_->Create(staff_actor_, in).ok());
}

TEST_F(NewsTest, UpdateOfMissingItemIsNotFound) {
  auto r = news_->Update(staff_actor_, 42, Input("x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_found");
  EXPECT_EQ(news_->Delete(staff_actor_, 42).error().code, "not_found");
}

TEST_F(NewsTest, ResidentOutsideTargetGroupNeverSeesItem) {
  Item everyone = MustCreate(Input("Dla wszystkich"));
  clock_.Advance(10);
  ItemInput in = Input("Tylko Lazurowa 11");
  in.groups = {building11_};
  Item targeted = MustCreate(in);

  EXPECT_EQ(FeedIds(kInBuilding11), (std::vector<uint64_t>{targeted.id, everyone.id}));
  EXPECT_EQ(FeedIds(kInBuilding20), (std::vector<uint64_t>{everyone.id}));
  EXPECT_EQ(news_->Feed(Resident(kInBuilding20), 0, 20).total, 1u);

  auto by_id = news_->Get(Resident(kInBuilding20), targeted.id);
  ASSERT_FALSE(by_id.ok());
  EXPECT_EQ(by_id.error().code, "not_found");
  EXPECT_EQ(news_->MarkRead(Resident(kInBuilding20), targeted.id).error().code, "not_found");
  EXPECT_TRUE(news_->Get(Resident(kInBuilding11), targeted.id).ok());
  EXPECT_TRUE(news_->Get(Viewer{kInBuilding20, true}, targeted.id).ok()) << "staff see everything";
}

TEST_F(NewsTest, ScheduledItemIsHiddenUntilPublishAt) {
  ItemInput in = Input("Zaplanowane");
  in.publish_at = clock_.NowUnix() + 3600;
  Item item = MustCreate(in);
  EXPECT_TRUE(FeedIds(kInBuilding20).empty());
  EXPECT_EQ(news_->Get(Resident(kInBuilding20), item.id).error().code, "not_found");
  EXPECT_EQ(news_->AdminGet(item.id)->state, ItemState::kScheduled);

  clock_.Advance(3599);
  EXPECT_TRUE(FeedIds(kInBuilding20).empty());
  clock_.Advance(1);
  EXPECT_EQ(FeedIds(kInBuilding20), std::vector<uint64_t>{item.id});
  EXPECT_EQ(news_->AdminGet(item.id)->state, ItemState::kPublished);
}

TEST_F(NewsTest, ExpiredItemDisappears) {
  ItemInput in = Input("Krótkotrwałe");
  in.expire_at = clock_.NowUnix() + 60;
  Item item = MustCreate(in);
  EXPECT_EQ(FeedIds(kInBuilding20), std::vector<uint64_t>{item.id});
  clock_.Advance(60);
  EXPECT_TRUE(FeedIds(kInBuilding20).empty());
  EXPECT_EQ(news_->Get(Resident(kInBuilding20), item.id).error().code, "not_found");
  EXPECT_EQ(news_->AdminGet(item.id)->state, ItemState::kExpired);
  EXPECT_EQ(news_->AdminList(0, 10).total, 1u);
}

TEST_F(NewsTest, PinnedItemsComeFirstThenNewest) {
  ItemInput old_pinned = Input("Stare przypięte");
  old_pinned.pinned = true;
  Item a = MustCreate(old_pinned);
  clock_.Advance(10);
  Item b = MustCreate(Input("Nowsze"));
  clock_.Advance(10);
  Item c = MustCreate(Input("Najnowsze"));
  EXPECT_EQ(FeedIds(kInBuilding20), (std::vector<uint64_t>{a.id, c.id, b.id}));

  // Unpinning moves the item back among the others.
  ItemInput unpinned = old_pinned;
  unpinned.pinned = false;
  ASSERT_TRUE(news_->Update(staff_actor_, a.id, unpinned).ok());
  EXPECT_EQ(FeedIds(kInBuilding20), (std::vector<uint64_t>{c.id, b.id, a.id}));
}

TEST_F(NewsTest, FeedIsPaginated) {
  std::vector<uint64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(MustCreate(Input("n" + std::to_string(i))).id);
    clock_.Advance(1);
  }
  auto page = news_->Feed(Resident(kInBuilding20), 1, 2);
  EXPECT_EQ(page.total, 5u);
  EXPECT_EQ(page.offset, 1u);
  EXPECT_EQ(page.limit, 2u);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].item.id, ids[3]);
  EXPECT_EQ(page.items[1].item.id, ids[2]);
  EXPECT_TRUE(news_->Feed(Resident(kInBuilding20), 5, 2).items.empty());
  EXPECT_EQ(news_->Feed(Resident(kInBuilding20), 0, 1000).limit, Service::kMaxPage);
}

TEST_F(NewsTest, FeedWithoutFullCountStopsOnePastThePage) {
  std::vector<uint64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(MustCreate(Input("n" + std::to_string(i))).id);
    clock_.Advance(1);
  }
  auto head = news_->Feed(Resident(kInBuilding20), 0, 2, /*count_all=*/false);
  ASSERT_EQ(head.items.size(), 2u);
  EXPECT_EQ(head.items[0].item.id, ids[4]);
  EXPECT_EQ(head.total, 3u);  // two on the page + one that says "more"
  auto all = news_->Feed(Resident(kInBuilding20), 0, 5, /*count_all=*/false);
  EXPECT_EQ(all.items.size(), 5u);
  EXPECT_EQ(all.total, 5u);  // nothing past the page: no "more"
}

TEST_F(NewsTest, UnreadMarkerClearsPerUserAndCountsReads) {
  Item item = MustCreate(Input("Przeczytaj"));
  EXPECT_FALSE(news_->Feed(Resident(kInBuilding11), 0, 10).items[0].read);
  ASSERT_TRUE(news_->MarkRead(Resident(kInBuilding11), item.id).ok());
  ASSERT_TRUE(news_->MarkRead(Resident(kInBuilding11), item.id).ok());  // idempotent
  EXPECT_TRUE(news_->Feed(Resident(kInBuilding11), 0, 10).items[0].read);
  EXPECT_TRUE(news_->Get(Resident(kInBuilding11), item.id)->read);
  EXPECT_FALSE(news_->Feed(Resident(kOtherResident), 0, 10).items[0].read);
  EXPECT_EQ(news_->AdminGet(item.id)->stats.reads, 1u);
  ASSERT_TRUE(news_->MarkRead(Resident(kOtherResident), item.id).ok());
  EXPECT_EQ(news_->AdminGet(item.id)->stats.reads, 2u);
}

TEST_F(NewsTest, CommentsDisabledIsAnError) {
  Item item = MustCreate(Input("Bez komentarzy"));
  auto add = news_->AddComment(Resident(kInBuilding11), item.id, "Hej");
  ASSERT_FALSE(add.ok());
  EXPECT_EQ(add.error().code, "comments_disabled");
  EXPECT_EQ(news_->Comments(Resident(kInBuilding11), item.id, 0, 10).error().code, "comments_disabled");
}

class NewsCommentsTest : public NewsTest {
 protected:
  void SetUp() override {
    NewsTest::SetUp();
    ItemInput in = Input("Z komentarzami");
    in.comments_enabled = true;
    in.groups = {building11_};
    item_ = MustCreate(in);
  }
  Comment MustComment(uint64_t user, std::string body) {
    auto c = news_->AddComment(Resident(user), item_.id, std::move(body));
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().code);
    return c.ok() ? *c : Comment{};
  }
  Item item_;
};

TEST_F(NewsCommentsTest, ResidentsCommentAndSeeCommentsOldestFirst) {
  Comment a = MustComment(kInBuilding11, "Pierwszy");
  Comment b = MustComment(kOtherResident, "  Drugi  ");
  EXPECT_EQ(b.body, "Drugi");
  auto page = news_->Comments(Resident(kInBuilding11), item_.id, 0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, a.id);
  EXPECT_EQ(page->items[1].id, b.id);
  EXPECT_EQ(news_->AdminGet(item_.id)->stats.comments, 2u);
}

TEST_F(NewsCommentsTest, CommentQueueSpansItemsMostRecentlyReportedFirst) {
  ItemInput in = Input("Drugi wpis");
  in.comments_enabled = true;
  Item other = MustCreate(in);
  Comment first = MustComment(kInBuilding11, "Pierwszy");
  auto second = news_->AddComment(Resident(kInBuilding20), other.id, "Drugi");
  ASSERT_TRUE(second.ok());
  Comment quiet = MustComment(kOtherResident, "Spokojny");
  ASSERT_TRUE(news_->ReportComment(Resident(kOtherResident), first.id).ok());
  clock_.Advance(10);
  ASSERT_TRUE(news_->ReportComment(Resident(kInBuilding11), second->id).ok());
  clock_.Advance(10);
  ASSERT_TRUE(news_->ReportComment(Resident(13), first.id).ok());  // first is reported again, most recently

  auto reported = news_->CommentQueue(true, 0, 10);
  EXPECT_EQ(reported.total, 2u);
  ASSERT_EQ(reported.items.size(), 2u);
  EXPECT_EQ(reported.items[0].comment.id, first.id);
  EXPECT_EQ(reported.items[0].comment.reports, 2u);
  EXPECT_EQ(reported.items[0].item_title, "Z komentarzami");
  EXPECT_EQ(reported.items[0].last_reported_at, clock_.NowUnix());
  EXPECT_EQ(reported.items[1].comment.id, second->id);
  EXPECT_EQ(reported.items[1].item_title, "Drugi wpis");
  EXPECT_EQ(reported.items[1].comment.author_id, kInBuilding20);

  auto all = news_->CommentQueue(false, 0, 10);
  ASSERT_EQ(all.items.size(), 3u);
  EXPECT_EQ(all.items[0].comment.id, quiet.id);  // newest first
  EXPECT_EQ(all.items[0].last_reported_at, 0);
  auto paged = news_->CommentQueue(true, 1, 1);
  EXPECT_EQ(paged.total, 2u);
  ASSERT_EQ(paged.items.size(), 1u);
  EXPECT_EQ(paged.items[0].comment.id, second->id);
}

TEST_F(NewsCommentsTest, CommentOutsideTargetIsNotFound) {
  EXPECT_EQ(news_->AddComment(Resident(kInBuilding20), item_.id, "x").error().code, "not_found");
  EXPECT_EQ(news_->Comments(Resident(kInBuilding20), item_.id, 0, 10).error().code, "not_found");
  Comment c = MustComment(kInBuilding11, "Mój");
  EXPECT_EQ(news_->ReportComment(Resident(kInBuilding20), c.id).error().code, "not_found");
}

TEST_F(NewsCommentsTest, RejectsBadComments) {
  EXPECT_EQ(news_->AddComment(Resident(kInBuilding11), item_.id, "  ").error().code, "field_required");
  EXPECT_EQ(news_->AddComment(Resident(kInBuilding11), item_.id, std::string(2001, 'x')).error().code,
            "field_too_long");
  EXPECT_TRUE(news_->AddComment(Resident(kInBuilding11), item_.id, std::string(2000, 'x')).ok());
  EXPECT_EQ(news_->AddComment(Resident(kInBuilding11), 999, "x").error().code, "not_found");
}

TEST_F(NewsCommentsTest, HiddenCommentLeavesResidentListButStaysForStaff) {
  Comment a = MustComment(kInBuilding11, "Obraźliwy");
  Comment b = MustComment(kOtherResident, "Miły");
  auto hidden = news_->HideComment(staff_actor_, a.id, "Naruszenie regulaminu");
  ASSERT_TRUE(hidden.ok());
  EXPECT_TRUE(hidden->hidden);
  EXPECT_EQ(hidden->hidden_by, kStaffUser);

  auto page = news_->Comments(Resident(kInBuilding11), item_.id, 0, 10);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, b.id);
  EXPECT_EQ(news_->AdminGet(item_.id)->stats.comments, 1u);
  auto all = news_->AdminComments(item_.id, false, 0, 10);
  ASSERT_EQ(all->items.size(), 2u);
  EXPECT_EQ(all->items[0].hidden_reason, "Naruszenie regulaminu");
  EXPECT_EQ(news_->ReportComment(Resident(kOtherResident), a.id).error().code, "not_found");

  ASSERT_TRUE(news_->UnhideComment(staff_actor_, a.id).ok());
  EXPECT_EQ(news_->Comments(Resident(kInBuilding11), item_.id, 0, 10)->items.size(), 2u);
  EXPECT_EQ(news_->AdminGet(item_.id)->stats.comments, 2u);
  auto entries = audit_.List(audit::Filter{.action_prefix = "news.comment_"});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].action, "news.comment_hide");
  EXPECT_EQ(entries[1].detail, "Naruszenie regulaminu");
}

TEST_F(NewsCommentsTest, HidingNeedsAReason) {
  Comment a = MustComment(kInBuilding11, "x");
  EXPECT_EQ(news_->HideComment(staff_actor_, a.id, " ").error().code, "field_required");
  EXPECT_EQ(news_->HideComment(staff_actor_, a.id, std::string(501, 'r')).error().code, "field_too_long");
  EXPECT_EQ(news_->HideComment(staff_actor_, 999, "r").error().code, "not_found");
}

TEST_F(NewsCommentsTest, ResidentReportsCommentOnlyOnce) {
  Comment a = MustComment(kInBuilding11, "Spam");
  ASSERT_TRUE(news_->ReportComment(Resident(kOtherResident), a.id).ok());
  auto again = news_->ReportComment(Resident(kOtherResident), a.id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "comment_already_reported");
  ASSERT_TRUE(news_->ReportComment(Resident(kInBuilding11), a.id).ok());

  auto reported = news_->AdminComments(item_.id, true, 0, 10);
  ASSERT_EQ(reported->items.size(), 1u);
  EXPECT_EQ(reported->items[0].reports, 2u);
  MustComment(kOtherResident, "Niezgłoszony");
  EXPECT_EQ(news_->AdminComments(item_.id, true, 0, 10)->total, 1u);
  EXPECT_EQ(news_->AdminComments(item_.id, false, 0, 10)->total, 2u);
}

TEST_F(NewsCommentsTest, DisablingCommentsBlocksReportsAndNewComments) {
  Comment a = MustComment(kInBuilding11, "x");
  ItemInput off = Input("Z komentarzami");
  off.groups = {building11_};
  off.comments_enabled = false;
  ASSERT_TRUE(news_->Update(staff_actor_, item_.id, off).ok());
  EXPECT_EQ(news_->ReportComment(Resident(kOtherResident), a.id).error().code, "comments_disabled");
  EXPECT_EQ(news_->AddComment(Resident(kOtherResident), item_.id, "y").error().code, "comments_disabled");
}

TEST_F(NewsCommentsTest, CommentShowsShortAuthorName) {
  identity_.users[kInBuilding11].first_name = "Jan";
  identity_.users[kInBuilding11].last_name = "Żółkiewski";
  Comment a = MustComment(kInBuilding11, "x");
  EXPECT_EQ(a.author_name, "Jan Ż.");
}

TEST_F(NewsCommentsTest, DeleteRemovesCommentsAndMarks) {
  Comment a = MustComment(kInBuilding11, "x");
  ASSERT_TRUE(news_->MarkRead(Resident(kInBuilding11), item_.id).ok());
  ASSERT_TRUE(news_->Delete(staff_actor_, item_.id).ok());
  EXPECT_EQ(news_->AdminGet(item_.id).error().code, "not_found");
  EXPECT_EQ(news_->HideComment(staff_actor_, a.id, "r").error().code, "not_found");
  EXPECT_TRUE(FeedIds(kInBuilding11).empty());
}

}  // namespace
}  // namespace osiedle::news
