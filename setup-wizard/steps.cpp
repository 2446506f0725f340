#include "setup-wizard/steps.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>

#include "daemon/core/crypto.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/identity/validation.hpp"
#include "daemon/modules/outbox/service.hpp"
#include "setup-wizard/nip.hpp"

namespace osiedle::setup {
namespace fs = std::filesystem;

std::string Tr(const State& s, std::string_view pl, std::string_view en) {
  return std::string(s.language.lang == "en" ? en : pl);
}

std::string ErrorText(const State& s, const std::string& code, const std::string& detail) {
  struct Text {
    const char *code, *pl, *en;
  };
  static constexpr Text kTexts[] = {
      {"field_required", "To pole jest wymagane.", "This field is required."},
      {"field_too_long", "Za długi tekst.", "Too long."},
      {"field_invalid", "Niedozwolone znaki.", "Characters not allowed."},
      {"email_invalid", "To nie wygląda na adres e-mail.", "This does not look like an e-mail address."},
      {"phone_invalid", "Numer telefonu: cyfry, spacje i ewentualnie + na początku.",
       "Phone number: digits, spaces and an optional leading +."},
      {"password_too_weak", "Hasło: co najmniej 10 znaków, nie jeden powtórzony znak, nie adres e-mail.",
       "Password: at least 10 characters, not one repeated character, not the e-mail address."},
      {"hash_not_allowed", "Znak # nie jest tu dozwolony (plik konfiguracyjny traktuje go jako komentarz).",
       "The # character is not allowed here (the config file treats it as a comment)."},
      {"password_mismatch", "Hasła się różnią.", "The passwords differ."},
      {"nip_invalid", "NIP to 10 cyfr (myślniki i spacje są dozwolone).",
       "A NIP is 10 digits (dashes and spaces allowed)."},
      {"nip_checksum_invalid", "Błędna cyfra kontrolna NIP — sprawdź, czy nie ma literówki.",
       "The NIP check digit is wrong — look for a typo."},
      {"logo_not_image", "Logo musi być plikiem PNG lub JPEG.", "The logo must be a PNG or JPEG file."},
      {"upload_too_large", "Plik jest za duży.", "The file is too large."},
      {"totp_invalid", "Kod się nie zgadza. Sprawdź godzinę w telefonie i wpisz bieżący kod.",
       "The code does not match. Check the phone's clock and enter the current code."},
      {"dns_name_invalid", "Podaj nazwę w rodzaju portal.osiedle.lan (litery, cyfry, myślniki, kropki).",
       "Enter a name like portal.osiedle.lan (letters, digits, hyphens, dots)."},
      {"mode_invalid", "Wybierz jedną z opcji.", "Choose one of the options."},
      {"certificate_failed", "Nie udało się utworzyć certyfikatu.", "The certificate could not be created."},
      {"certbot_failed", "Let's Encrypt nie wydał certyfikatu. Komunikat certbota:",
       "Let's Encrypt did not issue a certificate. certbot said:"},
      {"port_invalid", "Port to liczba od 1 do 65535.", "A port is a number from 1 to 65535."},
      {"host_invalid", "Podaj nazwę serwera, np. smtp.example.pl.", "Enter a server name, e.g. smtp.example.pl."},
      {"smtp_failed", "Wysyłka nie powiodła się:", "Sending failed:"},
      {"csv_binary", "To nie jest plik CSV.", "This is not a CSV file."},
      {"csv_empty", "Plik jest pusty.", "The file is empty."},
      {"csv_quote_unterminated", "Niezamknięty cudzysłów w pliku.", "Unterminated quote in the file."},
      {"csv_too_many_rows", "Za dużo wierszy.", "Too many rows."},
      {"csv_header_missing", "Brak wymaganej kolumny w nagłówku:", "A required header column is missing:"},
      {"csv_missing", "Wybierz plik CSV.", "Choose a CSV file."},
      {"kw_format_invalid", "Zły format numeru KW.", "Bad land-register number format."},
      {"kw_checksum_invalid", "Błędna cyfra kontrolna numeru KW.", "Bad land-register check digit."},
      {"area_invalid", "Zła powierzchnia.", "Bad area."},
      {"flat_number_missing", "Brak numeru lokalu.", "Flat number missing."},
      {"building_missing", "Brak budynku.", "Building missing."},
      {"csv_column_count", "Zła liczba kolumn.", "Wrong number of columns."},
      {"proof_invalid", "Wybierz jedną z opcji.", "Choose one of the options."},
      {"state_write_failed", "Nie udało się zapisać postępu na dysku:", "Could not save progress to disk:"},
      {"internal", "Błąd wewnętrzny:", "Internal error:"},
      {"steps_incomplete", "Nie wszystkie kroki są zakończone. Krok:", "Not every step is complete. Step:"},
      {"already_configured", "Urządzenie jest już skonfigurowane:", "The box is already configured:"},
      {"config_dir_unwritable", "Nie można zapisać pliku konfiguracji:", "The config file cannot be written:"},
      {"data_dir_not_empty", "Katalog danych zawiera już bazę:", "The data directory already holds a store:"},
      {"apply_failed", "Nie udało się:", "Failed:"},
      {"certificate_write_failed", "Nie można zapisać certyfikatu:", "The certificate cannot be written:"},
      {"config_value_invalid", "Niedozwolony znak w ustawieniu:", "A character not allowed in the setting:"},
  };
  for (const Text& t : kTexts)
    if (code == t.code) return Tr(s, t.pl, t.en) + (detail.empty() ? "" : " " + detail);
  return code + (detail.empty() ? "" : ": " + detail);
}

namespace {

std::string Get(const Form& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : it->second;
}

// Trimmed, valid UTF-8 without control characters, at most `max` bytes; empty allowed unless required.
bool Text(const State& s, const Form& f, const char* key, size_t max, bool required, std::string* out,
          FieldErrors* errors) {
  std::string v = Get(f, key);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n')) v.pop_back();
  size_t b = v.find_first_not_of(" \t\r\n");
  v = b == std::string::npos ? "" : v.substr(b);
  const char* code = nullptr;
  if (required && v.empty())
    code = "field_required";
  else if (v.size() > max)
    code = "field_too_long";
  else if (!utf8::IsValid(v))
    code = "field_invalid";
  for (unsigned char c : v)
    if (!code && (c < 0x20 || c == 0x7f)) code = "field_invalid";
  if (!code && v.find('#') != std::string::npos) code = "hash_not_allowed";
  if (code) {
    (*errors)[key] = ErrorText(s, code);
    return false;
  }
  *out = v;
  return true;
}

std::string Sniff(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof head);
  std::string h(head, static_cast<size_t>(in.gcount()));
  if (h.size() == 8 && h == std::string("\x89PNG\r\n\x1a\n", 8)) return "png";
  if (h.size() >= 3 && h.compare(0, 3, "\xFF\xD8\xFF") == 0) return "jpg";
  return "";
}

}  // namespace

FieldErrors SaveLanguage(const Form& f, State& s) {
  std::string lang = Get(f, "lang");
  if (lang != "pl" && lang != "en") return {{"lang", ErrorText(s, "mode_invalid")}};
  s.language.lang = lang;
  s.language.done = true;
  return {};
}

FieldErrors SaveCooperative(const Form& f, const std::string& logo_upload, const Options& o, State& s) {
  FieldErrors e;
  State::Cooperative c = s.cooperative;
  Text(s, f, "name", 200, true, &c.name, &e);
  Text(s, f, "address", 300, true, &c.address, &e);
  std::string nip_typed;
  if (Text(s, f, "nip", 40, true, &nip_typed, &e)) {
    auto nip = NormalizeNip(nip_typed);
    if (!nip)
      e["nip"] = ErrorText(s, "nip_invalid");
    else if (!NipChecksumValid(*nip))
      e["nip"] = ErrorText(s, "nip_checksum_invalid");
    else
      c.nip = *nip;
  }
  auto phone = identity::NormalizePhone(Get(f, "phone"));
  if (!phone.ok())
    e["phone"] = ErrorText(s, phone.error().code);
  else
    c.phone = *phone;
  auto email = identity::NormalizeEmail(Get(f, "email"));
  if (!email.ok())
    e["email"] = ErrorText(s, email.error().code);
  else
    c.email = *email;
  std::string kind;
  if (!logo_upload.empty()) {
    std::error_code ec;
    if (fs::file_size(logo_upload, ec) > kMaxLogoBytes)
      e["logo"] = ErrorText(s, "upload_too_large");
    else if ((kind = Sniff(logo_upload)).empty())
      e["logo"] = ErrorText(s, "logo_not_image");
  }
  if (!e.empty()) return e;
  std::error_code ec;
  if (!kind.empty()) {
    if (!c.logo_file.empty()) fs::remove(o.state_dir + "/" + c.logo_file, ec);
    c.logo_file = "logo." + kind;
    fs::rename(logo_upload, o.state_dir + "/" + c.logo_file, ec);
    if (ec) return {{"logo", ErrorText(s, "state_write_failed", ec.message())}};
  } else if (Get(f, "remove_logo") == "1" && !c.logo_file.empty()) {
    fs::remove(o.state_dir + "/" + c.logo_file, ec);
    c.logo_file.clear();
  }
  c.done = true;
  s.cooperative = c;
  return {};
}

FieldErrors SaveAdmin(const Form& f, State& s) {
  FieldErrors e;
  State::Admin a;
  auto first = identity::NormalizeName(Get(f, "first_name"), "first_name");
  if (!first.ok())
    e["first_name"] = ErrorText(s, first.error().code);
  else
    a.first_name = *first;
  auto last = identity::NormalizeName(Get(f, "last_name"), "last_name");
  if (!last.ok())
    e["last_name"] = ErrorText(s, last.error().code);
  else
    a.last_name = *last;
  auto email = identity::NormalizeEmail(Get(f, "email"));
  if (!email.ok())
    e["email"] = ErrorText(s, email.error().code);
  else
    a.email = *email;
  std::string password = Get(f, "password");
  auto strong = identity::CheckPassword(password, email.ok() ? *email : "");
  if (!strong.ok())
    e["password"] = ErrorText(s, strong.error().code);
  else if (password != Get(f, "password2"))
    e["password2"] = ErrorText(s, "password_mismatch");
  if (!e.empty()) return e;
  a.password_hash = crypto::HashPassword(password);
  if (a.password_hash.empty()) return {{"", ErrorText(s, "internal", "argon2id")}};
  a.totp_secret = crypto::Base32Encode(crypto::RandomBytes(20));
  a.done = false;
  s.admin = a;
  s.applied = {};
  return {};
}

FieldErrors ConfirmTotp(const Form& f, int64_t now, State& s) {
  if (s.admin.totp_secret.empty()) return {{"", ErrorText(s, "field_required")}};
  auto secret = crypto::Base32Decode(s.admin.totp_secret);
  std::string code;
  for (char c : Get(f, "code"))
    if (c != ' ') code += c;
  if (!secret.ok() || code.size() != 6 || !crypto::VerifyTotp(*secret, code, now))
    return {{"code", ErrorText(s, "totp_invalid")}};
  s.admin.done = true;
  return {};
}

namespace {

// Reads and checks the mail form into *m (the stored password is kept when none is typed).
FieldErrors ParseMail(const Form& f, const State& s, State::Mail* m) {
  FieldErrors e;
  *m = s.mail;
  Text(s, f, "host", 253, true, &m->host, &e);
  for (char c : m->host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'))
      e["host"] = ErrorText(s, "host_invalid");
  std::string port = Get(f, "port");
  try {
    size_t used = 0;
    int p = port.empty() ? 0 : std::stoi(port, &used);
    if (used != port.size() || p < 1 || p > 65535) throw std::out_of_range("port");
    m->port = p;
  } catch (const std::exception&) {
    e["port"] = ErrorText(s, "port_invalid");
  }
  m->security = Get(f, "security");
  if (m->security != "starttls" && m->security != "ssl" && m->security != "none")
    e["security"] = ErrorText(s, "mode_invalid");
  Text(s, f, "user", 254, false, &m->user, &e);
  std::string password = Get(f, "password");
  if (password.size() > 1024)
    e["password"] = ErrorText(s, "field_too_long");
  else if (password.find_first_of("#\r\n") != std::string::npos)
    e["password"] = ErrorText(s, "hash_not_allowed");
  else if (!password.empty() || m->host != s.mail.host)
    m->password = password;
  auto from = identity::NormalizeEmail(Get(f, "from"));
  if (!from.ok())
    e["from"] = ErrorText(s, from.error().code);
  else
    m->from = *from;
  return e;
}

outbox::SmtpConfig SmtpConfigOf(const SmtpSettings& st) {
  outbox::SmtpConfig c;
  c.url = st.url;
  c.username = st.user;
  c.password = st.password;
  c.from = st.from;
  c.starttls = st.starttls;
  c.timeout_seconds = 20;
  return c;
}

}  // namespace

SmtpSettings SmtpOf(const State& s) {
  SmtpSettings st;
  if (s.mail.skipped || s.mail.host.empty()) return st;
  const State::Mail& m = s.mail;
  st.url = (m.security == "ssl" ? "smtps://" : "smtp://") + m.host + ":" + std::to_string(m.port);
  st.starttls = m.security == "starttls";
  st.user = m.user;
  st.password = m.password;
  std::string name;
  for (char c : s.cooperative.name.empty() ? std::string("Osiedle") : s.cooperative.name)
    if (c != '<' && c != '>' && c != '"' && c != '\\') name += c;
  st.from = name + " <" + m.from + ">";
  return st;
}

FieldErrors SaveMail(const Form& f, State& s) {
  State::Mail m;
  FieldErrors e = ParseMail(f, s, &m);
  if (!e.empty()) return e;
  m.skipped = false;
  m.done = true;
  s.mail = m;
  return {};
}

FieldErrors SendTestMail(const Form& f, int64_t now, State& s) {
  State::Mail m;
  FieldErrors e = ParseMail(f, s, &m);
  auto to = identity::NormalizeEmail(Get(f, "test_to"));
  if (!to.ok()) e["test_to"] = ErrorText(s, to.error().code);
  if (!e.empty()) return e;
  State probe = s;
  probe.mail = m;
  probe.mail.skipped = false;
  outbox::Mail mail{*to, Tr(s, "Osiedle: wiadomość testowa", "Osiedle: test message"),
                    Tr(s, "Serwer poczty działa. Tak portal będzie wysyłał wiadomości do mieszkańców.\n",
                       "The mail server works. This is how the portal will mail residents.\n")};
  auto sent = outbox::SendSmtp(SmtpConfigOf(SmtpOf(probe)), mail, now);
  if (!sent.ok()) return {{"test_to", ErrorText(s, "smtp_failed", sent.error().detail)}};
  return {};
}

void SkipMail(State& s) {
  s.mail.skipped = true;
  s.mail.done = true;
}

FieldErrors SaveRegistration(const Form& f, State& s) {
  std::string proof = Get(f, "proof");
  if (proof != "kw" && proof != "member-number" && proof != "letter-code")
    return {{"proof", ErrorText(s, "proof_invalid")}};
  s.registration.proof = proof;
  s.registration.auto_approve = Get(f, "auto_approve") == "1";
  s.registration.print_letters = Get(f, "print_letters") == "1";
  s.registration.done = true;
  return {};
}

}  // namespace osiedle::setup
