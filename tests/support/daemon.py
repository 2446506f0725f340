"""Runs a real osiedled for integration tests and benchmarks, and talks HTTP to it.

    with Daemon(admin=ADMIN, flats_csv=csv_bytes, smtp=True) as d:
        c = d.client()
        c.login(ADMIN.email, ADMIN.password)
        r = c.get("/api/v1/me")          # r.status, r.headers, r.json, r.code (error code)

The binary is $OSIEDLED, else <repo>/build/default/daemon/app/osiedled. Every Daemon owns a
temp data dir (removed by cleanup) and always stops its processes, even when a test fails.
Use /usr/bin/python3 (Debian's, which has aiosmtpd for the SMTP sink).
"""
from __future__ import annotations

import email
import email.policy
import http.client
import http.cookies
import json as jsonlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SUPPORT = Path(__file__).resolve().parent
SESSION_COOKIE = "osiedle_session"
CSRF_HEADER = "X-CSRF-Token"
READY_TIMEOUT_S = 10.0
_LISTENING = re.compile(r"listening on (https?://\S+)")


def osiedled_path() -> str:
    """The daemon binary; raises unittest.SkipTest when it was never built (and $OSIEDLED is unset)."""
    env = os.environ.get("OSIEDLED")
    if env:
        if not os.access(env, os.X_OK):
            raise FileNotFoundError(f"OSIEDLED={env} is not an executable")
        return env
    default = REPO / "build/default/daemon/app/osiedled"
    if not os.access(default, os.X_OK):
        raise unittest.SkipTest(f"{default} not built (set OSIEDLED or run ./test.sh)")
    return str(default)


@dataclass
class Account:
    email: str
    password: str
    first_name: str = "Anna"
    last_name: str = "Nowak"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def run_cli(*args: str, stdin: bytes | str | None = None, timeout: float = 120, check: bool = False,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs `osiedled ARGS...` to completion; stdout/stderr captured as text."""
    if isinstance(stdin, str):
        stdin = stdin.encode()
    cp = subprocess.run([osiedled_path(), *args], input=stdin if stdin is not None else b"",
                        capture_output=True, timeout=timeout, env=env)
    out = subprocess.CompletedProcess(cp.args, cp.returncode, cp.stdout.decode("utf-8", "replace"),
                                      cp.stderr.decode("utf-8", "replace"))
    if check and out.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {out.returncode}\nstdout:\n{out.stdout}\nstderr:\n{out.stderr}")
    return out


def routes() -> list[dict]:
    """The route table from `osiedled routes` ({method, pattern, permission} per route). A throwaway
    data dir and an empty config are passed in case the command opens the store to build its modules."""
    with tempfile.TemporaryDirectory(prefix="osiedle-routes-") as tmp:
        conf = Path(tmp) / "empty.conf"
        conf.write_text("")
        (Path(tmp) / "data").mkdir()
        cp = run_cli("routes", "--data-dir", str(Path(tmp) / "data"), "--config", str(conf), check=True)
    return [jsonlib.loads(line) for line in cp.stdout.splitlines() if line.strip().startswith("{")]


# ----------------------------------------------------------------------------------------------
# HTTP client


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body
        self.json = None
        ctype = headers.get("Content-Type", "")
        if body and ("json" in ctype or body[:1] in (b"{", b"[")):
            try:
                self.json = jsonlib.loads(body)
            except ValueError:
                self.json = None

    @property
    def code(self) -> str | None:
        """The error code of an error body {"error":{"code":...}}, else None."""
        if isinstance(self.json, dict) and isinstance(self.json.get("error"), dict):
            return self.json["error"].get("code")
        return None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"<Response {self.status} {self.text[:300]!r}>"


_NO_JSON = object()


class Client:
    """A small HTTP client with a cookie jar and the CSRF token of its session. One connection per
    request (simple and safe to use from one thread at a time; give each thread its own Client)."""

    def __init__(self, base_url: str, timeout: float = 30):
        u = urllib.parse.urlsplit(base_url)
        self.host, self.port = u.hostname, u.port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.csrf: str | None = None
        self.user_agent = "osiedle-tests"

    def request(self, method: str, path: str, json=_NO_JSON, body: bytes | str | None = None,
                headers: dict | None = None, csrf: bool = True, query: dict | None = None) -> Response:
        """Sends a request; `json` is encoded as the body; `path` is sent exactly as given (no
        normalisation), so traversal attempts reach the server verbatim."""
        hdrs = {"User-Agent": self.user_agent, "Accept": "application/json"}
        if json is not _NO_JSON:
            body = jsonlib.dumps(json).encode()
            hdrs["Content-Type"] = "application/json"
        if isinstance(body, str):
            body = body.encode()
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if csrf and self.csrf and method.upper() not in ("GET", "HEAD", "OPTIONS"):
            hdrs[CSRF_HEADER] = self.csrf
        hdrs.update(headers or {})
        if query:
            path += ("&" if "?" in path else "?") + urllib.parse.urlencode(query)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method.upper(), path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        self._take_cookies(resp.headers)
        r = Response(resp.status, resp.headers, data)
        if isinstance(r.json, dict) and isinstance(r.json.get("csrf_token"), str):
            self.csrf = r.json["csrf_token"]
        return r

    def _take_cookies(self, headers: http.client.HTTPMessage) -> None:
        for raw in headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            try:
                jar.load(raw)
            except http.cookies.CookieError:
                continue
            for name, morsel in jar.items():
                max_age = morsel["max-age"].strip()
                if morsel.value == "" or (max_age.lstrip("-").isdigit() and int(max_age) <= 0):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, json=_NO_JSON, **kw) -> Response:
        return self.request("POST", path, json=json, **kw)

    def put(self, path: str, json=_NO_JSON, **kw) -> Response:
        return self.request("PUT", path, json=json, **kw)

    def delete(self, path: str, **kw) -> Response:
        return self.request("DELETE", path, **kw)

    def login(self, email_addr: str, password: str, **extra) -> Response:
        """POST /api/v1/auth/login; on 200 the session cookie and csrf_token are kept."""
        return self.post("/api/v1/auth/login", json={"email": email_addr, "password": password, **extra})

    @property
    def session(self) -> str | None:
        return self.cookies.get(SESSION_COOKIE)


# ----------------------------------------------------------------------------------------------
# SMTP sink (tests/support/smtp_sink.py, written by another helper)


class SmtpSink:
    """`smtp_sink.py --port 0 --out DIR`: prints its port when ready, writes one .eml per mail."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def start(self, timeout: float = READY_TIMEOUT_S) -> "SmtpSink":
        script = SUPPORT / "smtp_sink.py"
        log_path = self.out_dir.parent / "smtp_sink.log"
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(["/usr/bin/python3", str(script), "--port", "0", "--out", str(self.out_dir)],
                                         stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1)
        lines: list[str] = []
        line = _readline_with_timeout(self.proc.stdout, timeout, lambda l: re.search(r"\d{2,5}", l), lines)
        m = re.search(r"(\d{2,5})\s*$", line or "") or re.search(r"(\d{2,5})", line or "")
        if not m:
            self.stop()
            raise RuntimeError(f"smtp_sink.py did not print its port (got {lines!r}): "
                               f"{log_path.read_text(errors='replace')[-2000:]}")
        self.port = int(m.group(1))
        threading.Thread(target=_drain, args=(self.proc.stdout, lines), daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def messages(self) -> list[email.message.EmailMessage]:
        files = sorted(self.out_dir.glob("*.eml"))  # NNNNNN.eml, in arrival order
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in files]

    def wait_for(self, predicate, timeout: float = 20) -> email.message.EmailMessage:
        """The first message satisfying predicate(msg), waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            for m in self.messages():
                if predicate(m):
                    return m
            if time.monotonic() > deadline:
                got = [(m["To"], m["Subject"]) for m in self.messages()]
                raise AssertionError(f"no matching mail within {timeout}s; received: {got}")
            time.sleep(0.1)

    def stop(self) -> None:
        _stop_process(self.proc)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None


def mail_text(msg: email.message.EmailMessage) -> str:
    """The decoded plain-text body of a mail (any transfer encoding / charset)."""
    part = msg.get_body(preferencelist=("plain", "html"))
    return (part or msg).get_content() if (part or not msg.is_multipart()) else ""


# ----------------------------------------------------------------------------------------------
# The daemon


class Daemon:
    """osiedled on 127.0.0.1:<free port> with a temp data dir.

    admin: an Account created with `create-admin` before the first start.
    flats_csv: bytes imported with `import-flats` before the first start.
    smtp: start the SMTP sink and pass --smtp-url/--smtp-from.
    extra_args: more `serve` options (e.g. "--auto-approve-on-kw-match").
    data_dir: use this directory (kept on cleanup) instead of a fresh temp dir.
    """

    def __init__(self, admin: Account | None = None, flats_csv: bytes | None = None, smtp: bool = False,
                 extra_args: tuple | list = (), demo: bool = False, data_dir: str | Path | None = None):
        self.admin = admin
        self.flats_csv = flats_csv
        self.want_smtp = smtp
        self.extra_args = list(extra_args)
        self.demo = demo
        self.tmp = Path(tempfile.mkdtemp(prefix="osiedle-it-"))
        self.own_data_dir = data_dir is None
        self.data_dir = Path(data_dir) if data_dir else self.tmp / "data"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.config_file = self.tmp / "empty.conf"  # never pick up /etc/osiedle/osiedle.conf
        self.config_file.write_text("")
        self.proc: subprocess.Popen | None = None
        self.sink: SmtpSink | None = None
        self.base_url = ""
        self.stdout_lines: list[str] = []
        self.log_path = self.tmp / "osiedled.log"
        self.ready_seconds = 0.0
        self._prepared = False

    # --- life cycle

    def __enter__(self) -> "Daemon":
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc) -> None:
        self.cleanup()

    def cli(self, *args: str, stdin: bytes | str | None = None, check: bool = True,
            timeout: float = 120) -> subprocess.CompletedProcess:
        """Runs an admin command against this daemon's data dir: cli("check") → `osiedled check --data-dir D`."""
        return run_cli(args[0], "--data-dir", str(self.data_dir), "--config", str(self.config_file), *args[1:],
                       stdin=stdin, check=check, timeout=timeout)

    def create_admin(self, acc: Account) -> None:
        self.cli("create-admin", "--email", acc.email, "--name", acc.name, stdin=acc.password + "\n")

    def import_flats(self, csv_bytes: bytes, name: str = "flats.csv", check: bool = True) -> subprocess.CompletedProcess:
        path = self.tmp / name
        path.write_bytes(csv_bytes)
        return self.cli("import-flats", str(path), check=check)

    def start(self) -> "Daemon":
        if not self._prepared:
            self._prepared = True
            if self.admin:
                self.create_admin(self.admin)
            if self.flats_csv is not None:
                self.import_flats(self.flats_csv)
            if self.want_smtp:
                self.sink = SmtpSink(self.tmp / "mail").start()
        args = [osiedled_path(), "serve", "--data-dir", str(self.data_dir), "--listen", "127.0.0.1:0",
                "--config", str(self.config_file), "--web-dir", str(REPO / "daemon/web"), *self.extra_args]
        if self.demo:
            args.append("--demo")
        if self.sink:
            args += ["--smtp-url", self.sink.url, "--smtp-from", "SM Testowa <biuro@test.invalid>"]
        log = open(self.log_path, "ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1)
        log.close()
        line = _readline_with_timeout(self.proc.stdout, READY_TIMEOUT_S, _LISTENING.search, self.stdout_lines)
        m = _LISTENING.search(line or "")
        if not m:
            rc = self.proc.poll()
            self.stop()
            raise RuntimeError(f"osiedled not ready within {READY_TIMEOUT_S}s (exit {rc}); stdout: "
                               f"{self.stdout_lines[-20:]}\nlog:\n{self.log_tail()}")
        self.ready_seconds = time.monotonic() - t0
        self.base_url = m.group(1).rstrip("/")
        threading.Thread(target=_drain, args=(self.proc.stdout, self.stdout_lines), daemon=True).start()
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid if self.proc else 0

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self, sig: int = signal.SIGKILL, wait: bool = True) -> int | None:
        """Sends `sig`; with wait, returns the exit code (negative = killed by a signal)."""
        if not self.proc:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        if not wait:
            return None
        try:
            rc = self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        return rc

    def stop(self) -> int | None:
        """SIGTERM (then SIGKILL after 15 s); returns the exit code."""
        rc = None
        if self.proc:
            rc = self.kill(signal.SIGTERM)
        self.proc = None
        return rc

    def restart(self) -> "Daemon":
        self.stop()
        return self.start()

    def cleanup(self) -> None:
        try:
            self.stop()
        finally:
            if self.sink:
                self.sink.stop()
                self.sink = None
            if os.environ.get("OSIEDLE_KEEP_TMP"):
                print(f"kept {self.tmp}", file=sys.stderr)
            else:
                shutil.rmtree(self.tmp, ignore_errors=True)
                if not self.own_data_dir:
                    pass  # a caller-supplied data dir is the caller's

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def client(self, timeout: float = 30) -> Client:
        return Client(self.base_url, timeout=timeout)

    def login(self, acc: Account) -> Client:
        """A new client logged in as `acc`; fails the test if the login is refused."""
        c = self.client()
        r = c.login(acc.email, acc.password)
        if r.status != 200 or not c.session:
            raise AssertionError(f"login {acc.email}: {r}")
        return c


def _readline_with_timeout(stream, timeout: float, want, sink: list | None = None) -> str | None:
    """Reads lines from `stream` until want(line) or timeout; returns the matching line or None."""
    result: list[str | None] = [None]

    def reader():
        for line in stream:
            if sink is not None:
                sink.append(line.rstrip("\n"))
            if want(line):
                result[0] = line.strip()
                return

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    t.join(timeout)
    return result[0]


def _drain(stream, sink: list) -> None:
    try:
        for line in stream:
            sink.append(line.rstrip("\n"))
    except (ValueError, OSError):
        pass


def _stop_process(proc: subprocess.Popen | None) -> None:
    if not proc or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
