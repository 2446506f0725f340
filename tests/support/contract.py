"""The HTTP contract of issue 2 as the tests use it: paths, request bodies, response shapes.

Every assumption about a JSON shape that the issue leaves open lives here, in one place, so a
change in the daemon is one edit here rather than one per test.
"""
from __future__ import annotations

import itertools
import urllib.parse

API = "/api/v1"
STRONG_PASSWORD = "Zielona-Lazurowa-2024!"
CONSENTS_VERSION = "2025-01"  # identity::kConsentsVersion
CONSENTS_OK = {"terms": True, "rodo": True, "version": CONSENTS_VERSION}
CONSENTS_MISSING_RODO = {"terms": True, "rodo": False, "version": CONSENTS_VERSION}
STAFF_ROLE_ID = 2
RESIDENT_ROLE_ID = 3

# --- KW numbers (księga wieczysta): the check digit as described in the issue.
_KW_LETTERS = "XABCDEFGHIJKLMNOPRSTUWYZ"  # X=10, A=11 ... Z=33; Q and V have no value
_KW_VALUES = {**{str(d): d for d in range(10)}, **{ch: 10 + i for i, ch in enumerate(_KW_LETTERS)}}


def kw_check_digit(court_and_number: str) -> int:
    """Check digit over the 12 characters of court code + number (no slashes)."""
    weights = itertools.cycle((1, 3, 7))
    return sum(_KW_VALUES[ch] * w for ch, w in zip(court_and_number, weights)) % 10


def make_kw(court: str, number: int) -> str:
    """A valid KW number, e.g. make_kw("WA4M", 12345) → "WA4M/00012345/<d>"."""
    num = f"{number:08d}"
    return f"{court}/{num}/{kw_check_digit(court + num)}"


def with_wrong_check_digit(kw: str) -> str:
    return kw[:-1] + str((int(kw[-1]) + 1) % 10)


# --- the flats register as CSV (Polish headers, ';' and decimal comma: as accounting systems export it).
FLAT_HEADER_PL = ["osiedle", "budynek", "klatka", "lokal", "powierzchnia", "kw", "nr_czlonkowski"]
FLAT_HEADER_EN = ["estate", "building", "staircase", "flat", "area_m2", "kw_number", "member_number"]


def sample_flats(buildings=("Lazurowa 12", "Lazurowa 14"), flats_per_building: int = 6,
                 estate: str = "Osiedle Testowe", court: str = "WA4M", first_number: int = 10000) -> list[dict]:
    """Flats with valid, distinct KW numbers: [{estate, building, staircase, flat, area, kw, member}]."""
    rows, n = [], first_number
    for b in buildings:
        for f in range(1, flats_per_building + 1):
            n += 1
            rows.append({"estate": estate, "building": b, "staircase": "A" if f <= flats_per_building // 2 else "B",
                         "flat": str(f), "area": f"{40 + f},{f % 10}5", "kw": make_kw(court, n),
                         "member": f"M{n}"})
    return rows


def flats_csv(rows: list[dict], delimiter: str = ";", encoding: str = "utf-8", bom: bool = False,
              english: bool = False) -> bytes:
    header = FLAT_HEADER_EN if english else FLAT_HEADER_PL
    lines = [delimiter.join(header)]
    for r in rows:
        lines.append(delimiter.join([r["estate"], r["building"], r["staircase"], r["flat"], r["area"], r["kw"],
                                     r["member"]]))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def import_flats(client, csv_bytes: bytes):
    """POST /admin/flats/import with a CSV body → {imported, updated, errors:[{line, code}]}."""
    return client.post(f"{API}/admin/flats/import", body=csv_bytes, headers={"Content-Type": "text/csv"})


# --- public buildings and registration.

def buildings(client) -> list[dict]:
    r = client.get(f"{API}/public/buildings")
    assert r.status == 200, r
    return items(r.json, "buildings")


def building_id(blds: list[dict], address: str):
    for b in blds:
        if b.get("address") == address or b.get("name") == address:
            return b["id"]
    raise AssertionError(f"building {address!r} not in {blds!r}")


def registration(email: str, building, flat: str, kw: str, **overrides) -> dict:
    """A complete, valid POST /registrations body; `building` is the id from /public/buildings."""
    body = {"first_name": "Anna", "last_name": "Kowalska", "email": email, "phone": "+48 600 100 200",
            "password": STRONG_PASSWORD, "building": building, "flat": flat, "kw_number": kw,
            "consents": dict(CONSENTS_OK)}
    body.update(overrides)
    return body


def register(client, body: dict):
    return client.post(f"{API}/registrations", json=body)


# --- lists (a bare list or an object holding one), pagination.

_LIST_KEYS = ("items", "registrations", "users", "buildings", "roles", "groups", "members", "data", "results")


def items(doc, *keys) -> list:
    """The list in a list response: the document itself, or its first list under a known key."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for k in (*keys, *_LIST_KEYS):
            if isinstance(doc.get(k), list):
                return doc[k]
    raise AssertionError(f"no list in {str(doc)[:300]}")


def list_all(client, path: str, query: dict | None = None, page_size: int = 100, max_pages: int = 1000) -> list:
    """Every item of a paginated list: follows next_cursor/next/cursor, else offset paging."""
    query = dict(query or {})
    query.setdefault("limit", page_size)
    out, seen = [], set()
    url = f"{path}?{urllib.parse.urlencode(query)}"
    for _ in range(max_pages):
        r = client.get(url)
        assert r.status == 200, f"GET {url}: {r}"
        page = items(r.json)
        new = [it for it in page if _ident(it) not in seen]
        seen.update(_ident(it) for it in new)
        out.extend(new)
        doc = r.json if isinstance(r.json, dict) else {}
        nxt = doc.get("next_cursor") or doc.get("cursor") or doc.get("next")
        if isinstance(nxt, str) and nxt.startswith("/"):
            url = nxt
        elif nxt not in (None, "", 0, False):
            url = f"{path}?{urllib.parse.urlencode({**query, 'cursor': nxt})}"
        elif new and len(page) >= int(query["limit"]):
            query["offset"] = len(out)  # a server that ignores offset repeats the page: `new` ends the loop
            url = f"{path}?{urllib.parse.urlencode(query)}"
        else:
            break
    return out


def _ident(it) -> str:
    return str(it.get("id")) if isinstance(it, dict) and "id" in it else repr(it)


def find_key(doc, key: str):
    """The first value of `key` anywhere in a nested document (e.g. a registration's user email)."""
    if isinstance(doc, dict):
        if key in doc:
            return doc[key]
        for v in doc.values():
            found = find_key(v, key)
            if found is not None:
                return found
    elif isinstance(doc, list):
        for v in doc:
            found = find_key(v, key)
            if found is not None:
                return found
    return None


def registration_email(reg: dict) -> str | None:
    e = reg.get("email") or find_key(reg.get("user"), "email") or find_key(reg, "email")
    return e.lower() if isinstance(e, str) else None


def registration_user_id(reg: dict):
    return reg.get("user_id") or find_key(reg.get("user"), "id")


REGISTRATION_STATUSES = ("pending", "approved", "rejected")


def all_registrations(admin_client) -> list[dict]:
    regs = []
    for st in REGISTRATION_STATUSES:
        regs += list_all(admin_client, f"{API}/admin/registrations", {"status": st})
    return regs


def set_roles(admin_client, user_id, role_ids: list[int]):
    return admin_client.put(f"{API}/admin/users/{user_id}/roles", json={"roles": role_ids})


def me(client) -> dict:
    r = client.get(f"{API}/me")
    assert r.status == 200, r
    return r.json


def permissions_of(me_doc: dict) -> set[str]:
    p = me_doc.get("permissions") or find_key(me_doc, "permissions") or []
    return set(p)
