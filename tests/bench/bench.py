#!/usr/bin/python3
"""Osiedle benchmarks (issues 2 and 4): they report, they do not pass or fail.

    /usr/bin/python3 tests/bench/bench.py [--only me,home,search,download,import] [--duration 15] [--connections 64]

On one machine, in one run, against a demo-scale store (20,000 flats, 40,000 accounts, 10,000 news items,
2,000 contractors, 5,000 documents):
  import    import of 20,000 flats
  me        GET /api/v1/me vs nginx (static JSON of the same size), GET /healthz, time to ready, idle RSS,
            RSS during 200 concurrent logins
  home      the resident home feed (GET /api/v1/home, or the news feed before it exists) vs nginx serving the
            same bytes as a static file, and /healthz, at 64 connections; --perf adds a perf profile
  search    contractor search latency per query set (wrk + a Lua script cycling the queries)
  download  a 20 MB PDF uploaded and attached to a document, downloaded sequentially and 8 in parallel;
            the daemon's VmRSS / VmHWM before and after, SHA-256 of every download checked
Rewrites docs/PERFORMANCE.md (unless --no-write) and writes the raw figures to build/bench/results.json; with
--only, the sections not run keep their figures from the previous results.json (each section records its date).
nginx and osiedled are always stopped at the end.
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
import content  # noqa: E402
from report import render  # noqa: E402

SECTIONS = ("import", "me", "home", "search", "download")

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


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


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


def wrk(url: str, duration: int, connections: int, threads: int, headers: dict, script: Path | None = None) -> dict:
    args = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s", "--latency",
            "--timeout", "5s"]
    if script:
        args += ["-s", str(script)]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, timeout=duration + 60)
    text = out.stdout + out.stderr
    res = {"url": url, "connections": connections, "raw": text, "loadavg": loadavg(), "rps": 0.0, "p50_ms": None, "p99_ms": None, "non_2xx": 0, "errors": ""}
    if m := re.search(r"Requests/sec:\s*([\d.]+)", text):
        res["rps"] = float(m.group(1))
    for pct, key in (("50", "p50_ms"), ("90", "p90_ms"), ("99", "p99_ms")):
        if m := re.search(rf"^\s*{pct}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\b", text, re.M):
            res[key] = float(m.group(1)) * _UNITS[m.group(2)]
    if m := re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text):
        res["non_2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors:.*", text):
        res["errors"] = m.group(0)
    return res


def interleaved(runs: dict, rounds: int) -> dict:
    """Runs every measurement in `runs` (name → function returning a wrk() result) once per round, the order
    reversed every other round (A B C, C B A, …), so the drift of a shared machine (other VMs on the host: steal
    time) falls on all of them alike. Per name: the median round's rps, p50 and p90, the worst round's p99, the sum of
    non-2xx answers, and every round; p99_median_ms is the median round's p99."""
    names = list(runs)
    per: dict = {name: [] for name in names}
    for i in range(rounds):
        for name in (names if i % 2 == 0 else names[::-1]):
            per[name].append(runs[name]())
    out = {}
    for name, results in per.items():
        mid = sorted(results, key=lambda r: r["rps"])[len(results) // 2]
        p99s = sorted(r["p99_ms"] for r in results if r["p99_ms"] is not None)
        out[name] = {**mid, "rounds": results, "rps": statistics.median(r["rps"] for r in results),
                     "p99_ms": p99s[-1] if p99s else None, "p99_median_ms": p99s[len(p99s) // 2] if p99s else None,
                     "non_2xx": sum(r["non_2xx"] for r in results),
                     "errors": "; ".join(r["errors"] for r in results if r["errors"])}
    return out


def round_ratios(a: dict, b: dict) -> list:
    """a's rps ÷ b's rps, round by round (both from interleaved())."""
    return [x["rps"] / y["rps"] if y["rps"] else None for x, y in zip(a["rounds"], b["rounds"])]


# --- nginx with its own config, port and prefix

class Nginx:
    def __init__(self, root: Path, body: bytes, name: str = "me.json"):
        self.dir, self.name = root, name
        (root / "www").mkdir(parents=True, exist_ok=True)
        (root / "www" / name).write_bytes(body)
        for p in (root, root / "www"):
            p.chmod(0o755)  # workers may run as nobody
        (root / "www" / name).chmod(0o644)
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
        return f"http://127.0.0.1:{self.port}/{self.name}"

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
                if probe.read() != (self.dir / "www" / self.name).read_bytes():
                    raise RuntimeError(f"nginx serves something else than {self.name}")
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


def build_store(tmp: Path, args) -> tuple[Daemon, dict]:
    log(f"benchmark store: demo-scale --flats {args.flats} --accounts {args.accounts} --news {args.news} "
        f"--contractors {args.contractors} --documents {args.documents}")
    d = Daemon(data_dir=tmp / "store", admin=ADMIN, flats_csv=c.flats_csv([BENCH_FLAT]))
    t0 = time.monotonic()
    scale = d.cli("demo-scale", "--flats", str(args.flats), "--accounts", str(args.accounts), "--news", str(args.news),
                  "--contractors", str(args.contractors), "--documents", str(args.documents), check=False,
                  timeout=3600)
    out = scale.stdout + scale.stderr
    store = {"flats": args.flats, "accounts": args.accounts, "news": args.news, "contractors": args.contractors,
             "documents": args.documents, "exit": scale.returncode, "seconds": time.monotonic() - t0,
             "output": out[-1500:]}
    for what in ("news items", "contractors", "documents"):
        if m := re.search(rf"(\d+) {what} in ([\d.]+) s", out):
            store[f"made_{what.split()[0]}"], store[f"{what.split()[0]}_seconds"] = int(m.group(1)), float(m.group(2))
    if scale.returncode != 0:
        log(f"demo-scale failed (exit {scale.returncode}); measuring on the small store:\n{out[-800:]}")
    else:
        log(out.strip().replace("\n", " | "))
    return d, store


def section_me(d: Daemon, tmp: Path, args) -> tuple[dict, object]:
    res: dict = {"date": now()}
    ready = [d.ready_seconds]
    for _ in range(4):
        d.restart()
        ready.append(d.ready_seconds)
    res["ready_seconds"] = {"median": statistics.median(ready), "all": ready}
    time.sleep(1.0)
    res["idle_rss_kib"] = proc_kib(d.pid, "VmRSS")
    admin = d.login(ADMIN)
    resident = approved_resident(d, admin, BENCH_FLAT, email="bench-resident@test.invalid")
    session = d.login(resident)
    me = session.get(f"{c.API}/me")
    if me.status != 200:
        raise RuntimeError(f"GET /me: {me}")
    res["me_bytes"] = len(me.body)
    nginx = Nginx(tmp / "nginx-me", pad_json(me.body)).start()
    wrk_args = (args.duration, args.connections, args.wrk_threads)
    try:
        log("wrk → nginx (static JSON of the size of /me)")
        res["wrk_nginx"] = wrk(nginx.url, *wrk_args, {"Accept": "application/json"})
    finally:
        nginx.stop()
    log("wrk → osiedled GET /api/v1/me")
    res["wrk_osiedled"] = wrk(f"{d.base_url}/api/v1/me", *wrk_args,
                              {"Cookie": content.cookie_of(session), "Accept": "application/json"})
    res["rss_after_wrk_kib"] = proc_kib(d.pid, "VmRSS")
    # The HTTP layer's ceiling on this machine: a route that does no work at all.
    log("wrk → osiedled GET /healthz (HTTP layer alone)")
    res["wrk_healthz"] = wrk(f"{d.base_url}/healthz", *wrk_args, {"Accept": "application/json"})
    return res, resident


def section_home(d: Daemon, tmp: Path, args) -> dict:
    cl = content.resident_client(d)
    path, body = content.home_route(cl)
    res: dict = {"date": now(), "path": path, "bytes": len(body), "shape": content.describe_home(body),
                 "resident": content.SCALE_RESIDENT[0]}
    headers = {"Cookie": content.cookie_of(cl), "Accept": "application/json"}
    # Many residents in turn: every request another user's cookie, from a wrk Lua script (which costs wrk — on the
    # same cores — more than a fixed request, so nginx is measured through the same script for that ratio).
    log(f"logging {content.MANY_RESIDENTS} residents in (each from its own loopback address)")
    cookies = content.many_resident_cookies(d.base_url)
    script = content.lua_cycle_cookies(path, cookies, tmp / "home-many.lua")
    nginx_script = content.lua_cycle_cookies("/home.json", cookies, tmp / "home-many-nginx.lua")
    seconds = max(3, args.duration // 3)  # per round (5 s with the default --duration 15)
    wrk_args = (seconds, args.connections, args.wrk_threads)
    nginx = Nginx(tmp / "nginx-home", body, name="home.json").start()  # the very bytes of the answer
    try:
        log(f"{args.rounds} interleaved rounds of {seconds} s: nginx (the {len(body)} B answer of {path} as a static "
            f"file), osiedled GET {path}, osiedled GET /healthz")
        res |= interleaved({
            "wrk_nginx": lambda: wrk(nginx.url, *wrk_args, {"Accept": "application/json"}),
            "wrk_osiedled": lambda: wrk(d.base_url + path, *wrk_args, headers),
            "wrk_healthz": lambda: wrk(f"{d.base_url}/healthz", *wrk_args, {"Accept": "application/json"}),
        }, args.rounds)
        log(f"{args.rounds} interleaved rounds: {len(cookies)} residents in turn, nginx through the same wrk script "
            "and osiedled")
        res |= interleaved({
            "wrk_nginx_many": lambda: wrk(nginx.url, *wrk_args, {}, nginx_script),
            "wrk_many": lambda: wrk(d.base_url + path, *wrk_args, {}, script),
        }, args.rounds)
    finally:
        nginx.stop()
    res["ratio_rounds"] = round_ratios(res["wrk_osiedled"], res["wrk_nginx"])
    res["many_ratio_rounds"] = round_ratios(res["wrk_many"], res["wrk_nginx_many"])
    # One client, no queueing: what a single resident waits for.
    res["wrk_single"] = wrk(d.base_url + path, seconds, 1, 1, headers)
    res["many_residents"] = len(cookies)
    if args.perf:
        out_dir = REPO / "build/bench"
        out_dir.mkdir(parents=True, exist_ok=True)
        log("perf record of osiedled during wrk on the home feed")
        res["perf"] = content.perf_profile(d.pid, seconds + 2, out_dir,
                                           lambda: wrk(d.base_url + path, *wrk_args, headers))
    return res


def section_search(d: Daemon, tmp: Path, args) -> dict:
    cl = content.resident_client(d)
    headers = {"Cookie": content.cookie_of(cl), "Accept": "application/json"}
    res: dict = {"date": now(), "hits": content.search_hits(cl), "sets": {}}
    log("contractor search right after a contractor was saved (no memo can answer)")
    res["cold"] = content.cold_searches(cl, d.login(ADMIN))
    sets = dict(content.SEARCH_SETS)
    sets["all of the above"] = [q for qs in content.SEARCH_SETS.values() for q in qs]
    scripts = {name: content.lua_cycle([content.search_path(q) for q in queries], tmp / f"search-{i}.lua")
               for i, (name, queries) in enumerate(sets.items())}
    for name, queries in sets.items():
        res["sets"][name] = {"queries": queries, "runs": {}}
    for conns in (1, args.search_connections):
        log(f"wrk → contractor search, {len(sets)} query sets, {conns} connection(s), {args.search_rounds} "
            "interleaved rounds")

        def run(name, conns=conns):
            return wrk(d.base_url + content.search_path(sets[name][0]), args.search_duration, conns,
                       args.wrk_threads, headers, scripts[name])
        measured = interleaved({name: (lambda name=name: run(name)) for name in sets}, args.search_rounds)
        for name in sets:
            res["sets"][name]["runs"][str(conns)] = measured[name]
    return res


def section_download(d: Daemon, args) -> dict:
    admin = d.login(ADMIN)
    log(f"20 MB PDF: upload, document, {args.dl_sequential} sequential + {args.dl_parallel}×{args.dl_rounds} "
        "parallel downloads")
    res = content.pdf_download(d, admin, proc_kib, args.dl_sequential, args.dl_parallel, args.dl_rounds)
    res["date"] = now()
    return res


def now() -> str:
    return time.strftime("%Y-%m-%d %H:%M %Z")


def run(args, only: set[str]) -> dict:
    results: dict = {"date": now(), "machine": machine(), "params": vars(args), "sections": sorted(only)}
    tmp = Path(tempfile.mkdtemp(prefix="osiedle-bench-"))
    tmp.chmod(0o755)  # nginx workers (nobody when started as root) must reach their document root
    d: Daemon | None = None
    try:
        if "import" in only:
            log(f"import of {args.flats} flats into a fresh store")
            results["import"] = measure_import(tmp, args.flats)
            results["import"]["date"] = now()
        if only - {"import"}:
            d, results["store"] = build_store(tmp, args)
            results["store"]["date"] = now()
            d.start()
            resident = None
            for name, fn in (("me", lambda: section_me(d, tmp, args)),
                             ("home", lambda: section_home(d, tmp, args)),
                             ("search", lambda: section_search(d, tmp, args)),
                             ("download", lambda: section_download(d, args))):
                if name not in only:
                    continue
                load = loadavg()
                try:
                    out = fn()
                except Exception as e:  # one broken section must not lose the others' figures
                    log(f"{name}: FAILED: {e!r}")
                    out = {"date": now(), "error": repr(e)[:2000]}
                if name == "me" and isinstance(out, tuple):
                    out, resident = out
                out["loadavg_before"] = load
                results[name] = out
            if resident is not None:
                log("200 concurrent logins")
                results["me"]["login_flood"] = login_flood(d, resident)
    finally:
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
    p.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections ({','.join(SECTIONS)})")
    p.add_argument("--duration", type=int, default=15, help="wrk seconds per throughput target (15)")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--rounds", type=int, default=5,
                   help="home: interleaved rounds of duration/3 s each (5); the ratio is the median round's")
    p.add_argument("--wrk-threads", type=int, default=2)
    p.add_argument("--search-duration", type=int, default=4, help="wrk seconds per search run (4)")
    p.add_argument("--search-rounds", type=int, default=3,
                   help="interleaved rounds per query set and connection count (3); p99 target: the median round's")
    p.add_argument("--search-connections", type=int, default=8, help="concurrent searches in the loaded run (8)")
    p.add_argument("--dl-sequential", type=int, default=10, help="sequential 20 MB downloads (10)")
    p.add_argument("--dl-parallel", type=int, default=8, help="downloads at once (8)")
    p.add_argument("--dl-rounds", type=int, default=3, help="parallel rounds (3): parallel × rounds downloads")
    p.add_argument("--perf", action="store_true", help="home: perf record the daemon (build/bench/perf-home-*.txt)")
    p.add_argument("--flats", type=int, default=20000)
    p.add_argument("--accounts", type=int, default=40000)
    p.add_argument("--news", type=int, default=10000)
    p.add_argument("--contractors", type=int, default=2000)
    p.add_argument("--documents", type=int, default=5000)
    p.add_argument("--out", default=str(REPO / "docs/PERFORMANCE.md"))
    p.add_argument("--no-write", action="store_true", help="print the report instead of rewriting --out")
    p.add_argument("--keep", action="store_true", help="keep the temp stores")
    args = p.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := only - set(SECTIONS):
        p.error(f"unknown sections: {', '.join(sorted(unknown))} (known: {', '.join(SECTIONS)})")
    osiedled_path()  # fail early when not built
    raw = REPO / "build/bench/results.json"
    previous = {}
    if only != set(SECTIONS) and raw.exists():
        try:
            previous = json.loads(raw.read_text())
        except ValueError:
            previous = {}
        if "wrk_osiedled" in previous and "me" not in previous:  # the flat layout of the first bench.py
            keys = ("ready_seconds", "idle_rss_kib", "me_bytes", "wrk_nginx", "wrk_osiedled", "rss_after_wrk_kib",
                    "wrk_healthz", "login_flood")
            previous["me"] = {k: previous[k] for k in keys if k in previous} | {"date": previous.get("date")}
    results = run(args, only)
    for name in SECTIONS:  # sections not run this time keep their last figures
        if name not in results and name in previous:
            results[name] = previous[name]
    if "store" not in results and "store" in previous:
        results["store"] = previous["store"]
    text = render(results)
    if args.no_write:  # an experiment: neither the report nor the raw figures are kept
        print(text)
    else:
        raw.parent.mkdir(parents=True, exist_ok=True)
        raw.write_text(json.dumps(results, indent=2, ensure_ascii=False))
        Path(args.out).write_text(text)
        log(f"wrote {args.out} (raw figures: {raw})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
