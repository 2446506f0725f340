// Demo content: the contractor directory (Znajdź wykonawcę) with reviews from the demo residents.
#include <sstream>
#include <unordered_map>
#include <vector>

#include "daemon/app/demo_content.hpp"
#include "daemon/core/utf8.hpp"

namespace osiedle::app::demo {
namespace {

struct DemoContractor {
  const char* name;
  const char* categories;  // names of default categories separated by '|'
  const char* description;
  const char* phone;
  const char* email;
  const char* website;
  const char* area;
  const char* hours;
  bool recommended;
};

const DemoContractor kContractors[] = {
    {"Hydro-Mistrz Paweł Górski", "Hydraulik",
     "Naprawy i wymiana instalacji wodno-kanalizacyjnych, baterie, spłuczki, udrażnianie odpływów. Pogotowie "
     "hydrauliczne w weekendy.",
     "+48 601 245 318", "kontakt@hydro-mistrz.demo", "https://hydro-mistrz.demo", "Bemowo, Wola, Bielany",
     "pn–pt 7–19, sob 8–14, pogotowie 24/7", true},
    {"Instalacje Sanitarne Kamiński", "Hydraulik|Glazurnik",
     "Kompleksowe remonty łazienek: instalacje, biały montaż, płytki. Bezpłatna wycena na miejscu.", "+48 22 836 41 07",
     "biuro@kaminski-sanitarne.demo", "", "Wola, Ochota, Śródmieście", "pn–pt 8–17", false},
    {"Usługi Hydrauliczne „Kropelka”", "Hydraulik",
     "Drobne naprawy hydrauliczne, wymiana grzejników i zaworów termostatycznych, montaż pralek i zmywarek.",
     "+48 512 093 774", "", "", "Bemowo", "pn–sob 8–20", false},
    {"Elektro-Serwis Marek Zając", "Elektryk",
     "Instalacje elektryczne w mieszkaniach, wymiana tablic bezpiecznikowych, pomiary z protokołem, montaż lamp.",
     "+48 603 778 210", "marek.zajac@elektro-serwis.demo", "https://elektro-serwis.demo", "cała Warszawa", "pn–pt 8–18",
     true},
    {"Volt-Tech Instalacje", "Elektryk",
     "Przeróbki instalacji przy remontach, gniazda i oświetlenie LED, instalacje domofonowe i teletechniczne.",
     "+48 22 664 90 15", "zlecenia@volt-tech.demo", "https://volt-tech.demo", "Wola, Bemowo, Ursus", "pn–pt 7–16",
     false},
    {"Elektryk Tomasz Dudek", "Elektryk",
     "Usuwanie awarii elektrycznych, wymiana gniazd i łączników, podłączenie płyt indukcyjnych i piekarników.",
     "+48 698 114 502", "", "", "Bemowo, Bielany", "pn–sob 7–21", false},
    {"Ślusarstwo Zamek-Pol", "Ślusarz",
     "Awaryjne otwieranie drzwi bez zniszczeń, wymiana wkładek i zamków, montaż drzwi antywłamaniowych.",
     "+48 22 632 17 44", "zamekpol@zamek-pol.demo", "https://zamek-pol.demo", "Wola, Śródmieście, Bemowo", "całodobowo",
     true},
    {"Ślusarz 24h Krzysztof Wróbel", "Ślusarz",
     "Otwieranie drzwi i samochodów, dorabianie kluczy, naprawa samozamykaczy i skrzynek pocztowych.",
     "+48 505 321 990", "", "", "Bemowo, Wola", "całodobowo", false},
    {"RTV-AGD Serwis Lazur", "Serwis RTV/AGD",
     "Naprawa pralek, zmywarek, lodówek i piekarników wszystkich marek. Dojazd do klienta w dniu zgłoszenia.",
     "+48 22 877 52 63", "serwis@rtv-lazur.demo", "https://rtv-lazur.demo", "cała Warszawa", "pn–pt 9–18, sob 9–13",
     true},
    {"Naprawa Telewizorów Tele-Fix", "Serwis RTV/AGD",
     "Naprawa telewizorów LCD/LED, ustawianie anten i dekoderów, montaż telewizorów na ścianie.", "+48 22 533 18 09",
     "telefix@tele-fix.demo", "", "Wola, Bemowo", "pn–pt 10–18", false},
    {"AGD-Medyk Jacek Sowa", "Serwis RTV/AGD",
     "Serwis pogwarancyjny sprzętu AGD do zabudowy, wymiana uszczelek i grzałek.", "+48 607 450 286", "", "",
     "Bemowo, Bielany, Żoliborz", "pn–pt 8–16", false},
    {"Czysty Dom Agnieszka Lis", "Firma sprzątająca",
     "Sprzątanie mieszkań, mycie okien, sprzątanie po remontach. Własne środki ekologiczne.", "+48 516 220 731",
     "kontakt@czysty-dom.demo", "https://czysty-dom.demo", "Wola, Bemowo, Ochota", "pn–sob 7–20", true},
    {"Blask Serwis Sprzątający", "Firma sprzątająca",
     "Pranie dywanów, tapicerki i materacy u klienta, sprzątanie piwnic i komórek lokatorskich.", "+48 22 401 36 58",
     "biuro@blask-serwis.demo", "https://blask-serwis.demo", "cała Warszawa", "pn–pt 8–18", false},
    {"Mycie Okien Kryształ", "Firma sprzątająca",
     "Mycie okien, loggii i balkonów także na wysokości, czyszczenie rolet i żaluzji.", "+48 530 118 442",
     "okna@krysztal.demo", "", "Bemowo, Wola, Bielany", "pn–sob 8–18", false},
    {"Studio Wnętrz Lazurowe", "Projektant wnętrz",
     "Projekty aranżacji mieszkań w blokach, wizualizacje 3D, nadzór nad ekipą remontową.", "+48 22 299 74 10",
     "studio@wnetrza-lazurowe.demo", "https://wnetrza-lazurowe.demo", "Warszawa i okolice", "pn–pt 10–18", false},
    {"Pracownia Projektowa Magdalena Kruk", "Projektant wnętrz",
     "Małe mieszkania i kuchnie na wymiar — ergonomia, przechowywanie, dobór materiałów.", "+48 694 312 857",
     "pracownia@magdalenakruk.demo", "https://magdalenakruk.demo", "Wola, Śródmieście", "po umówieniu", false},
    {"Malowanie i Tapetowanie Nowicki", "Malarz",
     "Malowanie mieszkań i klatek schodowych, gładzie gipsowe, tapetowanie, drobne naprawy tynków.", "+48 501 667 093",
     "", "", "Bemowo, Wola, Ursus", "pn–sob 7–19", true},
    {"Kolor-Bud Usługi Malarskie", "Malarz",
     "Malowanie natryskowe, farby lateksowe i ceramiczne, zabezpieczenie mebli w cenie.", "+48 22 835 60 21",
     "kolor-bud@kolor-bud.demo", "", "cała Warszawa", "pn–pt 8–17", false},
    {"Glazurnictwo Adam Pietrzak", "Glazurnik",
     "Układanie płytek i gresu wielkoformatowego, fugi epoksydowe, hydroizolacja łazienek.", "+48 609 501 384", "", "",
     "Bemowo, Bielany", "pn–pt 7–17", false},
    {"Stolarnia Dąb", "Stolarz",
     "Meble kuchenne i szafy na wymiar, renowacja drzwi i parkietów, naprawa okien drewnianych.", "+48 22 751 88 02",
     "zamowienia@stolarnia-dab.demo", "https://stolarnia-dab.demo", "Warszawa zachodnia", "pn–pt 8–16", true},
    {"Meble na Wymiar Jarosław Mazur", "Stolarz",
     "Zabudowy wnęk, garderoby, półki i biurka do małych mieszkań. Pomiar gratis.", "+48 600 912 475", "", "",
     "Wola, Bemowo", "pn–sob 9–18", false},
    {"Dekarstwo Kowal-Dach", "Dekarz",
     "Naprawy pokryć papowych na stropodachach, obróbki blacharskie, rynny. Współpraca ze wspólnotami.",
     "+48 22 612 43 90", "biuro@kowal-dach.demo", "", "Mazowsze", "pn–pt 7–15", false},
    {"Złota Rączka Henryk Baran", "Hydraulik|Elektryk|Stolarz",
     "Drobne naprawy domowe: wieszanie półek i karniszy, regulacja drzwi i okien, wymiana kranu lub gniazdka.",
     "+48 793 240 618", "", "", "Bemowo", "pn–pt 9–19", false},
    {"Okna-Serwis Regulacja i Uszczelnianie", "Stolarz|Ślusarz",
     "Regulacja okien PCV i drewnianych, wymiana uszczelek, klamek i nawiewników okiennych.", "+48 22 428 15 77",
     "serwis@okna-serwis.demo", "https://okna-serwis.demo", "cała Warszawa", "pn–pt 8–17, sob 9–13", false},
    {"Remonty Kompleksowe Bud-Max", "Malarz|Glazurnik|Hydraulik|Elektryk",
     "Remonty mieszkań pod klucz z jednym kosztorysem i terminem. Gwarancja 3 lata.", "+48 22 290 66 41",
     "kontakt@bud-max.demo", "https://bud-max.demo", "Warszawa", "pn–pt 8–18", false},
};

struct DemoReview {
  const char* contractor;
  int author;  // 0 jan, 1 ewa, 2 piotr
  int rating;
  const char* text;
};

const DemoReview kReviews[] = {
    {"Hydro-Mistrz Paweł Górski", 0, 5, "Przyjechał w sobotę w godzinę, wymienił zawór pod zlewem. Czysto i uczciwie."},
    {"Hydro-Mistrz Paweł Górski", 1, 5, "Polecam, wszystko wytłumaczył i zostawił fakturę."},
    {"Hydro-Mistrz Paweł Górski", 2, 4, "Dobra robota, choć trochę drożej niż się spodziewałem."},
    {"Elektro-Serwis Marek Zając", 0, 5, "Wymiana tablicy z pomiarami, protokół w cenie. Bardzo fachowo."},
    {"Elektro-Serwis Marek Zając", 2, 4, "Solidnie, termin trzeba było ustalać z tygodniowym wyprzedzeniem."},
    {"Ślusarstwo Zamek-Pol", 1, 5, "Otworzyli drzwi o 23:00 bez uszkodzeń. Uratowali mi wieczór!"},
    {"RTV-AGD Serwis Lazur", 0, 4, "Naprawiona pralka, część była na miejscu. Pan punktualny."},
    {"RTV-AGD Serwis Lazur", 1, 3, "Naprawa OK, ale czekałam trzy dni na część do zmywarki."},
    {"Czysty Dom Agnieszka Lis", 1, 5, "Okna i balkon lśnią, bardzo miła obsługa."},
    {"Malowanie i Tapetowanie Nowicki", 2, 5, "Pomalował całe mieszkanie w 3 dni, zero bałaganu."},
    {"Stolarnia Dąb", 0, 5, "Szafa do przedpokoju na wymiar — wyszła idealnie."},
    {"Usługi Hydrauliczne „Kropelka”", 2, 2, "Przyszedł dwie godziny po czasie i nie miał potrzebnej uszczelki."},
    {"Złota Rączka Henryk Baran", 1, 4, "Powiesił karnisze i półki, szybko i tanio."},
};

std::vector<uint64_t> CategoryIds(const std::unordered_map<std::string, uint64_t>& by_name, const char* names) {
  std::vector<uint64_t> ids;
  std::istringstream in(names);
  for (std::string name; std::getline(in, name, '|');) {
    auto it = by_name.find(utf8::Fold(name));
    if (it == by_name.end()) throw std::runtime_error("demo content: no contractor category " + name);
    ids.push_back(it->second);
  }
  return ids;
}

}  // namespace

void SeedContractors(Context& ctx) {
  App& app = ctx.app;
  contractors::SearchQuery all;
  all.include_inactive = true;
  all.limit = 1;
  const bool empty = app.env->View([&](const storage::ReadTxn& t) {
    auto page = app.contractors.Search(t, all);
    return page.ok() && page->total == 0;
  });
  if (!empty) return;
  contractors::Actor staff{ctx.who.staff, "", "osiedled demo"};
  std::unordered_map<std::string, uint64_t> categories, ids;
  app.env->View([&](const storage::ReadTxn& t) {
    for (const auto& c : app.contractors.Categories(t)) categories[utf8::Fold(c.name)] = c.id;
  });
  for (const auto& d : kContractors) {
    contractors::ContractorInput in;
    in.name = d.name;
    in.category_ids = CategoryIds(categories, d.categories);
    in.description = d.description;
    in.phone = d.phone;
    in.email = d.email;
    in.website = d.website;
    in.service_area = d.area;
    in.hours = d.hours;
    in.recommended = d.recommended;
    auto c = Must(app.env->Update([&](storage::WriteTxn& t) { return app.contractors.Create(t, staff, in); }),
                  std::string("contractor ") + d.name);
    ids[d.name] = c.id;
  }
  const uint64_t residents[] = {ctx.who.jan, ctx.who.ewa, ctx.who.piotr};
  for (const auto& r : kReviews) {
    contractors::Viewer author{residents[r.author], false};
    Must(app.env->Update([&](storage::WriteTxn& t) {
      return app.contractors.AddReview(t, author, ids.at(r.contractor), r.rating, r.text);
    }),
         std::string("review of ") + r.contractor);
  }
}

}  // namespace osiedle::app::demo
