#pragma once
// The groups fixture (users 1..300 in buildings 10, 11, 20 — see groups/fixture.hpp) plus the audit log, uploads (a
// FileStore in its own temp dir, one PNG and one PDF uploaded) and the ads service on the same temp store.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "daemon/core/file_store.hpp"
#include "daemon/modules/ads/service.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/uploads/service.hpp"
#include "tests/unit/daemon/modules/groups/fixture.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::ads::testing {

inline constexpr uint64_t kInBuilding11 = 4;  // active, building 11
inline constexpr uint64_t kInBuilding20 = 5;  // active, building 20
inline constexpr uint64_t kStaffUser = 25;
inline constexpr int64_t kDay = 86400;

// A 1×1 PNG header (enough for uploads::Sniff).
inline std::string TinyPng() {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += std::string("\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\0\0\0\0", 25);
  png += std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
  return png;
}

// A minimal well-formed PDF (enough for uploads::Sniff).
inline std::string TinyPdf() {
  std::string pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  const size_t xref = pdf.size();
  pdf += "xref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

class AdsTest : public groups::testing::GroupsTest {
 protected:
  void SetUp() override {
    GroupsTest::SetUp();
    building11_ = CreateRuleGroup("Lazurowa 11", groups::testing::Leaf(groups::RuleField::kBuilding, 11));
    auto png = uploads_.Store(kStaffUser, TinyPng());
    ASSERT_TRUE(png.ok()) << png.error().code << " " << png.error().detail;
    image_ = png->id;
    auto pdf = uploads_.Store(kStaffUser, TinyPdf());
    ASSERT_TRUE(pdf.ok()) << pdf.error().code << " " << pdf.error().detail;
    pdf_ = pdf->id;
  }
  void TearDown() override { ads_->Stop(); }

  // A running slider banner (from an hour ago for 30 days) for everyone.
  BannerInput Input(std::string title) const {
    BannerInput in;
    in.title = std::move(title);
    in.advertiser = "Piekarnia Pod Lipą";
    in.image_id = image_;
    in.alt = "Świeże pieczywo codziennie od 6:00";
    in.link = "https://piekarnia.example.pl/promocja?x=1";
    in.starts_at = clock_.NowUnix() - 3600;
    in.ends_at = clock_.NowUnix() + 30 * kDay;
    return in;
  }
  Banner MustCreate(BannerInput in) {
    auto b = ads_->Create(staff_actor_, std::move(in));
    EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().code + " " + b.error().field);
    return b.ok() ? b->banner : Banner{};
  }
  static Viewer Resident(uint64_t id) { return Viewer{id, false}; }
  std::vector<uint64_t> ShownIds(uint64_t user, Placement p = Placement::kSlider) {
    std::vector<uint64_t> ids;
    for (const AdView& v : ads_->Active(Resident(user), p)) ids.push_back(v.id);
    return ids;
  }
  Counts Totals(uint64_t id) {
    auto v = ads_->AdminGet(id);
    EXPECT_TRUE(v.ok());
    return v.ok() ? v->totals : Counts{};
  }
  int64_t Today() const { return clock_.NowUnix() / kDay; }

  osiedle::testing::TempDir files_dir_{"osiedle-ads-files"};
  FileStore files_{files_dir_.Sub("files")};
  audit::Service audit_{*env_, clock_};
  uploads::Service uploads_{*env_, files_, clock_};
  std::unique_ptr<Service> ads_ = std::make_unique<Service>(*env_, clock_, *svc_, audit_, uploads_);
  Actor staff_actor_{kStaffUser, "192.0.2.9", "unit-test"};
  uint64_t building11_ = 0;
  std::string image_;
  std::string pdf_;
};

}  // namespace osiedle::ads::testing
