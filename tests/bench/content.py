"""Issue 4's benchmarks: the resident home feed vs nginx, contractor search latency, and the daemon's memory while
20 MB PDFs stream. Each function takes a running Daemon on the demo-scale store and returns plain figures."""
from __future__ import annotations

import concurrent.futures
import hashlib
import http.client
import json
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import contract as c
from daemon import Client, Daemon

from pdf import make_pdf

# A demo-scale account (daemon/app/demo_scale.cpp): resident of the first building, so in its estate and building
# groups — the feed is personalised by those.
SCALE_RESIDENT = ("m1@bench.demo", "Lazurowa-Mieszkaniec-2025")
HOME_LIMIT = 5  # what the portal asks for (daemon/web/portal/pages/home.js, NEWS_ON_HOME)

SEARCH_SETS = {
    "prefixes": ["hydr", "elektr", "slusarz", "Kowal"],
    "two words": ["wymiana zamków", "naprawa pralek", "kowalski hydr", "malowanie sufitów", "hydr bemowo"],
    "one letter": ["k", "s"],
}


def cookie_of(client: Client) -> str:
    return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def resident_client(d: Daemon) -> Client:
    cl = Client(d.base_url, timeout=120)
    r = cl.login(*SCALE_RESIDENT)
    if r.status != 200:
        raise RuntimeError(f"login of the demo-scale resident: {r}")
    return cl


# Many residents at once: m1, m401, m801, … spread over the whole estate (2 accounts per flat, 200 flats per
# building), so the home feed is computed for different users, flats and group sets — no two requests in a row
# share the per-user memo, and the group sets vary (in the first 20 buildings' groups, or not).
MANY_RESIDENTS = 100
MANY_STEP = 400


def many_resident_cookies(base_url: str, n: int = MANY_RESIDENTS, step: int = MANY_STEP) -> list[str]:
    """Logs n demo-scale residents in, each from its own loopback address (127.0.x.y), so the per-address login
    throttle does not refuse them; returns their Cookie header values."""
    u = urllib.parse.urlsplit(base_url)

    def one(i: int) -> str:
        email = f"m{1 + i * step}@bench.demo"
        source = (f"127.0.{1 + i // 250}.{1 + i % 250}", 0)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120, source_address=source)
        try:
            conn.request("POST", f"{c.API}/auth/login", body=json.dumps({"email": email, "password": SCALE_RESIDENT[1]}),
                         headers={"Content-Type": "application/json", "Accept": "application/json"})
            resp = conn.getresponse()
            resp.read()
        finally:
            conn.close()
        if resp.status != 200:
            raise RuntimeError(f"login of {email}: HTTP {resp.status}")
        cookies = [v.split(";", 1)[0] for k, v in resp.getheaders() if k.lower() == "set-cookie"]
        return "; ".join(x for x in cookies if x.split("=", 1)[1])

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, range(n)))


def lua_cycle_cookies(path: str, cookies: list[str], file: Path) -> Path:
    """A wrk script: every request GETs `path` as the next resident in turn."""
    quoted = ", ".join(json.dumps(x) for x in cookies)
    file.write_text(f"""local cookies = {{{quoted}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", {json.dumps(path)}, {{["Cookie"] = cookies[(i % #cookies) + 1], ["Accept"] = "application/json"}})
end
""")
    return file


# --- home feed

def home_route(cl: Client) -> tuple[str, bytes]:
    """GET /api/v1/home when the daemon has it, else the news feed the portal falls back to."""
    path = f"{c.API}/home?limit={HOME_LIMIT}"
    r = cl.get(path)
    if r.status == 404 and (r.code in (None, "not_found", "route_not_found")):
        path = f"{c.API}/news?offset=0&limit={HOME_LIMIT}"
        r = cl.get(path)
    if r.status != 200:
        raise RuntimeError(f"GET {path}: {r}")
    return path, r.body


def describe_home(body: bytes) -> dict:
    doc = json.loads(body)
    news = doc.get("news", doc) if isinstance(doc, dict) else {}
    out = {"news_items": len(news.get("items", [])) if isinstance(news, dict) else None,
           "news_total": news.get("total") if isinstance(news, dict) else None,
           "news_has_more": news.get("has_more") if isinstance(news, dict) else None}
    for key in ("outages", "ads"):
        v = doc.get(key) if isinstance(doc, dict) else None
        if isinstance(v, dict):
            v = v.get("items", [])
        out[key] = len(v) if isinstance(v, list) else None
    return out


def perf_profile(pid: int, seconds: int, out_dir: Path, run_load) -> dict:
    """perf record -g of the daemon while run_load() runs; top symbols and DSOs to out_dir/perf-*.txt."""
    data = out_dir / "perf-home.data"
    rec = subprocess.Popen(["perf", "record", "-F", "499", "-g", "-p", str(pid), "-o", str(data), "--", "sleep",
                            str(seconds)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(0.3)
    run_load()
    rec.wait(timeout=seconds + 60)
    res = {}
    for sort in ("dso", "symbol"):
        rep = subprocess.run(["perf", "report", "-i", str(data), "--stdio", "--no-children", "--sort", sort,
                              "-g", "none", "--percent-limit", "0.8"], capture_output=True, text=True, timeout=600)
        text = rep.stdout
        (out_dir / f"perf-home-{sort}.txt").write_text(text)
        rows = []
        for line in text.splitlines():
            line = line.strip()
            if line and line[0].isdigit() and "%" in line:
                pct, _, rest = line.partition("%")
                rows.append([float(pct), " ".join(rest.split())[:140]])
        res[sort] = rows[:25]
    callers = subprocess.run(["perf", "report", "-i", str(data), "--stdio", "--children", "--sort", "symbol",
                              "-g", "none", "--percent-limit", "2"], capture_output=True, text=True, timeout=600)
    (out_dir / "perf-home-children.txt").write_text(callers.stdout)
    return res


# --- contractor search

def lua_cycle(paths: list[str], file: Path) -> Path:
    quoted = ", ".join(json.dumps(p) for p in paths)
    file.write_text(f"""local paths = {{{quoted}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
""")
    return file


def search_path(q: str) -> str:
    return f"{c.API}/contractors?" + urllib.parse.urlencode({"q": q, "limit": 20})


def search_hits(cl: Client) -> dict:
    hits = {}
    for qs in SEARCH_SETS.values():
        for q in qs:
            r = cl.get(search_path(q))
            hits[q] = r.json.get("total") if r.status == 200 and isinstance(r.json, dict) else f"HTTP {r.status}"
    return hits


def cold_searches(cl: Client, admin: Client, rounds: int = 5) -> dict:
    """Every query of SEARCH_SETS `rounds` times, each right after the administrator saved a contractor unchanged (a
    commit to the contractors' tables, which moves the version every search memo keys on), so no memo can answer
    it: the latency of a search that computes everything. Milliseconds, the client's clock on one keep-alive
    connection."""
    first = admin.get(f"{c.API}/admin/contractors?limit=1")
    items = first.json.get("items", []) if first.status == 200 and isinstance(first.json, dict) else []
    if not items:
        return {"count": 0, "error": f"no contractor to save: HTTP {first.status}"}
    rec = items[0]
    body = {k: rec[k] for k in ("name", "category_ids", "description", "phone", "email", "website", "service_area",
                                "hours", "recommended", "active") if k in rec}
    times = []
    for _ in range(rounds):
        for qs in SEARCH_SETS.values():
            for q in qs:
                saved = admin.put(f"{c.API}/admin/contractors/{rec['id']}", json=body)
                if saved.status != 200:
                    return {"count": len(times), "error": f"saving a contractor: HTTP {saved.status}"}
                t0 = time.perf_counter()
                r = cl.get(search_path(q))
                if r.status == 200:
                    times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"count": len(times), "median_ms": times[len(times) // 2] if times else None,
            "max_ms": times[-1] if times else None}


# --- 20 MB PDF download and the daemon's memory

def post_raw(cl: Client, path: str, body: bytes, ctype: str) -> "c.Response":
    return cl.request("POST", path, body=body, headers={"Content-Type": ctype})


def download(base_url: str, path: str, cookie: str) -> tuple[int, str, int]:
    """Streams one download; returns (status, sha256 hex, bytes)."""
    u = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    try:
        conn.request("GET", path, headers={"Cookie": cookie, "Accept": "application/pdf"})
        resp = conn.getresponse()
        h, n = hashlib.sha256(), 0
        while chunk := resp.read(1 << 16):
            h.update(chunk)
            n += len(chunk)
        return resp.status, h.hexdigest(), n
    finally:
        conn.close()


class RssSampler:
    """Samples VmRSS of a process every 10 ms in a thread; peak() is the highest sample."""

    def __init__(self, pid: int, proc_kib):
        self.pid, self.proc_kib, self.samples, self._stop = pid, proc_kib, [], threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.samples.append(self.proc_kib(self.pid, "VmRSS"))
            time.sleep(0.01)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()

    def peak(self) -> int:
        return max(self.samples or [0])


def setup_document(d: Daemon, admin: Client, pdf: bytes) -> dict:
    """Uploads the PDF as staff and creates a document for everyone with it; returns {id, download_path, ...}."""
    up = post_raw(admin, f"{c.API}/admin/uploads", pdf, "application/pdf")
    if up.status not in (200, 201):
        raise RuntimeError(f"upload: {up}")
    upload_id = up.json["id"]
    cats = admin.get(f"{c.API}/documents/categories")
    cat_items = c.items(cats.json) if cats.status == 200 else []
    if not cat_items:
        made = admin.post(f"{c.API}/admin/documents/categories", json={"name": "Regulaminy (benchmark)"})
        if made.status not in (200, 201):
            raise RuntimeError(f"document category: {made}")
        cat_items = [made.json]
    body = {"title": "Sprawozdanie finansowe (20 MB, benchmark)", "description": "Plik testowy benchmarku.",
            "category_id": cat_items[0]["id"], "groups": [], "upload_id": upload_id,
            "filename": "sprawozdanie-20mb.pdf"}
    doc = admin.post(f"{c.API}/admin/documents", json=body)
    if doc.status not in (200, 201):
        raise RuntimeError(f"create document: {doc}")
    doc_id = doc.json.get("id") or (doc.json.get("document") or {}).get("id")
    return {"upload_id": upload_id, "document_id": doc_id, "upload_status": up.status}


def find_download_path(cl: Client, doc_id) -> str:
    """The document's download URL as the API announces it (or the documented default)."""
    r = cl.get(f"{c.API}/documents/{doc_id}")
    if r.status == 200:
        for key in ("file_url", "download_url", "url"):
            v = c.find_key(r.json, key)
            if isinstance(v, str) and v.startswith("/"):
                return v
    return f"{c.API}/documents/{doc_id}/file"


def mapped_rss_kib(pid: int) -> dict:
    """Rss per mapped file (and "[anon]" for the rest) from /proc/PID/smaps, in KiB."""
    out: dict = {}
    name = "[anon]"
    try:
        with open(f"/proc/{pid}/smaps") as f:
            for line in f:
                head = line.split()
                if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
                    name = head[5] if len(head) >= 6 and head[5].startswith("/") else "[anon]"
                elif head and head[0] == "Rss:":
                    out[name] = out.get(name, 0) + int(head[1])
    except OSError:
        pass
    return out


def pdf_download(d: Daemon, admin: Client, proc_kib, sequential: int, parallel: int, rounds: int) -> dict:
    pdf = make_pdf()
    expect = hashlib.sha256(pdf).hexdigest()
    res = {"pdf_bytes": len(pdf), "sha256": expect}
    res.update(setup_document(d, admin, pdf))
    del pdf
    # Measure on a fresh process: restart, log in, warm the worker threads with small requests.
    d.restart()
    cl = resident_client(d)
    cookie = cookie_of(cl)
    path = find_download_path(cl, res["document_id"])
    res["path"] = path
    with concurrent.futures.ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(lambda _: Client(d.base_url).get(f"{c.API}/me", headers={"Cookie": cookie}).status,
                      range(parallel * 4)))
    # One download first, not measured: the first one maps in the code and the LMDB pages a download uses (they
    # count in RssFile, and stay), which is not memory a download holds.
    download(d.base_url, path, cookie)
    time.sleep(0.5)
    pid = d.pid
    res["rss_before_kib"], res["hwm_before_kib"] = proc_kib(pid, "VmRSS"), proc_kib(pid, "VmHWM")
    # VmRSS = RssAnon (heap, stacks) + RssFile (mapped files: the binary, libraries and LMDB's data.mdb, whose pages
    # count once a read touches them) + RssShmem.
    res["anon_before_kib"], res["file_before_kib"] = proc_kib(pid, "RssAnon"), proc_kib(pid, "RssFile")
    mapped_before = mapped_rss_kib(pid)
    bad = []
    with RssSampler(pid, proc_kib) as seq_s:
        t0 = time.monotonic()
        for _ in range(sequential):
            st, digest, n = download(d.base_url, path, cookie)
            if st != 200 or digest != expect:
                bad.append([st, n])
        res["sequential_s"] = time.monotonic() - t0
    res["rss_after_sequential_kib"] = proc_kib(pid, "VmRSS")
    res["peak_sequential_kib"] = seq_s.peak()
    with RssSampler(pid, proc_kib) as par_s:
        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=parallel) as pool:
            outs = list(pool.map(lambda _: download(d.base_url, path, cookie), range(parallel * rounds)))
        res["parallel_s"] = time.monotonic() - t0
    bad += [[st, n] for st, digest, n in outs if st != 200 or digest != expect]
    time.sleep(0.5)
    res.update({"sequential": sequential, "parallel": parallel, "parallel_downloads": parallel * rounds,
                "rss_after_kib": proc_kib(pid, "VmRSS"), "hwm_after_kib": proc_kib(pid, "VmHWM"),
                "anon_after_kib": proc_kib(pid, "RssAnon"), "file_after_kib": proc_kib(pid, "RssFile"),
                "peak_parallel_kib": par_s.peak(), "bad": bad[:10], "bad_count": len(bad)})
    mapped_after = mapped_rss_kib(pid)
    grown = {k: v - mapped_before.get(k, 0) for k, v in mapped_after.items() if v != mapped_before.get(k, 0)}
    res["mapped_growth_kib"] = dict(sorted(grown.items(), key=lambda kv: -abs(kv[1]))[:5])
    # Growth: the highest VmRSS sampled during the downloads over VmRSS before them; VmHWM shows any peak that the
    # 10 ms sampling missed (it only moves when the process sets a new high-water mark).
    res["growth_kib"] = max(res["peak_sequential_kib"], res["peak_parallel_kib"], res["rss_after_kib"]) - \
        res["rss_before_kib"]
    res["hwm_growth_kib"] = res["hwm_after_kib"] - max(res["hwm_before_kib"], res["rss_before_kib"])
    return res
