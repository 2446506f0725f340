"""Walks the whole route table (`osiedled routes`) as anonymous / resident / staff / administrator.

public → never 401/403; authenticated → 401 for anonymous, never 401/403 for the others;
a permission → 401 anonymous, 403 for a principal whose GET /me permissions lack it, allowed
otherwise; nobody ever gets a 5xx. Path parameters get a dummy id (nothing existing is changed);
POST/PUT bodies are {} (a 4xx validation error is expected, not a 5xx).
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import contract as c  # noqa: E402
from daemon import routes  # noqa: E402
from fixtures import ADMIN, FLATS, approved_resident, daemon_with_flats  # noqa: E402

DUMMY_ID = "987654321"
PARAM = re.compile(r"\{[^}]+\}")
# Routes that may end the caller's session (or account) run last, each with a throwaway session.
SESSION_ENDING = re.compile(r"/logout$|/sessions")
ACCOUNT_ENDING = re.compile(r"/me/delet|/me/erase|/me$")


def _order(route) -> int:
    if route["method"].upper() == "GET":
        return 0
    if ACCOUNT_ENDING.search(route["pattern"]):
        return 2
    return 1 if SESSION_ENDING.search(route["pattern"]) else 0


class Authorization(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.table = routes()
        cls.d = daemon_with_flats()
        cls.addClassCleanup(cls.d.cleanup)
        admin = cls.d.login(ADMIN)
        resident = approved_resident(cls.d, admin, FLATS[0])
        staff = approved_resident(cls.d, admin, FLATS[1])
        staff_id = c.find_key(c.me(cls.d.login(staff)).get("user"), "id")
        r = c.set_roles(admin, staff_id, [c.STAFF_ROLE_ID])
        assert r.status // 100 == 2, f"make staff: {r}"
        cls.accounts = {"resident": resident, "staff": staff, "administrator": ADMIN}
        cls.clients = {name: cls.d.login(acc) for name, acc in cls.accounts.items()}
        cls.perms = {name: c.permissions_of(c.me(cl)) for name, cl in cls.clients.items()}

    def relogin(self, who):
        self.clients[who] = self.d.login(self.accounts[who])
        return self.clients[who]

    def call(self, who, route):
        path = PARAM.sub(DUMMY_ID, route["pattern"])
        method = route["method"].upper()
        kw = {"json": {}} if method in ("POST", "PUT", "PATCH") else {}
        if who == "anonymous":
            return self.d.client().request(method, path, **kw)
        throwaway = _order(route) > 0
        cl = self.d.login(self.accounts[who]) if throwaway else self.clients[who]
        r = cl.request(method, path, **kw)
        if r.status == 401 and route["permission"] != "public" and not throwaway:
            # An earlier route may have ended this session: log in again and ask once more.
            r = self.relogin(who).request(method, path, **kw)
        return r

    def test_route_table_is_sane(self):
        self.assertTrue(self.table, "osiedled routes printed nothing")
        pairs = [(r["method"], r["pattern"]) for r in self.table]
        self.assertEqual(len(pairs), len(set(pairs)), "duplicate routes")
        for r in self.table:
            self.assertRegex(r["permission"], r"^(public|authenticated|[a-z_]+:[a-z_]+)$", r)
        self.assertIn(("POST", "/api/v1/auth/login"), pairs)

    def test_roles_from_me(self):
        admin, staff, resident = (self.perms[k] for k in ("administrator", "staff", "resident"))
        needed = {r["permission"] for r in self.table} - {"public", "authenticated"}
        self.assertLessEqual(needed, admin, "the administrator has every permission")
        self.assertLess(staff, admin, "staff has less than the administrator")
        admin_only = {r["permission"] for r in self.table if r["pattern"].startswith("/api/v1/admin/")}
        self.assertFalse(resident & (admin_only - {"public", "authenticated"}),
                         "a resident holds no administrative permission")

    def test_every_route_as_every_principal(self):
        ordered = sorted(self.table, key=_order)
        for route in ordered:
            perm = route["permission"]
            for who in ("anonymous", "resident", "staff", "administrator"):
                with self.subTest(method=route["method"], pattern=route["pattern"], who=who, permission=perm):
                    r = self.call(who, route)
                    self.assertLess(r.status, 500, r)
                    if perm == "public":
                        self.assertNotIn(r.status, (401, 403), r)
                    elif who == "anonymous":
                        self.assertEqual(r.status, 401, r)
                        self.assertEqual(r.code, "unauthenticated", r)
                    elif perm == "authenticated" or perm in self.perms[who]:
                        self.assertNotIn(r.status, (401, 403), r)
                    else:
                        self.assertEqual(r.status, 403, r)
                        self.assertEqual(r.code, "forbidden", r)
        self.assertTrue(self.d.alive(), self.d.log_tail())


if __name__ == "__main__":
    unittest.main()
