#include "setup-wizard/pages.hpp"

#include "daemon/core/qr.hpp"
#include "setup-wizard/apply.hpp"
#include "setup-wizard/pages_util.hpp"

namespace osiedle::setup {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace html {

std::string Layout(const State& s, std::string_view title, int step, const std::string& body) {
  std::string out = "<!doctype html>\n<html lang=\"" + Escape(s.language.lang) +
                    "\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>" +
                    Escape(title) +
                    " — Osiedle</title><link rel=\"stylesheet\" href=\"/setup.css\">"
                    "</head><body><main><header><p class=\"brand\">Osiedle · " +
                    Tr(s, "konfiguracja", "setup") + "</p>";
  if (step > 0) {
    out += "<p class=\"progress\">" + Tr(s, "Krok ", "Step ") + std::to_string(step) + Tr(s, " z ", " of ") +
           std::to_string(kStepCount) + "</p><progress max=\"" + std::to_string(kStepCount) + "\" value=\"" +
           std::to_string(step) + "\"></progress><nav class=\"steps\">";
    for (int i = 1; i <= kStepCount; ++i) {
      bool reachable = i <= s.FirstOpenStep() && !s.applied.done;
      std::string cls = i == step ? "current" : s.StepDone(i) ? "done" : "";
      if (reachable && i != step)
        out += "<a class=\"" + cls + "\" href=\"/step/" + std::to_string(i) + "\">" + std::to_string(i) + "</a>";
      else
        out += "<span class=\"" + cls + "\">" + std::to_string(i) + "</span>";
    }
    out += "</nav>";
  }
  out += "<h1>" + Escape(title) + "</h1></header>" + body + "</main></body></html>\n";
  return out;
}

std::string FormOpen(const View& v, std::string_view action, bool multipart) {
  return "<form method=\"post\" action=\"" + Escape(action) + "\"" +
         (multipart ? " enctype=\"multipart/form-data\"" : "") + "><input type=\"hidden\" name=\"csrf\" value=\"" +
         Escape(v.csrf) + "\">";
}

std::string FieldError(const View& v, const std::string& name) {
  auto it = v.errors.find(name);
  if (it == v.errors.end()) return "";
  return "<p class=\"error\" id=\"" + Escape(name) + "-error\">" + Escape(it->second) + "</p>";
}

std::string Input(const View& v, const std::string& name, const std::string& label, const std::string& type,
                  const std::string& hint) {
  auto it = v.values.find(name);
  std::string value = it == v.values.end() || type == "password" || type == "file" ? "" : it->second;
  bool bad = v.errors.count(name) > 0;
  std::string out = "<div class=\"field" + std::string(bad ? " invalid" : "") + "\"><label for=\"" + Escape(name) +
                    "\">" + Escape(label) + "</label>";
  if (!hint.empty()) out += "<p class=\"hint\">" + Escape(hint) + "</p>";
  out += "<input id=\"" + Escape(name) + "\" name=\"" + Escape(name) + "\" type=\"" + Escape(type) + "\"";
  if (type != "file") out += " value=\"" + Escape(value) + "\"";
  if (type == "password") out += " autocomplete=\"new-password\"";
  if (bad) out += " aria-invalid=\"true\" aria-describedby=\"" + Escape(name) + "-error\"";
  out += ">" + FieldError(v, name) + "</div>";
  return out;
}

std::string Radio(const View& v, const std::string& name, const std::string& value, const std::string& label,
                  const std::string& hint) {
  auto it = v.values.find(name);
  bool checked = it != v.values.end() && it->second == value;
  return "<label class=\"choice\"><input type=\"radio\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\"" +
         (checked ? " checked" : "") + "><span><strong>" + Escape(label) + "</strong>" +
         (hint.empty() ? "" : "<br><small>" + Escape(hint) + "</small>") + "</span></label>";
}

std::string Checkbox(const View& v, const std::string& name, const std::string& label, const std::string& hint) {
  auto it = v.values.find(name);
  bool checked = it != v.values.end() && it->second == "1";
  return "<label class=\"choice\"><input type=\"checkbox\" name=\"" + Escape(name) + "\" value=\"1\"" +
         (checked ? " checked" : "") + "><span><strong>" + Escape(label) + "</strong>" +
         (hint.empty() ? "" : "<br><small>" + Escape(hint) + "</small>") + "</span></label>";
}

std::string Messages(const View& v) {
  std::string out;
  if (!v.notice.empty()) out += "<p class=\"notice\" role=\"status\">" + Escape(v.notice) + "</p>";
  auto it = v.errors.find("");
  if (it != v.errors.end())
    out += "<p class=\"error banner\" role=\"alert\">" + Escape(it->second) + "</p>";
  else if (!v.errors.empty())
    out += "<p class=\"error banner\" role=\"alert\">" +
           Tr(v.state, "Popraw zaznaczone pola.", "Please correct the marked fields.") + "</p>";
  return out;
}

std::string Button(const std::string& label, const std::string& name, const std::string& value, bool secondary) {
  std::string out = "<button type=\"submit\"";
  if (!name.empty()) out += " name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\"";
  if (secondary) out += " class=\"secondary\"";
  return out + ">" + Escape(label) + "</button>";
}

}  // namespace html

using namespace html;

std::string CodePage(const std::string& error) {
  State pl;
  View v{pl, "", {}, {}, ""};
  if (!error.empty()) v.errors["code"] = error;
  std::string body =
      "<p>Wpisz kod konfiguracji. Jest wyświetlony na ekranie podłączonym do urządzenia i w dzienniku systemowym "
      "(<code>journalctl -u osiedle-setup</code>).</p><p lang=\"en\"><small>Enter the setup code shown on the "
      "box's screen and in its journal.</small></p>"
      "<form method=\"post\" action=\"/code\">" +
      Input(v, "code", "Kod konfiguracji / setup code", "text", "XXXX-XXXX-XXXX") + Button("Dalej / Continue") +
      "</form>";
  return Layout(pl, "Kod konfiguracji", 0, body);
}

std::string StartPage(const View& v) {
  const State& s = v.state;
  std::string body = Messages(v) + FormOpen(v, "/start") +
                     Radio(v, "mode", "new", Tr(s, "Nowa instalacja", "New installation"),
                           Tr(s, "Skonfiguruj portal krok po kroku (ok. 10 minut).",
                              "Set up the portal step by step (about 10 minutes).")) +
                     Radio(v, "mode", "restore", Tr(s, "Przywróć z kopii zapasowej", "Restore from a backup"),
                           Tr(s, "Masz plik .osbak i klucz z zestawu awaryjnego.",
                              "You have an .osbak file and the key from the emergency kit.")) +
                     FieldError(v, "mode") + Button(Tr(s, "Dalej", "Continue")) + "</form>";
  return Layout(s, Tr(s, "Witaj", "Welcome"), 0, body);
}

namespace {

// The step 7 choice as the installer saw it there, not the config value.
std::string ProofLabel(const State& s) {
  const std::string& p = s.registration.proof;
  std::string label = p == "letter-code" ? Tr(s, "Kod z listu", "Code from a letter")
                      : p == "kw"        ? Tr(s, "Numer księgi wieczystej", "Land-register (KW) number")
                                         : Tr(s, "Numer członkowski", "Member number");
  if (p != "letter-code")
    label += s.registration.auto_approve ? Tr(s, ", zatwierdzanie automatyczne", ", approved automatically")
                                         : Tr(s, ", zatwierdza pracownik", ", approved by staff");
  return label;
}

}  // namespace

std::string SummaryPage(const View& v, const Options& o, const std::string& apply_error) {
  const State& s = v.state;
  auto row = [](const std::string& k, const std::string& val) {
    return "<tr><th>" + Escape(k) + "</th><td>" + Escape(val) + "</td></tr>";
  };
  std::string body = Messages(v);
  if (!apply_error.empty())
    body += "<div class=\"error banner\" role=\"alert\"><p>" +
            Tr(s, "Nie udało się zastosować konfiguracji. Nic nie zostało zmienione.",
               "The configuration could not be applied. Nothing was changed.") +
            "</p><p><code>" + Escape(apply_error) + "</code></p></div>";
  body += "<table class=\"summary\">" + row(Tr(s, "Spółdzielnia", "Cooperative"), s.cooperative.name) +
          row("NIP", s.cooperative.nip) + row(Tr(s, "Adres", "Address"), s.cooperative.address) +
          row(Tr(s, "Administrator", "Administrator"),
              s.admin.first_name + " " + s.admin.last_name + " <" + s.admin.email + ">") +
          row(Tr(s, "Adres portalu", "Portal address"), PublicUrl(s)) +
          row(Tr(s, "Certyfikat", "Certificate"),
              s.tls.mode == "lan" ? Tr(s, "własny (sieć lokalna)", "self-signed (LAN)") : "Let's Encrypt") +
          row(Tr(s, "Poczta", "Mail"), s.mail.skipped ? Tr(s, "pominięta", "skipped") : s.mail.host) +
          row(Tr(s, "Lokale", "Flats"), std::to_string(s.flats.imported + s.flats.updated + s.flats.unchanged)) +
          row(Tr(s, "Dowód własności", "Proof of ownership"), ProofLabel(s)) +
          row(Tr(s, "Listy rejestracyjne", "Registration letters"),
              s.registration.print_letters ? Tr(s, "tak", "yes") : Tr(s, "nie", "no")) +
          row(Tr(s, "Plik konfiguracji", "Config file"), o.config_out) + "</table>" + FormOpen(v, "/apply") +
          Button(apply_error.empty() ? Tr(s, "Zastosuj i uruchom", "Apply and start")
                                     : Tr(s, "Spróbuj ponownie", "Try again")) +
          "</form>";
  return Layout(s, Tr(s, "Podsumowanie", "Summary"), kStepCount, body);
}

std::string DonePage(const View& v, const std::string& key_text) {
  const State& s = v.state;
  const std::string& url = s.applied.public_url;
  std::string body = Messages(v) + "<p>" +
                     Tr(s, "Portal jest skonfigurowany. Jego adres:", "The portal is set up. Its address:") +
                     "</p><p class=\"url\"><strong>" + Escape(url) +
                     "</strong></p><img class=\"qr\" alt=\"QR\" src=\"" + Escape(qr::SvgDataUri(url)) + "\">";
  body += "<section class=\"kit\"><h2>" + Tr(s, "Zestaw awaryjny", "Emergency kit") + "</h2><p>" +
          Tr(s,
             "Wydrukuj tę stronę i przechowuj ją z dala od urządzenia (np. w sejfie biura). Bez tego klucza "
             "nie da się odtworzyć kopii zapasowej.",
             "Print this page and keep it away from the box (e.g. in the office safe). Without this key no backup "
             "can be restored.") +
          "</p><p><strong>" + Tr(s, "Klucz kopii zapasowych:", "Backup key:") + "</strong></p><pre class=\"key\">" +
          Escape(key_text) + "</pre><p>" + Tr(s, "Portal: ", "Portal: ") + Escape(url) + "<br>" +
          Tr(s, "Administrator: ", "Administrator: ") + Escape(s.admin.email) + "</p></section>";
  if (s.applied.letters)
    body += "<section><h2>" + Tr(s, "Listy rejestracyjne", "Registration letters") + "</h2><p>" +
            std::to_string(s.applied.letter_count) +
            Tr(s, " listów z jednorazowymi kodami. Pobierz je teraz — po zakończeniu zostaną usunięte.",
               " letters with one-time codes. Download them now — they are deleted when you finish.") +
            "</p><p><a class=\"button secondary\" href=\"/done/letters.pdf\">PDF</a> "
            "<a class=\"button secondary\" href=\"/done/letters.csv\">CSV</a></p></section>";
  body += FormOpen(v, "/finish") + Button(Tr(s, "Zakończ i uruchom portal", "Finish and start the portal")) + "</form>";
  return Layout(s, Tr(s, "Gotowe", "Done"), 0, body);
}

std::string FinishPage(const State& s, const std::string& url) {
  // No automatic refresh (WCAG 2.2.1, axe meta-refresh): the installer opens the portal when ready.
  std::string body = "<p>" +
                     Tr(s, "Portal uruchamia się teraz. Za kilkanaście sekund otwórz go pod adresem:",
                        "The portal is starting now. In a few seconds open it at:") +
                     "</p><p class=\"url\"><a id=\"portal\" href=\"" + Escape(url) + "\">" + Escape(url) + "</a></p>";
  if (s.tls.mode == "lan" && !s.tls.fingerprint.empty())
    body += "<p>" +
            Tr(s,
               "Przeglądarka ostrzeże, że nie zna certyfikatu. Zanim przejdziesz dalej, porównaj jego odcisk "
               "SHA-256 z tym:",
               "The browser will warn that it does not know the certificate. Before you go on, compare its "
               "SHA-256 fingerprint with this one:") +
            "</p><p><code id=\"fingerprint\">" + Escape(s.tls.fingerprint) + "</code></p>";
  return Layout(s, Tr(s, "Uruchamianie portalu", "Starting the portal"), 0, body);
}

std::string RestorePage(const View& v) {
  const State& s = v.state;
  std::string body =
      Messages(v) + "<p>" +
      Tr(s,
         "Wybierz plik kopii (.osbak) i wpisz klucz z zestawu awaryjnego. Kopia jest w całości "
         "sprawdzana, zanim cokolwiek zostanie zastąpione.",
         "Choose the backup file (.osbak) and type the key from the emergency kit. The whole backup "
         "is checked before anything is replaced.") +
      "</p>" + FormOpen(v, "/restore", true) +
      Input(v, "backup", Tr(s, "Plik kopii zapasowej", "Backup file"), "file") +
      Input(v, "key", Tr(s, "Klucz (64 znaki, spacje dowolne)", "Key (64 characters, spaces optional)")) +
      Button(Tr(s, "Przywróć", "Restore")) + "</form><p><a href=\"/start\">" + Tr(s, "← Wróć", "← Back") + "</a></p>";
  return Layout(s, Tr(s, "Przywracanie z kopii", "Restore from a backup"), 0, body);
}

std::string RestoredPage(const View& v) {
  const State& s = v.state;
  std::string body =
      Messages(v) + "<p>" +
      Tr(s, "Dane i konfiguracja zostały przywrócone z kopii.", "Data and configuration were restored.") + "</p>" +
      (s.restored.fingerprint.empty()
           ? std::string()
           : "<p>" +
                 Tr(s, "Certyfikat został na poprzednim urządzeniu, więc powstał nowy (samopodpisany). Jego odcisk "
                       "SHA-256 zobaczysz w ostrzeżeniu przeglądarki:",
                    "The certificate stayed on the previous box, so a new self-signed one was made. Its SHA-256 "
                    "fingerprint, as the browser's warning shows it:") +
                 "</p><p><code>" + Escape(s.restored.fingerprint) + "</code></p>") +
      FormOpen(v, "/finish") + Button(Tr(s, "Zakończ i uruchom portal", "Finish and start the portal")) + "</form>";
  return Layout(s, Tr(s, "Przywrócono", "Restored"), 0, body);
}

std::string MessagePage(const State& s, const std::string& title, const std::string& message) {
  return Layout(s, title, 0,
                "<p>" + Escape(message) + "</p><p><a href=\"/\">" + Tr(s, "Na początek", "To the start") + "</a></p>");
}

}  // namespace osiedle::setup
