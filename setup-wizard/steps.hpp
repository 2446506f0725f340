#pragma once
// Server-side validation of every wizard step. Each Save* function checks a submitted form and,
// only when everything is valid, writes the step's data into the State and marks it done (the
// caller then saves the state). Errors come back per field, already in the chosen language.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "setup-wizard/options.hpp"
#include "setup-wizard/state.hpp"

namespace osiedle::setup {

using Form = std::map<std::string, std::string>;
using FieldErrors = std::map<std::string, std::string>;  // field -> message ("" key = the whole form)

inline constexpr uint64_t kMaxLogoBytes = 2ull << 20;
inline constexpr uint64_t kMaxCsvBytes = 8ull << 20;
inline constexpr uint64_t kMaxBackupBytes = 4ull << 30;

// `pl` or `en` as the language step chose.
std::string Tr(const State& s, std::string_view pl, std::string_view en);
// The message shown for an error code (identity's codes, csv_* codes and the wizard's own).
std::string ErrorText(const State& s, const std::string& code, const std::string& detail = "");

// Step 1: lang = pl | en.
FieldErrors SaveLanguage(const Form& f, State& s);
// Step 2: name, nip (checksum), address, phone, email; `logo_upload` is the path of an uploaded
// file ("" = keep the current logo); PNG or JPEG by content, at most kMaxLogoBytes; moved into the
// state dir as logo.png / logo.jpg. remove_logo=1 drops the logo.
FieldErrors SaveCooperative(const Form& f, const std::string& logo_upload, const Options& o, State& s);
// Step 3a: first_name, last_name, email, password, password2 (identity's password rule). Stores the
// argon2id hash and a new TOTP secret; the step is done only after ConfirmTotp.
FieldErrors SaveAdmin(const Form& f, State& s);
// Step 3b: code = the current TOTP code for the stored secret.
FieldErrors ConfirmTotp(const Form& f, int64_t now, State& s);
// Step 4: mode = lan (name -> self-signed certificate) | public (name -> certbot --webroot).
// The pair is written to <state-dir>/tls-cert.pem and tls-key.pem.
FieldErrors SaveTls(const Form& f, const Options& o, State& s);
// Step 5: host, port, security (starttls | ssl | none), user, password ("" keeps the stored one when
// the host is unchanged), from. SendTestMail validates the same fields and sends to test_to
// (nothing stored); skip marks the step done without a server.
FieldErrors SaveMail(const Form& f, State& s);
FieldErrors SendTestMail(const Form& f, int64_t now, State& s);
void SkipMail(State& s);
// Step 6: the uploaded CSV at `csv_upload` is checked with the identity importer (dry run, a scratch
// store in the state dir) and kept as <state-dir>/flats.csv; line errors are kept for the preview.
// A file rejected as a whole leaves the step as it was. Empty path = continue with the kept file.
FieldErrors SaveFlats(const std::string& csv_upload, const Options& o, State& s);
// Step 7: proof = kw | member-number | letter-code, auto_approve = 1, print_letters = 1.
FieldErrors SaveRegistration(const Form& f, State& s);

// The outgoing mail settings as the config expresses them.
struct SmtpSettings {
  std::string url, user, password, from;
  bool starttls = false;
};
SmtpSettings SmtpOf(const State& s);

}  // namespace osiedle::setup
