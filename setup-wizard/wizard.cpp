#include "setup-wizard/wizard.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "daemon/app/backup.hpp"
#include "daemon/core/clock.hpp"
#include "daemon/core/crypto.hpp"
#include "setup-wizard/apply.hpp"
#include "setup-wizard/pages.hpp"
#include "setup-wizard/steps.hpp"

namespace osiedle::setup {
namespace fs = std::filesystem;

namespace {

constexpr char kAcmePrefix[] = "/.well-known/acme-challenge/";

bool IsToken(const std::string& t) {
  if (t.empty() || t.size() > 256) return false;
  for (char c : t)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

std::string FormValue(const Request& r, const std::string& key) {
  auto it = r.form.find(key);
  return it == r.form.end() ? "" : it->second;
}

std::string UploadPath(const Request& r, const std::string& key) {
  auto it = r.uploads.find(key);
  return it == r.uploads.end() ? "" : it->second.path;
}

// The public-url line of a written config ("" when there is none).
std::string PublicUrlIn(const std::string& config) {
  std::ifstream in(config);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("public-url", 0) != 0) continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string v = line.substr(eq + 1);
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.pop_back();
    return v;
  }
  return "";
}

}  // namespace

Wizard::Wizard(Options options, State state, std::string code)
    : o_(std::move(options)), s_(std::move(state)), gate_(std::move(code)) {}

uint64_t Wizard::UploadLimit(const std::string& path) {
  if (path == "/step/2") return kMaxLogoBytes;
  if (path == "/step/6") return kMaxCsvBytes;
  if (path == "/restore") return kMaxBackupBytes;
  return 0;
}

Reply Wizard::Page(int status, std::string html) const {
  return Reply{status, "text/html; charset=utf-8", std::move(html), {}, ""};
}

Reply Wizard::Redirect(const std::string& to) const {
  Reply r{303, "text/plain; charset=utf-8", "", {{"Location", to}}, ""};
  return r;
}

Reply Wizard::Message(int status, const std::string& pl, const std::string& en) const {
  std::string text = Tr(s_, pl, en);
  return Page(status, MessagePage(s_, std::to_string(status), text));
}

std::string Wizard::Home() const {
  if (s_.applied.done) return "/done";
  if (s_.restored.done) return "/restored";
  if (s_.mode == "restore") return "/restore";
  if (s_.mode != "new") return "/start";
  return "/step/" + std::to_string(std::min(s_.FirstOpenStep(), kStepCount));
}

Reply Wizard::Save(const std::string& next) {
  auto st = SaveState(o_.state_dir, s_);
  if (!st.ok()) return Page(500, MessagePage(s_, "500", ErrorText(s_, st.error().code, st.error().detail)));
  return Redirect(next);
}

// What needs no session: the stylesheet, ACME challenges (Let's Encrypt asks while certbot runs inside a
// locked handler, so these never take the lock), the code form.
Reply Wizard::Public(Request& r, bool* handled) {
  *handled = true;
  if (r.too_large)
    return Page(413, MessagePage(State{}, "413",
                                 "Plik jest za duży. Logo: do 2 MB, CSV: do 8 MB, kopia: do 4 GB. / "
                                 "The file is too large."));
  if (r.method == "GET" && r.path == "/setup.css") {
    Reply css{200, "text/css; charset=utf-8", "", {}, o_.assets_dir + "/setup.css"};
    return css;
  }
  if (r.method == "GET" && r.path.rfind(kAcmePrefix, 0) == 0) {
    std::string token = r.path.substr(sizeof(kAcmePrefix) - 1);
    std::string file = o_.acme_webroot + kAcmePrefix + token;
    std::error_code ec;
    if (!IsToken(token) || !fs::is_regular_file(file, ec)) return Reply{404, "text/plain", "not found\n", {}, ""};
    return Reply{200, "text/plain", "", {}, file};
  }
  if (r.method == "POST" && r.path == "/code") {
    std::string token, csrf;
    switch (gate_.TryCode(FormValue(r, "code"), SystemClock().NowUnix(), &token, &csrf)) {
      case Gate::Outcome::kOk: {
        Reply to = Redirect("/");
        to.headers.emplace_back("Set-Cookie",
                                std::string(kCookieName) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/");
        return to;
      }
      case Gate::Outcome::kWrong:
        return Page(403, CodePage("Nieprawidłowy kod konfiguracji. / Wrong setup code."));
      case Gate::Outcome::kThrottled:
        return Page(429, CodePage("Za dużo błędnych prób. Odczekaj minutę. / Too many wrong codes; wait a minute."));
    }
  }
  *handled = false;
  return {};
}

Reply Wizard::Handle(Request& r) {
  bool handled = false;
  Reply pub = Public(r, &handled);
  if (handled) return pub;
  auto csrf = gate_.CsrfOf(r.cookie);
  if (!csrf) {
    if (r.method == "GET" && (r.path == "/" || r.path == "/code")) return Page(200, CodePage(""));
    return Page(403, CodePage("Najpierw wpisz kod konfiguracji. / Enter the setup code first."));
  }
  std::lock_guard lock(mu_);
  csrf_ = *csrf;
  if (finished_) return Page(200, FinishPage(s_, s_.applied.done ? s_.applied.public_url : PublicUrlIn(o_.config_out)));
  if (r.method == "POST") {
    if (!crypto::ConstantTimeEquals(FormValue(r, "csrf"), csrf_))
      return Message(403, "Formularz wygasł. Wróć i wyślij go jeszcze raz.",
                     "The form expired. Go back and send it again.");
    if (r.malformed) return Message(400, "Nie udało się odczytać formularza.", "The form could not be read.");
    return Post(r);
  }
  if (r.method == "GET" || r.method == "HEAD") return Get(r);
  return Message(405, "Niedozwolona metoda.", "Method not allowed.");
}

Reply Wizard::Get(Request& r) {
  const std::string& p = r.path;
  View v{s_, csrf_, {}, {}, ""};
  if (p == "/" || p == "/code") return Redirect(Home());
  if (p == "/start") {
    if (s_.applied.done || s_.restored.done) return Redirect(Home());
    v.values["mode"] = s_.mode.empty() ? "new" : s_.mode;
    return Page(200, StartPage(v));
  }
  if (p.rfind("/step/", 0) == 0 && p.size() == 7 && p[6] >= '1' && p[6] <= '8') {
    int step = p[6] - '0';
    if (s_.applied.done || s_.mode != "new" || step > s_.FirstOpenStep()) return Redirect(Home());
    if (step == kStepCount) return Page(200, SummaryPage(v, o_, ""));
    v.values = ValuesOf(s_, step);
    if (r.query.count("edit")) v.values["edit"] = "1";
    return Page(200, StepPage(step, v));
  }
  if (p == "/logo" && !s_.cooperative.logo_file.empty()) {
    bool png = s_.cooperative.logo_file.size() > 4 &&
               s_.cooperative.logo_file.substr(s_.cooperative.logo_file.size() - 4) == ".png";
    return Reply{200, png ? "image/png" : "image/jpeg", "", {}, o_.state_dir + "/" + s_.cooperative.logo_file};
  }
  if (p == "/done") {
    if (!s_.applied.done) return Redirect(Home());
    auto key = app::backup::ReadKey(o_.backup_key_file);
    return Page(200, DonePage(v, key.ok() ? app::backup::KeyText(*key) : ErrorText(s_, key.error().code)));
  }
  if ((p == "/done/letters.pdf" || p == "/done/letters.csv") && s_.applied.letters) {
    bool pdf = p.back() == 'f';
    std::string date = FormatIsoUtc(SystemClock().NowUnix()).substr(0, 10);
    Reply file{200,
               pdf ? "application/pdf" : "text/csv; charset=utf-8",
               "",
               {},
               o_.state_dir + (pdf ? "/letters.pdf" : "/letters.csv")};
    file.headers.emplace_back("Content-Disposition",
                              "attachment; filename=\"listy-rejestracyjne-" + date + (pdf ? ".pdf\"" : ".csv\""));
    return file;
  }
  if (p == "/restore" && !s_.applied.done && !s_.restored.done) return Page(200, RestorePage(v));
  if (p == "/restored" && s_.restored.done) return Page(200, RestoredPage(v));
  return Message(404, "Nie ma takiej strony.", "No such page.");
}

Reply Wizard::Post(Request& r) {
  const std::string& p = r.path;
  if (p == "/start") {
    if (s_.applied.done || s_.restored.done) return Redirect(Home());
    std::string mode = FormValue(r, "mode");
    if (mode != "new" && mode != "restore") {
      View v{s_, csrf_, {}, {{"mode", ErrorText(s_, "mode_invalid")}}, ""};
      return Page(422, StartPage(v));
    }
    s_.mode = mode;
    return Save(Home());
  }
  if (p.rfind("/step/", 0) == 0 && p.size() == 7 && p[6] >= '1' && p[6] <= '7') return PostStep(p[6] - '0', r);
  if (p == "/step/3/totp") {
    if (s_.applied.done || s_.mode != "new") return Redirect(Home());
    FieldErrors e = ConfirmTotp(r.form, SystemClock().NowUnix(), s_);
    if (!e.empty()) {
      View v{s_, csrf_, {}, e, ""};
      return Page(422, StepPage(3, v));
    }
    return Save("/step/4");
  }
  if (p == "/apply") return Apply(r);
  if (p == "/finish") return Finish();
  if (p == "/restore") return Restore(r);
  return Message(404, "Nie ma takiej strony.", "No such page.");
}

Reply Wizard::PostStep(int step, Request& r) {
  if (s_.applied.done || s_.mode != "new" || step > s_.FirstOpenStep()) return Redirect(Home());
  FieldErrors e;
  std::string next = "/step/" + std::to_string(step + 1), notice;
  std::string action = FormValue(r, "action");
  switch (step) {
    case 1:
      e = SaveLanguage(r.form, s_);
      break;
    case 2:
      e = SaveCooperative(r.form, UploadPath(r, "logo"), o_, s_);
      break;
    case 3:
      e = SaveAdmin(r.form, s_), next = "/step/3";
      break;
    case 4:
      e = SaveTls(r.form, o_, s_), next = "/step/4";
      break;
    case 5:
      if (action == "skip") {
        SkipMail(s_);
      } else if (action == "test") {
        e = SendTestMail(r.form, SystemClock().NowUnix(), s_);
        if (e.empty()) {
          View v{s_,
                 csrf_,
                 r.form,
                 {},
                 Tr(s_, "Wiadomość testowa wysłana — sprawdź skrzynkę.", "Test message sent — check the mailbox.")};
          return Page(200, StepPage(5, v));
        }
      } else {
        e = SaveMail(r.form, s_);
      }
      break;
    case 6:
      if (action == "confirm") {
        e = SaveFlats("", o_, s_);
      } else if (UploadPath(r, "csv").empty()) {
        e["csv"] = ErrorText(s_, "csv_missing");
      } else {
        e = SaveFlats(UploadPath(r, "csv"), o_, s_), next = "/step/6";
      }
      break;
    case 7:
      e = SaveRegistration(r.form, s_);
      break;
  }
  if (!e.empty()) {
    View v{s_, csrf_, r.form, e, ""};
    if (step == 3) v.values["edit"] = "1";
    return Page(422, StepPage(step, v));
  }
  return Save(next);
}

Reply Wizard::Apply(Request&) {
  if (s_.applied.done) return Redirect("/done");
  if (s_.mode != "new") return Redirect(Home());
  State attempt = s_;
  auto st = setup::Apply(o_, attempt);
  if (!st.ok()) {
    const Error& e = st.error();
    std::string text = e.code.rfind("backup_", 0) == 0
                           ? app::backup::Describe(e)
                           : ErrorText(s_, e.code, e.field + (e.detail.empty() ? "" : " " + e.detail));
    std::cerr << "osiedle-setup: apply failed: " << e.code << " " << e.field << " " << e.detail << std::endl;
    View v{s_, csrf_, {}, {}, ""};
    return Page(409, SummaryPage(v, o_, text));
  }
  std::cerr << "osiedle-setup: applied; portal " << attempt.applied.public_url << std::endl;
  s_ = attempt;
  return Save("/done");
}

Reply Wizard::Restore(Request& r) {
  if (s_.applied.done || s_.restored.done) return Redirect(Home());
  View v{s_, csrf_, {{"key", FormValue(r, "key")}}, {}, ""};
  std::string archive = UploadPath(r, "backup");
  auto key = app::backup::ParseKeyText(FormValue(r, "key"));
  if (archive.empty()) v.errors["backup"] = Tr(s_, "Wybierz plik kopii.", "Choose the backup file.");
  if (!key.ok()) v.errors["key"] = app::backup::Describe(key.error());
  if (v.errors.empty()) {
    // Restore verifies the whole archive (MACs, hashes, audit chain) before it replaces anything.
    auto restored = app::backup::Restore(archive, *key, o_.data_dir, o_.config_out);
    if (restored.ok()) {
      auto completed = CompleteRestore(o_, *key);
      if (!completed.ok()) {
        v.errors["backup"] = Tr(s_, "Dane przywrócono, ale nie udało się przygotować klucza lub certyfikatu: ",
                                "The data was restored, but the key or certificate could not be prepared: ") +
                             completed.error().code + " " + completed.error().detail;
        return Page(422, RestorePage(v));
      }
      s_.mode = "restore";
      s_.restored = {true, FormatIsoUtc(SystemClock().NowUnix()), *completed};
      return Save("/restored");
    }
    v.errors[restored.error().code == "backup_wrong_key" ? "key" : "backup"] = app::backup::Describe(restored.error());
  }
  return Page(422, RestorePage(v));
}

Reply Wizard::Finish() {
  if (!s_.applied.done && !s_.restored.done) return Redirect(Home());
  std::error_code ec;
  for (const char* f : {"letters.pdf", "letters.csv", "tls-key.pem", "flats.csv"})
    fs::remove(o_.state_dir + "/" + f, ec);
  s_.admin.password_hash.clear();
  s_.admin.totp_secret.clear();
  s_.mail.password.clear();
  s_.applied.letters = false;
  (void)SaveState(o_.state_dir, s_);
  finished_ = true;
  return Page(200, FinishPage(s_, s_.applied.done ? s_.applied.public_url : PublicUrlIn(o_.config_out)));
}

}  // namespace osiedle::setup
