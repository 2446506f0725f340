#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang-14, ASan+UBSan) into build/fuzz and runs each
# for FUZZ_SECONDS (default 20) from its seed corpus in tests/fuzz/corpus/<target>/.
# Exits non-zero if a target crashes, leaks or times out; the crashing input is kept in
# build/fuzz/artifacts/<target>/. Needs: clang-14 libclang-rt-14-dev cmake ninja-build.
set -euo pipefail
cd "$(dirname "$0")/../.."
FUZZ_SECONDS="${FUZZ_SECONDS:-20}"
TARGETS=(csv kw json import markdown submission)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${FUZZ_JOBS:-2}" --target "${TARGETS[@]/%/_fuzz}"

status=0
for t in "${TARGETS[@]}"; do
  work="$(mktemp -d "/tmp/osiedle_fuzz_${t}_XXXXXX")"   # new inputs go here, not into the repo
  artifacts="build/fuzz/artifacts/${t}/"
  mkdir -p "$artifacts"
  echo "fuzz: ${t} for ${FUZZ_SECONDS}s"
  if ! "build/fuzz/tests/fuzz/${t}_fuzz" "$work" "tests/fuzz/corpus/${t}" \
      -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$artifacts" -print_final_stats=1 >"build/fuzz/${t}.log" 2>&1; then
    echo "fuzz: ${t} FAILED — see build/fuzz/${t}.log and ${artifacts}" >&2
    tail -n 40 "build/fuzz/${t}.log" >&2
    status=1
  else
    grep -E "^stat::number_of_executed_units|^Done" "build/fuzz/${t}.log" | sed "s/^/fuzz: ${t}: /" || true
  fi
  rm -rf "$work"
done
exit "$status"
