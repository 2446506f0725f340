// The seven step pages (the summary is in pages.cpp).
#include "daemon/core/crypto.hpp"
#include "daemon/core/qr.hpp"
#include "setup-wizard/pages.hpp"
#include "setup-wizard/pages_util.hpp"

namespace osiedle::setup {
using namespace html;

Form ValuesOf(const State& s, int step) {
  switch (step) {
    case 1:
      return {{"lang", s.language.lang}};
    case 2: {
      const auto& c = s.cooperative;
      return {{"name", c.name}, {"nip", c.nip}, {"address", c.address}, {"phone", c.phone}, {"email", c.email}};
    }
    case 3:
      return {{"first_name", s.admin.first_name}, {"last_name", s.admin.last_name}, {"email", s.admin.email}};
    case 4:
      return {{"mode", s.tls.mode.empty() ? "lan" : s.tls.mode}, {"name", s.tls.name}};
    case 5: {
      const auto& m = s.mail;
      return {{"host", m.host},
              {"port", std::to_string(m.port)},
              {"security", m.security},
              {"user", m.user},
              {"from", m.from.empty() ? s.cooperative.email : m.from},
              {"test_to", s.admin.email}};
    }
    case 7: {
      const auto& r = s.registration;
      return {{"proof", r.proof},
              {"auto_approve", r.auto_approve ? "1" : ""},
              {"print_letters", r.print_letters ? "1" : ""}};
    }
    default:
      return {};
  }
}

namespace {

std::string Next(const View& v, int step) {
  if (!v.state.StepDone(step)) return "";
  return "<p class=\"next\"><a class=\"button secondary\" href=\"/step/" + std::to_string(step + 1) + "\">" +
         Tr(v.state, "Dalej bez zmian →", "Continue unchanged →") + "</a></p>";
}

std::string Language(const View& v) {
  return FormOpen(v, "/step/1") + "<fieldset><legend>Język kreatora / Wizard language</legend>" +
         Radio(v, "lang", "pl", "Polski") + Radio(v, "lang", "en", "English") + FieldError(v, "lang") + "</fieldset>" +
         Button(Tr(v.state, "Dalej", "Continue")) + "</form>";
}

std::string Cooperative(const View& v) {
  const State& s = v.state;
  std::string logo = s.cooperative.logo_file.empty()
                         ? ""
                         : "<p><img class=\"logo\" alt=\"logo\" src=\"/logo\"></p>" +
                               Checkbox(v, "remove_logo", Tr(s, "Usuń logo", "Remove the logo"));
  return FormOpen(v, "/step/2", true) + Input(v, "name", Tr(s, "Nazwa spółdzielni", "Cooperative's name")) +
         Input(v, "nip", "NIP", "text", Tr(s, "10 cyfr, np. 123-456-32-18", "10 digits, e.g. 123-456-32-18")) +
         Input(v, "address", Tr(s, "Adres biura", "Office address")) +
         Input(v, "phone", Tr(s, "Telefon biura", "Office phone"), "tel") +
         Input(v, "email", Tr(s, "E-mail biura", "Office e-mail"), "email") + logo +
         Input(v, "logo",
               Tr(s, "Logo (PNG lub JPEG, do 2 MB, opcjonalnie)", "Logo (PNG or JPEG, up to 2 MB, optional)"), "file") +
         Button(Tr(s, "Zapisz i dalej", "Save and continue")) + "</form>";
}

std::string Admin(const View& v) {
  const State& s = v.state;
  bool enrolling = !s.admin.totp_secret.empty() && !s.admin.done && v.values.count("edit") == 0 &&
                   !v.errors.count("password") && !v.errors.count("email");
  if (enrolling) {
    std::string uri = crypto::TotpUri("Osiedle", s.admin.email, s.admin.totp_secret);
    std::string grouped;
    for (size_t i = 0; i < s.admin.totp_secret.size(); ++i)
      grouped += (i && i % 4 == 0 ? " " : "") + std::string(1, s.admin.totp_secret[i]);
    return "<p>" +
           Tr(s,
              "Zeskanuj kod aplikacją uwierzytelniającą (np. Google Authenticator, Aegis, FreeOTP) "
              "i wpisz 6-cyfrowy kod, który pokaże.",
              "Scan the code with an authenticator app (e.g. Google Authenticator, Aegis, FreeOTP) and enter the "
              "6-digit code it shows.") +
           "</p><img class=\"qr\" alt=\"QR\" src=\"" + Escape(qr::SvgDataUri(uri)) + "\"><p>" +
           Tr(s, "Albo wpisz klucz ręcznie:", "Or type the key by hand:") +
           "</p><pre class=\"key\" id=\"totp-secret\">" + Escape(grouped) + "</pre>" + FormOpen(v, "/step/3/totp") +
           Input(v, "code", Tr(s, "Kod z aplikacji", "Code from the app"), "text") +
           Button(Tr(s, "Potwierdź", "Confirm")) + "</form><p><a href=\"/step/3?edit=1\">" +
           Tr(s, "← Zmień dane administratora", "← Change the administrator's details") + "</a></p>";
  }
  return "<p>" +
         Tr(s, "Pierwsze konto administratora portalu. Logowanie wymaga hasła i kodu z aplikacji w telefonie.",
            "The portal's first administrator account. Signing in needs the password and a code from a phone app.") +
         "</p>" + FormOpen(v, "/step/3") + Input(v, "first_name", Tr(s, "Imię", "First name")) +
         Input(v, "last_name", Tr(s, "Nazwisko", "Last name")) + Input(v, "email", "E-mail", "email") +
         Input(v, "password", Tr(s, "Hasło", "Password"), "password",
               Tr(s, "Co najmniej 10 znaków.", "At least 10 characters.")) +
         Input(v, "password2", Tr(s, "Powtórz hasło", "Repeat the password"), "password") +
         Button(Tr(s, "Dalej", "Continue")) + "</form>" + Next(v, 3);
}

std::string Tls(const View& v) {
  const State& s = v.state;
  std::string done;
  if (s.tls.done)
    done = "<p class=\"notice\">" + Tr(s, "Certyfikat dla ", "Certificate for ") + Escape(s.tls.name) + " (" +
           (s.tls.mode == "lan" ? Tr(s, "własny", "self-signed") : "Let's Encrypt") + ")<br>" +
           Tr(s, "Odcisk SHA-256: ", "SHA-256 fingerprint: ") + "<code id=\"fingerprint\">" +
           Escape(s.tls.fingerprint) + "</code></p>";
  return done + "<p>" +
         Tr(s,
            "Powiadomienia push i instalowanie portalu jako aplikacji w telefonie działają tylko z zaufanym "
            "certyfikatem, czyli z domeną publiczną. W sieci lokalnej portal działa w przeglądarce, która przy "
            "pierwszym wejściu pokaże ostrzeżenie — porównaj wtedy odcisk certyfikatu.",
            "Push notifications and installing the portal as an app on a phone need a trusted certificate, that is "
            "a public domain. On a LAN the portal works in the browser, which warns on the first visit — compare "
            "the certificate's fingerprint then.") +
         "</p>" + FormOpen(v, "/step/4") + "<fieldset><legend>" +
         Tr(s, "Jak mieszkańcy otworzą portal?", "How will residents reach the portal?") + "</legend>" +
         Radio(v, "mode", "lan", Tr(s, "Sieć lokalna", "Local network"),
               Tr(s, "Nazwa w sieci osiedla, np. portal.osiedle.lan; certyfikat tworzony na miejscu.",
                  "A name on the estate's network, e.g. portal.osiedle.lan; certificate made here.")) +
         Radio(v, "mode", "public", Tr(s, "Domena publiczna", "Public domain"),
               Tr(s,
                  "Np. portal.spoldzielnia.pl wskazująca na to urządzenie (port 80 otwarty); certyfikat "
                  "Let's Encrypt.",
                  "E.g. portal.cooperative.pl pointing at this box (port 80 open); a Let's Encrypt certificate.")) +
         FieldError(v, "mode") + "</fieldset>" +
         Input(v, "name", Tr(s, "Nazwa (adres) portalu", "Portal's name (address)")) +
         Button(Tr(s, "Utwórz certyfikat", "Create the certificate")) + "</form>" + Next(v, 4);
}

std::string Mail(const View& v) {
  const State& s = v.state;
  return "<p>" +
         Tr(s,
            "Serwer, przez który portal wysyła wiadomości (rejestracje, hasła). Możesz to pominąć — wiadomości "
            "poczekają w kolejce, aż serwer zostanie ustawiony.",
            "The server the portal sends mail through (registrations, passwords). You may skip this — messages "
            "wait in the queue until a server is set.") +
         "</p>" + Messages(v) + FormOpen(v, "/step/5") + Input(v, "host", Tr(s, "Serwer SMTP", "SMTP server")) +
         Input(v, "port", "Port", "number") + "<fieldset><legend>" + Tr(s, "Szyfrowanie", "Encryption") + "</legend>" +
         Radio(v, "security", "starttls", "STARTTLS", Tr(s, "zwykle port 587", "usually port 587")) +
         Radio(v, "security", "ssl", "SSL/TLS", Tr(s, "zwykle port 465", "usually port 465")) +
         Radio(v, "security", "none", Tr(s, "brak", "none")) + FieldError(v, "security") + "</fieldset>" +
         Input(v, "user", Tr(s, "Login", "Login")) +
         Input(v, "password", Tr(s, "Hasło", "Password"), "password",
               s.mail.password.empty() ? "" : Tr(s, "Puste = bez zmian.", "Empty = unchanged.")) +
         Input(v, "from", Tr(s, "Adres nadawcy", "Sender address"), "email") +
         Input(v, "test_to", Tr(s, "Wiadomość testowa do", "Test message to"), "email") + "<div class=\"buttons\">" +
         Button(Tr(s, "Wyślij wiadomość testową", "Send a test message"), "action", "test", true) +
         Button(Tr(s, "Zapisz i dalej", "Save and continue"), "action", "save") +
         Button(Tr(s, "Pomiń", "Skip"), "action", "skip", true) + "</div></form>";
}

std::string Flats(const View& v) {
  const State& s = v.state;
  std::string out = "<p>" +
                    Tr(s,
                       "Plik CSV z systemu księgowego: kolumny budynek, lokal, a także klatka, powierzchnia, kw, "
                       "nr_czlonkowski (separator ; lub ,).",
                       "A CSV file from the accounting system: columns building, flat, optionally staircase, area_m2, "
                       "kw_number, member_number (separator ; or ,).") +
                    "</p>" + Messages(v);
  if (s.flats.have_csv) {
    const auto& f = s.flats;
    out += "<div class=\"preview\"><p>" + Tr(s, "Nowe lokale: ", "New flats: ") + "<strong id=\"imported\">" +
           std::to_string(f.imported) + "</strong> · " + Tr(s, "zmienione: ", "changed: ") + std::to_string(f.updated) +
           " · " + Tr(s, "bez zmian: ", "unchanged: ") + std::to_string(f.unchanged) + " · " +
           Tr(s, "błędne wiersze: ", "rejected lines: ") + "<strong id=\"errors\">" + std::to_string(f.errors) +
           "</strong></p>";
    if (!f.lines.empty()) {
      out += "<table class=\"lines\"><tr><th>" + Tr(s, "Wiersz", "Line") + "</th><th>" + Tr(s, "Błąd", "Error") +
             "</th></tr>";
      for (const auto& l : f.lines)
        out += "<tr><td>" + std::to_string(l.line) + "</td><td>" + Escape(ErrorText(s, l.code)) +
               (l.field.empty() ? "" : " (" + Escape(l.field) + ")") + "</td></tr>";
      out += "</table><p>" +
             Tr(s, "Błędne wiersze zostaną pominięte. Możesz poprawić plik i wgrać go ponownie.",
                "Rejected lines will be skipped. You may fix the file and upload it again.") +
             "</p>";
    }
    out += FormOpen(v, "/step/6") + Button(Tr(s, "Zatwierdź i dalej", "Confirm and continue"), "action", "confirm") +
           "</form></div>";
  }
  out += FormOpen(v, "/step/6", true) + Input(v, "csv", Tr(s, "Plik CSV (do 8 MB)", "CSV file (up to 8 MB)"), "file") +
         Button(Tr(s, "Wgraj i sprawdź", "Upload and check"), "action", "upload", s.flats.have_csv) + "</form>";
  return out;
}

std::string Registration(const View& v) {
  const State& s = v.state;
  return FormOpen(v, "/step/7") + "<fieldset><legend>" +
         Tr(s, "Czym mieszkaniec potwierdza, że jest właścicielem?", "How does a resident prove ownership?") +
         "</legend>" +
         Radio(v, "proof", "letter-code", Tr(s, "Kod z listu", "Code from a letter"),
               Tr(s,
                  "Każdy lokal dostaje list z jednorazowym kodem i kodem QR; kto go wpisze, jest od razu "
                  "zweryfikowany.",
                  "Every flat gets a letter with a one-time code and a QR code; whoever enters it is verified at "
                  "once.")) +
         Radio(v, "proof", "kw", Tr(s, "Numer księgi wieczystej", "Land-register (KW) number")) +
         Radio(v, "proof", "member-number", Tr(s, "Numer członkowski", "Member number")) + FieldError(v, "proof") +
         "</fieldset>" +
         Checkbox(
             v, "auto_approve",
             Tr(s, "Zatwierdzaj automatycznie, gdy numer zgadza się z rejestrem",
                "Approve automatically when the number matches the register"),
             Tr(s, "Inaczej każdą rejestrację zatwierdza pracownik.", "Otherwise staff approve each registration.")) +
         Checkbox(v, "print_letters",
                  Tr(s, "Przygotuj listy rejestracyjne dla wszystkich lokali",
                     "Prepare registration letters for every flat"),
                  Tr(s, "PDF do wydruku i CSV do korespondencji seryjnej, do pobrania na końcu.",
                     "A PDF to print and a CSV for mail merge, to download at the end.")) +
         Button(Tr(s, "Zapisz i dalej", "Save and continue")) + "</form>";
}

}  // namespace

std::string StepPage(int step, const View& v) {
  const State& s = v.state;
  struct Step {
    const char *pl, *en;
    std::string (*render)(const View&);
  };
  static const Step kSteps[] = {
      {"Język", "Language", Language},
      {"Spółdzielnia", "Cooperative", Cooperative},
      {"Administrator", "Administrator", Admin},
      {"Adres i certyfikat", "Address and certificate", Tls},
      {"Poczta wychodząca", "Outgoing mail", Mail},
      {"Rejestr lokali", "Flats register", Flats},
      {"Rejestracja mieszkańców", "Resident registration", Registration},
  };
  if (step < 1 || step > 7) return MessagePage(s, "404", "");
  const Step& st = kSteps[step - 1];
  std::string body = (step == 5 || step == 6 ? "" : Messages(v)) + st.render(v);
  return Layout(s, Tr(s, st.pl, st.en), step, body);
}

}  // namespace osiedle::setup
