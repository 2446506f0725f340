// Demo content: banner ads — three slider banners (a local bakery, a window-cleaning firm, the cooperative's own
// e-faktura campaign) and one stacked banner, images from daemon/app/demo_assets/ uploaded through the uploads
// service; today's impressions and a few clicks recorded the way residents' portal views record them.
#include <string_view>

#include "daemon/app/demo_content.hpp"

namespace osiedle::app::demo {
namespace {

struct DemoBanner {
  const char* image;  // file in demo_assets/
  const char* title;
  const char* advertiser;
  const char* alt;
  const char* link;
  bool paid;
  uint64_t price;   // grosze, paid banners only
  int64_t started;  // days before today
  int64_t runs;     // days from the start
  ads::Placement placement;
  uint32_t position;
  const char* notes;
};

const DemoBanner kBanners[] = {
    {"piekarnia.png", "Piekarnia Pod Lazurem", "Piekarnia Pod Lazurem s.c.",
     "Piekarnia Pod Lazurem — chleb na zakwasie codziennie od 6:00, ul. Lazurowa 10, rabat 10% dla mieszkańców",
     "https://piekarnia-pod-lazurem.demo/", true, 45000, 12, 60, ads::Placement::kSlider, 10,
     "Umowa nr R/4/2026, płatne z góry za 2 miesiące."},
    {"krysztal.png", "Kryształ — mycie okien", "Mycie Okien Kryształ",
     "Kryształ — mycie okien, balkonów i loggii; promocja: 3 okna za 99 zł, tel. +48 530 118 442",
     "https://krysztal.demo/promocja", true, 30000, 5, 30, ads::Placement::kSlider, 20,
     "Promocja jesienna; faktura wysłana."},
    {"e-faktura.png", "Włącz e-fakturę", "SM „Lazurowa”",
     "Włącz e-fakturę — zawiadomienia o opłatach prosto na e-mail, Moje konto, Powiadomienia",
     "https://lazurowa.demo/e-faktura", false, 0, 30, 365, ads::Placement::kSlider, 5, "Kampania własna spółdzielni."},
    {"weterynarz.png", "Przychodnia Weterynaryjna Łapa", "Lecznica Łapa sp. z o.o.",
     "Przychodnia Weterynaryjna Łapa — szczepienia i czipowanie, ul. Górczewska 204", "https://lecznica-lapa.demo/",
     true, 15000, 3, 90, ads::Placement::kStack, 10, ""},
};

}  // namespace

std::string_view AssetNamed(std::string_view name) {
  for (size_t i = 0; i < kAssetCount; ++i) {
    if (name == kAssets[i].name) return {reinterpret_cast<const char*>(kAssets[i].data), kAssets[i].size};
  }
  throw std::runtime_error("demo content: no asset " + std::string(name));
}

void SeedAds(Context& ctx) {
  App& app = ctx.app;
  if (app.ads.AdminList(0, 1).total != 0) return;
  const Actor actor{ctx.who.staff, "", "osiedled demo"};
  std::vector<uint64_t> ids;
  for (const auto& b : kBanners) {
    auto image = Must(app.uploads.Store(ctx.who.staff, AssetNamed(b.image)), std::string("upload ") + b.image);
    ads::BannerInput in;
    in.title = b.title;
    in.advertiser = b.advertiser;
    in.image_id = image.id;
    in.alt = b.alt;
    in.link = b.link;
    in.paid = b.paid;
    in.has_price = b.paid;
    in.price = b.price;
    in.notes = b.notes;
    in.starts_at = ctx.Today() - b.started * kDay;
    in.ends_at = in.starts_at + b.runs * kDay;
    in.placement = b.placement;
    in.position = b.position;
    ids.push_back(Must(app.ads.Create(actor, in), std::string("banner ") + b.title).banner.id);
  }
  // Today's traffic as the portal records it: each resident's home page shows the slider and the stack a few times,
  // and some click through. Past days cannot be recorded through the service, so only today has counts.
  const uint64_t residents[] = {ctx.who.jan, ctx.who.ewa, ctx.who.piotr};
  for (int round = 0; round < 7; ++round) {
    for (uint64_t r : residents) {
      (void)app.ads.Active({r, false}, ads::Placement::kSlider);
      (void)app.ads.Active({r, false}, ads::Placement::kStack);
    }
  }
  Must(app.ads.Click({ctx.who.jan, false}, ids[0]), "ad click");
  Must(app.ads.Click({ctx.who.ewa, false}, ids[0]), "ad click");
  Must(app.ads.Click({ctx.who.piotr, false}, ids[1]), "ad click");
  Must(app.ads.Click({ctx.who.ewa, false}, ids[3]), "ad click");
  Must(app.ads.Flush(), "ad impressions");
}

}  // namespace osiedle::app::demo
