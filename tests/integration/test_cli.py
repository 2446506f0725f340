"""The admin command line: create-admin, import-flats (encodings), backup/restore, check, routes."""
import json
import os
import re
import shutil
import subprocess
import sys
import unittest
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import contract as c  # noqa: E402
from daemon import Account, Daemon, routes  # noqa: E402
from fixtures import ADMIN  # noqa: E402

POLISH_ROWS = [
    {"estate": "Osiedle Żółty Jar", "building": "Łąkowa 5", "staircase": "Ś", "flat": "1", "area": "48,25",
     "kw": c.make_kw("WA1M", 501), "member": "Ć-501"},
    {"estate": "Osiedle Żółty Jar", "building": "Łąkowa 5", "staircase": "Ś", "flat": "2", "area": "61,5",
     "kw": c.make_kw("WA1M", 502), "member": "Ć-502"},
    {"estate": "Osiedle Żółty Jar", "building": "Źródlana 7", "staircase": "", "flat": "3A", "area": "33",
     "kw": c.make_kw("WA1M", 503), "member": "Ę-503"},
]


def addresses(d: Daemon) -> set:
    return {b.get("address") for b in c.buildings(d.client())}


def data_file(data_dir: Path) -> Path:
    found = sorted(Path(data_dir).rglob("data.mdb"))
    if not found:
        raise AssertionError(f"no data.mdb under {data_dir}")
    return found[0]


class Cli(unittest.TestCase):
    def setUp(self):
        self.d = Daemon(admin=ADMIN)
        self.addCleanup(self.d.cleanup)

    def test_create_admin_reads_the_password_from_stdin(self):
        self.d.start()
        self.d.login(ADMIN)
        self.assertEqual(self.d.client().login(ADMIN.email, "wrong-password-123").code, "invalid_credentials")
        self.d.stop()
        again = self.d.cli("create-admin", "--email", ADMIN.email, "--name", ADMIN.name,
                           stdin=ADMIN.password + "\n", check=False)
        self.assertNotEqual(again.returncode, 0, "an e-mail is taken only once")
        weak = self.d.cli("create-admin", "--email", "second@test.invalid", "--name", "Jan Nowak", stdin="abc\n",
                          check=False)
        self.assertNotEqual(weak.returncode, 0, "a weak password is refused")

    def test_import_windows_1250_and_utf8_bom(self):
        cp1250 = c.flats_csv(POLISH_ROWS, encoding="cp1250")
        self.assertNotEqual(cp1250, c.flats_csv(POLISH_ROWS), "the bytes must really be Windows-1250")
        self.d.import_flats(cp1250, "cp1250.csv")
        bom = c.flats_csv([dict(r, building="Ćmielowska 9", kw=c.make_kw("WA1M", 600 + i))
                           for i, r in enumerate(POLISH_ROWS)], encoding="utf-8", bom=True, english=True)
        self.d.import_flats(bom, "bom.csv")
        self.d.import_flats(cp1250, "again.csv")  # idempotent
        self.d.start()
        self.assertEqual(addresses(self.d), {"Łąkowa 5", "Źródlana 7", "Ćmielowska 9"})

    def test_import_reports_bad_lines_and_keeps_good_ones(self):
        rows = POLISH_ROWS + [dict(POLISH_ROWS[0], flat="9", kw=c.with_wrong_check_digit(c.make_kw("WA1M", 509)))]
        out = self.d.import_flats(c.flats_csv(rows), "bad.csv", check=False)  # exit status: the daemon's choice
        self.assertIn("5", out.stdout + out.stderr, "line 5 (header = line 1) is reported")
        self.assertIn("kw_checksum_invalid", out.stdout + out.stderr)
        self.d.start()
        self.assertEqual(addresses(self.d), {"Łąkowa 5", "Źródlana 7"})

    def test_backup_restore_check(self):
        self.d.import_flats(c.flats_csv(POLISH_ROWS))
        self.d.start()
        self.d.login(ADMIN)  # leaves audit entries
        backup = self.d.tmp / "osiedle.osbak"
        key = str(self.d.tmp / "backup.key")  # encrypted backups: tests/integration/test_backup.py
        self.d.cli("backup-key", "--backup-key-file", key)
        self.d.cli("backup", "--to", str(backup), "--backup-key-file", key)  # online, while serving
        self.assertGreater(backup.stat().st_size, 0)
        self.d.stop()

        other = Daemon(data_dir=self.d.tmp / "restored")  # removed with self.d's temp dir
        self.addCleanup(other.cleanup)
        other.cli("restore", "--from", str(backup), "--backup-key-file", key)
        other.cli("check")
        other.start()
        self.assertEqual(addresses(other), {"Łąkowa 5", "Źródlana 7"})
        other.login(ADMIN)

    def test_check_detects_a_tampered_audit_entry(self):
        if not shutil.which("mdb_dump") or not shutil.which("mdb_load"):
            self.skipTest("lmdb-utils not installed")
        self.d.start()
        self.d.login(ADMIN)
        self.d.login(ADMIN)
        self.d.stop()
        self.d.cli("check")
        env_dir = str(data_file(self.d.data_dir).parent)
        dump = subprocess.run(["mdb_dump", "-s", "audit.log", env_dir], capture_output=True, text=True)
        if dump.returncode != 0:
            listing = subprocess.run(["mdb_dump", "-l", env_dir], capture_output=True, text=True).stdout
            self.fail(f"mdb_dump -s audit.log failed: {dump.stderr}; tables: {listing}")
        tampered = tamper_first_value(dump.stdout)
        load = subprocess.run(["mdb_load", "-s", "audit.log", env_dir], input=tampered, capture_output=True,
                              text=True)
        self.assertEqual(load.returncode, 0, load.stderr)
        check = self.d.cli("check", check=False)
        self.assertNotEqual(check.returncode, 0, f"check must fail on a tampered entry: {check.stdout}")

    def test_routes_lists_login_as_public(self):
        table = routes()
        login = [r for r in table if r["method"] == "POST" and r["pattern"] == "/api/v1/auth/login"]
        self.assertEqual(len(login), 1, table)
        self.assertEqual(login[0]["permission"], "public")
        for r in table:
            self.assertEqual(set(r) >= {"method", "pattern", "permission"}, True, json.dumps(r))


def tamper_first_value(dump: str) -> str:
    """Changes one lower-case ASCII letter inside the first audit value of an `mdb_dump` text
    (bytevalue format: after HEADER=END, lines alternate key, value as " <hex>")."""
    lines = dump.split("\n")
    start = lines.index("HEADER=END") + 1
    for i in range(start + 1, len(lines), 2):
        if not lines[i].startswith(" "):
            break
        raw = bytearray(bytes.fromhex(lines[i].strip()))
        m = re.search(rb"[a-z]{4,}", bytes(raw))
        if m:
            raw[m.start()] = ord("b") if raw[m.start()] != ord("b") else ord("c")
            lines[i] = " " + raw.hex()
            return "\n".join(lines)
    raise AssertionError("no audit entry with text to tamper with:\n" + dump[:2000])


if __name__ == "__main__":
    unittest.main()
