// Demo content: information sections and pages, three sign-up forms (a meeting with capacity 40, the club room with
// capacity 1 and a waiting list, water-meter appointments with a choice field) and residents' submissions.
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "daemon/app/demo_content.hpp"

namespace osiedle::app::demo {
namespace {

using information::FieldType;
using information::FormField;

enum class Audience { kEveryone, kGorczewska, kLazurowa12 };
enum class DemoForm { kNone, kMeeting, kClubRoom, kWaterMeters };

struct DemoPage {
  int section;  // index in kSections
  const char* title;
  const char* body_md;
  Audience audience;
  DemoForm form;
};

const char* const kSections[] = {"O spółdzielni", "Inwestycje", "Lokale użytkowe", "Dla mieszkańców"};

const DemoPage kPages[] = {
    {0, "Władze spółdzielni", R"(## Zarząd

- **Anna Administratorka** — Prezes Zarządu
- **Krzysztof Lewicki** — Zastępca Prezesa ds. technicznych
- **Barbara Biurowa** — Członek Zarządu, Główna Księgowa

## Rada Nadzorcza (kadencja 2025–2028)

- Zbigniew Malinowski — Przewodniczący
- Halina Wojciechowska — Zastępca Przewodniczącego
- Marek Szymański — Sekretarz
- Jolanta Kaczmarek, Ryszard Pawlak, Elżbieta Michalska, Andrzej Jabłoński — członkowie

Dyżur członków Rady Nadzorczej: w pierwszy poniedziałek miesiąca, 17:00–18:00, sala klubowa przy Lazurowej 14.)",
     Audience::kEveryone, DemoForm::kNone},
    {0, "Godziny pracy biura i kontakt", R"(**Biuro Spółdzielni**, ul. Lazurowa 14, 01-315 Warszawa

- poniedziałek: 10:00–18:00
- wtorek–czwartek: 8:00–15:00
- piątek: 8:00–13:00 (bez przyjęć interesantów)

Telefon: +48 22 664 21 00, e-mail: [biuro@lazurowa.demo](mailto:biuro@lazurowa.demo)

**Dyżur techniczny** (awarie poza godzinami pracy biura): +48 22 664 21 30, całą dobę.

Kasa: poniedziałek 10:00–17:00, wtorek 10:00–18:00, środa i czwartek 8:00–14:00.)",
     Audience::kEveryone, DemoForm::kNone},
    {1, "Plan remontów 2026–2027", R"(Plan zatwierdzony uchwałą nr 7/2025 Rady Nadzorczej.

## 2026

1. Wymiana wodomierzy na radiowe — wszystkie budynki (I–II kwartał).
2. Remont placu zabaw przy Lazurowej 16 (II kwartał).
3. Termomodernizacja Górczewska 200 — docieplenie ścian i stropodachu (od maja).

## 2027

1. Termomodernizacja Górczewska 202.
2. Modernizacja dźwigów w budynku Lazurowa 14.
3. Wymiana domofonów na cyfrowe — Osiedle Górczewska.

Łączny koszt planu: **4,86 mln zł** (fundusz remontowy, premia termomodernizacyjna BGK, kredyt).)",
     Audience::kEveryone, DemoForm::kNone},
    {1, "Spotkanie w sprawie termomodernizacji", R"(Zapraszamy mieszkańców budynków **Górczewska 200, 202 i
Powstańców Śląskich 80** na spotkanie z projektantem i wykonawcą termomodernizacji.

Spotkanie odbędzie się w sali klubowej przy ul. Lazurowej 14. Liczba miejsc: **40** — prosimy o zapis przez formularz
poniżej. Pytania można przesłać wcześniej, odpowiemy na nie w trakcie spotkania.)",
     Audience::kGorczewska, DemoForm::kMeeting},
    {2, "Lokale użytkowe do wynajęcia", R"(Spółdzielnia oferuje do wynajęcia lokale użytkowe w parterach budynków:

- **Lazurowa 16, lokal U2** — 48 m², witryna od ulicy, dotychczas kwiaciarnia; stawka wywoławcza 55 zł/m² netto,
- **Górczewska 202, lokal U1** — 112 m², zaplecze socjalne, osobne wejście; stawka wywoławcza 48 zł/m² netto,
- **Powstańców Śląskich 80, garaż nr 7** — 18 m²; 350 zł miesięcznie.

Oferty w zamkniętych kopertach przyjmuje biuro Spółdzielni. Oględziny po wcześniejszym umówieniu:
+48 22 664 21 05.)",
     Audience::kEveryone, DemoForm::kNone},
    {2, "Sala klubowa — rezerwacja", R"(Sala klubowa przy **Lazurowej 14** (60 m², 40 miejsc siedzących, aneks kuchenny,
rzutnik) służy mieszkańcom na spotkania, zajęcia i uroczystości rodzinne.

Zasady korzystania opisuje *Regulamin korzystania z sali klubowej* w zakładce Dokumenty. Jedna rezerwacja na raz —
gdy termin jest zajęty, formularz zapisze Cię na listę oczekujących.)",
     Audience::kEveryone, DemoForm::kClubRoom},
    {3, "Wymiana wodomierzy — wybór terminu",
     R"(W budynku **Lazurowa 12** wymieniamy wodomierze na urządzenia z odczytem
radiowym. Wybierz dogodny termin wizyty montażysty — wymiana trwa około 20 minut.

Montażysta firmy Aqua-Pomiar ma identyfikator ze zdjęciem i pieczęcią spółdzielni.)",
     Audience::kLazurowa12, DemoForm::kWaterMeters},
    {3, "Odbiór mebli i elektroodpadów", R"(Meble i inne odpady wielkogabarytowe odbierane są spod altan śmietnikowych
**w drugi czwartek miesiąca**. Wystaw je najwcześniej w środę wieczorem.

- nie wystawiamy gruzu, opon ani odpadów budowlanych — przyjmuje je PSZOK przy ul. Zawodzie 16,
- zużyty sprzęt elektroniczny można też oddać bezpłatnie w sklepie przy zakupie nowego.)",
     Audience::kEveryone, DemoForm::kNone},
    {3, "Ważne telefony", R"(- Numer alarmowy: **112**
- Pogotowie gazowe: **992**
- Pogotowie energetyczne: **991**
- Dyżur techniczny spółdzielni: **+48 22 664 21 30**
- Straż Miejska: **986**
- Centrum Kontaktu Warszawa: **19115**)",
     Audience::kEveryone, DemoForm::kNone},
};

FormField Field(const char* key, FieldType type, const char* label, bool required,
                std::vector<std::string> options = {}) {
  FormField f;
  f.key = key;
  f.type = type;
  f.label = label;
  f.required = required;
  f.options = std::move(options);
  return f;
}

// "pon. 7.12" for unix time `t` (UTC date).
std::string ShortDate(int64_t t) {
  static const char* const kDays[] = {"niedz.", "pon.", "wt.", "śr.", "czw.", "pt.", "sob."};
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return std::string(kDays[tm.tm_wday]) + " " + std::to_string(tm.tm_mday) + "." + std::to_string(tm.tm_mon + 1);
}

std::string IsoDate(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// The water-meter appointment slots: the next five weekdays after a week, morning and afternoon.
std::vector<std::string> MeterSlots(const Context& ctx) {
  std::vector<std::string> slots;
  for (int64_t d = 7; slots.size() < 10; ++d) {
    const int64_t t = ctx.Today() + d * kDay;
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    if (tm.tm_wday == 0 || tm.tm_wday == 6) continue;
    slots.push_back(ShortDate(t) + ", 8:00–12:00");
    slots.push_back(ShortDate(t) + ", 16:00–20:00");
  }
  return slots;
}

std::optional<information::Form> FormOf(const Context& ctx, DemoForm which) {
  information::Form f;
  f.assignee.user_id = ctx.who.staff;
  switch (which) {
    case DemoForm::kNone:
      return std::nullopt;
    case DemoForm::kMeeting:
      f.title = "Zapisy na spotkanie w sprawie termomodernizacji";
      f.capacity = 40;
      f.closes_at = ctx.Today() + 14 * kDay;
      f.fields = {Field("osoby", FieldType::kNumber, "Liczba osób z lokalu", true),
                  Field("pytania", FieldType::kTextarea, "Pytania do projektanta (opcjonalnie)", false),
                  Field("zgoda", FieldType::kConsent,
                        "Zgadzam się na przetwarzanie danych w celu organizacji spotkania", true)};
      f.fields[0].min = 1;
      f.fields[0].max = 4;
      return f;
    case DemoForm::kClubRoom:
      f.title = "Rezerwacja sali klubowej";
      f.capacity = 1;
      f.fields = {Field("data", FieldType::kDate, "Data", true),
                  Field("godziny", FieldType::kChoice, "Godziny", true, {"10:00–14:00", "14:00–18:00", "18:00–22:00"}),
                  Field("cel", FieldType::kText, "Cel spotkania", true),
                  Field("goscie", FieldType::kNumber, "Liczba gości", false),
                  Field("regulamin", FieldType::kConsent, "Znam i akceptuję regulamin korzystania z sali", true)};
      f.fields[3].min = 1;
      f.fields[3].max = 40;
      return f;
    case DemoForm::kWaterMeters:
      f.title = "Wymiana wodomierzy — wybór terminu";
      f.fields = {Field("termin", FieldType::kChoice, "Termin wizyty", true, MeterSlots(ctx)),
                  Field("telefon", FieldType::kText, "Telefon do kontaktu w dniu wizyty", true),
                  Field("uwagi", FieldType::kTextarea, "Uwagi (np. dostęp do szafki)", false)};
      return f;
  }
  return std::nullopt;
}

uint64_t GroupOf(const Context& ctx, Audience a) {
  switch (a) {
    case Audience::kGorczewska:
      return ctx.groups.gorczewska;
    case Audience::kLazurowa12:
      return ctx.groups.lazurowa12;
    case Audience::kEveryone:
      break;
  }
  return 0;
}

}  // namespace

void SeedInformation(Context& ctx) {
  App& app = ctx.app;
  if (app.information.AdminSections(0, 1).total != 0) return;
  const Actor actor{ctx.who.staff, "", "osiedled demo"};
  std::vector<uint64_t> sections;
  for (size_t i = 0; i < std::size(kSections); ++i) {
    information::SectionInput in{kSections[i], static_cast<int64_t>(i + 1) * 10};
    sections.push_back(Must(app.information.CreateSection(actor, in), std::string("section ") + kSections[i]).id);
  }
  std::map<DemoForm, uint64_t> form_pages;
  int64_t position = 0;
  for (const auto& p : kPages) {
    information::PageInput in;
    in.section_id = sections[p.section];
    in.title = p.title;
    in.body_md = p.body_md;
    in.position = position += 10;
    in.published = true;
    if (uint64_t g = GroupOf(ctx, p.audience)) in.groups = {g};
    in.form = FormOf(ctx, p.form);
    const uint64_t id = Must(app.information.CreatePage(actor, std::move(in)), std::string("page ") + p.title).id;
    if (p.form != DemoForm::kNone) form_pages[p.form] = id;
  }
  // Submissions: Jan books the club room (the one place), Ewa waits for it; Jan picks a water-meter slot (accepted by
  // the office); Piotr signs up for the meeting.
  const std::string room_day = IsoDate(ctx.Today() + 10 * kDay);
  const std::string slot = MeterSlots(ctx)[2];
  struct Send {
    uint64_t user;
    DemoForm form;
    std::string body;
  };
  const Send sends[] = {
      {ctx.who.jan, DemoForm::kClubRoom,
       R"({"answers":{"data":")" + room_day +
           R"(","godziny":"14:00–18:00","cel":"Urodziny córki","goscie":18,)"
           R"("regulamin":true}})"},
      {ctx.who.ewa, DemoForm::kClubRoom,
       R"({"answers":{"data":")" + room_day +
           R"(","godziny":"18:00–22:00","cel":"Spotkanie klubu książki",)"
           R"("goscie":12,"regulamin":true}})"},
      {ctx.who.jan, DemoForm::kWaterMeters,
       R"({"answers":{"termin":")" + slot +
           R"(","telefon":"+48 601 555 214","uwagi":"Szafka w łazience za lustrem."}})"},
      {ctx.who.piotr, DemoForm::kMeeting,
       R"({"answers":{"osoby":2,"pytania":"Czy ocieplenie obejmie też balkony i kto pokryje wymianę parapetów?",)"
       R"("zgoda":true}})"},
  };
  std::vector<uint64_t> sent;
  for (const auto& s : sends) {
    sent.push_back(Must(app.information.Submit({s.user, false}, form_pages.at(s.form), s.body), "submission").id);
  }
  Must(app.information.SetStatus(actor, sent[2], information::SubmissionStatus::kAccepted,
                                 std::string("Termin potwierdzony. Montażysta zadzwoni dzień wcześniej.")),
       "submission status");
}

}  // namespace osiedle::app::demo
