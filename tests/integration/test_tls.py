"""TLS: `make-cert`, HTTPS accepted by curl --cacert for the chosen name only, certificate reload on SIGHUP
(new connections get the new certificate, open ones keep working, a bad pair is refused), and the plain-HTTP
listener for ACME webroot challenges and redirects. certbot is never contacted."""
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

from daemon import Daemon, run_cli  # noqa: E402

NAME = "osiedle.test"
_HTTP_LISTENER = re.compile(r"http listener on http://[^:]+:(\d+)")


class TlsConnection(http.client.HTTPConnection):
    """HTTPS to 127.0.0.1:port verified against `cafile` for NAME (no DNS needed), kept alive."""

    def __init__(self, port: int, cafile: str, timeout: float = 10):
        super().__init__("127.0.0.1", port, timeout=timeout)
        self.ctx = ssl.create_default_context(cafile=cafile)

    def connect(self):
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self.ctx.wrap_socket(raw, server_hostname=NAME)

    def peer_der(self) -> bytes:
        return self.sock.getpeercert(binary_form=True)

    def get(self, path: str) -> tuple[int, bytes]:
        self.request("GET", path, headers={"Connection": "keep-alive"})
        r = self.getresponse()
        return r.status, r.read()


def der_of(cert_path: Path) -> bytes:
    return ssl.PEM_cert_to_DER_cert(cert_path.read_text())


def wait_for_line(d: Daemon, pattern: str, after: int, timeout: float = 10) -> str:
    """The first stdout line past index `after` containing `pattern` (osiedled logs to stdout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in d.stdout_lines[after:]:
            if pattern in line:
                return line
        time.sleep(0.05)
    raise AssertionError(f"no '{pattern}' line within {timeout}s; stdout: {d.stdout_lines[-10:]}")


class Tls(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="osiedle-tls-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.conf = self.tmp / "empty.conf"
        self.conf.write_text("")
        self.cert = self.tmp / "tls" / "cert.pem"
        self.key = self.tmp / "tls" / "key.pem"

    def make_cert(self, cert: Path | None = None, key: Path | None = None, name: str = NAME):
        return run_cli("make-cert", "--config", str(self.conf), "--name", name, "--tls-cert", str(cert or self.cert),
                       "--tls-key", str(key or self.key), check=False)

    def start(self, *extra: str) -> Daemon:
        d = Daemon(extra_args=["--tls-cert", str(self.cert), "--tls-key", str(self.key), *extra])
        self.addCleanup(d.cleanup)
        d.start()
        self.assertTrue(d.base_url.startswith("https://"), d.base_url)
        return d

    def curl(self, port: int, name: str, cafile: Path) -> subprocess.CompletedProcess:
        return subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert", str(cafile), "--resolve",
                               f"{name}:{port}:127.0.0.1", f"https://{name}:{port}/healthz"],
                              capture_output=True, text=True, timeout=20)

    def test_make_cert_writes_a_pair_and_prints_the_fingerprint(self):
        cp = self.make_cert()
        self.assertEqual(cp.returncode, 0, cp.stderr)
        m = re.search(r"SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})", cp.stdout)
        self.assertIsNotNone(m, cp.stdout)
        import hashlib
        expected = hashlib.sha256(der_of(self.cert)).hexdigest().upper()
        self.assertEqual(m.group(1).replace(":", ""), expected)
        self.assertEqual(self.key.stat().st_mode & 0o777, 0o600)
        for bad in ("osiedle", "192.168.1.10", "*.osiedle.lan", "a b.lan"):
            cp = self.make_cert(self.tmp / "x.pem", self.tmp / "y.pem", name=bad)
            self.assertEqual(cp.returncode, 2, bad)
            self.assertIn("dns_name_invalid", cp.stderr)
            self.assertFalse((self.tmp / "y.pem").exists())

    def test_curl_accepts_the_certificate_for_its_name_only(self):
        self.assertEqual(self.make_cert().returncode, 0)
        d = self.start()
        port = int(d.base_url.rsplit(":", 1)[1])
        ok = self.curl(port, NAME, self.cert)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("ok", ok.stdout.lower())
        other = self.curl(port, "inne.test", self.cert)
        self.assertNotEqual(other.returncode, 0, "another name must not verify")
        self.assertIn("no alternative certificate subject name matches", other.stderr)

    def test_sighup_reloads_for_new_connections_and_keeps_open_ones(self):
        self.assertEqual(self.make_cert().returncode, 0)
        first_der = der_of(self.cert)
        first_cert = self.tmp / "first.pem"
        shutil.copy(self.cert, first_cert)
        d = self.start()
        port = int(d.base_url.rsplit(":", 1)[1])

        old = TlsConnection(port, str(first_cert))
        self.addCleanup(old.close)
        self.assertEqual(old.get("/healthz")[0], 200)
        self.assertEqual(old.peer_der(), first_der)

        self.assertEqual(self.make_cert().returncode, 0)  # replaces both files
        second_der = der_of(self.cert)
        self.assertNotEqual(second_der, first_der)
        second_cert = self.tmp / "second.pem"
        shutil.copy(self.cert, second_cert)
        mark = len(d.stdout_lines)
        d.kill(signal.SIGHUP, wait=False)
        wait_for_line(d, "tls: certificate reloaded", mark)
        self.assertTrue(d.alive())

        new = TlsConnection(port, str(self.cert))
        self.addCleanup(new.close)
        self.assertEqual(new.get("/healthz")[0], 200)
        self.assertEqual(new.peer_der(), second_der)
        # The connection opened before the reload still answers, on its old certificate.
        self.assertEqual(old.get("/healthz")[0], 200)
        self.assertEqual(old.peer_der(), first_der)
        ok = self.curl(port, NAME, self.cert)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertNotEqual(self.curl(port, NAME, first_cert).returncode, 0, "the old certificate is gone")

        # A broken pair (another pair's key; then a truncated certificate) is refused; the current one stays.
        spare_cert, spare_key = self.tmp / "spare.pem", self.tmp / "spare.key"
        self.assertEqual(self.make_cert(spare_cert, spare_key).returncode, 0)
        shutil.copy(spare_key, self.key)
        for _ in range(2):
            mark = len(d.stdout_lines)
            d.kill(signal.SIGHUP, wait=False)
            line = wait_for_line(d, "tls: reload refused", mark)
            self.assertTrue(d.alive())
            after = TlsConnection(port, str(second_cert))
            self.assertEqual(after.get("/healthz")[0], 200)
            self.assertEqual(after.peer_der(), second_der)
            after.close()
            self.cert.write_text(self.cert.read_text()[:200])
        self.assertIn("tls_cert_invalid", line)

    def test_plain_http_serves_acme_challenges_and_redirects_the_rest(self):
        self.assertEqual(self.make_cert().returncode, 0)
        webroot = self.tmp / "acme"
        challenges = webroot / ".well-known" / "acme-challenge"
        challenges.mkdir(parents=True)
        (self.tmp / "secret").write_text("do not serve")
        (webroot / "inside").write_text("not a challenge")
        d = self.start("--http-listen", "127.0.0.1:0", "--acme-webroot", str(webroot),
                       "--public-url", f"https://{NAME}:8443/")
        m = next((_HTTP_LISTENER.search(l) for l in d.stdout_lines if _HTTP_LISTENER.search(l)), None)
        self.assertIsNotNone(m, d.stdout_lines)
        plain_port = int(m.group(1))
        https_port = int(d.base_url.rsplit(":", 1)[1])

        token = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"
        content = (token + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI").encode() + b"\n\x00\xff"
        (challenges / token).write_bytes(content)  # written after start: read on every request

        def get(path: str) -> http.client.HTTPResponse:
            conn = http.client.HTTPConnection("127.0.0.1", plain_port, timeout=10)
            self.addCleanup(conn.close)
            conn.request("GET", path)
            return conn.getresponse()

        r = get(f"/.well-known/acme-challenge/{token}")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.getheader("Content-Type"), "text/plain")
        self.assertEqual(r.read(), content)

        for path in ("/.well-known/acme-challenge/unknown-token", "/.well-known/acme-challenge/",
                     "/.well-known/acme-challenge/../../secret", "/.well-known/acme-challenge/..%2F..%2Fsecret",
                     "/.well-known/acme-challenge/%2e%2e/inside", "/.well-known/acme-challenge/..",
                     f"/.well-known/acme-challenge/{token}/", f"/.well-known/acme-challenge/{token}%00"):
            r = get(path)
            body = r.read()
            self.assertIn(r.status, (400, 404), path)  # 400 only for the NUL escape Pistache's adapter refuses
            self.assertNotIn(b"do not serve", body, path)
            self.assertNotIn(b"not a challenge", body, path)
        self.assertEqual(get("/.well-known/acme-challenge/..").status, 404)
        self.assertEqual(get("/.well-known/acme-challenge/").status, 404)

        (challenges / "link").symlink_to(self.tmp / "secret")
        r = get("/.well-known/acme-challenge/link")
        self.assertEqual(r.status, 404)
        self.assertNotIn(b"do not serve", r.read())

        r = get("/api/v1/public/site?x=1")
        self.assertEqual(r.status, 301)
        self.assertEqual(r.getheader("Location"), f"https://{NAME}:8443/api/v1/public/site?x=1")
        r = get("/")
        self.assertEqual(r.status, 301)
        self.assertEqual(r.getheader("Location"), f"https://{NAME}:8443/")

        # The HTTPS listener serves the same challenge path (certbot may follow the redirect).
        tls = TlsConnection(https_port, str(self.cert))
        self.addCleanup(tls.close)
        self.assertEqual(tls.get(f"/.well-known/acme-challenge/{token}"), (200, content))
        self.assertEqual(tls.get("/.well-known/acme-challenge/unknown-token")[0], 404)


if __name__ == "__main__":
    unittest.main()
