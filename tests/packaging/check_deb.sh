#!/usr/bin/env bash
# Builds the .deb from the already built tree (cpack -G DEB into a temporary directory, < 15 s) and checks:
#   1. its name (osiedle_<version>_<arch>.deb) and control fields (Depends from dpkg-shlibdeps, Recommends);
#   2. the maintainer scripts in the control area and every file the box needs in the data area, and
#      that no config file is shipped (the wizard writes /etc/osiedle/osiedle.conf);
#   3. the packaged osiedled runs (strip did not break it);
#   4. postinst on a fresh box starts the wizard, on an upgraded configured box only try-restarts
#      osiedled; postrm purge keeps the cooperative's data (stubbed systemctl etc., DPKG_ROOT scratch root);
#   5. as root: a real `dpkg -i` and `dpkg --purge` into a scratch root (--force-script-chrootless).
# Usage: check_deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail

BUILD="${1:?usage: check_deb.sh BUILD_DIR SOURCE_DIR}"
SRC="${2:?usage: check_deb.sh BUILD_DIR SOURCE_DIR}"
TMP="$(mktemp -d /tmp/osiedle-deb.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== 1. cpack -G DEB"
start=$SECONDS
cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$TMP/out" >"$TMP/cpack.log" 2>&1 || {
  cat "$TMP/cpack.log" >&2; fail "cpack failed"; }
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD/CPackConfig.cmake")"
DEB="$TMP/out/osiedle_${version}_$(dpkg --print-architecture).deb"
[[ -f "$DEB" ]] || { ls "$TMP/out" >&2; fail "expected $(basename "$DEB")"; }
echo "ok: $(basename "$DEB"), $(stat -c %s "$DEB") bytes, built in $((SECONDS - start)) s"

dpkg-deb --info "$DEB" > "$TMP/info"
field() { dpkg-deb --field "$DEB" "$1"; }
[[ "$(field Package)" == osiedle ]] || fail "Package is not osiedle"
depends="$(field Depends)"
for d in libpistache0 liblmdb0 libsodium23 libcurl4 libsystemd0 libboost-program-options1.74.0 libqrencode4 \
         libhpdf-2.3.0 libcmark0.30.2 fonts-dejavu-core systemd init-system-helpers; do
  [[ ", $depends," == *", $d"[\ ,]* ]] || fail "Depends lacks $d: $depends"
done
[[ "$(field Recommends)" == *certbot* ]] || fail "Recommends lacks certbot"
echo "ok: Depends: $depends"

echo "== 2. control and data areas"
mkdir "$TMP/control"
dpkg-deb --control "$DEB" "$TMP/control"
for s in postinst prerm postrm; do
  [[ -x "$TMP/control/$s" ]] || fail "maintainer script $s missing or not executable"
  cmp -s "$TMP/control/$s" "$SRC/systemd/debian/$s" || fail "$s differs from systemd/debian/$s"
done
[[ ! -e "$TMP/control/conffiles" ]] || fail "the package ships conffiles: $(cat "$TMP/control/conffiles")"
echo "ok: postinst, prerm, postrm"

dpkg-deb --contents "$DEB" | awk '{print $1, $NF}' > "$TMP/contents"
need() {  # PATH [MODE-PREFIX]
  grep -qE "^${2:--}[^ ]* \./$1\$" "$TMP/contents" || fail "the package lacks $1"
}
need usr/bin/osiedled -rwx
if [[ -f "$BUILD/setup-wizard/cmake_install.cmake" ]]; then
  need usr/bin/osiedle-setup -rwx
  grep -q '^-[^ ]* \./usr/share/osiedle/setup/' "$TMP/contents" || fail "the package lacks the wizard's assets"
else
  echo "skip: usr/bin/osiedle-setup (setup-wizard/ is not part of this build yet)"
fi
for u in osiedled.service osiedle-setup.service osiedle-backup.service osiedle-backup.timer \
         osiedle-cert-renew.service osiedle-cert-renew.timer; do
  need "usr/lib/systemd/system/$u"
done
need usr/lib/sysusers.d/osiedle.conf
need usr/lib/tmpfiles.d/osiedle.conf
need usr/lib/osiedle/cert-deploy -rwx
need usr/share/doc/osiedle/osiedle.conf.example
for app in portal admin; do need "usr/share/osiedle/web/$app/index.html"; done
need usr/share/osiedle/web/common/api.js
if grep -q ' \./etc/' "$TMP/contents"; then fail "the package ships files in /etc: $(grep ' ./etc/' "$TMP/contents")"; fi
echo "ok: $(grep -c '^-' "$TMP/contents") files, every one the box needs, nothing in /etc"

echo "== 3. the packaged osiedled runs"
dpkg-deb -x "$DEB" "$TMP/data"
help="$("$TMP/data/usr/bin/osiedled" --help)" || fail "packaged osiedled --help failed"
[[ "$help" == "usage: osiedled"* ]] || fail "packaged osiedled --help: $help"
echo "ok: usr/bin/osiedled --help"

echo "== 4. maintainer scripts"
# Stubs log every systemctl / deb-systemd-helper / systemd-* call; DPKG_ROOT points the scripts'
# paths (/etc/osiedle/osiedle.conf, /run/systemd/system) at a scratch root.
mkdir -p "$TMP/bin"
for c in systemctl deb-systemd-helper systemd-sysusers systemd-tmpfiles; do
  # shellcheck disable=SC2016 # $* and $STUB_LOG expand in the stub, not here
  printf '#!/bin/sh\necho "%s $*" >> "$STUB_LOG"\n' "$c" > "$TMP/bin/$c"
  chmod +x "$TMP/bin/$c"
done
run() {  # NAME SCRIPT ARGS...: runs a maintainer script against a fresh scratch root $R
  local log="$TMP/$1.log"; shift
  : > "$log"
  STUB_LOG="$log" DPKG_ROOT="$R" PATH="$TMP/bin:$PATH" "$TMP/control/$1" "${@:2}" > /dev/null
}
scratch() { R="$TMP/root-$1"; mkdir -p "$R/run/systemd/system"; }

scratch fresh
run fresh postinst configure ""
grep -qx "systemd-sysusers --root=$R osiedle.conf" "$TMP/fresh.log" || fail "postinst: no systemd-sysusers"
grep -qx "systemd-tmpfiles --root=$R --create osiedle.conf" "$TMP/fresh.log" || fail "postinst: no systemd-tmpfiles"
for u in osiedled.service osiedle-setup.service osiedle-backup.timer osiedle-cert-renew.timer; do
  grep -qx "deb-systemd-helper enable $u" "$TMP/fresh.log" || fail "postinst does not enable $u"
done
grep -qx "systemctl --no-block start osiedle-setup.service" "$TMP/fresh.log" || fail "fresh install: wizard not started"
if grep -q "osiedled.service" <(grep '^systemctl' "$TMP/fresh.log"); then fail "fresh install touched osiedled"; fi
echo "ok: fresh install enables the units and starts osiedle-setup"

scratch upgrade
mkdir -p "$R/etc/osiedle"
echo "site-name = Test" > "$R/etc/osiedle/osiedle.conf"
run upgrade postinst configure 0.0.9
grep -qx "systemctl try-restart osiedled.service" "$TMP/upgrade.log" || fail "upgrade: osiedled not try-restarted"
if grep -q "osiedle-setup" <(grep '^systemctl' "$TMP/upgrade.log"); then fail "upgrade started the wizard"; fi
[[ "$(cat "$R/etc/osiedle/osiedle.conf")" == "site-name = Test" ]] || fail "upgrade changed the config"
echo "ok: upgrade of a configured box only try-restarts osiedled"

scratch nosystemd
rmdir "$R/run/systemd/system"
run nosystemd postinst configure ""
if grep -q '^systemctl' "$TMP/nosystemd.log"; then fail "postinst called systemctl without systemd running"; fi
grep -qx "deb-systemd-helper enable osiedled.service" "$TMP/nosystemd.log" || fail "image build: not enabled"
echo "ok: without a running systemd (image build) units are only enabled"

scratch purge
mkdir -p "$R/var/lib/osiedle" "$R/var/lib/osiedle-setup" "$R/etc/osiedle"
echo data > "$R/var/lib/osiedle/data.mdb"
echo conf > "$R/etc/osiedle/osiedle.conf"
run remove prerm remove
grep -q "^systemctl stop .*osiedled.service" "$TMP/remove.log" || fail "prerm remove does not stop osiedled"
run purge postrm purge
grep -q "^deb-systemd-helper purge .*osiedled.service" "$TMP/purge.log" || fail "postrm purge: units not purged"
[[ ! -e "$R/var/lib/osiedle-setup" ]] || fail "purge kept the wizard's state"
[[ -f "$R/var/lib/osiedle/data.mdb" && -f "$R/etc/osiedle/osiedle.conf" ]] || fail "purge deleted the store or config"
echo "ok: remove stops the units; purge forgets them and the wizard state, keeps store and config"

echo "== 5. dpkg -i / --purge into a scratch root"
# The real deb-systemd-helper and systemd-sysusers/-tmpfiles run (DPKG_ROOT); dependencies are not
# installed there (--force-depends), and no systemd runs there, so nothing is started.
dpkg_root() {
  dpkg --root="$D" --force-script-chrootless --force-depends --log=/dev/null "$@" > "$TMP/dpkg.log" 2>&1 || {
    cat "$TMP/dpkg.log" >&2; fail "dpkg $*"; }
}
if ((EUID != 0)); then
  echo "skip: dpkg into a scratch root needs root"
else
  D="$TMP/dpkg-root"
  mkdir -p "$D/var/lib/dpkg/info" "$D/var/lib/dpkg/updates" "$D/etc"
  touch "$D/var/lib/dpkg/status"
  dpkg_root -i "$DEB"
  grep -q '^osiedle:' "$D/etc/passwd" || fail "dpkg -i: no osiedle user"
  for l in multi-user.target.wants/osiedled.service multi-user.target.wants/osiedle-setup.service \
           timers.target.wants/osiedle-backup.timer timers.target.wants/osiedle-cert-renew.timer; do
    [[ -L "$D/etc/systemd/system/$l" ]] || fail "dpkg -i: $l is not enabled"
  done
  [[ -d "$D/etc/osiedle/tls" && -d "$D/var/lib/osiedle/acme" && -d "$D/var/backups/osiedle" ]] ||
    fail "dpkg -i: directories missing"
  [[ ! -e "$D/etc/osiedle/osiedle.conf" ]] || fail "dpkg -i wrote a config"
  echo "ok: dpkg -i creates the user and directories and enables the units"
  echo "data" > "$D/var/lib/osiedle/data.mdb"
  dpkg_root --purge osiedle
  [[ -z "$(find "$D/etc/systemd" -name 'osiedle*')" ]] || fail "dpkg --purge left unit symlinks"
  [[ -f "$D/var/lib/osiedle/data.mdb" ]] || fail "dpkg --purge deleted the store"
  echo "ok: dpkg --purge removes the units' links and keeps the store"
fi
echo "PASS"
