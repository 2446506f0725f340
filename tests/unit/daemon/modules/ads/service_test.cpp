#include "daemon/modules/ads/service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/unit/daemon/modules/ads/fixture.hpp"

namespace osiedle::ads {
namespace {

using testing::kDay;
using testing::kInBuilding11;
using testing::kInBuilding20;
using testing::kStaffUser;

class AdsServiceTest : public testing::AdsTest {};

TEST_F(AdsServiceTest, CreatesAndReadsBack) {
  BannerInput in = Input("  Promocja  ");
  in.paid = true;
  in.has_price = true;
  in.price = 150000;
  in.groups = {building11_, building11_};
  Banner b = MustCreate(in);
  ASSERT_NE(b.id, 0u);
  auto got = ads_->AdminGet(b.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->banner.title, "Promocja");
  EXPECT_EQ(got->banner.price, 150000u);
  EXPECT_EQ(got->banner.groups, std::vector<uint64_t>{building11_});
  EXPECT_EQ(got->banner.created_by, kStaffUser);
  EXPECT_EQ(ads_->AdminList(0, 10).total, 1u);
}

TEST_F(AdsServiceTest, TargetedBannerIsInvisibleAndUnclickableForOthers) {
  BannerInput in = Input("Tylko Lazurowa 11");
  in.groups = {building11_};
  Banner b = MustCreate(in);
  EXPECT_EQ(ShownIds(kInBuilding11), std::vector<uint64_t>{b.id});
  EXPECT_TRUE(ShownIds(kInBuilding20).empty());
  auto click = ads_->Click(Resident(kInBuilding20), b.id);
  ASSERT_FALSE(click.ok());
  EXPECT_EQ(click.error().code, "not_found");
  auto ok = ads_->Click(Resident(kInBuilding11), b.id);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "https://piekarnia.example.pl/promocja?x=1");
  EXPECT_EQ(ads_->Active(Viewer{kStaffUser, true}, Placement::kSlider).size(), 1u);
}

TEST_F(AdsServiceTest, ShowsOnlyInsideDateWindowAndWhenEnabled) {
  BannerInput in = Input("Okno");
  in.starts_at = clock_.NowUnix() + kDay;
  in.ends_at = clock_.NowUnix() + 2 * kDay;
  Banner b = MustCreate(in);
  BannerInput off = Input("Wyłączona");
  off.enabled = false;
  Banner disabled = MustCreate(off);
  EXPECT_TRUE(ShownIds(kInBuilding20).empty());
  EXPECT_EQ(ads_->Click(Resident(kInBuilding20), b.id).error().code, "not_found");
  EXPECT_EQ(ads_->Click(Resident(kInBuilding20), disabled.id).error().code, "not_found");
  EXPECT_EQ(ads_->AdminGet(b.id)->state, BannerState::kScheduled);
  EXPECT_EQ(ads_->AdminGet(disabled.id)->state, BannerState::kDisabled);
  clock_.Advance(kDay);  // exactly starts_at
  EXPECT_EQ(ads_->AdminGet(b.id)->state, BannerState::kRunning);
  EXPECT_EQ(ShownIds(kInBuilding20), std::vector<uint64_t>{b.id});
  clock_.Advance(kDay - 1);
  EXPECT_EQ(ShownIds(kInBuilding20), std::vector<uint64_t>{b.id});
  clock_.Advance(1);  // exactly ends_at: over
  EXPECT_TRUE(ShownIds(kInBuilding20).empty());
  EXPECT_EQ(ads_->AdminGet(b.id)->state, BannerState::kEnded);
  EXPECT_EQ(ads_->Click(Resident(kInBuilding20), b.id).error().code, "not_found");
}

TEST_F(AdsServiceTest, OrdersByPositionPerPlacementAndCapsAtTen) {
  BannerInput a = Input("A");
  a.position = 5;
  BannerInput b = Input("B");
  b.position = 1;
  BannerInput s = Input("Stos");
  s.placement = Placement::kStack;
  const uint64_t ida = MustCreate(a).id, idb = MustCreate(b).id, ids = MustCreate(s).id;
  EXPECT_EQ(ShownIds(kInBuilding20), (std::vector<uint64_t>{idb, ida}));
  EXPECT_EQ(ShownIds(kInBuilding20, Placement::kStack), std::vector<uint64_t>{ids});
  // Moving B behind A re-orders (the old index entry is gone).
  b.position = 9;
  ASSERT_TRUE(ads_->Update(staff_actor_, idb, b).ok());
  EXPECT_EQ(ShownIds(kInBuilding20), (std::vector<uint64_t>{ida, idb}));
  for (int i = 0; i < 12; ++i) MustCreate(Input("X" + std::to_string(i)));
  EXPECT_EQ(ShownIds(kInBuilding20).size(), Service::kMaxShown);
  EXPECT_EQ(ads_->Slider(Resident(kInBuilding20)).size(), Service::kMaxShown);
}

TEST_F(AdsServiceTest, ImpressionsAreBatchedUntilFlush) {
  Banner b = MustCreate(Input("Licznik"));
  for (int i = 0; i < 3; ++i) ShownIds(kInBuilding20);
  EXPECT_EQ(Totals(b.id).impressions, 0u) << "impressions must not be written per request";
  ASSERT_TRUE(ads_->Flush().ok());
  EXPECT_EQ(Totals(b.id).impressions, 3u);
  ASSERT_TRUE(ads_->Flush().ok());  // nothing pending: no double counting
  EXPECT_EQ(Totals(b.id).impressions, 3u);
}

TEST_F(AdsServiceTest, CountsPerUtcDayAcrossMidnight) {
  clock_.Set(1764547200 + kDay - 10);  // 2025-12-01T23:59:50Z
  BannerInput in = Input("Północ");
  Banner b = MustCreate(in);
  const int64_t first = Today();
  ShownIds(kInBuilding20);
  ShownIds(kInBuilding20);
  ASSERT_TRUE(ads_->Click(Resident(kInBuilding20), b.id).ok());
  clock_.Advance(20);  // 2025-12-02T00:00:10Z, before the flush
  ShownIds(kInBuilding20);
  ASSERT_TRUE(ads_->Click(Resident(kInBuilding20), b.id).ok());
  ASSERT_TRUE(ads_->Click(Resident(kInBuilding20), b.id).ok());
  ASSERT_TRUE(ads_->Flush().ok());
  auto days = ads_->DailyStats(b.id, first - 1, first + 2);
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 4u);
  EXPECT_EQ(Service::FormatDay((*days)[1].day), "2025-12-01");
  EXPECT_EQ((*days)[0].counts.impressions, 0u);
  EXPECT_EQ((*days)[1].counts.impressions, 2u);
  EXPECT_EQ((*days)[1].counts.clicks, 1u);
  EXPECT_EQ((*days)[2].counts.impressions, 1u);
  EXPECT_EQ((*days)[2].counts.clicks, 2u);
  EXPECT_EQ((*days)[3].counts.impressions, 0u);
  EXPECT_EQ(Totals(b.id).impressions, 3u);
  EXPECT_EQ(Totals(b.id).clicks, 3u);
}

TEST_F(AdsServiceTest, ClicksAreDurableImmediately) {
  Banner b = MustCreate(Input("Klik"));
  ASSERT_TRUE(ads_->Click(Resident(kInBuilding20), b.id).ok());
  EXPECT_EQ(Totals(b.id).clicks, 1u);  // no Flush needed
}

TEST_F(AdsServiceTest, StopFlushesAndBackgroundThreadRuns) {
  Banner b = MustCreate(Input("Wątek"));
  ads_->Start();
  ads_->Start();  // idempotent
  ShownIds(kInBuilding20);
  ads_->Stop();
  EXPECT_EQ(Totals(b.id).impressions, 1u);
  ads_->Stop();  // idempotent
  ads_->Start();
  ShownIds(kInBuilding20);
  ads_.reset();  // the destructor stops and flushes
  ads_ = std::make_unique<Service>(*env_, clock_, *svc_, audit_, uploads_);
  EXPECT_EQ(Totals(b.id).impressions, 2u);
}

TEST_F(AdsServiceTest, DeletedBannerDropsPendingImpressions) {
  Banner b = MustCreate(Input("Usunięta"));
  Banner keep = MustCreate(Input("Zostaje"));
  ShownIds(kInBuilding20);
  ASSERT_TRUE(ads_->Delete(staff_actor_, b.id).ok());
  ASSERT_TRUE(ads_->Flush().ok());
  EXPECT_EQ(ads_->AdminGet(b.id).error().code, "not_found");
  EXPECT_EQ(Totals(keep.id).impressions, 1u);
  EXPECT_EQ(ads_->DailyStats(b.id, Today(), Today()).error().code, "not_found");
  EXPECT_EQ(ads_->Delete(staff_actor_, b.id).error().code, "not_found");
}

TEST_F(AdsServiceTest, RejectsHostileInput) {
  struct Case {
    std::function<void(BannerInput&)> mutate;
    std::string code, field;
  };
  const std::string pdf = pdf_;
  const uint64_t missing_group = 999999;
  const Case cases[] = {
      {[](BannerInput& in) { in.link = "javascript:alert(1)"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "JaVaScRiPt://x.pl/%0aalert(1)"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "data:text/html,<script>"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "https://user:pw@bank.example/"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "https://evil.example\\@good.example/"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "https://x.pl/\r\nSet-Cookie: a=b"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "https:///path"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "//x.pl/"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "https://x.pl:99999999/"; }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = "https://x.pl/" + std::string(2000, 'a'); }, "link_invalid", "link"},
      {[](BannerInput& in) { in.link = ""; }, "field_required", "link"},
      {[pdf](BannerInput& in) { in.image_id = pdf; }, "upload_not_image", "image_id"},
      {[](BannerInput& in) { in.image_id = std::string(64, 'a'); }, "upload_not_image", "image_id"},
      {[](BannerInput& in) { in.image_id = "../../etc/passwd"; }, "upload_not_image", "image_id"},
      {[](BannerInput& in) { in.image_id = ""; }, "field_required", "image_id"},
      {[](BannerInput& in) { in.alt = "  "; }, "field_required", "alt"},
      {[](BannerInput& in) { in.title = std::string(121, 'x'); }, "field_too_long", "title"},
      {[](BannerInput& in) { in.title = "a\nb"; }, "field_invalid", "title"},
      {[](BannerInput& in) { in.advertiser = std::string(201, 'x'); }, "field_too_long", "advertiser"},
      {[](BannerInput& in) { in.notes = std::string(1001, 'x'); }, "field_too_long", "notes"},
      {[](BannerInput& in) { in.title = "\xC3\x28"; }, "utf8_invalid", "title"},
      {[](BannerInput& in) { in.ends_at = in.starts_at; }, "field_invalid", "ends_at"},
      {[](BannerInput& in) { in.starts_at = -1; }, "field_invalid", "starts_at"},
      {[](BannerInput& in) { in.has_price = true; in.price = 100; }, "field_invalid", "price"},
      {[](BannerInput& in) { in.position = Service::kMaxPosition + 1; }, "field_invalid", "position"},
      {[missing_group](BannerInput& in) { in.groups = {missing_group}; }, "group_not_found", "groups"},
  };
  for (const Case& c : cases) {
    BannerInput in = Input("Zła");
    c.mutate(in);
    auto r = ads_->Create(staff_actor_, in);
    ASSERT_FALSE(r.ok()) << c.code << " " << c.field;
    EXPECT_EQ(r.error().code, c.code) << c.field << " " << r.error().detail;
    EXPECT_EQ(r.error().field, c.field) << c.code;
  }
  EXPECT_EQ(ads_->AdminList(0, 10).total, 0u);
  EXPECT_EQ(ads_->Update(staff_actor_, 42, Input("x")).error().code, "not_found");
}

TEST_F(AdsServiceTest, AcceptsOrdinaryLinks) {
  for (const char* link : {"http://x.pl", "HTTPS://Sklep.Example.PL:8443/a/b?c=d&e=%C5%BA#f", "https://[2001:db8::1]/",
                           "https://192.0.2.1:80"}) {
    EXPECT_TRUE(Service::IsValidLink(link)) << link;
  }
  EXPECT_FALSE(Service::IsValidLink("https://ż.pl/")) << "non-ASCII must be punycode / percent-encoded";
  EXPECT_FALSE(Service::IsValidLink("https://[::1/"));
  EXPECT_FALSE(Service::IsValidLink("ftp://x.pl/"));
}

TEST_F(AdsServiceTest, ParsesAndFormatsDays) {
  EXPECT_EQ(*Service::ParseDay("1970-01-01", "from"), 0);
  EXPECT_EQ(*Service::ParseDay("2025-12-01", "from"), 1764547200 / kDay);
  EXPECT_EQ(*Service::ParseDay("2024-02-29", "from"), *Service::ParseDay("2024-03-01", "from") - 1);
  EXPECT_EQ(Service::FormatDay(*Service::ParseDay("2000-02-29", "x")), "2000-02-29");
  EXPECT_EQ(Service::FormatDay(*Service::ParseDay("9999-12-31", "x")), "9999-12-31");
  for (const char* bad : {"", "2025-1-01", "2025-13-01", "2025-02-29", "2100-02-29", "1969-12-31", "2025-00-10",
                          "2025-01-32", "20x5-01-01", "2025/01/01", "2025-01-01T00", "+025-01-01", "2025-04-31"}) {
    auto r = Service::ParseDay(bad, "from");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "field_invalid");
    EXPECT_EQ(r.error().field, "from");
  }
}

TEST_F(AdsServiceTest, StatsRangeIsBounded) {
  Banner b = MustCreate(Input("Zakres"));
  EXPECT_TRUE(ads_->DailyStats(b.id, Today(), Today() + 365).ok());
  EXPECT_EQ(ads_->DailyStats(b.id, Today(), Today() + 366).error().code, "range_too_long");
  EXPECT_EQ(ads_->DailyStats(b.id, Today(), Today() - 1).error().code, "field_invalid");
  EXPECT_EQ(ads_->ExportCsv(Today(), Today() + 366).error().code, "range_too_long");
}

TEST_F(AdsServiceTest, CsvHasHeaderRowsAndNeutralisesFormulas) {
  BannerInput in = Input("=HYPERLINK(\"http://evil\";\"x\")");
  in.advertiser = "@SUM(A1)";
  Banner evil = MustCreate(in);
  BannerInput plain = Input("Pizza; na wynos");
  plain.advertiser = "-Firma";
  Banner pizza = MustCreate(plain);
  for (int i = 0; i < 4; ++i) ShownIds(kInBuilding20);
  ASSERT_TRUE(ads_->Click(Resident(kInBuilding20), pizza.id).ok());
  ASSERT_TRUE(ads_->Flush().ok());
  auto csv = ads_->ExportCsv(Today() - 1, Today());
  ASSERT_TRUE(csv.ok());
  const std::string expected =
      "\xEF\xBB\xBF"
      "data;reklama;reklamodawca;wyświetlenia;kliknięcia;CTR\r\n"
      "2025-12-01;\"'=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\";'@SUM(A1);4;0;0,00%\r\n"
      "2025-12-01;\"Pizza; na wynos\";'-Firma;4;1;25,00%\r\n";
  EXPECT_EQ(*csv, expected);
  EXPECT_NE(evil.id, pizza.id);
  // A range without counts has the header only.
  EXPECT_EQ(*ads_->ExportCsv(Today() + 1, Today() + 2),
            "\xEF\xBB\xBF"
            "data;reklama;reklamodawca;wyświetlenia;kliknięcia;CTR\r\n");
}

TEST_F(AdsServiceTest, StaffChangesAreAudited) {
  Banner b = MustCreate(Input("Audyt"));
  ASSERT_TRUE(ads_->Update(staff_actor_, b.id, Input("Audyt 2")).ok());
  ASSERT_TRUE(ads_->Delete(staff_actor_, b.id).ok());
  std::vector<std::string> actions;
  audit_.ForEach([&](const audit::Entry& e) {
    if (e.action.rfind("ads.", 0) == 0) actions.push_back(e.action);
    return true;
  });
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"ads.create", "ads.delete", "ads.update"}));
}

TEST_F(AdsServiceTest, ConcurrentImpressionsAreAllCounted) {
  Banner b = MustCreate(Input("Wątki"));
  ads_->Start();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        ShownIds(kInBuilding20);
        if (i % 10 == 0) {
          EXPECT_TRUE(ads_->Flush().ok());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  ads_->Stop();
  EXPECT_EQ(Totals(b.id).impressions, 200u);
}

}  // namespace
}  // namespace osiedle::ads
