#pragma once
// Test fixture for the contractors module: temp LMDB, FakeClock, real audit
// log, seeded categories.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/contractors/service.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::contractors::testing {

inline const Actor kStaffActor{1, "192.0.2.1", "unit-test"};
inline const Viewer kStaff{1, true};
inline const Viewer kResident{7, false};

struct Fixture {
  osiedle::testing::TempEnv store{"contractors-test"};
  storage::Env& env = store.env();
  FakeClock clock;
  audit::Service audit{env, clock};
  Service svc{env, clock, audit};

  Fixture() {
    auto st = env.Update([&](storage::WriteTxn& t) -> Status {
      svc.Seed(t);
      return {};
    });
    EXPECT_TRUE(st.ok());
  }

  // The id of a seeded category by its exact name (0 if absent).
  uint64_t CategoryId(const std::string& name) {
    return env.View([&](const storage::ReadTxn& t) {
      for (const Category& c : svc.Categories(t)) {
        if (c.name == name) return c.id;
      }
      return uint64_t{0};
    });
  }

  Result<Contractor> Create(ContractorInput in) {
    return env.Update([&](storage::WriteTxn& t) { return svc.Create(t, kStaffActor, in); });
  }

  // Creates an active contractor; fails the test on error.
  uint64_t Add(const std::string& name, std::vector<uint64_t> categories = {}, const std::string& description = "",
               bool recommended = false) {
    ContractorInput in;
    in.name = name;
    in.category_ids = std::move(categories);
    in.description = description;
    in.recommended = recommended;
    auto c = Create(in);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().code);
    return c.ok() ? c->id : 0;
  }

  Result<Page<Contractor>> Search(const std::string& q, bool include_inactive = false, uint64_t category = 0) {
    SearchQuery query;
    query.q = q;
    query.include_inactive = include_inactive;
    query.category_id = category;
    query.limit = kMaxPage;
    return env.View([&](const storage::ReadTxn& t) { return svc.Search(t, query); });
  }

  // Names of the matches, in result order.
  std::vector<std::string> Names(const std::string& q, bool include_inactive = false) {
    std::vector<std::string> out;
    auto page = Search(q, include_inactive);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      for (const auto& c : page->items) out.push_back(c.name);
    }
    return out;
  }

  Result<Review> Rate(uint64_t contractor, uint64_t user, int rating, const std::string& text = "") {
    return env.Update([&](storage::WriteTxn& t) {
      return svc.AddReview(t, Viewer{user, false}, contractor, rating, text);
    });
  }
};

}  // namespace osiedle::contractors::testing
