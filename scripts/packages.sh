# shellcheck shell=bash
# The one list of Debian 12 packages Osiedle needs; sourced by run.sh and test.sh.
#   osiedle_install_packages runtime   → build tools + libraries (run.sh)
#   osiedle_install_packages test      → the above + test-only tools (test.sh, tests/bench/run.sh)

OSIEDLE_BUILD_PACKAGES=(cmake ninja-build ccache g++ pkg-config)
OSIEDLE_LIB_PACKAGES=(libpistache-dev liblmdb-dev libsodium-dev libmbedtls-dev libboost-program-options-dev
  libgtest-dev nlohmann-json3-dev libspdlog-dev libcurl4-openssl-dev libsystemd-dev zlib1g-dev libqrencode-dev
  libhpdf-dev fonts-dejavu-core libmicrohttpd-dev)
OSIEDLE_TOOL_PACKAGES=(lmdb-utils)
# Integration tests (real SMTP sink), fuzzing (libFuzzer), browser tests (Debian's chromium; Node.js
# comes from the machine or tests/e2e/run.sh installs Debian's), benchmarks (wrk vs nginx), packaging
# (tests/packaging: systemd-analyze/-sysusers/-tmpfiles, deb-systemd-helper, cpack's dpkg-shlibdeps and file).
OSIEDLE_TEST_PACKAGES=(python3 python3-aiosmtpd clang-14 libclang-rt-14-dev chromium wrk nginx-light curl
  systemd init-system-helpers dpkg-dev file)

# Prints the packages of the given set(s) that are not installed.
osiedle_missing_packages() {
  local pkgs=("${OSIEDLE_BUILD_PACKAGES[@]}" "${OSIEDLE_LIB_PACKAGES[@]}" "${OSIEDLE_TOOL_PACKAGES[@]}")
  if [[ "${1:-runtime}" == test ]]; then pkgs+=("${OSIEDLE_TEST_PACKAGES[@]}"); fi
  local p
  for p in "${pkgs[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]]; then
      echo "$p"
    fi
  done
}

# Installs what is missing, non-interactively; runs apt-get update only when something is missing.
osiedle_install_packages() {
  local missing
  mapfile -t missing < <(osiedle_missing_packages "${1:-runtime}")
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  echo "==> installing: ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "error: missing packages (${missing[*]}) and not root; run as root" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds the default preset from the repository root.
osiedle_build() {
  local root="$1"
  # ccache: hits across checkouts in different folders (CI clones anew each run).
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
  (cd "$root" && cmake --preset default && cmake --build --preset default)
}
