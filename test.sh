#!/usr/bin/env bash
# Installs what is missing (Debian 12, as root), builds, runs every test: unit + integration
# (ctest), browser tests (tests/e2e), then a short libFuzzer smoke run. Prints a summary; exits non-zero on any failure.
# Benchmarks are not here: tests/bench/run.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/packages.sh
source "$ROOT/scripts/packages.sh"
cd "$ROOT"

declare -a SUMMARY=()
FAILED=0
# step NAME COMMAND... — runs a step, records its outcome and duration, never aborts the script.
step() {
  local name="$1"; shift
  local start=$SECONDS rc=0
  echo
  echo "==> $name"
  "$@" || rc=$?
  local took=$((SECONDS - start))
  if ((rc == 0)); then
    SUMMARY+=("PASS  $name (${took}s)")
  else
    SUMMARY+=("FAIL  $name (${took}s, exit $rc)")
    FAILED=1
  fi
  return 0
}

summary() {
  echo
  echo "==================== summary ===================="
  printf '%s\n' "${SUMMARY[@]}"
  echo "total: ${SECONDS}s"
  # The setup wizard driven over HTTP (tests/integration/test_setup_wizard.py) reports how long it took.
  local took
  took=$(grep -ho "scripted setup took [0-9.]* s" "$ROOT/build/default/Testing/Temporary/LastTest.log" 2>/dev/null | head -1 || true)
  if [[ -n "$took" ]]; then echo "setup wizard: $took"; fi
  local passed failed
  passed=$(printf '%s\n' "${SUMMARY[@]}" | grep -c '^PASS' || true)
  failed=$(printf '%s\n' "${SUMMARY[@]}" | grep -c '^FAIL' || true)
  if ((FAILED)); then echo "RESULT: FAILED"; else echo "RESULT: OK"; fi
  echo "steps: ${passed} passed, ${failed} failed"
}

run_fuzz() {
  if [[ ! -x tests/fuzz/run.sh ]]; then
    echo "tests/fuzz/run.sh is missing" >&2
    return 1
  fi
  FUZZ_SECONDS="${FUZZ_SECONDS:-15}" tests/fuzz/run.sh
}

step "install packages" osiedle_install_packages test
step "build (cmake --preset default)" osiedle_build "$ROOT"
if ((FAILED)); then
  summary
  exit 1
fi
step "unit + integration tests (ctest)" ctest --preset default -j2 --timeout 600
step "browser tests (tests/e2e: chromium + playwright-core)" \
  env OSIEDLED="$ROOT/build/default/daemon/app/osiedled" tests/e2e/run.sh
step "fuzz smoke (FUZZ_SECONDS=${FUZZ_SECONDS:-15} per target)" run_fuzz
summary
exit "$FAILED"
