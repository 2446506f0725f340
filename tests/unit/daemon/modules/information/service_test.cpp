#include "daemon/modules/information/service.hpp"

#include <gtest/gtest.h>

#include "tests/unit/daemon/modules/information/fixture.hpp"

namespace osiedle::information {
namespace {

using testing::InfoTest;
using testing::kDeptStaff;
using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kOther11;
using testing::kResidents;
using testing::kStaffUser;

TEST_F(InfoTest, CreatesPageWithRenderedBodyAndListsIt) {
  InfoPage p = MustCreate(WithForm(0));
  EXPECT_EQ(p.body_html, "<p>Zapraszamy <strong>wszystkich</strong>.</p>\n");
  EXPECT_EQ(p.author_id, kStaffUser);
  auto tree = info_->Sections(Resident(kInBuilding20));
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree[0].section.title, "Inwestycje");
  ASSERT_EQ(tree[0].pages.size(), 1u);
  EXPECT_EQ(tree[0].pages[0].id, p.id);
  EXPECT_TRUE(tree[0].pages[0].has_form);
  auto view = info_->GetPage(Resident(kInBuilding20), p.id);
  ASSERT_TRUE(view.ok());
  ASSERT_TRUE(view->form.has_value());
  EXPECT_TRUE(view->form->open);
  EXPECT_EQ(view->form->taken, 0u);
}

TEST_F(InfoTest, MarkdownIsSanitised) {
  PageInput in = WithForm(0);
  in.body_md = "<script>alert(1)</script>[x](javascript:alert(1)) <img src=x "
               "onerror=alert(1)>";
  InfoPage p = MustCreate(in);
  EXPECT_EQ(p.body_html.find("<script"), std::string::npos);
  EXPECT_EQ(p.body_html.find("javascript:"), std::string::npos);
  EXPECT_EQ(p.body_html.find("onerror"), std::string::npos);
}

TEST_F(InfoTest, TargetedPageIsNotFoundForOtherGroups) {
  PageInput in = WithForm(0);
  in.groups = {building11_};
  InfoPage p = MustCreate(in);
  EXPECT_TRUE(info_->Sections(Resident(kInBuilding20)).empty())
      << "section without visible pages is omitted";
  EXPECT_EQ(info_->GetPage(Resident(kInBuilding20), p.id).error().code,
            "not_found");
  EXPECT_EQ(Send(kInBuilding20, p.id).error().code, "not_found");
  ASSERT_EQ(info_->Sections(Resident(kInBuilding11)).size(), 1u);
  EXPECT_TRUE(info_->GetPage(Resident(kInBuilding11), p.id).ok());
  EXPECT_TRUE(Send(kInBuilding11, p.id).ok());
  EXPECT_EQ(info_->Sections(Staff())[0].pages.size(), 1u);
}

TEST_F(InfoTest, UnpublishedPageIsOnlyForStaff) {
  PageInput in = WithForm(0);
  in.published = false;
  InfoPage p = MustCreate(in);
  EXPECT_EQ(info_->GetPage(Resident(kInBuilding11), p.id).error().code,
            "not_found");
  EXPECT_EQ(Send(kInBuilding11, p.id).error().code, "not_found");
  EXPECT_TRUE(info_->Sections(Resident(kInBuilding11)).empty());
  EXPECT_TRUE(info_->GetPage(Staff(), p.id).ok());
  ASSERT_EQ(info_->Sections(Staff()).size(), 1u);
}

TEST_F(InfoTest, PageWithoutFormTakesNoSubmissions) {
  PageInput in = WithForm(0);
  in.form.reset();
  InfoPage p = MustCreate(in);
  EXPECT_EQ(Send(kInBuilding11, p.id).error().code, "not_found");
  EXPECT_FALSE(info_->GetPage(Resident(kInBuilding11), p.id)->form.has_value());
}

TEST_F(InfoTest, CapacityFillsThenWaitingListWithPositions) {
  InfoPage p = MustCreate(WithForm(2));
  Submission a = MustSend(kResidents[0], p.id);
  Submission b = MustSend(kResidents[1], p.id);
  Submission c = MustSend(kResidents[2], p.id);
  Submission d = MustSend(kResidents[3], p.id);
  EXPECT_EQ(a.status, SubmissionStatus::kRegistered);
  EXPECT_EQ(b.status, SubmissionStatus::kRegistered);
  EXPECT_EQ(c.status, SubmissionStatus::kWaiting);
  EXPECT_EQ(c.waiting_position, 1u);
  EXPECT_EQ(d.waiting_position, 2u);
  auto view = info_->GetPage(Resident(kResidents[3]), p.id);
  EXPECT_EQ(view->form->taken, 2u);
  EXPECT_EQ(view->form->waiting, 2u);
  ASSERT_EQ(view->my_submissions.size(), 1u);
  EXPECT_EQ(view->my_submissions[0].waiting_position, 2u);
}

TEST_F(InfoTest, CancelPromotesFirstWaiting) {
  InfoPage p = MustCreate(WithForm(1));
  Submission a = MustSend(kResidents[0], p.id);
  Submission b = MustSend(kResidents[1], p.id);
  Submission c = MustSend(kResidents[2], p.id);
  auto cancelled = info_->Cancel(Resident(kResidents[0]), a.id);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, SubmissionStatus::kCancelled);
  EXPECT_EQ(StatusOf(p.id, b.id), SubmissionStatus::kRegistered);
  EXPECT_EQ(StatusOf(p.id, c.id), SubmissionStatus::kWaiting);
  auto mine = info_->MySubmissions(Resident(kResidents[2]), 0, 10);
  ASSERT_EQ(mine.items.size(), 1u);
  EXPECT_EQ(mine.items[0].waiting_position, 1u);
  EXPECT_EQ(mine.items[0].page_title, "Zapisy na wycieczkę");
}

TEST_F(InfoTest, CancellingAWaitingOneKeepsPlacesAndReordersQueue) {
  InfoPage p = MustCreate(WithForm(1));
  Submission a = MustSend(kResidents[0], p.id);
  Submission b = MustSend(kResidents[1], p.id);
  Submission c = MustSend(kResidents[2], p.id);
  ASSERT_TRUE(info_->Cancel(Resident(kResidents[1]), b.id).ok());
  EXPECT_EQ(StatusOf(p.id, a.id), SubmissionStatus::kRegistered);
  EXPECT_EQ(StatusOf(p.id, c.id), SubmissionStatus::kWaiting);
  EXPECT_EQ(info_->MySubmissions(Resident(kResidents[2]), 0, 10)
                .items[0]
                .waiting_position,
            1u);
}

TEST_F(InfoTest, RejectingRegisteredPromotesAndAcceptingKeepsPlace) {
  InfoPage p = MustCreate(WithForm(1));
  Submission a = MustSend(kResidents[0], p.id);
  Submission b = MustSend(kResidents[1], p.id);
  auto accepted = info_->SetStatus(staff_, a.id, SubmissionStatus::kAccepted,
                                   std::string("OK"));
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(StatusOf(p.id, b.id), SubmissionStatus::kWaiting)
      << "accepted still counts against capacity";
  auto rejected = info_->SetStatus(staff_, a.id, SubmissionStatus::kRejected,
                                   std::string("Brak miejsc"));
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->staff_note, "Brak miejsc");
  EXPECT_EQ(rejected->handled_by, kStaffUser);
  EXPECT_EQ(StatusOf(p.id, b.id), SubmissionStatus::kRegistered);
}

TEST_F(InfoTest, NewSubmissionQueuesBehindWaitingEvenIfPlaceFree) {
  InfoPage p = MustCreate(WithForm(1));
  Submission a = MustSend(kResidents[0], p.id);
  Submission b = MustSend(kResidents[1], p.id);
  // Staff mark the registered one done (still taking its place), then someone
  // else comes.
  ASSERT_TRUE(
      info_->SetStatus(staff_, a.id, SubmissionStatus::kDone, std::nullopt)
          .ok());
  Submission c = MustSend(kResidents[2], p.id);
  EXPECT_EQ(c.status, SubmissionStatus::kWaiting);
  EXPECT_EQ(c.waiting_position, 2u);
  EXPECT_EQ(StatusOf(p.id, b.id), SubmissionStatus::kWaiting);
}

TEST_F(InfoTest, RaisingCapacityPromotesWaiting) {
  InfoPage p = MustCreate(WithForm(1));
  MustSend(kResidents[0], p.id);
  Submission b = MustSend(kResidents[1], p.id);
  Submission c = MustSend(kResidents[2], p.id);
  PageInput in = WithForm(2);
  ASSERT_TRUE(info_->UpdatePage(staff_, p.id, in).ok());
  EXPECT_EQ(StatusOf(p.id, b.id), SubmissionStatus::kRegistered);
  EXPECT_EQ(StatusOf(p.id, c.id), SubmissionStatus::kWaiting);
  ASSERT_TRUE(info_->UpdatePage(staff_, p.id, WithForm(0)).ok());
  EXPECT_EQ(StatusOf(p.id, c.id), SubmissionStatus::kRegistered)
      << "unlimited takes everyone";
}

TEST_F(InfoTest, OneActiveSubmissionPerUser) {
  InfoPage p = MustCreate(WithForm(0));
  Submission a = MustSend(kInBuilding11, p.id);
  EXPECT_EQ(Send(kInBuilding11, p.id).error().code, "already_submitted");
  ASSERT_TRUE(info_->Cancel(Resident(kInBuilding11), a.id).ok());
  EXPECT_TRUE(Send(kInBuilding11, p.id).ok())
      << "a cancelled one does not block";
  EXPECT_TRUE(Send(kOther11, p.id).ok());
}

TEST_F(InfoTest, ClosedFormRefusesSubmissions) {
  PageInput in = WithForm(0);
  in.form->closes_at = clock_.NowUnix() + 60;
  InfoPage p = MustCreate(in);
  EXPECT_TRUE(Send(kInBuilding11, p.id).ok());
  clock_.Advance(60);
  EXPECT_EQ(Send(kOther11, p.id).error().code, "form_closed");
  EXPECT_FALSE(info_->GetPage(Resident(kOther11), p.id)->form->open);
}

TEST_F(InfoTest, OnlyOwnSubmissionsCanBeCancelled) {
  InfoPage p = MustCreate(WithForm(0));
  Submission a = MustSend(kInBuilding11, p.id);
  EXPECT_EQ(info_->Cancel(Resident(kOther11), a.id).error().code, "not_found");
  EXPECT_EQ(info_->Cancel(Resident(kInBuilding11), 999).error().code,
            "not_found");
  ASSERT_TRUE(info_->Cancel(Resident(kInBuilding11), a.id).ok());
  EXPECT_EQ(info_->Cancel(Resident(kInBuilding11), a.id).error().code,
            "submission_not_cancellable");
  EXPECT_EQ(
      info_->SetStatus(staff_, a.id, SubmissionStatus::kAccepted, std::nullopt)
          .error()
          .code,
      "submission_cancelled");
}

TEST_F(InfoTest, StaffStatusChangeIsChecked) {
  InfoPage p = MustCreate(WithForm(0));
  Submission a = MustSend(kInBuilding11, p.id);
  EXPECT_EQ(
      info_->SetStatus(staff_, a.id, std::nullopt, std::nullopt).error().code,
      "field_required");
  EXPECT_EQ(
      info_->SetStatus(staff_, a.id, SubmissionStatus::kWaiting, std::nullopt)
          .error()
          .field,
      "status");
  EXPECT_EQ(info_->SetStatus(staff_, a.id, std::nullopt, std::string(1001, 'n'))
                .error()
                .code,
            "field_too_long");
  EXPECT_EQ(info_->SetStatus(staff_, 999, SubmissionStatus::kDone, std::nullopt)
                .error()
                .code,
            "not_found");
  auto noted =
      info_->SetStatus(staff_, a.id, std::nullopt, std::string("Zadzwonić"));
  ASSERT_TRUE(noted.ok());
  EXPECT_EQ(noted->status, SubmissionStatus::kRegistered);
  EXPECT_EQ(
      info_->MySubmissions(Resident(kInBuilding11), 0, 10).items[0].staff_note,
      "Zadzwonić");
}

TEST_F(InfoTest, ChangingFormKeepsStoredAnswers) {
  InfoPage p = MustCreate(WithForm(0));
  MustSend(kInBuilding11, p.id);
  PageInput in = WithForm(0);
  in.form->fields = {Field("phone", FieldType::kText, true)};
  ASSERT_TRUE(info_->UpdatePage(staff_, p.id, in).ok());
  auto mine = info_->MySubmissions(Resident(kInBuilding11), 0, 10);
  ASSERT_EQ(mine.items[0].answers.size(), 1u);
  EXPECT_EQ(mine.items[0].answers[0].key, "name");
  EXPECT_EQ(mine.items[0].answers[0].label, "Pole name");
  EXPECT_EQ(mine.items[0].answers[0].values[0], "Jan");
  auto csv = info_->ExportCsv(p.id);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("Pole phone;Pole name;staff_note"), std::string::npos)
      << *csv;
}

TEST_F(InfoTest, MineFilterFollowsAssignee) {
  PageInput in = WithForm(0);
  in.form->assignee.department_id = dept_;
  InfoPage p = MustCreate(in);
  MustSend(kInBuilding11, p.id);
  SubmissionFilter mine{std::nullopt, true};
  EXPECT_EQ(
      info_->AdminSubmissions(Staff(kDeptStaff), p.id, mine, 0, 10)->total, 1u);
  EXPECT_EQ(
      info_->AdminSubmissions(Staff(kStaffUser), p.id, mine, 0, 10)->total, 0u);
  EXPECT_EQ(info_->AdminSubmissions(Staff(kStaffUser), p.id, {}, 0, 10)->total,
            1u);
  in.form->assignee = {kStaffUser, 0};
  ASSERT_TRUE(info_->UpdatePage(staff_, p.id, in).ok());
  EXPECT_EQ(
      info_->AdminSubmissions(Staff(kStaffUser), p.id, mine, 0, 10)->total, 1u);
  SubmissionFilter waiting{SubmissionStatus::kWaiting, false};
  EXPECT_EQ(info_->AdminSubmissions(Staff(), p.id, waiting, 0, 10)->total, 0u);
  auto list = info_->AdminSubmissions(Staff(), p.id, {}, 0, 10);
  EXPECT_EQ(list->items[0].user_email, "u4@example.pl");
}

TEST_F(InfoTest, AssigneeMustBeStaffOrDepartment) {
  PageInput in = WithForm(0);
  in.form->assignee = {kInBuilding11, 0};
  auto r = info_->CreatePage(staff_, in);
  EXPECT_EQ(r.error().code, "assignee_invalid");
  EXPECT_EQ(r.error().field, "form.assignee.user_id");
  in.form->assignee = {999, 0};
  EXPECT_EQ(info_->CreatePage(staff_, in).error().code, "user_not_found");
  in.form->assignee = {0, 999};
  EXPECT_EQ(info_->CreatePage(staff_, in).error().code, "department_not_found");
  EXPECT_EQ(info_->AdminPages(0, 10).total, 0u);
}

TEST_F(InfoTest, RejectsBadPageInput) {
  struct Case {
    std::function<void(PageInput &)> change;
    std::string code, field;
  };
  const Case cases[] = {
      {[](PageInput &i) { i.title = " "; }, "field_required", "title"},
      {[](PageInput &i) { i.title = std::string(201, 't'); }, "field_too_long",
       "title"},
      {[](PageInput &i) { i.title = "a\tb"; }, "field_invalid", "title"},
      {[](PageInput &i) { i.body_md = std::string(50001, 'b'); },
       "field_too_long", "body"},
      {[](PageInput &i) { i.body_md = "\xFF"; }, "utf8_invalid", "body"},
      {[](PageInput &i) { i.section_id = 999; }, "not_found", "section_id"},
      {[](PageInput &i) { i.groups = {999}; }, "group_not_found", "groups"},
      {[](PageInput &i) { i.position = 2000000; }, "field_invalid", "position"},
      {[](PageInput &i) { i.form->fields[0].key = "Bad Key"; }, "field_invalid",
       "form.fields[0].key"},
  };
  for (const Case &c : cases) {
    PageInput in = WithForm(0);
    c.change(in);
    auto r = info_->CreatePage(staff_, in);
    ASSERT_FALSE(r.ok()) << c.code << " " << c.field;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().field, c.field);
  }
  EXPECT_EQ(info_->AdminPages(0, 10).total, 0u);
}

TEST_F(InfoTest, SectionsKeepOrderAndRefuseDeletingWhenNotEmpty) {
  auto second =
      info_->CreateSection(staff_, SectionInput{"Lokale do wynajęcia", 0});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(info_->AdminSections(0, 10).items[0].id, second->id)
      << "lower position first";
  InfoPage p = MustCreate(WithForm(0));
  EXPECT_EQ(info_->DeleteSection(staff_, section_).error().code,
            "section_not_empty");
  EXPECT_EQ(info_->AdminSections(0, 10).items[1].page_count, 1u);
  ASSERT_TRUE(info_->DeletePage(staff_, p.id).ok());
  EXPECT_TRUE(info_->DeleteSection(staff_, section_).ok());
  EXPECT_EQ(info_->DeleteSection(staff_, section_).error().code, "not_found");
  EXPECT_EQ(info_->CreateSection(staff_, SectionInput{"", 0}).error().code,
            "field_required");
  EXPECT_EQ(info_->CreateSection(staff_, SectionInput{std::string(121, 's'), 0})
                .error()
                .code,
            "field_too_long");
  EXPECT_EQ(
      info_->UpdateSection(staff_, 999, SectionInput{"x", 0}).error().code,
      "not_found");
}

TEST_F(InfoTest, DeletingPageRemovesSubmissions) {
  InfoPage p = MustCreate(WithForm(0));
  MustSend(kInBuilding11, p.id);
  ASSERT_TRUE(info_->DeletePage(staff_, p.id).ok());
  EXPECT_EQ(info_->MySubmissions(Resident(kInBuilding11), 0, 10).total, 0u);
  EXPECT_EQ(info_->AdminSubmissions(Staff(), p.id, {}, 0, 10).error().code,
            "not_found");
}

TEST_F(InfoTest, AuditsStaffChanges) {
  InfoPage p = MustCreate(WithForm(0));
  Submission a = MustSend(kInBuilding11, p.id);
  ASSERT_TRUE(
      info_->SetStatus(staff_, a.id, SubmissionStatus::kAccepted, std::nullopt)
          .ok());
  ASSERT_TRUE(info_->DeletePage(staff_, p.id).ok());
  auto entries = audit_.List(audit::Filter{.action_prefix = "information."});
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].action, "information.page_delete");
  EXPECT_EQ(entries[1].action, "information.submission_status");
  EXPECT_EQ(entries[2].action, "information.page_create");
  EXPECT_EQ(entries[3].action, "information.section_create");
  EXPECT_EQ(entries[1].target_id, a.id);
}

TEST_F(InfoTest, CsvExportIsExcelFriendlyAndNeutralisesFormulas) {
  PageInput in = WithForm(0);
  in.form->fields.push_back(
      Field("extras", FieldType::kMulti, false, {"a;b", "c"}));
  InfoPage p = MustCreate(in);
  ASSERT_TRUE(
      info_
          ->Submit(
              Resident(kInBuilding11), p.id,
              R"j({"answers":{"name":"=HYPERLINK(\"http://x\")","extras":["a;b","c"]}})j")
          .ok());
  auto csv = info_->ExportCsv(p.id);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv->find("id;created_at;status;waiting_position;name;email;Pole "
                      "name;Pole extras;staff_note\r\n"),
            std::string::npos)
      << *csv;
  EXPECT_NE(csv->find(R"j(;"'=HYPERLINK(""http://x"")";"a;b, c";)j"),
            std::string::npos)
      << *csv;
  EXPECT_EQ(info_->ExportCsv(999).error().code, "not_found");
}

TEST_F(InfoTest, PagingOfMySubmissions) {
  for (int i = 0; i < 3; ++i) {
    PageInput in = WithForm(0);
    in.title = "Strona " + std::to_string(i);
    MustSend(kInBuilding11, MustCreate(in).id);
  }
  auto page = info_->MySubmissions(Resident(kInBuilding11), 1, 1);
  EXPECT_EQ(page.total, 3u);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].page_title, "Strona 1") << "newest first";
}

TEST_F(InfoTest, CodecsRoundTripAndRejectCorruption) {
  PageInput in = WithForm(5);
  in.form->fields.push_back(Field("n", FieldType::kNumber));
  in.form->fields.back().min = -1.5;
  InfoPage p = MustCreate(in);
  auto back = Store::DecodePage(p.id, Store::EncodePage(p));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->form->fields[1].min, -1.5);
  EXPECT_FALSE(back->form->fields[1].max.has_value());
  EXPECT_EQ(back->form->capacity, 5u);
  std::string enc = Store::EncodePage(p);
  EXPECT_FALSE(
      Store::DecodePage(p.id, enc.substr(0, enc.size() / 2)).has_value());
  enc[0] = 9;
  EXPECT_FALSE(Store::DecodePage(p.id, enc).has_value());
  EXPECT_FALSE(Store::DecodeSubmission(1, "").has_value());
}

} // namespace
} // namespace osiedle::information
