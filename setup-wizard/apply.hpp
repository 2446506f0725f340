#pragma once
// Step 8: turns the wizard's state into a configured box, all or nothing. The store is built in a
// staging directory beside data-dir with the same service functions osiedled uses (App), the TLS
// pair and the backup key are written, the store is moved into data-dir, and the config file is
// renamed into place last: that rename is the commit point. A failure before it undoes every file
// written and leaves the state as it was, so the installer can retry.
#include <string>

#include "daemon/core/result.hpp"
#include "setup-wizard/options.hpp"
#include "setup-wizard/state.hpp"

namespace osiedle::setup {

// The config file osiedled will read ("written by osiedle-setup on <date>" header).
// Errors: config_value_invalid (field: the option; a value with '#' or a line break).
Result<std::string> ConfigText(const Options& o, const State& s, const std::string& date);

// The portal's address: https://<tls name>.
std::string PublicUrl(const State& s);

// Applies a complete state (mode "new", steps 1-7 done). On success fills s.applied (the caller
// saves the state); the letters (when chosen) are in <state-dir>/letters.pdf and letters.csv.
// Calling it again after success changes nothing and returns Ok.
// Errors: steps_incomplete (field: the first open step), already_configured (config-out exists),
// config_dir_unwritable, data_dir_not_empty, apply_failed (detail: what failed); identity's and
// letters' codes pass through.
Status Apply(const Options& o, State& s);

// After a restore from a backup (which holds the store, the files and the config, but no secrets kept in
// /etc/osiedle): writes the typed backup `key` to backup-key-file when there is none, and, when the restored
// config names a TLS pair that is missing, a new self-signed certificate for the public-url's host. Returns that
// certificate's SHA-256 fingerprint ("" when none was needed). Errors: apply_failed, certificate and write codes.
Result<std::string> CompleteRestore(const Options& o, const std::string& key);

}  // namespace osiedle::setup
