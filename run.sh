#!/usr/bin/env bash
# Installs what is missing (Debian 12, as root), builds, and serves the demo cooperative
# "SM Lazurowa (demo)" from ./var on http://127.0.0.1:8080 (PORT=... and HOST=... override).
# osiedled prints the URL and the demo logins itself. Ctrl-C (SIGINT) or SIGTERM stops it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/packages.sh
source "$ROOT/scripts/packages.sh"

osiedle_install_packages runtime
osiedle_build "$ROOT"

mkdir -p "$ROOT/var"
cd "$ROOT"
exec "$ROOT/build/default/daemon/app/osiedled" serve --demo \
  --data-dir "$ROOT/var" \
  --web-dir "$ROOT/daemon/web" \
  --listen "${HOST:-127.0.0.1}:${PORT:-8080}"
