#pragma once
// The groups fixture (300 users in buildings 10, 11, 20 — user i lives in building {10,11,20}[i % 3] unless i % 10 ==
// 0) plus the audit log and the news service on the same temp store.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/news/service.hpp"
#include "tests/unit/daemon/modules/groups/fixture.hpp"

namespace osiedle::news::testing {

inline constexpr uint64_t kInBuilding11 = 4;   // active, building 11
inline constexpr uint64_t kInBuilding20 = 5;   // active, building 20
inline constexpr uint64_t kOtherResident = 7;  // active, building 11
inline constexpr uint64_t kStaffUser = 25;

class NewsTest : public groups::testing::GroupsTest {
 protected:
  void SetUp() override {
    GroupsTest::SetUp();
    building11_ = CreateRuleGroup("Lazurowa 11", groups::testing::Leaf(groups::RuleField::kBuilding, 11));
  }

  static ItemInput Input(std::string title) {
    ItemInput in;
    in.title = std::move(title);
    in.lead = "Krótko";
    in.body_md = "Treść **ważna**.";
    return in;
  }
  Item MustCreate(ItemInput in) {
    auto item = news_->Create(staff_actor_, std::move(in));
    EXPECT_TRUE(item.ok()) << (item.ok() ? "" : item.error().code + " " + item.error().field);
    return item.ok() ? *item : Item{};
  }
  static Viewer Resident(uint64_t id) { return Viewer{id, false}; }
  std::vector<uint64_t> FeedIds(uint64_t user) {
    std::vector<uint64_t> ids;
    for (const ItemView& v : news_->Feed(Resident(user), 0, 100).items) ids.push_back(v.item.id);
    return ids;
  }

  audit::Service audit_{*env_, clock_};
  std::unique_ptr<Service> news_ = std::make_unique<Service>(*env_, clock_, *svc_, audit_);
  Actor staff_actor_{kStaffUser, "192.0.2.9", "unit-test"};
  uint64_t building11_ = 0;
};

}  // namespace osiedle::news::testing
