// Demo content: news items (Aktualności) with targeting, pins, a scheduled item and resident comments.
#include <vector>

#include "daemon/app/demo_content.hpp"

namespace osiedle::app::demo {
namespace {

enum class Target { kEveryone, kLazurowe, kGorczewska, kLazurowa12 };

struct DemoNews {
  const char* title;
  const char* lead;
  const char* body_md;
  int64_t published;  // relative to now (negative = in the past)
  Target target;
  bool pinned;
  bool comments;
};

const DemoNews kNews[] = {
    {"Walne Zgromadzenie Członków — zawiadomienie",
     "Zarząd zwołuje Walne Zgromadzenie Członków. Zapraszamy wszystkich członków spółdzielni.",
     R"(Zarząd Spółdzielni Mieszkaniowej „Lazurowa” zwołuje **Zwyczajne Walne Zgromadzenie Członków**.

Obrady odbędą się w sali klubowej przy ul. Lazurowej 14 (wejście od podwórza).

## Porządek obrad

1. Otwarcie i wybór prezydium Walnego Zgromadzenia.
2. Sprawozdanie Zarządu z działalności za 2025 rok.
3. Sprawozdanie Rady Nadzorczej.
4. Zatwierdzenie sprawozdania finansowego za 2025 rok.
5. Podział nadwyżki bilansowej.
6. Udzielenie absolutorium członkom Zarządu.
7. Wolne wnioski.

Projekty uchwał oraz sprawozdanie finansowe są dostępne w zakładce *Dokumenty* oraz do wglądu w biurze spółdzielni.
Członek może uczestniczyć osobiście lub przez pełnomocnika (pełnomocnictwo na piśmie).

Pytania prosimy kierować na adres [biuro@lazurowa.demo](mailto:biuro@lazurowa.demo).)",
     -2 * kDay, Target::kEveryone, true, true},
    {"Wymiana wodomierzy w budynku Lazurowa 12",
     "Od przyszłego tygodnia firma Aqua-Pomiar wymieni wodomierze z odczytem radiowym.",
     R"(Informujemy, że w budynku **Lazurowa 12** zostaną wymienione wodomierze zimnej i ciepłej wody na urządzenia z
odczytem radiowym. Dzięki temu nie będzie już potrzeby udostępniania mieszkania przy odczytach.

- wymiana trwa ok. 20 minut na mieszkanie,
- prosimy o dostęp do szafek wodomierzowych w łazience i kuchni,
- montażysta ma identyfikator ze zdjęciem i pieczęcią spółdzielni,
- wymiana jest bezpłatna — koszt pokrywa fundusz remontowy.

Termin wizyty można wybrać w formularzu **„Wymiana wodomierzy — wybór terminu”** w zakładce *Informacje*.)",
     -1 * kDay, Target::kLazurowa12, true, false},
    {"Nowe godziny pracy kasy", "Od 1. dnia przyszłego miesiąca kasa spółdzielni będzie czynna dłużej we wtorki.",
     R"(Na prośbę mieszkańców zmieniamy godziny pracy kasy:

- poniedziałek: 10:00–17:00,
- **wtorek: 10:00–18:00** (nowość),
- środa i czwartek: 8:00–14:00,
- piątek: kasa nieczynna.

Przypominamy, że opłaty najwygodniej regulować przelewem na indywidualny rachunek lokalu — jego numer znajduje się
w zakładce *Moje konto*.)",
     -1 * kDay - 5 * kHour, Target::kEveryone, false, true},
    {"Zebranie w sprawie termomodernizacji budynków przy Górczewskiej",
     "Zapraszamy na spotkanie informacyjne o planowanym ociepleniu budynków i wymianie okien na klatkach.",
     R"(Rada Nadzorcza i Zarząd zapraszają mieszkańców budynków **Górczewska 200, Górczewska 202 i Powstańców
Śląskich 80** na spotkanie w sprawie termomodernizacji.

Omówimy:

- zakres prac (docieplenie ścian i stropodachu, wymiana okien na klatkach schodowych),
- harmonogram na lata 2026–2027,
- wysokość premii termomodernizacyjnej z BGK i wpływ na zaliczki na fundusz remontowy.

Liczba miejsc jest ograniczona — prosimy o zapisy przez formularz w zakładce *Informacje*.)",
     -3 * kDay, Target::kGorczewska, false, true},
    {"Przegląd kominiarski na Osiedlu Lazurowym",
     "Coroczny przegląd przewodów wentylacyjnych i gazowych — prosimy o udostępnienie mieszkań.",
     R"(Zgodnie z Prawem budowlanym co roku sprawdzamy drożność przewodów wentylacyjnych oraz szczelność instalacji
gazowej. Przegląd przeprowadzi **Zakład Kominiarski Sadza s.c.**

Harmonogram zostanie wywieszony na klatkach schodowych na tydzień przed wizytą. Jeśli termin nie odpowiada,
prosimy o kontakt z biurem — ustalimy wizytę dodatkową.

> Brak przeglądu może skutkować odcięciem dopływu gazu do mieszkania przez gazownię.)",
     -5 * kDay, Target::kLazurowe, false, false},
    {"Segregacja odpadów — przypomnienie zasad",
     "Od stycznia firma odbierająca odpady kontroluje altany śmietnikowe. Przypominamy, co wrzucać do pojemników.",
     R"(Miasto Stołeczne Warszawa nalicza wyższą opłatę, gdy odpady nie są segregowane. Prosimy o przestrzeganie zasad:

- **żółty** — metale i tworzywa sztuczne (zgniecione butelki, puszki, kartony po napojach),
- **niebieski** — papier (bez tłustych opakowań i paragonów),
- **zielony** — szkło opakowaniowe (bez szyb, luster i żarówek),
- **brązowy** — bioodpady (bez mięsa i kości),
- **czarny** — odpady zmieszane.

Meble i elektroodpady odbierane są spod altan w drugi czwartek miesiąca. Więcej informacji:
[warszawa19115.pl](https://warszawa19115.pl).)",
     -9 * kDay, Target::kEveryone, false, false},
    {"Harmonogram odśnieżania chodników i parkingów",
     "Firma Zieleń-Serwis odpowiada w tym sezonie za odśnieżanie terenów spółdzielni.",
     R"(Chodniki przy budynkach odśnieżane są do godz. 7:00, a w ciągu dnia — w miarę opadów. Parkingi odśnieżamy po
uprzednim ogłoszeniu na klatkach, aby można było przestawić samochody.

Zgłoszenia dotyczące zalegającego śniegu lub oblodzenia prosimy przekazywać dyżurnemu pod numerem
**+48 22 664 21 30** (całą dobę).)",
     -14 * kDay, Target::kEveryone, false, false},
    {"Remont placu zabaw przy Lazurowej 16",
     "Plac zabaw będzie zamknięty przez trzy tygodnie — montujemy nową nawierzchnię i urządzenia.",
     R"(W ramach planu remontów na 2026 rok wymieniamy nawierzchnię placu zabaw na bezpieczną nawierzchnię
poliuretanową oraz montujemy nowe urządzenia: huśtawkę typu „bocianie gniazdo”, zestaw wspinaczkowy i piaskownicę
z zadaszeniem.

Przepraszamy najmłodszych mieszkańców za utrudnienia!)",
     -20 * kDay, Target::kLazurowe, false, false},
    {"E-faktura — zrezygnuj z papieru",
     "Zawiadomienia o opłatach możesz otrzymywać e-mailem. To szybsze i tańsze dla spółdzielni.",
     R"(Każdy papierowy wydruk i list kosztuje spółdzielnię — a więc nas wszystkich. Włącz **e-fakturę** w zakładce
*Moje konto → Powiadomienia*, a zawiadomienia o wysokości opłat otrzymasz e-mailem.

Wśród osób, które włączą e-fakturę do końca kwartału, rozlosujemy trzy karty podarunkowe do lokalnej piekarni.)",
     -25 * kDay, Target::kEveryone, false, false},
    {"Dzień Sąsiada na Osiedlu Lazurowym", "Zapraszamy na piknik sąsiedzki: grill, gry dla dzieci i wymiana książek.",
     R"(Rada Osiedla zaprasza na **Dzień Sąsiada** na skwerze między budynkami Lazurowa 12 i 14.

- 15:00 — gry i zabawy dla dzieci,
- 16:00 — kiermasz wymiany książek i roślin,
- 17:00 — wspólny grill (kiełbaski zapewnia spółdzielnia, sałatki mile widziane).)",
     3 * kDay, Target::kEveryone, false, true},
};

struct DemoComment {
  int news;    // index in kNews
  int author;  // 0 jan, 1 ewa, 2 piotr
  const char* body;
  int reporter;  // -1 = not reported; else who reports it
};

const DemoComment kComments[] = {
    {0, 0, "Czy projekty uchwał będą też wysłane e-mailem? Nie zawsze mogę przyjść do biura w godzinach pracy.", -1},
    {0, 1, "Projekty są w zakładce Dokumenty, sprawdziłam — da się pobrać PDF.", -1},
    {0, 2, "Proszę o punkt w wolnych wnioskach o monitoring parkingu przy Górczewskiej 200.", -1},
    {0, 2, "Zarząd jak zwykle zrobi co chce, szkoda czasu na te zebrania!!!", 1},
    {2, 1, "Super, wtorek do 18 bardzo mi pasuje. Dziękuję!", -1},
};

uint64_t GroupOf(const Context& ctx, Target t) {
  switch (t) {
    case Target::kLazurowe:
      return ctx.groups.lazurowe;
    case Target::kGorczewska:
      return ctx.groups.gorczewska;
    case Target::kLazurowa12:
      return ctx.groups.lazurowa12;
    case Target::kEveryone:
      break;
  }
  return 0;
}

}  // namespace

void SeedNews(Context& ctx) {
  App& app = ctx.app;
  if (app.news.AdminList(0, 1).total != 0) return;
  news::Actor staff{ctx.who.staff, "", "osiedled demo"};
  std::vector<uint64_t> ids;
  for (const auto& d : kNews) {
    news::ItemInput in;
    in.title = d.title;
    in.lead = d.lead;
    in.body_md = d.body_md;
    in.pinned = d.pinned;
    in.publish_at = ctx.now + d.published;
    in.comments_enabled = d.comments;
    if (uint64_t g = GroupOf(ctx, d.target)) in.groups = {g};
    ids.push_back(Must(app.news.Create(staff, std::move(in)), std::string("news ") + d.title).id);
  }
  const uint64_t residents[] = {ctx.who.jan, ctx.who.ewa, ctx.who.piotr};
  for (const auto& c : kComments) {
    news::Viewer author{residents[c.author], false};
    auto comment = Must(app.news.AddComment(author, ids[c.news], c.body), "news comment");
    if (c.reporter >= 0) Must(app.news.ReportComment({residents[c.reporter], false}, comment.id), "news report");
  }
  // A few residents have read the newest items (read counts for staff, unread markers for the rest).
  for (uint64_t reader : residents)
    for (size_t i : {0u, 5u, 6u}) Must(app.news.MarkRead({reader, false}, ids[i]), "news read");
}

}  // namespace osiedle::app::demo
