"""The first-boot wizard (osiedle-setup) driven over HTTP like a browser, end to end:
setup code gate → every step → a failed apply (config dir under a regular file) → restart, resume,
apply → final page → finish (exit 0) → osiedled serves the written config over TLS, and a resident
registers with a letter code and is verified at once."""
from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import io
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid
import zlib
from pathlib import Path

import contract as c
from daemon import REPO, SmtpSink, _drain, _readline_with_timeout, _stop_process, osiedled_path

LAN_NAME = "portal.testowa.lan"
ADMIN_EMAIL = "administrator@test.invalid"
_LISTENING = re.compile(r"listening on (http://\S+)")
_CODE = re.compile(r"setup code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})")


def setup_path() -> str:
    env = os.environ.get("OSIEDLE_SETUP")
    if env:
        return env
    default = REPO / "build/default/setup-wizard/osiedle-setup"
    if not os.access(default, os.X_OK):
        raise unittest.SkipTest(f"{default} not built (set OSIEDLE_SETUP)")
    return str(default)


def totp(secret_b32: str, at: float | None = None) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    off = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[off:off + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\x20\x40\x80")) + chunk(b"IEND", b""))


class Page:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"<Page {self.status} {self.text[:2000]!r}>"


class Browser:
    """Cookies, the form's csrf field, 303 redirects followed: what a browser does with the wizard."""

    def __init__(self, base: str):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.cookie = ""
        self.csrf = ""

    def request(self, method: str, path: str, body: bytes | None = None, ctype: str | None = None,
                follow: bool = True) -> Page:
        import http.client
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if ctype:
            headers["Content-Type"] = ctype
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            page = Page(resp.status, resp.headers, resp.read())
        finally:
            conn.close()
        for raw in page.headers.get_all("Set-Cookie") or []:
            self.cookie = raw.split(";", 1)[0]
        m = re.search(r'name="csrf" value="([^"]+)"', page.text)
        if m:
            self.csrf = m.group(1)
        if follow and page.status == 303:
            return self.request("GET", page.headers["Location"])
        return page

    def get(self, path: str, **kw) -> Page:
        return self.request("GET", path, **kw)

    def post(self, path: str, fields: dict, files: dict | None = None, csrf: bool = True, **kw) -> Page:
        fields = {**({"csrf": self.csrf} if csrf else {}), **fields}
        if not files:
            return self.request("POST", path, urllib.parse.urlencode(fields).encode(),
                                "application/x-www-form-urlencoded", **kw)
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for k, v in fields.items():
            out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        for k, (name, data) in files.items():
            out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                      f'Content-Type: application/octet-stream\r\n\r\n'.encode() + data + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, out.getvalue(), f"multipart/form-data; boundary={boundary}", **kw)


class Wizard:
    def __init__(self, args: list[str]):
        self.proc = subprocess.Popen([setup_path(), "--listen", "127.0.0.1:0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        self.lines: list[str] = []
        got = _readline_with_timeout(self.proc.stdout, 10, _CODE.search, self.lines)
        if not got:
            _stop_process(self.proc)
            raise AssertionError(f"osiedle-setup did not start: {self.lines} {self.proc.stderr.read()}")
        self.base = _LISTENING.search("\n".join(self.lines)).group(1)
        self.code = _CODE.search(got).group(1)
        threading.Thread(target=_drain, args=(self.proc.stdout, self.lines), daemon=True).start()
        threading.Thread(target=_drain, args=(self.proc.stderr, []), daemon=True).start()

    def stop(self) -> None:
        _stop_process(self.proc)
        for stream in (self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


def curl(args: list[str], tls: Path, port: int) -> tuple[int, str]:
    cp = subprocess.run(["curl", "-sS", "--max-time", "30", "--cacert", str(tls / "cert.pem"), "--resolve",
                         f"{LAN_NAME}:{port}:127.0.0.1", "-o", "-", "-w", "\n%{http_code}", *args],
                        capture_output=True, text=True, timeout=60)
    if cp.returncode != 0:
        raise AssertionError(f"curl {args}: exit {cp.returncode}: {cp.stderr}")
    body, _, code = cp.stdout.rpartition("\n")
    return int(code), body


class SetupWizardTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="osiedle-setup-it-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        t = self.tmp
        (t / "blocker").write_text("a regular file where a directory should be")
        self.common = ["--state-dir", str(t / "state"), "--data-dir", str(t / "data"), "--tls-dir", str(t / "tls"),
                       "--backup-key-file", str(t / "etc/backup.key"), "--acme-webroot", str(t / "data/acme"),
                       "--issue-file", str(t / "issue/osiedle-setup.issue"), "--certbot", "/bin/false"]
        self.config = t / "etc/osiedle.conf"
        self.sink = SmtpSink(t / "mail").start()
        self.addCleanup(self.sink.stop)

    def start(self, config_out: Path) -> tuple[Wizard, Browser]:
        w = Wizard([*self.common, "--config-out", str(config_out)])
        self.addCleanup(w.stop)
        return w, Browser(w.base)

    def login(self, w: Wizard, b: Browser) -> Page:
        p = b.post("/code", {"code": w.code.lower().replace("-", " ")}, csrf=False, follow=False)
        self.assertEqual(p.status, 303, p)
        self.assertRegex(p.headers["Set-Cookie"], r"^osiedle_setup=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/")
        return b.get(p.headers["Location"])

    def ok(self, page: Page, expect_path_text: str | None = None) -> Page:
        self.assertEqual(page.status, 200, page)
        if expect_path_text:
            self.assertIn(expect_path_text, page.text)
        return page

    def test_scripted_setup_then_resident_registers_with_letter_code(self):
        t0 = time.monotonic()
        w, b = self.start(self.tmp / "blocker/osiedle.conf")
        self.assertIn(w.code, (self.tmp / "issue/osiedle-setup.issue").read_text())
        # Without the code: the code form, and nothing else.
        self.ok(b.get("/"), 'name="code"')
        for path in ("/start", "/step/1", "/step/8", "/done", "/restore", "/done/letters.csv", "/logo"):
            self.assertEqual(b.get(path).status, 403, path)
        self.assertEqual(b.post("/step/1", {"lang": "pl"}, csrf=False).status, 403)
        self.assertEqual(b.post("/apply", {}, csrf=False).status, 403)
        self.assertEqual(b.get("/setup.css").status, 200)
        wrong = b.post("/code", {"code": "AAAA-AAAA-AAAA"}, csrf=False)
        self.assertEqual(wrong.status, 403)
        self.assertIn("Nieprawidłowy kod", wrong.text)
        # With it: walk every step.
        self.ok(self.login(w, b), "Nowa instalacja")
        self.assertEqual(b.post("/start", {"mode": "new", "csrf": "forged"}, csrf=False).status, 403)
        self.ok(b.post("/start", {"mode": "new"}), "Krok 1 z 8")
        self.ok(b.post("/step/1", {"lang": "pl"}), "Krok 2 z 8")
        coop = {"name": "SM Testowa", "nip": "123-456-32-11", "address": "ul. Testowa 1, 00-001 Warszawa",
                "phone": "+48 22 100 20 30", "email": "biuro@test.invalid"}
        bad = b.post("/step/2", coop, files={"logo": ("logo.png", tiny_png())})
        self.assertEqual(bad.status, 422)
        self.assertIn("cyfra kontrolna", bad.text)
        coop["nip"] = "123-456-32-18"
        self.assertEqual(b.post("/step/2", coop, files={"logo": ("logo.txt", b"not an image")}).status, 422)
        self.ok(b.post("/step/2", coop, files={"logo": ("logo.png", tiny_png())}), "Krok 3 z 8")
        admin = {"first_name": "Adam", "last_name": "Administracyjny", "email": ADMIN_EMAIL,
                 "password": c.STRONG_PASSWORD, "password2": c.STRONG_PASSWORD}
        self.assertEqual(b.post("/step/3", {**admin, "password": "krotkie", "password2": "krotkie"}).status, 422)
        enrol = self.ok(b.post("/step/3", admin), "totp-secret")
        secret = re.search(r'<pre class="key" id="totp-secret">([A-Z2-7 ]+)</pre>', enrol.text).group(1).replace(" ", "")
        self.assertEqual(b.post("/step/3/totp", {"code": "000000" if totp(secret) != "000000" else "111111"}).status, 422)
        self.ok(b.post("/step/3/totp", {"code": totp(secret)}), "Krok 4 z 8")
        tls = self.ok(b.post("/step/4", {"mode": "lan", "name": LAN_NAME}), "Krok 4 z 8")
        fingerprint = re.search(r'<code id="fingerprint">([0-9A-F:]{95})</code>', tls.text).group(1)
        public = b.post("/step/4", {"mode": "public", "name": "portal.example.pl"})
        self.assertEqual(public.status, 422)
        self.assertIn("Let&#39;s Encrypt nie wydał", public.text)
        self.ok(b.get("/step/5"), "Krok 5 z 8")
        port = urllib.parse.urlsplit(self.sink.url).port
        mail = {"host": "127.0.0.1", "port": str(port), "security": "none", "user": "", "password": "",
                "from": "biuro@test.invalid", "test_to": "sprawdzam@test.invalid"}
        self.ok(b.post("/step/5", {**mail, "action": "test"}), "Wiadomość testowa wysłana")
        self.sink.wait_for(lambda m: "sprawdzam@test.invalid" in m["To"])
        self.ok(b.post("/step/5", {**mail, "action": "save"}), "Krok 6 z 8")
        flats = c.sample_flats()
        csv_bytes = c.flats_csv(flats) + "Osiedle Testowe;Lazurowa 12;A;99;zła;;\r\n".encode()
        preview = self.ok(b.post("/step/6", {"action": "upload"}, files={"csv": ("lokale.csv", csv_bytes)}))
        self.assertIn('<strong id="imported">12</strong>', preview.text)
        self.assertIn('<strong id="errors">1</strong>', preview.text)
        self.ok(b.post("/step/6", {"action": "confirm"}), "Krok 7 z 8")
        summary = self.ok(b.post("/step/7", {"proof": "letter-code", "print_letters": "1"}), "Krok 8 z 8")
        self.assertIn("SM Testowa", summary.text)
        # Apply with the config dir under a regular file: refused, nothing written, state kept.
        failed = b.post("/apply", {})
        self.assertEqual(failed.status, 409, failed)
        self.assertIn("Spróbuj ponownie", failed.text)
        self.assertFalse((self.tmp / "data/data.mdb").exists())
        self.assertFalse((self.tmp / "tls").exists())
        self.assertFalse((self.tmp / "etc/backup.key").exists())
        self.assertTrue((self.tmp / "state/state.json").exists())
        # A restart with a good --config-out resumes at the summary (new code, new session).
        w.stop()
        w, b = self.start(self.config)
        self.ok(self.login(w, b), "Krok 8 z 8")
        done = self.ok(b.post("/apply", {}), "Zestaw awaryjny")
        self.assertIn(f"https://{LAN_NAME}", done.text)
        self.assertIn('class="qr"', done.text)
        key_text = re.search(r'<pre class="key">([0-9A-F ]+)</pre>', done.text).group(1)
        self.assertEqual(len(key_text.replace(" ", "")), 64)
        letters = b.get("/done/letters.csv")
        self.assertEqual(letters.status, 200)
        self.assertEqual(b.get("/done/letters.pdf").body[:4], b"%PDF")
        rows = list(csv.DictReader(io.StringIO(letters.body.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(len(rows), 12)
        self.assertEqual(b.post("/apply", {}).status, 200)  # again: just the final page
        finish = self.ok(b.post("/finish", {}), 'id="portal"')
        self.assertIn(f"https://{LAN_NAME}", finish.text)
        self.assertEqual(w.proc.wait(timeout=15), 0)
        elapsed = time.monotonic() - t0
        print(f"\nscripted setup took {elapsed:.1f} s", flush=True)
        self.assertFalse((self.tmp / "state/letters.csv").exists())
        self.assertNotIn("argon2id", (self.tmp / "state/state.json").read_text())
        conf = self.config.read_text()
        self.assertIn("written by osiedle-setup on", conf)
        self.assertIn("registration-proof = letter-code", conf)
        self.check_osiedled(rows, fingerprint)

    def check_osiedled(self, letters: list[dict], fingerprint: str) -> None:
        tls = self.tmp / "tls"
        openssl = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", str(tls / "cert.pem")],
                                 capture_output=True, text=True)
        if openssl.returncode == 0:
            self.assertIn(fingerprint, openssl.stdout)
        proc = subprocess.Popen([osiedled_path(), "serve", "--config", str(self.config), "--listen", "127.0.0.1:0",
                                 "--http-listen", "127.0.0.1:0", "--web-dir", str(REPO / "daemon/web")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        # Cleanups run last-in first-out: stop the daemon first, so the drain thread sees EOF before the pipes close
        # (closing a pipe another thread is reading blocks).
        self.addCleanup(proc.stderr.close)
        self.addCleanup(proc.stdout.close)
        self.addCleanup(_stop_process, proc)
        lines: list[str] = []
        got = _readline_with_timeout(proc.stdout, 15, re.compile(r"listening on https://").search, lines)
        self.assertTrue(got, f"osiedled did not start: {lines}")
        threading.Thread(target=_drain, args=(proc.stderr, []), daemon=True).start()
        port = int(re.search(r"listening on https://[^:]+:(\d+)", got).group(1))
        base = f"https://{LAN_NAME}:{port}"
        status, body = curl([f"{base}/api/v1/public/site"], tls, port)
        self.assertEqual(status, 200, body)
        site = json.loads(body)
        self.assertEqual(site["registration"]["proof"], "letter-code")
        self.assertEqual(site["name"], "SM Testowa")
        status, body = curl([f"{base}/api/v1/public/buildings"], tls, port)
        blds = c.items(json.loads(body), "buildings")
        letter = letters[0]
        bid = c.building_id(blds, letter["budynek"])
        email = "mieszkanka@test.invalid"
        reg = c.registration(email, bid, letter["lokal"], "", letter_code=letter["kod"])
        reg.pop("kw_number")
        status, body = curl(["-H", "Content-Type: application/json", "--data-binary", json.dumps(reg),
                             f"{base}/api/v1/registrations"], tls, port)
        self.assertEqual(status, 201, body)
        self.assertIs(json.loads(body).get("verified"), True)
        status, body = curl(["-H", "Content-Type: application/json", "--data-binary",
                             json.dumps({"email": email, "password": c.STRONG_PASSWORD}),
                             f"{base}/api/v1/auth/login"], tls, port)
        self.assertEqual(status, 200, body)

    def test_restore_from_backup_and_upload_caps(self):
        # A store with an administrator and a config, backed up with osiedled.
        src, conf = self.tmp / "src", self.tmp / "src.conf"
        src.mkdir()
        # The old box's TLS pair and backup key stay behind: the new box has neither.
        new_tls = self.tmp / "tls"
        conf.write_text(f"site-name = SM Z Kopii\npublic-url = https://kopia.lan\n"
                        f"tls-cert = {new_tls}/cert.pem\ntls-key = {new_tls}/key.pem\n")
        key_file, archive = self.tmp / "src.key", self.tmp / "kopia.osbak"
        base = ["--data-dir", str(src), "--config", str(conf), "--backup-key-file", str(key_file)]
        run = lambda *a, stdin=b"": subprocess.run([osiedled_path(), *a], input=stdin, capture_output=True, timeout=120)
        for cmd in (["create-admin", *base, "--email", ADMIN_EMAIL, "--name", "Adam Kopia"], ["backup-key", *base],
                    ["backup", *base, "--to", str(archive)]):
            cp = run(*cmd, stdin=(c.STRONG_PASSWORD + "\n").encode())
            self.assertEqual(cp.returncode, 0, cp)
        key_hex = key_file.read_text().strip()
        w, b = self.start(self.config)
        # Uploads over their cap are refused with 413, whether the length is announced or found while reading.
        with socket.create_connection((b.host, b.port), timeout=30) as sock:  # announced: refused before the body
            sock.sendall(b"POST /restore HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                         b"Content-Length: %d\r\n\r\n" % (5 << 30))
            answer = sock.recv(65536).decode("utf-8", "replace")
        self.assertTrue(answer.startswith("HTTP/1.1 413"), answer)
        self.assertIn("za duży", answer)
        self.ok(self.login(w, b), "Nowa instalacja")
        over = b.post("/step/2", {}, files={"logo": ("logo.png", tiny_png() + b"\0" * (2 << 20))})
        self.assertEqual(over.status, 413)
        self.ok(b.post("/start", {"mode": "restore"}), 'name="backup"')
        wrong = b.post("/restore", {"key": "00" * 32}, files={"backup": ("kopia.osbak", archive.read_bytes())})
        self.assertEqual(wrong.status, 422, wrong)
        self.assertFalse((self.tmp / "data/data.mdb").exists())
        self.assertFalse(self.config.exists())
        spaced = " ".join(key_hex[i:i + 4] for i in range(0, 64, 4)).lower()
        restored = self.ok(b.post("/restore", {"key": spaced}, files={"backup": ("kopia.osbak", archive.read_bytes())}),
                           "Przywrócono")
        self.assertTrue((self.tmp / "data/data.mdb").exists())
        self.assertIn("SM Z Kopii", self.config.read_text())
        # The typed key becomes the new box's backup key; a new self-signed certificate for the restored name.
        self.assertEqual((self.tmp / "etc/backup.key").read_text().replace(" ", "").strip().lower(), key_hex.lower())
        fp = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-ext", "subjectAltName", "-in",
                             str(new_tls / "cert.pem")], capture_output=True, text=True)
        self.assertEqual(fp.returncode, 0, fp.stderr)
        self.assertIn("DNS:kopia.lan", fp.stdout)
        self.assertIn(fp.stdout.split("=", 1)[1].split()[0].strip(), restored.text)
        self.assertTrue((new_tls / "key.pem").exists())
        self.ok(b.post("/finish", {}), 'id="portal"')
        self.assertEqual(w.proc.wait(timeout=15), 0)
        self.assertEqual(list((self.tmp / "state").glob("upload-*")), [])
        cp = run("check", "--data-dir", str(self.tmp / "data"), "--config", str(self.config))
        self.assertEqual(cp.returncode, 0, cp)


if __name__ == "__main__":
    unittest.main()
