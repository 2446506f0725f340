#!/usr/bin/env bash
# Benchmarks (report, not pass/fail): installs what is missing, builds, runs tests/bench/bench.py,
# which rewrites docs/PERFORMANCE.md. Extra arguments go to bench.py, e.g. `--only home,search,download`
# (the other sections keep their last figures), `--perf` (needs linux-perf), `--duration 5 --no-write`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/packages.sh
source "$ROOT/scripts/packages.sh"

osiedle_install_packages test
osiedle_build "$ROOT"
export OSIEDLED="$ROOT/build/default/daemon/app/osiedled"
exec /usr/bin/python3 "$ROOT/tests/bench/bench.py" "$@"
