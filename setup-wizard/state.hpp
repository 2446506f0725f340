#pragma once
// The wizard's progress: every step's data and whether it is done, kept in <state-dir>/state.json
// (0600, directory 0700) and rewritten atomically after every successful step, so setup resumes
// after a reboot. Secrets kept: the administrator's argon2id hash (never the password), the TOTP
// secret and the SMTP password (the config needs it anyway).
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/result.hpp"

namespace osiedle::setup {

inline constexpr int kStepCount = 8;
inline constexpr size_t kMaxShownLineErrors = 200;

// One rejected line of the flats CSV (as the identity importer reports it).
struct FlatLineError {
  uint64_t line = 0;
  std::string code, field;
};

struct State {
  std::string mode;  // "" (not chosen), "new" or "restore"
  struct Language {
    std::string lang = "pl";  // "pl" | "en"
    bool done = false;
  } language;
  struct Cooperative {
    std::string name, nip, address, phone, email;
    std::string logo_file;  // file name inside the state dir ("" = none)
    bool done = false;
  } cooperative;
  struct Admin {
    std::string first_name, last_name, email;
    std::string password_hash;  // argon2id
    std::string totp_secret;    // base32; set when the data form was accepted
    bool done = false;          // set once a valid TOTP code was entered
  } admin;
  struct Tls {
    std::string mode;  // "lan" | "public"
    std::string name;  // DNS name the portal answers at
    std::string fingerprint;
    bool done = false;  // the pair is in <state-dir>/tls-cert.pem, tls-key.pem
  } tls;
  struct Mail {
    std::string host;
    int port = 587;
    std::string security = "starttls";  // "starttls" | "ssl" | "none"
    std::string user, password, from;
    bool skipped = false;
    bool done = false;
  } mail;
  struct Flats {
    bool have_csv = false;  // <state-dir>/flats.csv
    uint64_t imported = 0, updated = 0, unchanged = 0, errors = 0;
    std::vector<FlatLineError> lines;  // the first kMaxShownLineErrors
    bool done = false;
  } flats;
  struct Registration {
    std::string proof = "letter-code";  // "kw" | "member-number" | "letter-code"
    bool auto_approve = false;
    bool print_letters = true;
    bool done = false;
  } registration;
  struct Applied {
    bool done = false;
    std::string public_url;
    bool letters = false;  // letters.pdf / letters.csv in the state dir
    uint64_t letter_count = 0;
    std::string at;  // ISO time
  } applied;
  struct Restored {
    bool done = false;
    std::string at;
    std::string fingerprint;  // of a certificate made after the restore; shown on the restored page
  } restored;

  // 1..kStepCount: the first step not done (kStepCount + 1 when all are).
  int FirstOpenStep() const;
  bool StepDone(int step) const;
};

std::string ToJson(const State& s);
// Errors: state_invalid (detail: the parse error).
Result<State> FromJson(const std::string& text);

// Reads <dir>/state.json; a missing file is a fresh State. Errors: state_invalid, state_unreadable.
Result<State> LoadState(const std::string& dir);
// Creates `dir` (0700) if needed and replaces <dir>/state.json atomically: write state.json.tmp
// (0600), fsync, rename, fsync the directory. Errors: state_write_failed (detail: the reason).
Status SaveState(const std::string& dir, const State& s);
// The whole file's bytes ("" when it cannot be read).
std::string ReadFileOrEmpty(const std::string& path);
// Writes `data` to `path` atomically with the same steps (tmp, fsync, rename, fsync dir), mode `mode`.
Status WriteFileAtomic(const std::string& path, const std::string& data, unsigned mode = 0600);

}  // namespace osiedle::setup
