#pragma once
// The groups fixture (300 users in buildings 10, 11, 20 — user i lives in building {10,11,20}[i % 3] unless i % 10 ==
// 0) plus the audit log, real uploads (FileStore in a temp dir) and the documents service with the default
// categories seeded, all on the same temp store.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "daemon/core/file_store.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/documents/service.hpp"
#include "daemon/modules/uploads/service.hpp"
#include "tests/unit/daemon/modules/groups/fixture.hpp"
#include "tests/unit/support/sample_files.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::documents::testing {

inline constexpr uint64_t kInBuilding11 = 4;  // active, building 11
inline constexpr uint64_t kInBuilding20 = 5;  // active, building 20
inline constexpr uint64_t kStaffUser = 25;

class DocumentsTest : public groups::testing::GroupsTest {
 protected:
  void SetUp() override {
    GroupsTest::SetUp();
    building11_ = CreateRuleGroup("Lazurowa 11", groups::testing::Leaf(groups::RuleField::kBuilding, 11));
    ASSERT_TRUE(env_->Update([&](storage::WriteTxn& t) -> Status {
                      docs_->Seed(t);
                      return {};
                    })
                    .ok());
    for (const CategoryView& c : docs_->Categories(Staff())) categories_[c.category.slug] = c.category.id;
  }

  // A stored PDF upload whose bytes depend on `text` (different texts, different ids).
  std::string Pdf(const std::string& text = "Osiedle") {
    auto up = uploads_.Store(kStaffUser, ::osiedle::testing::SamplePdf(text));
    EXPECT_TRUE(up.ok()) << (up.ok() ? "" : up.error().code);
    return up.ok() ? up->id : "";
  }
  std::string Png() {
    auto up = uploads_.Store(kStaffUser, ::osiedle::testing::SamplePng());
    EXPECT_TRUE(up.ok());
    return up.ok() ? up->id : "";
  }

  DocumentInput Input(std::string title, std::vector<uint64_t> groups = {}, const std::string& slug = "regulaminy") {
    DocumentInput in;
    in.title = std::move(title);
    in.description = "Opis";
    in.category_id = categories_[slug];
    in.groups = std::move(groups);
    return in;
  }
  VersionInput FileOf(const std::string& upload_id, std::string filename = "dokument.pdf") {
    return VersionInput{upload_id, std::move(filename), ""};
  }
  Document MustCreate(DocumentInput in, const std::string& text = "Osiedle") {
    auto d = docs_->Create(staff_actor_, std::move(in), FileOf(Pdf(text)));
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().code + " " + d.error().field);
    return d.ok() ? *d : Document{};
  }
  static Viewer Resident(uint64_t id) { return Viewer{id, false}; }
  static Viewer Staff() { return Viewer{kStaffUser, true}; }
  std::vector<uint64_t> ListIds(const Viewer& v, ListQuery q = {}) {
    std::vector<uint64_t> ids;
    q.limit = 100;
    auto page = docs_->List(v, q);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      for (const DocumentView& d : page->items) ids.push_back(d.doc.id);
    }
    return ids;
  }

  ::osiedle::testing::TempDir files_dir_{"osiedle-docs-files"};
  FileStore files_{files_dir_.Sub("files")};
  uploads::Service uploads_{*env_, files_, clock_};
  audit::Service audit_{*env_, clock_};
  std::unique_ptr<Service> docs_ = std::make_unique<Service>(*env_, clock_, *svc_, audit_, uploads_);
  Actor staff_actor_{kStaffUser, "192.0.2.9", "unit-test"};
  uint64_t building11_ = 0;
  std::map<std::string, uint64_t> categories_;  // slug → id
};

}  // namespace osiedle::documents::testing
