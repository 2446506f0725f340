#include "daemon/core/i18n.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace osiedle::i18n {
namespace {

struct Message {
  std::string_view code;
  std::string_view pl;
  std::string_view en;
};

// Error messages by code. Codes are the stable API vocabulary; the texts may be reworded freely.
constexpr Message kErrors[] = {
    // General and HTTP.
    {"internal", "Wystąpił nieoczekiwany błąd. Spróbuj ponownie za chwilę.",
     "An unexpected error occurred. Please try again in a moment."},
    {"not_found", "Nie znaleziono tej strony ani zasobu.", "This page or resource was not found."},
    {"method_not_allowed", "Ta operacja nie jest dostępna pod tym adresem.",
     "This operation is not available at this address."},
    {"unauthenticated", "Zaloguj się, aby kontynuować.", "Please log in to continue."},
    {"forbidden", "Nie masz uprawnień do tej operacji.", "You do not have permission to do this."},
    {"csrf_invalid", "Sesja formularza wygasła. Odśwież stronę i spróbuj ponownie.",
     "The form session has expired. Refresh the page and try again."},
    {"rate_limited", "Zbyt wiele prób. Odczekaj chwilę i spróbuj ponownie.",
     "Too many attempts. Please wait a moment and try again."},
    {"body_too_large", "Przesłane dane są zbyt duże.", "The data sent is too large."},
    {"utf8_invalid", "Tekst zawiera nieprawidłowe znaki.", "The text contains invalid characters."},
    {"json_invalid", "Nie udało się odczytać przesłanych danych.", "The data sent could not be read."},
    {"json_too_deep", "Przesłane dane są zbyt zagnieżdżone.", "The data sent is nested too deeply."},
    {"json_not_object", "Przesłane dane mają nieprawidłową postać.", "The data sent has the wrong shape."},
    {"field_required", "To pole jest wymagane.", "This field is required."},
    {"field_type", "To pole ma nieprawidłowy typ wartości.", "This field has a value of the wrong type."},
    {"field_too_long", "Wartość tego pola jest za długa.", "The value of this field is too long."},
    {"field_invalid", "Wartość tego pola jest nieprawidłowa.", "The value of this field is invalid."},
    {"unknown_field", "Formularz zawiera nieznane pole.", "The form contains an unknown field."},
    {"unsupported_media_type", "Nieobsługiwany format danych.", "Unsupported data format."},
    {"path_invalid", "Nieprawidłowy adres.", "Invalid address."},
    {"request_invalid", "Nieprawidłowe żądanie.", "Malformed request."},
    {"not_implemented", "Ta funkcja nie jest obsługiwana.", "This feature is not supported."},
    {"query_invalid", "Nieprawidłowe parametry adresu.", "Invalid query parameters."},
    {"storage_full", "Brak miejsca na dane na serwerze. Skontaktuj się z administratorem.",
     "The server is out of storage space. Please contact the administrator."},
    // Accounts and sessions.
    {"account_not_active", "To konto nie jest aktywne.", "This account is not active."},
    {"cannot_block_self", "Nie możesz zablokować własnego konta.", "You cannot block your own account."},
    {"password_incorrect", "Obecne hasło jest nieprawidłowe.", "The current password is incorrect."},
    {"session_invalid", "Sesja wygasła. Zaloguj się ponownie.", "Your session has expired. Please log in again."},
    {"session_not_found", "Nie znaleziono tej sesji.", "Session not found."},
    {"totp_already_enabled", "Logowanie dwuetapowe jest już włączone.", "Two-step login is already on."},
    {"totp_not_enabled", "Logowanie dwuetapowe nie jest włączone.", "Two-step login is not on."},
    {"totp_not_set_up", "Najpierw rozpocznij konfigurację aplikacji uwierzytelniającej.",
     "Start setting up the authenticator app first."},
    {"user_deleted", "To konto zostało usunięte.", "This account has been deleted."},
    {"user_not_blocked", "To konto nie jest zablokowane.", "This account is not blocked."},
    {"invalid_credentials", "Nieprawidłowy e-mail lub hasło.", "Incorrect email or password."},
    {"totp_required", "Podaj kod z aplikacji uwierzytelniającej.", "Enter the code from your authenticator app."},
    {"totp_invalid", "Kod z aplikacji uwierzytelniającej jest nieprawidłowy.", "The authenticator code is incorrect."},
    {"totp_not_enrolled", "Najpierw skonfiguruj logowanie dwuetapowe.", "Set up two-step login first."},
    {"account_pending", "Twoje konto czeka na weryfikację przez administrację spółdzielni.",
     "Your account is waiting for verification by the cooperative's office."},
    {"account_blocked", "Konto jest zablokowane. Skontaktuj się z administracją spółdzielni.",
     "This account is blocked. Please contact the cooperative's office."},
    {"session_expired", "Sesja wygasła. Zaloguj się ponownie.", "Your session has expired. Please log in again."},
    {"password_too_weak", "Hasło jest za słabe. Użyj co najmniej 10 znaków, których nie łatwo odgadnąć.",
     "The password is too weak. Use at least 10 characters that are hard to guess."},
    {"reset_token_invalid", "Link do zmiany hasła jest nieprawidłowy lub wygasł. Poproś o nowy.",
     "The password reset link is invalid or has expired. Please request a new one."},
    {"email_invalid", "Podaj prawidłowy adres e-mail.", "Enter a valid email address."},
    {"phone_invalid", "Podaj prawidłowy numer telefonu.", "Enter a valid phone number."},
    {"email_taken", "Konto z tym adresem e-mail już istnieje.", "An account with this email address already exists."},
    {"user_not_found", "Nie znaleziono użytkownika.", "User not found."},
    {"last_admin", "Nie można odebrać uprawnień ostatniemu administratorowi.",
     "The last administrator cannot lose their rights."},
    // Flats registry and registration.
    {"kw_format_invalid", "Numer księgi wieczystej ma nieprawidłowy format (np. WA4M/00123456/4).",
     "The land register number has an invalid format (e.g. WA4M/00123456/4)."},
    {"kw_checksum_invalid", "Numer księgi wieczystej zawiera błąd — sprawdź, czy wszystkie znaki są poprawne.",
     "The land register number contains a mistake — check that every character is right."},
    {"flat_not_found", "Nie znaleziono takiego lokalu w tym budynku.", "No such flat was found in this building."},
    {"building_not_found", "Nie znaleziono budynku.", "Building not found."},
    {"estate_not_found", "Nie znaleziono osiedla.", "Estate not found."},
    {"consent_required", "Aby się zarejestrować, zaakceptuj regulamin i zapoznaj się z klauzulą RODO.",
     "To register, accept the terms and read the data protection notice."},
    {"registration_not_found", "Nie znaleziono zgłoszenia rejestracyjnego.", "Registration not found."},
    {"registration_already_decided", "To zgłoszenie zostało już rozpatrzone.",
     "This registration has already been decided."},
    {"ownership_exists", "To konto jest już przypisane do tego lokalu.",
     "This account is already linked to this flat."},
    {"reason_required", "Podaj powód odrzucenia.", "Please give a reason for the rejection."},
    // Registration letters.
    {"letter_code_invalid",
     "Ten kod rejestracyjny nie pasuje do wybranego lokalu albo został już użyty lub unieważniony. Sprawdź kod "
     "w liście lub skontaktuj się z biurem.",
     "This registration code does not match the chosen flat, or it has already been used or revoked. Check the "
     "code in the letter or contact the office."},
    {"letter_code_not_active", "Ten kod został już użyty lub unieważniony.",
     "This code has already been used or revoked."},
    {"letters_none", "Nie wybrano żadnego lokalu, dla którego można przygotować list.",
     "No flats were selected to prepare letters for."},
    {"format_invalid", "Nieobsługiwany format pliku.", "Unsupported file format."},
    // Roles, departments, groups.
    {"role_not_found", "Nie znaleziono roli.", "Role not found."},
    {"role_name_taken", "Rola o tej nazwie już istnieje.", "A role with this name already exists."},
    {"permission_unknown", "Nieznane uprawnienie.", "Unknown permission."},
    {"role_builtin", "Wbudowanej roli nie można zmienić ani usunąć.", "A built-in role cannot be changed or deleted."},
    {"department_not_found", "Nie znaleziono działu.", "Department not found."},
    {"department_name_taken", "Dział o tej nazwie już istnieje.", "A department with this name already exists."},
    {"group_not_found", "Nie znaleziono grupy.", "Group not found."},
    {"group_name_taken", "Grupa o tej nazwie już istnieje.", "A group with this name already exists."},
    {"group_rule_invalid", "Reguła grupy jest nieprawidłowa.", "The group rule is invalid."},
    // CSV import.
    {"csv_binary", "Plik nie wygląda na plik CSV (zawiera dane binarne).",
     "The file does not look like a CSV file (it contains binary data)."},
    {"csv_empty", "Plik CSV jest pusty.", "The CSV file is empty."},
    {"csv_quote_unterminated", "W pliku CSV brakuje zamykającego cudzysłowu.",
     "A closing quote is missing in the CSV file."},
    {"csv_too_many_rows", "Plik CSV ma zbyt wiele wierszy.", "The CSV file has too many rows."},
    {"csv_header_missing", "W pliku CSV brakuje wymaganej kolumny w nagłówku.",
     "A required column is missing from the CSV header."},
    {"csv_column_count", "Wiersz ma inną liczbę kolumn niż nagłówek.",
     "The row has a different number of columns than the header."},
    {"area_invalid", "Nieprawidłowa powierzchnia lokalu.", "Invalid flat area."},
    {"flat_number_missing", "Brak numeru lokalu.", "The flat number is missing."},
    {"building_missing", "Brak budynku.", "The building is missing."},
    {"estate_missing", "Brak osiedla.", "The estate is missing."},
    // Contractors (daemon/modules/contractors).
    {"url_invalid", "Podaj adres strony zaczynający się od http:// lub https://.",
     "Enter a website address starting with http:// or https://."},
    {"category_not_found", "Nie znaleziono kategorii.", "Category not found."},
    {"category_name_taken", "Kategoria o tej nazwie już istnieje.", "A category with this name already exists."},
    {"review_exists", "Ten wykonawca ma już Twoją opinię.", "You have already reviewed this contractor."},
    // Outages (daemon/modules/outages).
    {"outage_kind_invalid", "Nieznany rodzaj awarii.", "Unknown kind of outage."},
    {"outage_status_invalid", "Nieznany status awarii.", "Unknown outage status."},
    {"outage_places_required", "Wskaż co najmniej jedno miejsce objęte awarią.",
     "Choose at least one affected place."},
    {"outage_place_invalid", "Miejsce awarii musi wskazywać osiedle albo budynek (z klatką lub bez).",
     "An affected place must name an estate or a building (with or without a staircase)."},
    {"outage_end_before_start", "Przewidywany koniec musi być później niż początek.",
     "The expected end must be after the start."},
    {"outage_updates_limit", "Ta awaria ma już zbyt wiele aktualizacji.", "This outage has too many updates."},
    {"outages_public_disabled", "Publiczna strona awarii tego budynku jest wyłączona.",
     "The public outage page of this building is disabled."},
    // News (daemon/modules/news).
    {"comments_disabled", "Komentarze pod tą aktualnością są wyłączone.",
     "Comments are turned off for this news item."},
    {"comment_already_reported", "Ten komentarz został już przez Ciebie zgłoszony.",
     "You have already reported this comment."},
    {"markdown_unsafe", "Treść zawiera niedozwolone elementy.", "The text contains elements that are not allowed."},
    // Uploads (daemon/modules/uploads, daemon/core/file_store).
    {"upload_empty", "Plik jest pusty.", "The file is empty."},
    {"upload_type_unsupported", "Nieobsługiwany rodzaj pliku. Dozwolone są pliki PDF oraz obrazy PNG, JPEG i WebP.",
     "Unsupported file type. PDF files and PNG, JPEG and WebP images are allowed."},
    {"upload_pdf_invalid", "Plik PDF jest uszkodzony lub niekompletny.", "The PDF file is damaged or incomplete."},
    {"upload_image_invalid", "Obraz jest uszkodzony lub niekompletny.", "The image is damaged or incomplete."},
    {"upload_too_large", "Plik jest za duży (PDF do 25 MB, obraz do 2 MB).",
     "The file is too large (PDF up to 25 MB, image up to 2 MB)."},
    {"storage_io", "Nie udało się zapisać pliku na serwerze. Skontaktuj się z administratorem.",
     "The file could not be stored on the server. Contact the administrator."},
    // Documents (daemon/modules/documents).
    {"upload_not_pdf", "Wskazany plik nie jest dokumentem PDF.", "The chosen file is not a PDF document."},
    {"category_not_empty", "Tej kategorii nie można usunąć, bo zawiera dokumenty.",
     "This category cannot be deleted because it contains documents."},
    // Ads (daemon/modules/ads).
    {"link_invalid",
     "Podaj pełny adres strony zaczynający się od http:// lub https:// (bez spacji, polskich znaków i danych logowania).",
     "Enter a full web address starting with http:// or https:// (no spaces, non-ASCII characters or credentials)."},
    {"upload_not_image", "Wskazany plik nie jest obrazem (PNG, JPEG lub WebP).",
     "The chosen file is not an image (PNG, JPEG or WebP)."},
    {"range_too_long", "Zakres dat może obejmować najwyżej 366 dni.", "The date range may span at most 366 days."},
    // Information (daemon/modules/information).
    {"field_duplicate", "Ta wartość powtarza się, a musi być niepowtarzalna.",
     "This value is repeated but must be unique."},
    {"option_invalid", "Wybierz jedną z podanych możliwości.", "Choose one of the options given."},
    {"number_out_of_range", "Liczba jest spoza dozwolonego zakresu.", "The number is outside the allowed range."},
    {"date_invalid", "Podaj istniejącą datę w postaci RRRR-MM-DD.", "Enter an existing date as YYYY-MM-DD."},
    {"already_submitted", "Masz już aktywne zgłoszenie w tym formularzu.",
     "You already have an active submission to this form."},
    {"form_closed", "Zapisy w tym formularzu są już zamknięte.", "This form is closed for submissions."},
    {"section_not_empty", "Tego działu nie można usunąć, bo zawiera strony.",
     "This section cannot be deleted because it contains pages."},
    {"submission_not_cancellable", "Tego zgłoszenia nie można już anulować.",
     "This submission can no longer be cancelled."},
    {"submission_cancelled", "To zgłoszenie zostało anulowane przez mieszkańca.",
     "This submission was cancelled by the resident."},
    {"assignee_invalid", "Zgłoszenia można przypisać tylko pracownikowi obsługującemu strony informacyjne.",
     "Submissions can only be assigned to a staff member who manages information pages."},
    {"limit_reached", "Osiągnięto największą dozwoloną liczbę pozycji.", "The maximum number of entries was reached."},
    // Mail.
    {"smtp_failed", "Nie udało się wysłać wiadomości e-mail. Spróbujemy ponownie później.",
     "The email could not be sent. We will try again later."},
};

constexpr std::string_view kGenericPl = "Nie udało się wykonać operacji.";
constexpr std::string_view kGenericEn = "The operation failed.";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Quality of one Accept-Language entry ("en-US;q=0.8" → 0.8); 1 without a q parameter.
double Quality(std::string_view params) {
  auto pos = params.find("q=");
  if (pos == std::string_view::npos) return 1.0;
  std::string_view q = TrimSpaces(params.substr(pos + 2));
  double v = 0;
  auto [ptr, ec] = std::from_chars(q.data(), q.data() + q.size(), v);
  (void)ptr;
  return ec == std::errc() ? v : 0.0;
}

}  // namespace

Lang FromTag(std::string_view tag) {
  // Accepts a plain preference ("en") or a whole Accept-Language header; the supported language
  // with the highest quality wins, Polish on a tie or when nothing matches.
  double best_pl = -1, best_en = -1;
  while (!tag.empty()) {
    size_t comma = tag.find(',');
    std::string_view entry = tag.substr(0, comma);
    tag = comma == std::string_view::npos ? std::string_view{} : tag.substr(comma + 1);
    size_t semi = entry.find(';');
    std::string_view lang = TrimSpaces(entry.substr(0, semi));
    double q = semi == std::string_view::npos ? 1.0 : Quality(entry.substr(semi + 1));
    std::string_view primary = lang.substr(0, lang.find('-'));
    if (EqualsIgnoreCase(primary, "pl")) best_pl = std::max(best_pl, q);
    if (EqualsIgnoreCase(primary, "en")) best_en = std::max(best_en, q);
  }
  return best_en > 0 && best_en > best_pl ? Lang::kEn : Lang::kPl;
}

std::string_view Tag(Lang lang) { return lang == Lang::kEn ? "en" : "pl"; }

std::string ErrorMessage(std::string_view code, Lang lang) {
  for (const auto& m : kErrors) {
    if (m.code == code) return std::string(lang == Lang::kEn ? m.en : m.pl);
  }
  return std::string(lang == Lang::kEn ? kGenericEn : kGenericPl);
}

}  // namespace osiedle::i18n
