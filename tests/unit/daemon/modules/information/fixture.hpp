#pragma once
// The groups fixture (300 users in buildings 10, 11, 20 — user i lives in
// building {10,11,20}[i % 3] unless i % 10 == 0; every 25th is staff, every
// 30th in department "Techniczny") plus the audit log and the information
// service on the same temp store, with one section.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/information/service.hpp"
#include "tests/unit/daemon/modules/groups/fixture.hpp"

namespace osiedle::information::testing {

inline constexpr uint64_t kInBuilding11 = 4; // active, building 11
inline constexpr uint64_t kInBuilding20 = 5; // active, building 20
inline constexpr uint64_t kOther11 = 7;      // active, building 11
inline constexpr uint64_t kStaffUser =
    25; // Pracownik (holds information:manage)
inline constexpr uint64_t kDeptStaff =
    150; // Pracownik in department "Techniczny"
// Active residents for filling forms.
inline constexpr uint64_t kResidents[] = {4, 5, 7, 8, 9, 11, 12, 13, 14, 15};

class InfoTest : public groups::testing::GroupsTest {
protected:
  void SetUp() override {
    GroupsTest::SetUp();
    building11_ = CreateRuleGroup(
        "Lazurowa 11", groups::testing::Leaf(groups::RuleField::kBuilding, 11));
    auto s = info_->CreateSection(staff_, SectionInput{"Inwestycje", 1});
    ASSERT_TRUE(s.ok());
    section_ = s->id;
  }

  static FormField Field(std::string key, FieldType type, bool required = false,
                         std::vector<std::string> options = {}) {
    FormField f;
    f.key = std::move(key);
    f.type = type;
    f.label = "Pole " + f.key;
    f.required = required;
    f.options = std::move(options);
    return f;
  }
  // A published page for everyone with a form of one required text field "name"
  // and the given capacity.
  PageInput WithForm(uint64_t capacity) {
    PageInput in;
    in.section_id = section_;
    in.title = "Zapisy na wycieczkę";
    in.body_md = "Zapraszamy **wszystkich**.";
    in.published = true;
    Form form;
    form.title = "Zapisz się";
    form.fields = {Field("name", FieldType::kText, true)};
    form.capacity = capacity;
    in.form = form;
    return in;
  }
  InfoPage MustCreate(PageInput in) {
    auto p = info_->CreatePage(staff_, std::move(in));
    EXPECT_TRUE(p.ok()) << (p.ok() ? ""
                                   : p.error().code + " " + p.error().field);
    return p.ok() ? *p : InfoPage{};
  }
  static Viewer Resident(uint64_t id) { return Viewer{id, false}; }
  static Viewer Staff(uint64_t id = kStaffUser) { return Viewer{id, true}; }
  Result<Submission> Send(uint64_t user, uint64_t page,
                          const std::string &name = "Jan") {
    return info_->Submit(Resident(user), page,
                         R"({"answers":{"name":")" + name + R"("}})");
  }
  Submission MustSend(uint64_t user, uint64_t page) {
    auto s = Send(user, page);
    EXPECT_TRUE(s.ok()) << (s.ok() ? ""
                                   : s.error().code + " " + s.error().field);
    return s.ok() ? *s : Submission{};
  }
  // The current status of a submission (through the staff list).
  SubmissionStatus StatusOf(uint64_t page, uint64_t id) {
    auto list = info_->AdminSubmissions(Staff(), page, {}, 0, 100);
    for (const Submission &s : list->items) {
      if (s.id == id)
        return s.status;
    }
    ADD_FAILURE() << "submission " << id << " not listed";
    return SubmissionStatus::kCancelled;
  }

  audit::Service audit_{*env_, clock_};
  std::unique_ptr<Service> info_ =
      std::make_unique<Service>(*env_, clock_, *svc_, *roles_, audit_);
  Actor staff_{kStaffUser, "192.0.2.9", "unit-test"};
  uint64_t building11_ = 0;
  uint64_t section_ = 0;
};

} // namespace osiedle::information::testing
