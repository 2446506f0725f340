"""Shared set-up for the integration tests: an administrator, a small register of flats, residents."""
from __future__ import annotations

import itertools

import contract as c
from daemon import Account, Client, Daemon

ADMIN = Account("admin@test.invalid", c.STRONG_PASSWORD, "Adam", "Administracyjny")
FLATS = c.sample_flats()  # 2 buildings x 6 flats, valid KW numbers
_seq = itertools.count(1)


def daemon_with_flats(**kw) -> Daemon:
    """A started Daemon with ADMIN (create-admin) and FLATS (import-flats on the command line)."""
    return Daemon(admin=ADMIN, flats_csv=c.flats_csv(FLATS), **kw).start()


def unique_email(prefix: str = "mieszkaniec") -> str:
    return f"{prefix}-{next(_seq)}@test.invalid"


def register(d: Daemon, flat: dict, email: str | None = None, kw: str | None = None) -> tuple[Account, dict]:
    """Registers a new owner of `flat` (its register KW unless `kw`); asserts 201. Returns (account, body)."""
    client = d.client()
    bid = c.building_id(c.buildings(client), flat["building"])
    acc = Account(email or unique_email(), c.STRONG_PASSWORD, "Ewa", "Wiśniewska")
    body = c.registration(acc.email, bid, flat["flat"], kw or flat["kw"], first_name=acc.first_name,
                          last_name=acc.last_name)
    r = c.register(client, body)
    assert r.status == 201, f"registration of {acc.email}: {r}"
    return acc, r.json


def pending_registration(admin: Client, email: str) -> dict:
    for reg in c.list_all(admin, f"{c.API}/admin/registrations", {"status": "pending"}):
        if c.registration_email(reg) == email.lower():
            return reg
    raise AssertionError(f"no pending registration for {email}")


def approved_resident(d: Daemon, admin: Client, flat: dict, email: str | None = None) -> Account:
    """Registers and approves an owner of `flat`; returns the account (able to log in)."""
    acc, _ = register(d, flat, email)
    reg = pending_registration(admin, acc.email)
    r = admin.post(f"{c.API}/admin/registrations/{reg['id']}/approve", json={})
    assert r.status == 200, f"approve {acc.email}: {r}"
    return acc
