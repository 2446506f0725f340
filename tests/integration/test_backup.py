"""Encrypted backups: backup → wipe → restore is byte-identical; corrupt, cut and wrong-key archives are refused
with a clear error and leave the data dir exactly as it was; a backup taken while osiedled serves restores."""
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import unittest
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

from daemon import Daemon  # noqa: E402

CONFIG_TEXT = "site-name = Spółdzielnia Mieszkaniowa Kopia\noffice-phone = 22 123 45 67\n"


def tree_digest(root: Path, skip=("lock.mdb", "osiedled.lock")) -> dict:
    """{relative path: sha256} of every file under root (directories as "<path>/": "dir")."""
    out = {}
    for p in sorted(Path(root).rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_dir():
            out[rel + "/"] = "dir"
        elif p.name not in skip:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def mdb_dump(data_dir: Path) -> str:
    """Every table's keys and values. The maxreaders= header line is left out: it is the size of the reader
    table in lock.mdb (256 when osiedled made it, 126 when mdb_dump does), not data."""
    cp = subprocess.run(["mdb_dump", "-a", str(data_dir)], capture_output=True, text=True)
    if cp.returncode != 0:
        raise AssertionError(f"mdb_dump failed: {cp.stderr}")
    return "\n".join(line for line in cp.stdout.split("\n") if not line.startswith("maxreaders="))


class Backup(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not shutil.which("mdb_dump"):
            raise unittest.SkipTest("lmdb-utils not installed")

    def setUp(self):
        self.d = Daemon(demo=True)  # the demo cooperative: news, documents with PDFs, banners
        self.addCleanup(self.d.cleanup)
        self.key = self.d.tmp / "backup.key"

    def cli(self, *args, key: Path | None = None, **kw):
        return self.d.cli(args[0], "--backup-key-file", str(key or self.key), *args[1:], **kw)

    def make_key(self) -> None:
        out = self.cli("backup-key")
        self.assertIn("ZESTAW AWARYJNY", out.stdout)
        self.assertIn("EMERGENCY KIT", out.stdout)
        self.assertEqual(stat.S_IMODE(self.key.stat().st_mode), 0o640)
        again = self.cli("backup-key", check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("backup_key_exists", again.stderr)

    def seeded_and_backed_up(self) -> Path:
        self.d.start()
        self.d.stop()
        files = list((self.d.data_dir / "files").rglob("*"))
        self.assertTrue(any(p.is_file() for p in files), "the demo store has uploaded files")
        self.d.config_file.write_text(CONFIG_TEXT, encoding="utf-8")
        self.make_key()
        archive = self.d.tmp / "kopia.osbak"
        out = self.cli("backup", "--to", str(archive))
        self.assertIn(str(archive), out.stdout)
        self.assertNotIn(b"site-name", archive.read_bytes(), "the archive is encrypted")
        return archive

    def test_backup_wipe_restore_is_byte_identical(self):
        archive = self.seeded_and_backed_up()
        dump = mdb_dump(self.d.data_dir)
        files = tree_digest(self.d.data_dir / "files")
        shutil.rmtree(self.d.data_dir)

        restored_conf = self.d.tmp / "etc" / "osiedle.conf"
        out = self.cli("restore", "--from", str(archive), "--config-out", str(restored_conf))
        self.assertIn("restored", out.stdout)
        self.assertEqual(mdb_dump(self.d.data_dir), dump)
        self.assertEqual(tree_digest(self.d.data_dir / "files"), files)
        self.assertEqual(restored_conf.read_text(encoding="utf-8"), CONFIG_TEXT)
        self.d.cli("check")
        self.d.start()
        self.assertEqual(self.d.client().get("/api/v1/public/site").status, 200)

    def test_corrupt_cut_and_wrong_key_archives_are_refused_and_nothing_changes(self):
        archive = self.seeded_and_backed_up()
        data = archive.read_bytes()
        flipped = self.d.tmp / "flipped.osbak"
        flipped.write_bytes(data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0x40]) + data[len(data) // 2 + 1:])
        cut = self.d.tmp / "cut.osbak"
        cut.write_bytes(data[:len(data) - 1000])
        other_key = self.d.tmp / "other.key"
        self.d.cli("backup-key", "--backup-key-file", str(other_key))
        before = tree_digest(self.d.data_dir)
        conf_out = self.d.tmp / "restored.conf"
        cases = [
            (flipped, self.key, "backup_corrupt", "uszkodzona"),
            (cut, self.key, "backup_truncated", "niekompletna"),
            (archive, other_key, "backup_wrong_key", "zły klucz"),
        ]
        for path, key, code, polish in cases:
            with self.subTest(code=code):
                for extra in (["restore", "--config-out", str(conf_out)], ["verify-backup"]):
                    cp = self.cli(extra[0], "--from", str(path), *extra[1:], key=key, check=False)
                    self.assertEqual(cp.returncode, 1, cp.stderr)
                    self.assertIn(code, cp.stderr)
                    self.assertIn(polish, cp.stderr)
                    self.assertEqual(len(cp.stderr.strip().splitlines()), 1, cp.stderr)
                self.assertEqual(tree_digest(self.d.data_dir), before, "the data dir is exactly as it was")
                self.assertFalse(conf_out.exists())

    def test_backup_while_serving_restores_and_retention_keeps_backup_keep(self):
        self.make_key()
        self.d.start()
        backups = self.d.tmp / "backups"
        backups.mkdir()
        old = ["osiedle-20200101-020000.osbak", "osiedle-20200102-020000.osbak", "osiedle-20200103-020000.osbak"]
        for name in old + ["notatki.txt"]:
            (backups / name).write_bytes(b"old")
        self.cli("backup", "--backup-dir", str(backups), "--backup-keep", "2")  # while osiedled serves
        names = sorted(p.name for p in backups.iterdir())
        self.assertEqual(len(names), 3, names)
        self.assertIn("notatki.txt", names)
        self.assertIn(old[2], names, "the newest old one stays: 2 kept in all")
        new = [n for n in names if n not in old and n != "notatki.txt"]
        self.assertEqual(len(new), 1, names)
        self.assertRegex(new[0], r"^osiedle-\d{8}-\d{6}\.osbak$")
        archive = backups / new[0]

        busy = self.cli("restore", "--from", str(archive), check=False)
        self.assertEqual(busy.returncode, 1)
        self.assertIn("data_dir_busy", busy.stderr)

        typed = self.d.cli("verify-backup", "--from", str(archive), "--key-text",
                           stdin=self.key.read_text().upper() + "\n")
        self.assertIn("OK", typed.stdout)

        other = Daemon(data_dir=self.d.tmp / "restored")  # removed with self.d's temp dir
        self.addCleanup(other.cleanup)
        other.cli("restore", "--from", str(archive), "--key-text", stdin=self.key.read_text())
        other.cli("check")
        other.start()
        self.assertEqual(other.client().get("/api/v1/public/site").status, 200)
        self.assertEqual(tree_digest(other.data_dir / "files"), tree_digest(self.d.data_dir / "files"))


if __name__ == "__main__":
    unittest.main()
