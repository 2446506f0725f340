// `osiedled demo-scale`: a large store for the benchmarks (tests/bench), built through the real services:
// flats, accounts, groups, news, contractors and documents.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "daemon/app/commands.hpp"
#include "daemon/app/demo_content.hpp"
#include "daemon/app/demo_data.hpp"
#include "daemon/core/crypto.hpp"
#include "daemon/core/kw.hpp"

namespace osiedle::app {
namespace {

using Clock_ = std::chrono::steady_clock;

double Since(Clock_::time_point t0) { return std::chrono::duration<double>(Clock_::now() - t0).count(); }

// Picks from a fixed list with the seeder's deterministic generator.
template <typename T, size_t N>
const T& Pick(std::mt19937& rng, const T (&list)[N]) {
  return list[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

bool Chance(std::mt19937& rng, int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; }

// --- flats and accounts

// Flats through the real importer, accounts through the real registration and approval. Returns the number of
// new accounts, or -1 if the import failed.
int SeedAccounts(App& app, const Config& cfg) {
  const int per_building = kFlatsPerBuilding;
  const size_t buildings = static_cast<size_t>((cfg.scale_flats + per_building - 1) / per_building);
  auto report = app.identity.registry.ImportFlats(RegisterCsv(buildings, per_building), 0);
  if (!report.ok()) {
    std::cerr << "demo-scale: import failed: " << report.error().code << "\n";
    return -1;
  }
  std::vector<uint64_t> building_ids;
  for (const auto& b : app.identity.registry.ListBuildings(0)) building_ids.push_back(b.building.id);
  identity::Actor system;
  int made = 0;
  for (int i = 0; i < cfg.scale_accounts && !building_ids.empty(); ++i) {
    size_t b = static_cast<size_t>(i) % building_ids.size();
    int flat = (i / static_cast<int>(building_ids.size())) % per_building + 1;
    identity::RegistrationInput in;
    in.first_name = "Mieszkaniec";
    in.last_name = "Numer " + std::to_string(i + 1);
    in.email = "m" + std::to_string(i + 1) + "@bench.demo";
    in.password = kResidentPassword;
    in.building_id = building_ids[b];
    in.flat_number = std::to_string(flat);
    in.kw_number = kw::Make(kCourt, KwNumberFor(b, flat));
    in.consent_terms = in.consent_rodo = true;
    in.consents_version = identity::kConsentsVersion;
    auto r = app.identity.users.Register(in, system);
    if (!r.ok()) continue;  // e.g. the account exists from an earlier run
    if (app.identity.users.Approve(r->registration_id, system).ok()) ++made;
  }
  return made;
}

// --- groups: one rule group per estate, per building (the first kBuildingGroups) and for staff

constexpr size_t kBuildingGroups = 20;

struct ScaleGroups {
  std::vector<uint64_t> estates;
  std::vector<uint64_t> buildings;
  uint64_t staff = 0;
};

uint64_t RuleGroup(App& app, std::string name, groups::RuleField field, uint64_t id) {
  groups::GroupSpec spec;
  spec.name = std::move(name);
  spec.description = "Grupa testu wydajności (demo-scale)";
  spec.kind = groups::GroupKind::kRule;
  spec.has_rule = true;
  spec.rule.field = field;
  spec.rule.id = id;
  auto g = app.env->Update([&](storage::WriteTxn& t) { return app.groups.Create(t, spec); });
  return g.ok() ? g->id : 0;
}

ScaleGroups SeedGroups(App& app) {
  ScaleGroups out;
  for (const auto& e : app.identity.registry.ListEstates()) {
    uint64_t id = RuleGroup(app, "Mieszkańcy: " + e.name, groups::RuleField::kEstate, e.id);
    if (id) out.estates.push_back(id);
  }
  for (const auto& b : app.identity.registry.ListBuildings(0)) {
    if (out.buildings.size() >= kBuildingGroups) break;
    if (uint64_t id = RuleGroup(app, "Budynek " + b.building.address, groups::RuleField::kBuilding, b.building.id))
      out.buildings.push_back(id);
  }
  out.staff = RuleGroup(app, "Pracownicy biura", groups::RuleField::kRole, roles::kStaff);
  return out;
}

// --- news

constexpr const char* kNewsTopics[] = {
    "Przegląd instalacji gazowej",      "Wymiana wodomierzy",
    "Zebranie mieszkańców",             "Odczyt podzielników ciepła",
    "Malowanie klatek schodowych",      "Nowe zasady segregacji odpadów",
    "Walne Zgromadzenie Członków",      "Dezynsekcja i deratyzacja piwnic",
    "Przerwa w dostawie ciepłej wody",  "Konkurs na najpiękniejszy balkon",
    "Remont placu zabaw",               "Zmiana wysokości opłat eksploatacyjnych",
    "Dyżur członka Zarządu",            "Zbiórka elektrośmieci i gabarytów",
    "Kontrola przewodów kominowych",    "Termomodernizacja budynku",
    "Nowe godziny pracy biura",         "Wiosenne sprzątanie osiedla",
    "Wymiana domofonów",                "Odśnieżanie chodników i parkingów",
};
constexpr const char* kMonths[] = {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
                                   "lipca", "sierpnia", "września", "października", "listopada", "grudnia"};
constexpr const char* kPlaces[] = {"Lazurowa 12", "Lazurowa 14", "Lazurowa 16", "Górczewska 200", "Górczewska 202",
                                   "Powstańców Śląskich 80", "całe osiedle", "pawilon handlowy"};
constexpr const char* kParagraphs[] = {
    "Uprzejmie informujemy, że prace wykona firma wyłoniona w przetargu. Prosimy o **udostępnienie lokali** w "
    "podanych terminach; w razie nieobecności prosimy o kontakt z administracją osiedla.",
    "Harmonogram prac:\n\n- klatki A i B: od 8:00 do 12:00,\n- klatki C i D: od 12:00 do 16:00,\n- lokale "
    "nieudostępnione: termin dodatkowy w sobotę.",
    "Koszt prac pokrywa fundusz remontowy nieruchomości, zgodnie z planem remontów przyjętym przez Radę Nadzorczą.",
    "Pytania prosimy kierować do biura spółdzielni (pokój 12) lub przez formularz kontaktowy w portalu.",
    "Przypominamy, że zgodnie z *Regulaminem porządku domowego* korytarze piwniczne muszą pozostać wolne od "
    "przedmiotów. Rzeczy pozostawione po terminie zostaną usunięte.",
    "Za utrudnienia przepraszamy. Szczegóły znajdą Państwo także na tablicy ogłoszeń w każdej klatce.",
    "Protokół z poprzedniego spotkania jest dostępny w dziale [Dokumenty](/dokumenty) po zalogowaniu.",
};

news::ItemInput NewsItem(std::mt19937& rng, int i, int64_t publish_at) {
  news::ItemInput in;
  const char* topic = Pick(rng, kNewsTopics);
  const int month = (i * 7) % 12;
  in.title = std::string(topic) + " — " + Pick(rng, kPlaces) + ", " + std::to_string(1 + i % 28) + " " +
             kMonths[month];
  in.lead = std::string(topic) + ": najważniejsze informacje dla mieszkańców, terminy i sposób przygotowania "
            "lokali. Prosimy o zapoznanie się z komunikatem.";
  const int paragraphs = 3 + static_cast<int>(rng() % 4);
  for (int p = 0; p < paragraphs; ++p) in.body_md += std::string(Pick(rng, kParagraphs)) + "\n\n";
  in.publish_at = publish_at;
  in.comments_enabled = i % 5 == 0;
  return in;
}

// `count` items, one every 3 hours back from now (the newest 10 are scheduled in the future); a quarter targeted
// at estate or building groups, 2 % at staff only, 10 % with an expiry two weeks after publication, 6 pinned.
int SeedNews(App& app, const ScaleGroups& g, int count) {
  std::mt19937 rng(20250301);
  const int64_t now = app.clock.NowUnix();
  news::Actor actor;
  int made = 0;
  for (int i = 0; i < count; ++i) {
    const int64_t at = now - static_cast<int64_t>(count - 10 - i) * 3 * 3600;  // i = count-10.. are future
    news::ItemInput in = NewsItem(rng, i, at);
    if (i % 50 == 1 && g.staff) {
      in.groups = {g.staff};
    } else if (i % 4 == 0 && !g.estates.empty() && !g.buildings.empty()) {
      in.groups = {i % 3 == 0 ? g.estates[(i / 4) % g.estates.size()] : g.buildings[(i / 4) % g.buildings.size()]};
    }
    if (i % 10 == 3) in.expire_at = at + 14 * 86400;
    in.pinned = (i >= count - 300 && i % 50 == 7) || i == count / 2;
    if (in.pinned) in.expire_at = 0;
    if (app.news.Create(actor, std::move(in)).ok()) ++made;
  }
  return made;
}

// --- contractors

constexpr const char* kSurnames[] = {
    "Kowalski",  "Nowak",     "Wiśniewski", "Wójcik",  "Kowalczyk", "Kamiński",  "Lewandowski", "Zieliński",
    "Szymański", "Woźniak",   "Dąbrowski",  "Kozłowski", "Jankowski", "Mazur",   "Kwiatkowski", "Krawczyk",
    "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Nowicki", "Adamczyk",    "Dudek",
    "Zając",     "Wieczorek", "Jabłoński",  "Król",    "Majewski",  "Olszewski", "Jaworski",    "Wróbel",
    "Malinowski", "Pawlak",   "Witkowski",  "Walczak", "Stępień",   "Górski",    "Rutkowski",   "Michalak",
    "Sikora",    "Ostrowski", "Baran",      "Duda",    "Szewczyk",  "Tomaszewski", "Pietrzak",  "Marciniak",
    "Wróblewski", "Zalewski", "Kowalewski", "Kowalik",
};
constexpr const char* kFirstNames[] = {"Jan",    "Piotr", "Krzysztof", "Andrzej",   "Tomasz",    "Paweł",
                                       "Marcin", "Michał", "Grzegorz", "Józef",     "Anna",      "Maria",
                                       "Katarzyna", "Małgorzata", "Agnieszka", "Ewa", "Łukasz", "Zbigniew"};
constexpr const char* kDistricts[] = {"Bemowo",  "Wola",     "Ochota",   "Mokotów",        "Bielany", "Żoliborz",
                                      "Ursus",   "Włochy",   "Targówek", "Praga-Południe", "Wawer",   "Ursynów",
                                      "Śródmieście", "Białołęka"};
constexpr const char* kExtras[] = {
    "Wystawiamy faktury VAT.",           "Dojazd do klienta gratis w obrębie dzielnicy.",
    "Gwarancja 24 miesiące na usługę.", "Pracujemy także w soboty i niedziele.",
    "Ponad 15 lat doświadczenia.",       "Bezpłatna wycena po oględzinach.",
    "Pogotowie całodobowe — dopłata za noc.", "Współpracujemy z elektrykiem, hydraulikiem i glazurnikiem.",
    "Rabat 10 % dla członków spółdzielni.", "Płatność kartą lub BLIK-iem na miejscu.",
};

struct Trade {
  const char* category;  // a default category (contractors::Service::DefaultCategories)
  const char* stems[3];  // "Usługi hydrauliczne", "Hydro-Serwis", ...
  const char* description;
};
constexpr Trade kTrades[] = {
    {"Elektryk", {"Usługi elektryczne", "Elektro-Serwis", "Instalacje elektryczne"},
     "Instalacje elektryczne w mieszkaniach, wymiana gniazdek i oświetlenia, pomiary ochronne, tablice rozdzielcze."},
    {"Hydraulik", {"Usługi hydrauliczne", "Hydro-Serwis", "Instalacje wodno-kanalizacyjne"},
     "Naprawa przecieków, wymiana baterii, pionów i grzejników, udrażnianie kanalizacji, montaż armatury."},
    {"Serwis RTV/AGD", {"Serwis AGD", "Naprawa RTV i AGD", "Elektronika Domowa"},
     "Naprawa pralek, lodówek, zmywarek i telewizorów u klienta; oryginalne części zamienne."},
    {"Projektant wnętrz", {"Pracownia projektowa", "Studio Wnętrz", "Architektura wnętrz"},
     "Projekty aranżacji mieszkań w blokach, kuchnie i łazienki, nadzór nad remontem, wizualizacje 3D."},
    {"Firma sprzątająca", {"Czysty Dom", "Usługi porządkowe", "Sprzątanie mieszkań"},
     "Sprzątanie mieszkań i klatek schodowych, mycie okien, pranie dywanów i tapicerki, sprzątanie po remoncie."},
    {"Ślusarz", {"Ślusarstwo", "Pogotowie zamkowe", "Zamki i klucze"},
     "Awaryjne otwieranie drzwi, wymiana zamków i wkładek, dorabianie kluczy, kraty i balustrady."},
    {"Malarz", {"Usługi malarskie", "Malowanie mieszkań", "Gładzie i tapety"},
     "Malowanie ścian i sufitów, gładzie gipsowe, tapetowanie, malowanie drzwi i kaloryferów."},
    {"Glazurnik", {"Glazurnictwo", "Układanie płytek", "Łazienki pod klucz"},
     "Układanie płytek i gresu, remonty łazienek i kuchni, fugowanie, montaż kabin prysznicowych."},
    {"Stolarz", {"Stolarstwo", "Meble na wymiar", "Zakład stolarski"},
     "Meble kuchenne i szafy wnękowe na wymiar, naprawa i renowacja drzwi oraz okien drewnianych."},
    {"Dekarz", {"Dekarstwo", "Pokrycia dachowe", "Usługi dekarskie"},
     "Naprawa i wymiana pokryć dachowych, rynny, obróbki blacharskie, izolacja tarasów i balkonów."},
};

uint64_t CategoryId(const std::vector<contractors::Category>& cats, const char* name) {
  for (const auto& c : cats)
    if (c.name == name) return c.id;
  return 0;
}

contractors::ContractorInput ContractorAt(std::mt19937& rng, int i, const std::vector<contractors::Category>& cats) {
  const Trade& t = kTrades[static_cast<size_t>(i) % std::size(kTrades)];
  const Trade& other = Pick(rng, kTrades);
  const std::string surname = Pick(rng, kSurnames), first = Pick(rng, kFirstNames), stem = t.stems[rng() % 3];
  contractors::ContractorInput in;
  switch (i % 4) {
    case 0: in.name = stem + " " + first + " " + surname; break;
    case 1: in.name = stem + " " + surname + " s.c."; break;
    case 2: in.name = surname + " i Synowie — " + stem; break;
    default: in.name = stem + " " + Pick(rng, kDistricts) + " Sp. z o.o."; break;
  }
  if (uint64_t id = CategoryId(cats, t.category)) in.category_ids.push_back(id);
  if (Chance(rng, 15) && &other != &t) {
    if (uint64_t id = CategoryId(cats, other.category)) in.category_ids.push_back(id);
  }
  in.description = std::string(t.description) + " " + Pick(rng, kExtras) + " " + Pick(rng, kExtras);
  in.phone = "+48 " + std::to_string(500 + rng() % 300) + " " + std::to_string(100 + rng() % 900) + " " +
             std::to_string(100 + rng() % 900);
  in.email = "biuro" + std::to_string(i + 1) + "@wykonawca.demo";
  if (Chance(rng, 60)) in.website = "https://wykonawca" + std::to_string(i + 1) + ".demo";
  in.service_area = std::string(Pick(rng, kDistricts)) + ", " + Pick(rng, kDistricts);
  in.hours = Chance(rng, 50) ? "pn–pt 8–18, sob 9–14" : "pn–pt 7–17";
  in.recommended = Chance(rng, 5);
  in.active = !Chance(rng, 3);
  return in;
}

// `count` contractors in write transactions of 200.
int SeedContractors(App& app, int count) {
  std::mt19937 rng(20250302);
  const auto cats = app.env->View([&](const storage::ReadTxn& t) { return app.contractors.Categories(t); });
  contractors::Actor actor;
  int made = 0;
  for (int start = 0; start < count; start += 200) {
    std::vector<contractors::ContractorInput> batch;
    for (int i = start; i < std::min(count, start + 200); ++i) batch.push_back(ContractorAt(rng, i, cats));
    auto n = app.env->Update([&](storage::WriteTxn& t) -> Result<int> {
      int ok = 0;
      for (const auto& in : batch) ok += app.contractors.Create(t, actor, in).ok() ? 1 : 0;
      return ok;
    });
    if (n.ok()) made += *n;
  }
  return made;
}

// --- documents

// A small valid one-page PDF; a handful of them back every seeded document (uploads are content-addressed).
std::string SmallPdf(const std::string& line) {
  const std::string content = "BT /F1 18 Tf 72 760 Td (" + line + ") Tj ET\n";
  const std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string out = "%PDF-1.7\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    std::string n = std::to_string(off);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

constexpr const char* kDocSubjects[] = {
    "opłat eksploatacyjnych",     "funduszu remontowego",         "porządku domowego",
    "rozliczania kosztów ciepła", "korzystania z garaży",         "przydziału lokali użytkowych",
    "wyboru delegatów",           "planu remontów na kolejny rok", "zasad najmu pomieszczeń wspólnych",
    "termomodernizacji budynków",
};

// Title and file name of document i in category `cat` (matched by its default name).
std::pair<std::string, std::string> DocTitle(std::mt19937& rng, int i, const std::string& cat) {
  const int year = 2015 + i % 11;
  const std::string subject = Pick(rng, kDocSubjects), n = std::to_string(i);
  const std::string nr = std::to_string(1 + i % 97) + "/" + std::to_string(year), y = std::to_string(year);
  if (cat == "Uchwały") return {"Uchwała nr " + nr + " Rady Nadzorczej w sprawie " + subject, "uchwala-" + n};
  if (cat == "Regulaminy") return {"Regulamin " + subject + " (wersja " + y + ")", "regulamin-" + n};
  if (cat == "Protokoły obrad organów") return {"Protokół z posiedzenia Zarządu nr " + nr, "protokol-" + n};
  if (cat == "Protokoły lustracji")
    return {"Protokół lustracji za lata " + std::to_string(year - 3) + "–" + y, "lustracja-" + n};
  if (cat == "Sprawozdania finansowe")
    return {"Sprawozdanie finansowe za rok " + y + " (część " + std::to_string(1 + i % 4) + ")", "sprawozdanie-" + n};
  if (cat == "Formularze do druku") return {"Wniosek w sprawie " + subject + " — formularz " + n, "wniosek-" + n};
  if (cat == "Statut") return {"Statut Spółdzielni — tekst jednolity " + y + " (" + n + ")", "statut-" + n};
  return {"Informacja w sprawie " + subject + " nr " + nr, "informacja-" + n};
}

// `count` documents over the default categories, backed by 5 small PDFs; a fifth targeted at estate or building
// groups, 2 % at staff only.
int SeedDocuments(App& app, const ScaleGroups& g, int count) {
  std::vector<std::string> uploads;
  for (int k = 0; k < 5; ++k) {
    auto up = app.uploads.Store(0, SmallPdf("Dokument testowy " + std::to_string(k + 1)));
    if (up.ok()) uploads.push_back(up->id);
  }
  const auto cats = app.documents.Categories(documents::Viewer{0, true});
  if (uploads.empty() || cats.empty()) return 0;
  std::mt19937 rng(20250303);
  documents::Actor actor;
  int made = 0;
  for (int i = 0; i < count; ++i) {
    const auto& cat = cats[static_cast<size_t>(i) % cats.size()].category;
    auto [title, file] = DocTitle(rng, i, cat.name);
    documents::DocumentInput in;
    in.title = title;
    in.description = "Dokument spółdzielni udostępniony członkom w portalu.";
    in.category_id = cat.id;
    if (i % 50 == 1 && g.staff) {
      in.groups = {g.staff};
    } else if (i % 5 == 0 && !g.estates.empty() && !g.buildings.empty()) {
      in.groups = {i % 2 == 0 ? g.estates[(i / 5) % g.estates.size()] : g.buildings[(i / 5) % g.buildings.size()]};
    }
    documents::VersionInput v{uploads[static_cast<size_t>(i) % uploads.size()], file + ".pdf", ""};
    if (app.documents.Create(actor, std::move(in), std::move(v)).ok()) ++made;
  }
  return made;
}

// --- outages and banners: what a resident's home page shows beside the news on an ordinary day

// Four outages (an ongoing one in the first building — the benchmark resident's —, a planned estate-wide one, a
// lift in another building, a resolved one) and four banners (three in the slider, one of them for the first
// estate only; one stacked). Returns how many of each were made.
std::pair<int, int> SeedOutagesAndAds(App& app, const ScaleGroups& g) {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  const Actor actor{0, "", "osiedled demo-scale"};
  const auto buildings = app.identity.registry.ListBuildings(0);
  const auto estates = app.identity.registry.ListEstates();
  int outages_made = 0;
  auto outage = [&](outages::Kind kind, const char* title, outages::Place place, int64_t start, int64_t hours,
                    bool resolve) {
    outages::OutageInput in;
    in.kind = kind;
    in.title = title;
    in.description = "Prosimy o wyrozumiałość. Szczegóły w biurze spółdzielni.";
    in.places = {std::move(place)};
    in.start_at = start;
    in.expected_end_at = start + hours * 3600;
    if (start <= now) in.status = outages::OutageStatus::kOngoing;
    auto o = app.outages.Create(in, actor);
    if (!o.ok()) return;
    ++outages_made;
    if (resolve) {
      (void)app.outages.AddUpdate(o->id, outages::UpdateInput{"Usunięto awarię.", outages::OutageStatus::kResolved,
                                                              std::nullopt}, actor);
    }
  };
  if (buildings.size() > 5 && estates.size() > 1) {
    outage(outages::Kind::kWater, "Brak zimnej wody — awaria pionu", {0, buildings[0].building.id, ""}, now - 3600, 6,
           false);
    outage(outages::Kind::kHeating, "Przerwa w dostawie ciepła — płukanie instalacji", {estates[1].id, 0, ""},
           now + 86400, 8, false);
    outage(outages::Kind::kLift, "Winda nieczynna — przegląd UDT", {0, buildings[5].building.id, "1"}, now - 7200, 4,
           false);
    outage(outages::Kind::kElectricity, "Brak prądu na klatce", {0, buildings[1].building.id, ""}, now - 86400, 2,
           true);
  }
  int ads_made = 0;
  auto image = app.uploads.Store(0, demo::AssetNamed("piekarnia.png"));
  if (image.ok()) {
    struct Spec {
      const char* title;
      ads::Placement placement;
      uint32_t position;
      bool first_estate_only;
    };
    const Spec specs[] = {{"Piekarnia Pod Lazurem — świeże pieczywo od 6:00", ads::Placement::kSlider, 10, false},
                          {"Mycie okien — 20% taniej dla mieszkańców", ads::Placement::kSlider, 20, false},
                          {"e-faktura: opłaty bez papieru", ads::Placement::kSlider, 5, true},
                          {"Serwis rowerowy przy pawilonie", ads::Placement::kStack, 10, false}};
    for (const Spec& sp : specs) {
      ads::BannerInput in;
      in.title = sp.title;
      in.advertiser = "Reklamodawca lokalny";
      in.image_id = image->id;
      in.alt = sp.title;
      in.link = "https://lazurowa.demo/reklama";
      in.starts_at = now - 7 * 86400;
      in.ends_at = now + 60 * 86400;
      in.placement = sp.placement;
      in.position = sp.position;
      if (sp.first_estate_only && !g.estates.empty()) in.groups = {g.estates[0]};
      if (app.ads.Create(actor, in).ok()) ++ads_made;
    }
  }
  return {outages_made, ads_made};
}

}  // namespace

int DemoScale(const Config& cfg) {
  // A benchmark store. One password hash serves every account (same password), and commits skip fsync with
  // one sync at the end — this command builds test data, it does not serve.
  auto t0 = Clock_::now();
  storage::EnvOptions env_opts;
  env_opts.no_sync = true;
  identity::Options id_opts = IdentityOptions(cfg);
  const std::string shared_hash = crypto::HashPassword(kResidentPassword);
  id_opts.hasher.hash = [shared_hash](std::string_view) { return shared_hash; };
  SystemClock clock;
  App app(cfg, clock, env_opts, id_opts);
  const int accounts = SeedAccounts(app, cfg);
  if (accounts < 0) return 1;
  std::cout << "demo-scale: " << cfg.scale_flats << " flats, " << accounts << " new accounts (password "
            << kResidentPassword << ", e-mails m1@bench.demo …) in " << Since(t0) << " s\n";
  const bool fresh = app.news.AdminList(0, 1).total == 0;
  if (!fresh) {
    std::cout << "demo-scale: content exists, not seeded again\n";
  } else {
    auto t = Clock_::now();
    ScaleGroups g = SeedGroups(app);
    std::cout << "demo-scale: " << g.estates.size() + g.buildings.size() + (g.staff ? 1 : 0) << " groups\n";
    const int news = SeedNews(app, g, cfg.scale_news);
    std::cout << "demo-scale: " << news << " news items in " << Since(t) << " s\n";
    t = Clock_::now();
    const int cons = SeedContractors(app, cfg.scale_contractors);
    std::cout << "demo-scale: " << cons << " contractors in " << Since(t) << " s\n";
    t = Clock_::now();
    const int docs = SeedDocuments(app, g, cfg.scale_documents);
    std::cout << "demo-scale: " << docs << " documents in " << Since(t) << " s\n";
    auto [outages_made, ads_made] = SeedOutagesAndAds(app, g);
    std::cout << "demo-scale: " << outages_made << " outages, " << ads_made << " banners\n";
  }
  app.env->Sync();
  std::cout << "demo-scale: done in " << Since(t0) << " s\n";
  return 0;
}

}  // namespace osiedle::app
