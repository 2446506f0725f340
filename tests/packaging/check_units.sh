#!/usr/bin/env bash
# Checks the systemd side of the package on an installed tree (cmake --install into a temporary DESTDIR):
#   1. `systemd-analyze verify` on every unit, with no warning at all;
#   2. `systemd-analyze security --offline=true` of osiedled.service at or below 2.0 (prints the figure);
#   3. sysusers.d + tmpfiles.d applied to a scratch root give the documented owners and modes;
#   4. cert-deploy installs a renewed pair atomically with mode 0640 and reloads osiedled, only when changed.
# Usage: check_units.sh BUILD_DIR. Needs systemd 252 (systemd-analyze), no running systemd.
#
# How verify works without PID 1 (systemd 252): `verify --root=` wants a whole OS tree (sysinit.target,
# /bin/kill...), so instead the units are verified from the host root after their ExecStart= binaries
# (/usr/bin/osiedled, /usr/bin/osiedle-setup, /usr/lib/osiedle/...) are rewritten to the DESTDIR copies,
# and /usr/bin/certbot (not ours) to a stub. verify exits 0 on unknown keys or bad values (it only
# warns), so any output counts as a failure.
set -euo pipefail

BUILD="${1:?usage: check_units.sh BUILD_DIR}"
MAX_EXPOSURE=20  # systemd-analyze --threshold counts tenths: 20 = exposure 2.0
UNITS=(osiedled.service osiedle-setup.service osiedle-backup.service osiedle-backup.timer
       osiedle-cert-renew.service osiedle-cert-renew.timer)

TMP="$(mktemp -d /tmp/osiedle-units.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

STAGE="$TMP/stage"
DESTDIR="$STAGE" cmake --install "$BUILD" --prefix /usr >/dev/null
UNITDIR="$STAGE/usr/lib/systemd/system"

echo "== 1. systemd-analyze verify"
mkdir -p "$TMP/verify" "$TMP/stub"
printf '#!/bin/sh\nexit 0\n' > "$TMP/stub/certbot"
chmod +x "$TMP/stub/certbot"
# osiedle-setup is built by setup-wizard/; until it is installed a stub stands in (said so below).
if [[ ! -x "$STAGE/usr/bin/osiedle-setup" ]]; then
  echo "note: usr/bin/osiedle-setup not installed (setup-wizard/ not built yet): a stub stands in for verify"
  cp "$TMP/stub/certbot" "$TMP/stub/osiedle-setup"
  SETUP_BIN="$TMP/stub/osiedle-setup"
else
  SETUP_BIN="$STAGE/usr/bin/osiedle-setup"
fi
for u in "${UNITS[@]}"; do
  [[ -f "$UNITDIR/$u" ]] || fail "$u is not installed in lib/systemd/system"
  sed -e "s#/usr/bin/osiedled#$STAGE/usr/bin/osiedled#g" \
      -e "s#/usr/bin/osiedle-setup#$SETUP_BIN#g" \
      -e "s#/usr/lib/osiedle/#$STAGE/usr/lib/osiedle/#g" \
      -e "s#/usr/bin/certbot#$TMP/stub/certbot#g" "$UNITDIR/$u" > "$TMP/verify/$u"
done
out="$(cd "$TMP/verify" && systemd-analyze verify "${UNITS[@]/#/$TMP/verify/}" 2>&1)" || {
  echo "$out" >&2; fail "systemd-analyze verify failed"; }
[[ -z "$out" ]] || { echo "$out" >&2; fail "systemd-analyze verify warned"; }
echo "ok: ${#UNITS[@]} units verify cleanly"

echo "== 2. systemd-analyze security osiedled.service"
sec="$(systemd-analyze security --offline=true --threshold=$MAX_EXPOSURE "$UNITDIR/osiedled.service" 2>&1)" || {
  echo "$sec" | grep '✗' >&2 || true; echo "$sec" | tail -1 >&2; fail "osiedled.service exposure above 2.0"; }
echo "$sec" | tail -1
for u in osiedle-setup.service osiedle-backup.service osiedle-cert-renew.service; do
  systemd-analyze security --offline=true "$UNITDIR/$u" 2>&1 | tail -1
done

echo "== 3. sysusers.d + tmpfiles.d"
# Applies both to a scratch root; checks owners and modes, and that a boot-time rerun keeps the store's owner.
check_sysusers_tmpfiles() {
  local ROOT="$TMP/root" uid gid shell
  mkdir -p "$ROOT/etc" "$ROOT/var/lib" "$ROOT/var/backups"
  systemd-sysusers --root="$ROOT" "$STAGE/usr/lib/sysusers.d/osiedle.conf"
  uid="$(awk -F: '$1 == "osiedle" {print $3}' "$ROOT/etc/passwd")"
  gid="$(awk -F: '$1 == "osiedle" {print $3}' "$ROOT/etc/group")"
  [[ -n "$uid" && -n "$gid" ]] || fail "sysusers did not create user and group osiedle"
  shell="$(awk -F: '$1 == "osiedle" {print $7}' "$ROOT/etc/passwd")"
  [[ "$shell" == */nologin ]] || fail "osiedle has a login shell: $shell"
  systemd-tmpfiles --root="$ROOT" --create "$STAGE/usr/lib/tmpfiles.d/osiedle.conf"
  expect() {  # PATH MODE UID GID
    local got
    got="$(stat -c '%a %u %g' "$ROOT$1")" || fail "$1 was not created"
    [[ "$got" == "$2 $3 $4" ]] || fail "$1 is '$got', expected '$2 $3 $4'"
    echo "ok: $1 $2 $3:$4"
  }
  expect /etc/osiedle 755 0 0
  expect /etc/osiedle/tls 750 0 "$gid"
  # root-owned at first, so that osiedled's StateDirectory= hands it (and the wizard's files) to osiedle
  expect /var/lib/osiedle 700 0 0
  expect /var/lib/osiedle/acme 755 0 0
  expect /var/backups/osiedle 700 "$uid" "$gid"
  # After StateDirectory= gave the store to osiedle, tmpfiles (every boot) must not take it back.
  chown -R "$uid:$gid" "$ROOT/var/lib/osiedle"
  systemd-tmpfiles --root="$ROOT" --create "$STAGE/usr/lib/tmpfiles.d/osiedle.conf"
  expect /var/lib/osiedle 700 "$uid" "$gid"
  expect /var/lib/osiedle/acme 755 "$uid" "$gid"
}
if ((EUID != 0)); then
  echo "skip: applying sysusers/tmpfiles to a scratch root needs root (chown); run as root to check"
else
  check_sysusers_tmpfiles
fi

echo "== 4. cert-deploy"
DEPLOY="$STAGE/usr/lib/osiedle/cert-deploy"
[[ -x "$DEPLOY" ]] || fail "lib/osiedle/cert-deploy is not installed executable"
L="$TMP/le/live/portal.example.pl"
mkdir -p "$L" "$TMP/tls"
echo "CHAIN-1" > "$L/fullchain.pem"
echo "KEY-1" > "$L/privkey.pem"
echo "portal.example.pl" > "$TMP/domain"
printf '#!/bin/sh\necho "$@" >> %s\n' "$TMP/systemctl.log" > "$TMP/stub/systemctl"
chmod +x "$TMP/stub/systemctl"
deploy() {  # [env ARGS...]: runs cert-deploy as certbot would, against the scratch directories
  env RENEWED_LINEAGE="$L" OSIEDLE_TLS_DIR="$TMP/tls" OSIEDLE_TLS_OWNER="$(id -u):$(id -g)" \
      OSIEDLE_SYSTEMCTL="$TMP/stub/systemctl" OSIEDLE_DOMAIN_FILE="$TMP/domain" OSIEDLE_LIVE_DIR="$TMP/le/live" \
      "$@" "$DEPLOY"
}
installed() { [[ "$(cat "$TMP/tls/cert.pem") $(cat "$TMP/tls/key.pem")" == "$1 $2" ]]; }
reloads() { [[ "$(wc -l < "$TMP/systemctl.log")" -eq "$1" ]]; }
deploy env RENEWED_DOMAINS="portal.example.pl www.portal.example.pl" >/dev/null
installed CHAIN-1 KEY-1 || fail "pair not installed"
[[ "$(stat -c %a "$TMP/tls/key.pem") $(stat -c %a "$TMP/tls/cert.pem")" == "640 640" ]] || fail "modes not 0640"
[[ "$(cat "$TMP/systemctl.log")" == "try-reload-or-restart osiedled.service" ]] || fail "osiedled not reloaded"
[[ -z "$(find "$TMP/tls" -name '.*')" ]] || fail "temporary files left in the tls directory"
echo "ok: renewed pair installed 0640, osiedled reloaded"
# The unit's ExecStartPost= (no RENEWED_LINEAGE): an unchanged pair is not reinstalled or reloaded ...
deploy env -u RENEWED_LINEAGE >/dev/null
reloads 1 || fail "an unchanged pair reloaded osiedled"
# ... a lineage of another domain is not ours ...
echo "CHAIN-2" > "$L/fullchain.pem"
deploy env RENEWED_DOMAINS="other.example.org" >/dev/null
installed CHAIN-1 KEY-1 || fail "another domain's certificate was installed"
# ... and a pair renewed by someone else (Debian's certbot.timer) is picked up.
deploy env -u RENEWED_LINEAGE >/dev/null
{ installed CHAIN-2 KEY-1 && reloads 2; } || fail "sync did not install the renewed pair"
echo "ok: unchanged pair left alone, other domain skipped, outside renewal synced"
# A broken lineage (no key) fails and leaves the installed pair as it was.
echo "CHAIN-3" > "$L/fullchain.pem"
rm "$L/privkey.pem"
if deploy env RENEWED_DOMAINS="portal.example.pl" 2>/dev/null; then fail "cert-deploy accepted a lineage without key"; fi
{ installed CHAIN-2 KEY-1 && reloads 2; } || fail "pair changed or reloaded on failure"
echo "ok: broken lineage refused without a change"
echo "PASS"
