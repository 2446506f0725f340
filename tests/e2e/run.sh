#!/usr/bin/env bash
# Browser tests: Debian's chromium driven by npm playwright-core against a real osiedled.
#
#   OSIEDLED=build/default/daemon/app/osiedled tests/e2e/run.sh [--update-docs] [node --test args...] [file.test.mjs...]
#
# --update-docs: tests that take the documentation's screenshots also write them to docs/screenshots/
# (otherwise every screenshot stays in tests/e2e/artifacts/, so a test run leaves the tree clean).
#
# Installs chromium (apt) and the npm packages (npm ci) when missing, starts the loopback SMTP
# sink and osiedled --demo on 127.0.0.1 with a temporary data dir, runs tests/e2e/*.test.mjs
# with node's test runner (one file at a time: they share the daemon) and always stops both.
# Screenshots land in tests/e2e/artifacts/ (git-ignored). Exports BASE_URL, MAIL_DIR, SMTP_PORT (the sink),
# OSIEDLE_SETUP (the wizard binary, default beside $OSIEDLED's build dir), E2E_ARTIFACTS, E2E_REPO.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" == --update-docs ]]; then
  export OSIEDLE_UPDATE_DOCS=1
  shift
fi
REPO="$(cd "$HERE/../.." && pwd)"
OSIEDLED="${OSIEDLED:-$REPO/build/default/daemon/app/osiedled}"
case "$OSIEDLED" in /*) ;; *) OSIEDLED="$REPO/$OSIEDLED" ;; esac
if [[ ! -x "$OSIEDLED" ]]; then
  echo "e2e: osiedled not found at $OSIEDLED (build it or set OSIEDLED)" >&2
  exit 1
fi
# The setup wizard (setup_wizard.test.mjs starts its own): by default from the same build dir as osiedled.
OSIEDLE_SETUP="${OSIEDLE_SETUP:-$(dirname "$(dirname "$(dirname "$OSIEDLED")")")/setup-wizard/osiedle-setup}"
case "$OSIEDLE_SETUP" in /*) ;; *) OSIEDLE_SETUP="$REPO/$OSIEDLE_SETUP" ;; esac

if [[ ! -x /usr/bin/chromium ]]; then
  echo "e2e: installing chromium (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  apt-get install -y -qq python3-aiosmtpd >/dev/null
fi
if ! command -v node >/dev/null; then
  apt-get install -y -qq nodejs npm >/dev/null
fi
if [[ ! -d "$HERE/node_modules/playwright-core" || ! -d "$HERE/node_modules/axe-core" ]]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

WORK="$(mktemp -d /tmp/osiedle-e2e.XXXXXX)"
SINK_PID=""
DAEMON_PID=""
cleanup() {
  [[ -n "$DAEMON_PID" ]] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
  [[ -n "$SINK_PID" ]] && kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Waits (up to $3 seconds) until file $1 has a line matching regex $2; prints the first match.
wait_line() {
  local file="$1" re="$2" deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    if grep -Eom1 "$re" "$file" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

mkdir -p "$WORK/mail" "$WORK/data"
/usr/bin/python3 "$REPO/tests/support/smtp_sink.py" --port 0 --out "$WORK/mail" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
SMTP_PORT="$(wait_line "$WORK/sink.log" 'ready [0-9]+' 10 | awk '{print $2}')" || {
  echo "e2e: SMTP sink did not start" >&2; cat "$WORK/sink.log" >&2; exit 1; }

"$OSIEDLED" serve --demo --data-dir "$WORK/data" --listen 127.0.0.1:0 \
  --smtp-url "smtp://127.0.0.1:$SMTP_PORT" --web-dir "$REPO/daemon/web" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
BASE_URL="$(wait_line "$WORK/daemon.log" 'http://127\.0\.0\.1:[0-9]+' 120)" || {
  echo "e2e: osiedled did not start" >&2; cat "$WORK/daemon.log" >&2; exit 1; }

mkdir -p "$HERE/artifacts"
export BASE_URL MAIL_DIR="$WORK/mail" SMTP_PORT E2E_ARTIFACTS="$HERE/artifacts" E2E_REPO="$REPO" OSIEDLE_SETUP
echo "e2e: osiedled at $BASE_URL, mail in $MAIL_DIR" >&2
cd "$HERE"
status=0
files=(./*.test.mjs)
for a in "$@"; do [[ "$a" == *.test.mjs ]] && files=() && break; done
node --test --test-concurrency=1 "$@" "${files[@]}" || status=$?
if ((status != 0)); then
  echo "e2e: daemon log tail:" >&2
  tail -n 40 "$WORK/daemon.log" >&2
fi
exit "$status"
