#!/usr/bin/python3
"""Osiedle benchmarks (issue 2): they report, they do not pass or fail.

    /usr/bin/python3 tests/bench/bench.py [--duration 15] [--connections 64] [--flats 20000] [--accounts 40000]

Measures on one machine, in one run: GET /api/v1/me with a session vs nginx serving a static JSON
file of the same size (wrk), time to ready, idle RSS, import of 20,000 flats, and RSS during a flood
of 200 concurrent logins. Rewrites docs/PERFORMANCE.md (unless --no-write) and writes the raw
figures to build/bench/results.json. nginx and osiedled are always stopped at the end.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

import contract as c  # noqa: E402
from daemon import REPO, Account, Daemon, osiedled_path  # noqa: E402
from fixtures import approved_resident  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import render  # noqa: E402

ADMIN = Account("bench-admin@test.invalid", c.STRONG_PASSWORD, "Benek", "Administrator")
BENCH_FLAT = {"estate": "Osiedle Benchmark", "building": "Pomiarowa 1", "staircase": "A", "flat": "1",
              "area": "50,5", "kw": c.make_kw("WA4M", 4242), "member": "B1"}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --- machine and process figures

def machine() -> dict:
    info = {"nproc": os.cpu_count(), "kernel": platform.release(), "arch": platform.machine()}
    cpu = Path("/proc/cpuinfo").read_text(errors="replace")
    m = re.search(r"^(?:model name|Model|Hardware)\s*:\s*(.+)$", cpu, re.M)
    info["cpu"] = m.group(1).strip() if m else platform.processor() or "unknown"
    m = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    info["ram_mib"] = int(m.group(1)) // 1024 if m else 0
    for tool, args in (("nginx", ["nginx", "-v"]), ("wrk", ["wrk", "-v"])):
        try:
            out = subprocess.run(args, capture_output=True, text=True, timeout=10)
            info[tool] = (out.stdout + out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            info[tool] = "not found"
    return info


def proc_kib(pid: int, field: str) -> int:
    """VmRSS / VmHWM of a process in KiB (0 if gone)."""
    try:
        m = re.search(rf"^{field}:\s*(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- wrk

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url: str, duration: int, connections: int, threads: int, headers: dict) -> dict:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, timeout=duration + 60)
    text = out.stdout + out.stderr
    res = {"url": url, "raw": text, "rps": 0.0, "p50_ms": None, "p99_ms": None, "non_2xx": 0, "errors": ""}
    if m := re.search(r"Requests/sec:\s*([\d.]+)", text):
        res["rps"] = float(m.group(1))
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        if m := re.search(rf"^\s*{pct}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\b", text, re.M):
            res[key] = float(m.group(1)) * _UNITS[m.group(2)]
    if m := re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text):
        res["non_2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors:.*", text):
        res["errors"] = m.group(0)
    return res


# --- nginx with its own config, port and prefix

class Nginx:
    def __init__(self, root: Path, body: bytes):
        self.dir = root
        (root / "www").mkdir(parents=True, exist_ok=True)
        (root / "www" / "me.json").write_bytes(body)
        for p in (root, root / "www"):
            p.chmod(0o755)  # workers may run as nobody
        (root / "www" / "me.json").chmod(0o644)
        self.port = free_port()
        temps = "\n".join(f"  {d}_temp_path {root}/{d};" for d in
                          ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (root / "nginx.conf").write_text(f"""
daemon off;
worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
{temps}
  keepalive_requests 100000;
  server {{
    listen 127.0.0.1:{self.port};
    root {root}/www;
    default_type application/json;
    location / {{ }}
  }}
}}
""")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/me.json"

    def start(self) -> "Nginx":
        self.proc = subprocess.Popen(["nginx", "-p", str(self.dir), "-e", str(self.dir / "error.log"), "-c",
                                      str(self.dir / "nginx.conf")], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.proc.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            except OSError:
                time.sleep(0.05)
                continue
            with urllib.request.urlopen(self.url, timeout=5) as probe:  # raises on 403 (unreadable root) & co
                if probe.read() != (self.dir / "www" / "me.json").read_bytes():
                    raise RuntimeError("nginx serves something else than me.json")
            return self
        raise RuntimeError("nginx did not start listening")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: fast shutdown of master and workers
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


# --- the measurements

def flats_csv(n: int) -> bytes:
    per_building = 200
    rows = [{"estate": f"Osiedle {i // (per_building * 20) + 1}", "building": f"Testowa {i // per_building + 1}",
             "staircase": str((i % per_building) // 50 + 1), "flat": str(i % per_building + 1),
             "area": f"{30 + i % 70},{i % 10}", "kw": c.make_kw("WA4M", 100000 + i), "member": f"C{i}"}
            for i in range(n)]
    return c.flats_csv(rows)


def measure_import(tmp: Path, flats: int) -> dict:
    d = Daemon(data_dir=tmp / "import-store")
    try:
        csv_path = tmp / "flats.csv"
        csv_path.write_bytes(flats_csv(flats))
        t0 = time.monotonic()
        out = d.cli("import-flats", str(csv_path), check=False, timeout=600)
        took = time.monotonic() - t0
        return {"flats": flats, "seconds": took, "exit": out.returncode, "output": (out.stdout + out.stderr)[-500:]}
    finally:
        d.cleanup()


def login_flood(d: Daemon, resident: Account, n: int = 200) -> dict:
    pid, samples, stop = d.pid, [], threading.Event()

    def sampler():
        while not stop.is_set():
            samples.append(proc_kib(pid, "VmRSS"))
            time.sleep(0.02)

    def attempt(i: int) -> int:
        right = i % 4 == 0
        email = resident.email if i % 2 == 0 else f"nobody-{i}@test.invalid"
        try:
            return d.client(timeout=120).login(email, resident.password if right else "zle-haslo-123").status
        except OSError:
            return -1

    before = proc_kib(pid, "VmRSS")
    t = threading.Thread(target=sampler, daemon=True)
    t.start()
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=n) as pool:
        statuses = list(pool.map(attempt, range(n)))
    took = time.monotonic() - t0
    stop.set()
    t.join()
    counts: dict[str, int] = {}
    for s in statuses:
        counts[str(s)] = counts.get(str(s), 0) + 1
    return {"logins": n, "seconds": took, "statuses": counts, "rss_before_kib": before,
            "rss_peak_kib": max(samples + [before]), "hwm_kib": proc_kib(pid, "VmHWM"),
            "rss_after_kib": proc_kib(pid, "VmRSS")}


def run(args) -> dict:
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": machine(), "params": vars(args)}
    tmp = Path(tempfile.mkdtemp(prefix="osiedle-bench-"))
    tmp.chmod(0o755)  # nginx workers (nobody when started as root) must reach their document root
    nginx: Nginx | None = None
    d: Daemon | None = None
    try:
        log(f"import of {args.flats} flats into a fresh store")
        results["import"] = measure_import(tmp, args.flats)

        log(f"benchmark store: demo-scale --flats {args.flats} --accounts {args.accounts}")
        d = Daemon(data_dir=tmp / "store", admin=ADMIN, flats_csv=c.flats_csv([BENCH_FLAT]))
        t0 = time.monotonic()
        scale = d.cli("demo-scale", "--flats", str(args.flats), "--accounts", str(args.accounts), check=False,
                      timeout=3600)
        results["store"] = {"flats": args.flats, "accounts": args.accounts, "exit": scale.returncode,
                            "seconds": time.monotonic() - t0, "output": (scale.stdout + scale.stderr)[-500:]}
        if scale.returncode != 0:
            log(f"demo-scale failed (exit {scale.returncode}); measuring on the small store")

        d.start()
        ready = [d.ready_seconds]
        for _ in range(4):
            d.restart()
            ready.append(d.ready_seconds)
        results["ready_seconds"] = {"median": statistics.median(ready), "all": ready}
        time.sleep(1.0)
        results["idle_rss_kib"] = proc_kib(d.pid, "VmRSS")

        admin = d.login(ADMIN)
        resident = approved_resident(d, admin, BENCH_FLAT, email="bench-resident@test.invalid")
        session = d.login(resident)
        me = session.get(f"{c.API}/me")
        if me.status != 200:
            raise RuntimeError(f"GET /me: {me}")
        results["me_bytes"] = len(me.body)

        nginx = Nginx(tmp / "nginx", pad_json(me.body)).start()
        wrk_args = (args.duration, args.connections, args.wrk_threads)
        log("wrk → nginx (static JSON of the same size)")
        results["wrk_nginx"] = wrk(nginx.url, *wrk_args, {"Accept": "application/json"})
        nginx.stop()
        log("wrk → osiedled GET /api/v1/me")
        cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
        results["wrk_osiedled"] = wrk(f"{d.base_url}/api/v1/me", *wrk_args,
                                      {"Cookie": cookie, "Accept": "application/json"})
        results["rss_after_wrk_kib"] = proc_kib(d.pid, "VmRSS")
        # The HTTP layer's ceiling on this machine: a route that does no work at all.
        log("wrk → osiedled GET /healthz (HTTP layer alone)")
        results["wrk_healthz"] = wrk(f"{d.base_url}/healthz", *wrk_args, {"Accept": "application/json"})

        log("200 concurrent logins")
        results["login_flood"] = login_flood(d, resident)
    finally:
        if nginx:
            nginx.stop()
        if d:
            d.cleanup()
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return results


def pad_json(body: bytes) -> bytes:
    """A valid JSON document of exactly len(body) bytes (nginx serves it as the static twin of /me)."""
    base = b'{"pad":""}'
    return base[:-2] + b"x" * max(0, len(body) - len(base)) + b'"}' if len(body) >= len(base) else body


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=int, default=15, help="wrk seconds per target (15)")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--wrk-threads", type=int, default=2)
    p.add_argument("--flats", type=int, default=20000)
    p.add_argument("--accounts", type=int, default=40000)
    p.add_argument("--out", default=str(REPO / "docs/PERFORMANCE.md"))
    p.add_argument("--no-write", action="store_true", help="print the report instead of rewriting --out")
    p.add_argument("--keep", action="store_true", help="keep the temp stores")
    args = p.parse_args()
    osiedled_path()  # fail early when not built
    results = run(args)
    raw = REPO / "build/bench/results.json"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    text = render(results)
    if args.no_write:
        print(text)
    else:
        Path(args.out).write_text(text)
        log(f"wrote {args.out} (raw figures: {raw})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
