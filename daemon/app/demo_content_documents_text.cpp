// Demo content: the texts of the demo documents (rendered to PDF by demo_content_documents.cpp).
#include "daemon/app/demo_content.hpp"

namespace osiedle::app::demo {

const std::vector<DemoDocument>& DemoDocuments() {
  static const auto* docs = new std::vector<DemoDocument>{
      {"statut",
       "Statut Spółdzielni Mieszkaniowej „Lazurowa”",
       "Tekst jednolity statutu uchwalony przez Walne Zgromadzenie Członków.",
       "statut-sm-lazurowa.pdf",
       DocTarget::kEveryone,
       {"Statut Spółdzielni Mieszkaniowej „Lazurowa” w Warszawie",
        "Tekst jednolity uwzględniający zmiany uchwalone przez Walne Zgromadzenie Członków w dniu 14 czerwca 2025 r.",
        {"## Rozdział I. Postanowienia ogólne",
         "§ 1. Spółdzielnia nosi nazwę Spółdzielnia Mieszkaniowa „Lazurowa”, zwana dalej Spółdzielnią. Siedzibą "
         "Spółdzielni jest miasto stołeczne Warszawa. Spółdzielnia działa na podstawie ustawy z dnia 16 września 1982 "
         "r. "
         "Prawo spółdzielcze, ustawy z dnia 15 grudnia 2000 r. o spółdzielniach mieszkaniowych oraz niniejszego "
         "statutu.",
         "§ 2. Celem Spółdzielni jest zaspokajanie potrzeb mieszkaniowych i innych potrzeb członków oraz ich rodzin "
         "przez dostarczanie członkom samodzielnych lokali mieszkalnych lub domów jednorodzinnych, a także lokali o "
         "innym przeznaczeniu.",
         "§ 3. Przedmiotem działalności Spółdzielni jest w szczególności:",
         "- zarządzanie nieruchomościami stanowiącymi jej mienie lub nabytym z mocy prawa mieniem jej członków,",
         "- budowanie lub nabywanie budynków w celu ustanowienia na rzecz członków odrębnej własności lokali,",
         "- prowadzenie działalności społecznej, oświatowej i kulturalnej na rzecz członków i ich rodzin.",
         "## Rozdział II. Członkowie Spółdzielni",
         "§ 4. Członkiem Spółdzielni jest osoba fizyczna, której przysługuje spółdzielcze własnościowe prawo do "
         "lokalu, "
         "prawo odrębnej własności lokalu lub ekspektatywa odrębnej własności lokalu.",
         "§ 5. Członek Spółdzielni ma prawo w szczególności do:",
         "- udziału w Walnym Zgromadzeniu i wybierania oraz bycia wybieranym do organów Spółdzielni,",
         "- otrzymania odpisu statutu i regulaminów oraz kopii uchwał organów Spółdzielni i protokołów obrad,",
         "- przeglądania rejestru członków oraz protokołów lustracji i sprawozdań finansowych.",
         "§ 6. Członek Spółdzielni jest obowiązany przestrzegać postanowień statutu i regulaminów, uiszczać opłaty "
         "związane z eksploatacją i utrzymaniem nieruchomości w terminie do 15. dnia każdego miesiąca oraz dbać o "
         "wspólne dobro, jakim jest mienie Spółdzielni.",
         "## Rozdział III. Organy Spółdzielni",
         "§ 7. Organami Spółdzielni są: Walne Zgromadzenie, Rada Nadzorcza i Zarząd. Walne Zgromadzenie zwołuje Zarząd "
         "co najmniej raz w roku, w ciągu sześciu miesięcy po upływie roku obrachunkowego.",
         "§ 8. Rada Nadzorcza składa się z siedmiu członków wybieranych przez Walne Zgromadzenie na trzyletnią "
         "kadencję. "
         "Zarząd składa się z dwóch do trzech osób, w tym Prezesa, powoływanych przez Radę Nadzorczą.",
         "## Rozdział IV. Gospodarka Spółdzielni",
         "§ 9. Spółdzielnia prowadzi odrębną ewidencję i rozliczenie przychodów i kosztów dla każdej nieruchomości. "
         "Różnica między kosztami eksploatacji i utrzymania danej nieruchomości a przychodami z opłat zwiększa "
         "odpowiednio przychody lub koszty danej nieruchomości w roku następnym."}},
       {}},
      {"regulaminy",
       "Regulamin porządku domowego",
       "Zasady współżycia mieszkańców i korzystania z części wspólnych.",
       "regulamin-porzadku-domowego.pdf",
       DocTarget::kEveryone,
       {"Regulamin porządku domowego",
        "Zatwierdzony uchwałą nr 12/2025 Rady Nadzorczej z dnia 22 maja 2025 r.",
        {"## § 1. Postanowienia ogólne",
         "Regulamin określa prawa i obowiązki mieszkańców w zakresie używania lokali, części wspólnych budynków oraz "
         "otoczenia. Przestrzeganie regulaminu jest obowiązkiem wszystkich osób zamieszkałych w zasobach Spółdzielni.",
         "## § 2. Cisza nocna i współżycie mieszkańców", "- Cisza nocna obowiązuje w godzinach 22:00–6:00.",
         "- Prace remontowe powodujące hałas można wykonywać w dni robocze w godzinach 8:00–19:00, a w soboty w "
         "godzinach 9:00–15:00.",
         "- Zabrania się palenia tytoniu i e-papierosów na klatkach schodowych, w windach i piwnicach.",
         "## § 3. Części wspólne",
         "Na klatkach schodowych, korytarzach piwnicznych i w suszarniach nie wolno pozostawiać rowerów, wózków, mebli "
         "ani innych przedmiotów utrudniających ewakuację. Rowery przechowuje się w wyznaczonych wózkowniach.",
         "## § 4. Zwierzęta domowe",
         "Posiadacze zwierząt są obowiązani do sprzątania po nich na terenie osiedla. Psy wyprowadza się na smyczy, a "
         "psy ras uznawanych za agresywne — w kagańcu.",
         "## § 5. Bezpieczeństwo",
         "Awarie instalacji wodnej, gazowej, elektrycznej i wind należy niezwłocznie zgłaszać do biura Spółdzielni lub "
         "do dyżuru technicznego pod numerem +48 22 664 21 30. W razie wyczucia zapachu gazu należy dzwonić pod numer "
         "alarmowy 992."}},
       {}},
      {"regulaminy",
       "Regulamin rozliczania kosztów centralnego ogrzewania i ciepłej wody",
       "Zasady rozliczania kosztów ciepła według podzielników i wodomierzy.",
       "regulamin-rozliczania-co.pdf",
       DocTarget::kEveryone,
       {"Regulamin rozliczania kosztów dostawy ciepła na potrzeby centralnego ogrzewania i podgrzania wody",
        "Tekst obowiązujący od 1 stycznia 2023 r.",
        {"## § 1. Zasady ogólne",
         "Koszty dostawy ciepła rozlicza się odrębnie dla każdego budynku wyposażonego w węzeł cieplny z licznikiem "
         "ciepła. Okresem rozliczeniowym jest rok kalendarzowy.",
         "## § 2. Podział kosztów",
         "- koszty stałe (moc zamówiona, opłaty przesyłowe) dzieli się proporcjonalnie do powierzchni użytkowej "
         "lokali,",
         "- koszty zmienne dzieli się w 40% według powierzchni i w 60% według wskazań podzielników kosztów.",
         "## § 3. Zaliczki",
         "Użytkownicy lokali wnoszą miesięczne zaliczki na poczet kosztów ogrzewania. Nadpłatę zalicza się na poczet "
         "przyszłych opłat lub zwraca na wniosek; niedopłatę należy uregulować w terminie 30 dni od doręczenia "
         "rozliczenia."}},
       {{"Wersja 2025: rozliczenie według podzielników radiowych, zmiana proporcji kosztów zmiennych.",
         {"Regulamin rozliczania kosztów dostawy ciepła na potrzeby centralnego ogrzewania i podgrzania wody",
          "Tekst jednolity obowiązujący od 1 stycznia 2026 r. (uchwała nr 15/2025 Rady Nadzorczej)",
          {"## § 1. Zasady ogólne",
           "Koszty dostawy ciepła rozlicza się odrębnie dla każdego budynku wyposażonego w węzeł cieplny z licznikiem "
           "ciepła. Okresem rozliczeniowym jest rok kalendarzowy. Odczyty podzielników i wodomierzy wykonywane są "
           "drogą radiową, bez wchodzenia do lokali.",
           "## § 2. Podział kosztów",
           "- koszty stałe (moc zamówiona, opłaty przesyłowe) dzieli się proporcjonalnie do powierzchni użytkowej "
           "lokali,",
           "- koszty zmienne dzieli się w 30% według powierzchni i w 70% według wskazań podzielników kosztów,",
           "- lokale położone przy ścianach szczytowych i na ostatnich kondygnacjach otrzymują współczynniki "
           "redukcyjne "
           "według załącznika nr 1.",
           "## § 3. Zaliczki i rozliczenie",
           "Użytkownicy lokali wnoszą miesięczne zaliczki na poczet kosztów ogrzewania. Rozliczenie doręcza się do 31 "
           "marca roku następnego także drogą elektroniczną przez portal mieszkańca. Nadpłatę zalicza się na poczet "
           "przyszłych opłat lub zwraca na wniosek; niedopłatę należy uregulować w terminie 30 dni.",
           "## § 4. Reklamacje",
           "Reklamacje rozliczenia składa się w biurze Spółdzielni w terminie 14 dni od jego doręczenia. Spółdzielnia "
           "rozpatruje reklamację w ciągu 30 dni."}}}}},
      {"regulaminy",
       "Regulamin korzystania z sali klubowej",
       "Zasady rezerwacji i korzystania z sali przy Lazurowej 14.",
       "regulamin-sali-klubowej.pdf",
       DocTarget::kEveryone,
       {"Regulamin korzystania z sali klubowej",
        "Sala klubowa Spółdzielni, ul. Lazurowa 14 (wejście od podwórza)",
        {"## § 1. Rezerwacja",
         "Salę mogą rezerwować członkowie Spółdzielni oraz działające na osiedlu organizacje pozarządowe. Rezerwacji "
         "dokonuje się przez formularz w portalu mieszkańca, najpóźniej na 3 dni przed terminem.",
         "## § 2. Opłaty", "- spotkania mieszkańców i Rady Osiedla — bezpłatnie,",
         "- uroczystości prywatne — 60 zł za godzinę, nie więcej niż 300 zł za dzień,", "- kaucja zwrotna — 200 zł.",
         "## § 3. Porządek",
         "Korzystający z sali odpowiada za pozostawienie jej w stanie niepogorszonym. Klucze odbiera się i zwraca w "
         "biurze Spółdzielni lub u gospodarza budynku."}},
       {}},
      {"uchwaly",
       "Uchwała nr 14/2025 Zarządu w sprawie opłat eksploatacyjnych",
       "Stawki opłat za eksploatację i fundusz remontowy obowiązujące od 1 stycznia 2026 r.",
       "uchwala-zarzadu-14-2025.pdf",
       DocTarget::kEveryone,
       {"Uchwała nr 14/2025 Zarządu Spółdzielni Mieszkaniowej „Lazurowa”",
        "z dnia 30 września 2025 r. w sprawie wysokości opłat eksploatacyjnych",
        {"§ 1. Na podstawie § 41 statutu Zarząd ustala od dnia 1 stycznia 2026 r. następujące stawki opłat za 1 m² "
         "powierzchni użytkowej lokalu mieszkalnego:",
         "- eksploatacja podstawowa — 2,95 zł,", "- fundusz remontowy — 2,40 zł,",
         "- utrzymanie zieleni i odśnieżanie — 0,22 zł,", "- konserwacja dźwigów (budynki z windami) — 0,35 zł.",
         "§ 2. Zmiana stawek wynika ze wzrostu cen energii elektrycznej w częściach wspólnych, wynagrodzeń firm "
         "sprzątających oraz kosztów konserwacji wind.",
         "§ 3. Uchwała wchodzi w życie z dniem podjęcia, z mocą obowiązującą od 1 stycznia 2026 r. Użytkownicy lokali "
         "zostaną powiadomieni o zmianie wysokości opłat na piśmie z zachowaniem trzymiesięcznego terminu."}},
       {}},
      {"uchwaly",
       "Uchwała nr 7/2025 Rady Nadzorczej — plan remontów 2026–2027",
       "Zatwierdzenie wieloletniego planu remontów zasobów Spółdzielni.",
       "uchwala-rn-7-2025-plan-remontow.pdf",
       DocTarget::kEveryone,
       {"Uchwała nr 7/2025 Rady Nadzorczej Spółdzielni Mieszkaniowej „Lazurowa”",
        "z dnia 18 marca 2025 r. w sprawie zatwierdzenia planu remontów na lata 2026–2027",
        {"§ 1. Rada Nadzorcza zatwierdza plan remontów zasobów mieszkaniowych na lata 2026–2027 obejmujący:",
         "- termomodernizację budynków Górczewska 200 i 202 (docieplenie ścian i stropodachu),",
         "- wymianę wodomierzy na urządzenia z odczytem radiowym we wszystkich budynkach,",
         "- remont placu zabaw przy ul. Lazurowej 16,", "- modernizację dźwigów w budynku Lazurowa 14.",
         "§ 2. Łączny koszt planu wynosi 4 860 000 zł i zostanie sfinansowany z funduszu remontowego, premii "
         "termomodernizacyjnej oraz kredytu bankowego.",
         "§ 3. Wykonanie uchwały powierza się Zarządowi Spółdzielni."}},
       {}},
      {"protokoly-obrad-organow",
       "Protokół z Walnego Zgromadzenia Członków 2025",
       "Protokół obrad Zwyczajnego Walnego Zgromadzenia z 14 czerwca 2025 r.",
       "protokol-wz-2025.pdf",
       DocTarget::kEveryone,
       {"Protokół z obrad Zwyczajnego Walnego Zgromadzenia Członków",
        "Spółdzielni Mieszkaniowej „Lazurowa”, 14 czerwca 2025 r., sala klubowa, ul. Lazurowa 14",
        {"## 1. Otwarcie obrad",
         "Obrady otworzyła Prezes Zarządu, stwierdzając, że Walne Zgromadzenie zostało zwołane prawidłowo. W obradach "
         "uczestniczyło 112 członków Spółdzielni. Na przewodniczącego wybrano Pana Zbigniewa Malinowskiego.",
         "## 2. Sprawozdania",
         "Zarząd przedstawił sprawozdanie z działalności za rok 2024, a Rada Nadzorcza — sprawozdanie ze swojej "
         "działalności. Członkowie zadawali pytania dotyczące kosztów wywozu odpadów i terminu wymiany wind.",
         "## 3. Podjęte uchwały",
         "- uchwała nr 1/2025 w sprawie zatwierdzenia sprawozdania finansowego za 2024 r. — 98 głosów za, 6 przeciw,",
         "- uchwała nr 2/2025 w sprawie podziału nadwyżki bilansowej — 101 głosów za,",
         "- uchwały nr 3–5/2025 w sprawie udzielenia absolutorium członkom Zarządu — przyjęte.", "## 4. Wolne wnioski",
         "Zgłoszono wnioski o zwiększenie liczby stojaków rowerowych oraz o rozważenie monitoringu parkingu przy "
         "ul. Górczewskiej 200. Zarząd zobowiązał się przedstawić kosztorys do końca roku."}},
       {}},
      {"protokoly-obrad-organow",
       "Protokół z posiedzenia Rady Nadzorczej nr 9/2025",
       "Posiedzenie z 16 października 2025 r.: plan gospodarczy, windy, termomodernizacja.",
       "protokol-rn-9-2025.pdf",
       DocTarget::kEveryone,
       {"Protokół nr 9/2025 z posiedzenia Rady Nadzorczej",
        "16 października 2025 r., obecnych 6 z 7 członków Rady",
        {"## Porządek posiedzenia", "- informacja Zarządu o realizacji planu remontów,",
         "- projekt planu gospodarczego na 2026 rok,", "- sprawy wniesione przez członków.", "## Ustalenia",
         "Rada przyjęła informację o zakończeniu przetargu na termomodernizację budynków przy Górczewskiej. Wybrano "
         "ofertę firmy Termo-Bud sp. z o.o. jako najkorzystniejszą. Rada zaleciła Zarządowi zorganizowanie spotkania "
         "informacyjnego dla mieszkańców przed rozpoczęciem prac.",
         "Projekt planu gospodarczego na 2026 rok skierowano do komisji rewizyjnej z prośbą o opinię do 15 "
         "listopada."}},
       {}},
      {"protokoly-lustracji",
       "Protokół lustracji pełnej za lata 2022–2024",
       "Lustracja przeprowadzona przez Związek Rewizyjny Spółdzielni Mieszkaniowych RP.",
       "protokol-lustracji-2022-2024.pdf",
       DocTarget::kEveryone,
       {"Protokół z lustracji pełnej działalności Spółdzielni Mieszkaniowej „Lazurowa”",
        "za okres od 1 stycznia 2022 r. do 31 grudnia 2024 r.",
        {"## 1. Zakres lustracji",
         "Lustracja objęła legalność, gospodarność i rzetelność działania Spółdzielni, w tym realizację statutowych "
         "celów, gospodarkę zasobami mieszkaniowymi, rozliczanie kosztów eksploatacji oraz działalność organów.",
         "## 2. Ustalenia",
         "- organy Spółdzielni działały zgodnie z ustawą i statutem, Walne Zgromadzenia zwoływano w terminie,",
         "- koszty eksploatacji rozliczano odrębnie dla każdej nieruchomości,",
         "- stwierdzono opóźnienia w aktualizacji rejestru członków w 2022 r., usunięte w trakcie lustracji.",
         "## 3. Wnioski polustracyjne",
         "Lustrator zalecił wprowadzenie elektronicznego udostępniania dokumentów członkom oraz przegląd umów z "
         "dostawcami usług sprzątania. Zarząd przedstawi informację o realizacji wniosków najbliższemu Walnemu "
         "Zgromadzeniu."}},
       {}},
      {"sprawozdania-finansowe",
       "Sprawozdanie finansowe za 2025 rok",
       "Bilans, rachunek zysków i strat oraz informacja dodatkowa.",
       "sprawozdanie-finansowe-2025.pdf",
       DocTarget::kEveryone,
       {"Sprawozdanie finansowe Spółdzielni Mieszkaniowej „Lazurowa” za rok 2025",
        "sporządzone na dzień 31 grudnia 2025 r.",
        {"## Wprowadzenie",
         "Sprawozdanie sporządzono zgodnie z ustawą o rachunkowości przy założeniu kontynuowania działalności. "
         "Sprawozdanie zostało zbadane przez biegłego rewidenta, który wydał opinię bez zastrzeżeń.",
         "## Bilans (w złotych)", "- aktywa trwałe — 38 412 650,21,",
         "- aktywa obrotowe — 5 907 344,80, w tym środki pieniężne — 4 215 008,17,",
         "- fundusze własne — 36 980 115,40,", "- zobowiązania i rezerwy — 7 339 879,61.", "## Rachunek zysków i strat",
         "Przychody z gospodarki zasobami mieszkaniowymi wyniosły 6 842 100,55 zł, a koszty — 6 611 427,09 zł. "
         "Nadwyżka przychodów nad kosztami w kwocie 230 673,46 zł zostanie przeznaczona, zgodnie z uchwałą Walnego "
         "Zgromadzenia, na fundusz remontowy.",
         "## Informacja dodatkowa",
         "Zaległości w opłatach na dzień bilansowy wyniosły 184 220 zł (2,7% rocznych naliczeń) i zmniejszyły się o "
         "11% w porównaniu z rokiem poprzednim."}},
       {}},
      {"sprawozdania-finansowe",
       "Sprawozdanie Zarządu z działalności w 2025 roku",
       "Informacja o realizacji planu gospodarczego i remontów.",
       "sprawozdanie-zarzadu-2025.pdf",
       DocTarget::kEveryone,
       {"Sprawozdanie Zarządu z działalności Spółdzielni w 2025 roku",
        "",
        {"## Zasoby",
         "Spółdzielnia zarządza sześcioma budynkami na dwóch osiedlach: Osiedlu Lazurowym (Lazurowa 12, 14 i 16) oraz "
         "Osiedlu Górczewska (Górczewska 200, 202 i Powstańców Śląskich 80), łącznie 300 lokalami mieszkalnymi.",
         "## Najważniejsze wydarzenia roku",
         "- uruchomienie portalu mieszkańca z e-fakturą i zgłoszeniami przez internet,",
         "- rozstrzygnięcie przetargu na termomodernizację budynków przy Górczewskiej,",
         "- wymiana oświetlenia klatek schodowych na LED z czujnikami ruchu (oszczędność ok. 38% energii).",
         "## Plany na kolejny rok",
         "Zarząd skoncentruje się na realizacji termomodernizacji, wymianie wodomierzy oraz przygotowaniu "
         "modernizacji dźwigów w budynku Lazurowa 14."}},
       {}},
      {"formularze-do-druku",
       "Wniosek o zmianę liczby osób zamieszkałych w lokalu",
       "Wypełnij, podpisz i złóż w biurze — zmiana naliczeń za wodę i odpady od następnego miesiąca.",
       "wniosek-zmiana-liczby-osob.pdf",
       DocTarget::kEveryone,
       {"Wniosek o zmianę liczby osób zamieszkałych w lokalu",
        "Formularz do wypełnienia i złożenia w biurze Spółdzielni",
        {"## Dane wnioskodawcy", "? Imię i nazwisko:", "? Adres lokalu (ulica, nr budynku, nr lokalu):",
         "? Numer członkowski:", "? Telefon / e-mail:", "## Liczba osób",
         "? Dotychczasowa liczba osób zamieszkałych w lokalu:", "? Nowa liczba osób zamieszkałych w lokalu:",
         "? Data, od której następuje zmiana:",
         "Oświadczam, że podane informacje są zgodne z prawdą. Przyjmuję do wiadomości, że liczba osób stanowi "
         "podstawę "
         "naliczania opłat za wywóz odpadów oraz zaliczek za wodę.",
         "? Data i czytelny podpis:"}},
       {}},
      {"formularze-do-druku",
       "Zgłoszenie zamiaru przeprowadzenia remontu lokalu",
       "Wymagane przed remontem obejmującym instalacje, ściany lub stolarkę okienną.",
       "zgloszenie-remontu.pdf",
       DocTarget::kEveryone,
       {"Zgłoszenie zamiaru przeprowadzenia remontu lokalu",
        "Należy złożyć co najmniej 14 dni przed rozpoczęciem prac",
        {"? Imię i nazwisko:", "? Adres lokalu:", "? Telefon kontaktowy:", "## Zakres planowanych prac",
         "- zmiany instalacji wodno-kanalizacyjnej, gazowej lub elektrycznej wymagają zgody Spółdzielni,",
         "- wyburzanie ścian wymaga opinii konstruktora i zgody Spółdzielni,",
         "- wymiana okien musi zachować kolorystykę elewacji.", "? Opis prac:", "? ",
         "? Wykonawca (nazwa, telefon):", "? Planowany termin rozpoczęcia i zakończenia:",
         "Zobowiązuję się do wykonywania prac w godzinach określonych w regulaminie porządku domowego i do usunięcia "
         "gruzu na własny koszt.",
         "? Data i czytelny podpis:"}},
       {}},
      {"inne",
       "Procedura obsługi zgłoszeń awarii (dla pracowników)",
       "Dokument wewnętrzny biura — nie jest udostępniany mieszkańcom.",
       "procedura-awarie-wewnetrzna.pdf",
       DocTarget::kStaff,
       {"Procedura obsługi zgłoszeń awarii",
        "Dokument wewnętrzny — tylko dla pracowników Spółdzielni",
        {"## Przyjęcie zgłoszenia",
         "Zgłoszenie przyjmuje pracownik biura lub dyżurny. Każde zgłoszenie rejestruje się z godziną, adresem i "
         "danymi kontaktowymi zgłaszającego.",
         "## Komunikat dla mieszkańców",
         "- awarię dotyczącą całego budynku lub klatki publikuje się w portalu jako komunikat o awarii w ciągu 30 "
         "minut,",
         "- komunikat aktualizuje się po każdej zmianie przewidywanego terminu usunięcia,",
         "- po usunięciu awarii komunikat oznacza się jako zakończony.", "## Telefony firm",
         "Pogotowie hydrauliczne: +48 601 245 318. Serwis dźwigów: +48 22 549 00 11. Dyżur energetyczny: 991."}},
       {}},
  };
  return *docs;
}

}  // namespace osiedle::app::demo
