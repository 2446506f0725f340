"""Hostile input gets a precise 4xx with a JSON error code: never a 5xx, never a crash, nothing lost."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import contract as c  # noqa: E402
from daemon import SESSION_COOKIE  # noqa: E402
from fixtures import ADMIN, FLATS, approved_resident, daemon_with_flats, register, unique_email  # noqa: E402

REG = f"{c.API}/registrations"
JSON = {"Content-Type": "application/json"}


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = daemon_with_flats()
        cls.addClassCleanup(cls.d.cleanup)
        cls.admin = cls.d.login(ADMIN)
        cls.anon = cls.d.client()
        cls.bid = c.building_id(c.buildings(cls.anon), FLATS[0]["building"])
        # Data that must survive everything below.
        cls.kept_email = register(cls.d, FLATS[0])[0].email
        cls.resident = approved_resident(cls.d, cls.admin, FLATS[1])
        cls.buildings_before = c.buildings(cls.anon)

    @classmethod
    def valid_body(cls, **overrides):
        body = c.registration(unique_email("zly"), cls.bid, FLATS[2]["flat"], FLATS[2]["kw"])
        body.update(overrides)
        return body

    def assertRejected(self, r, codes, status=None):
        """A 4xx whose JSON error code is one of `codes` (a string or a set)."""
        codes = {codes} if isinstance(codes, str) else set(codes)
        self.assertTrue(400 <= r.status < 500, r)
        if status:
            self.assertEqual(r.status, status, r)
        self.assertIn(r.code, codes, r)

    def tearDown(self):
        # After every case: the daemon is alive and nothing stored was lost.
        self.assertTrue(self.d.alive(), f"osiedled died:\n{self.d.log_tail()}")
        self.assertEqual(self.d.client().get("/healthz").status, 200)

    @classmethod
    def tearDownClass(cls):
        admin = cls.d.login(ADMIN)
        emails = [c.registration_email(r) for r in c.all_registrations(admin)]
        assert cls.kept_email in emails, f"{cls.kept_email} lost"
        addresses = {b.get("address") for b in c.buildings(cls.d.client())}
        assert addresses == {b.get("address") for b in cls.buildings_before}, "buildings changed"
        cls.d.login(cls.resident)  # raises if the resident can no longer log in

    # --- JSON bodies

    def test_malformed_json(self):
        for raw in (b'{"email": ', b"{'email': 'a'}", b"", b"null", b"\x00\x01", b'{"a":1}{"b":2}', b"[1,2"):
            with self.subTest(raw=raw):
                r = self.anon.post(REG, body=raw, headers=JSON)
                self.assertRejected(r, {"json_invalid", "json_not_object"})

    def test_not_an_object(self):
        for raw in (b"[]", b"42", b'"text"', b"true"):
            with self.subTest(raw=raw):
                self.assertRejected(self.anon.post(REG, body=raw, headers=JSON), "json_not_object")

    def test_deeply_nested(self):
        depth = 10_000
        for raw in ('{"a":' * depth + "1" + "}" * depth, "[" * depth + "]" * depth,
                    '{"first_name":' + "[" * depth + "]" * depth + "}"):
            with self.subTest(start=raw[:8]):
                r = self.anon.post(REG, body=raw, headers=JSON)
                self.assertRejected(r, {"json_too_deep", "json_not_object"})

    def test_wrong_types(self):
        for field, value in (("email", 123), ("first_name", ["Anna"]), ("password", 12345), ("consents", "yes"),
                             ("kw_number", {"a": 1}), ("flat", 3.5)):
            with self.subTest(field=field):
                r = self.anon.post(REG, json=self.valid_body(**{field: value}))
                self.assertRejected(r, "field_type", 400)
                self.assertEqual(r.json["error"].get("field"), field, r)

    def test_missing_fields(self):
        for field in ("first_name", "last_name", "email", "password", "building", "flat", "kw_number", "consents"):
            with self.subTest(field=field):
                body = self.valid_body()
                del body[field]
                r = self.anon.post(REG, json=body)
                self.assertRejected(r, {"field_required", "consent_required"} if field == "consents"
                                    else "field_required", 400)
        self.assertRejected(self.anon.post(REG, json={}), "field_required", 400)

    def test_unknown_fields(self):
        r = self.anon.post(REG, json=self.valid_body(is_admin=True))
        self.assertRejected(r, "unknown_field", 400)
        self.assertEqual(r.json["error"].get("field"), "is_admin", r)

    def test_ten_megabyte_body(self):
        big = b'{"first_name":"' + b"a" * (10 << 20) + b'"}'
        r = self.anon.post(REG, body=big, headers=JSON)
        self.assertRejected(r, {"body_too_large"}, 413)

    def test_invalid_utf8(self):
        for bad in (b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"Zaz\xc3"):
            with self.subTest(bad=bad):
                raw = json.dumps(self.valid_body(first_name="XX")).encode().replace(b"XX", bad)
                r = self.anon.post(REG, body=raw, headers=JSON)
                self.assertRejected(r, {"utf8_invalid", "json_invalid"}, 400)

    def test_overlong_strings(self):
        for field in ("first_name", "last_name", "email", "phone", "kw_number", "password"):
            with self.subTest(field=field):
                r = self.anon.post(REG, json=self.valid_body(**{field: "a" * 100_000}))
                self.assertRejected(r, {"field_too_long", "password_too_weak"} if field == "password"
                                    else "field_too_long")

    def test_login_with_garbage(self):
        for body in ({"email": ADMIN.email}, {"email": 1, "password": 2}, {"email": "x" * 10_000, "password": "y"}):
            with self.subTest(body=str(body)[:40]):
                r = self.anon.post(f"{c.API}/auth/login", json=body)
                self.assertRejected(r, {"field_required", "field_type", "field_too_long", "invalid_credentials"})

    # --- sessions and CSRF

    def test_forged_session_cookie(self):
        for value in ("forged", "A" * 64, "0" * 4096, "%00%ff"):
            with self.subTest(value=value[:10]):
                cl = self.d.client()
                cl.cookies[SESSION_COOKIE] = value
                r = cl.get(f"{c.API}/me")
                self.assertRejected(r, {"unauthenticated", "session_invalid", "session_expired"}, 401)

    def test_malformed_cookie_header(self):
        for raw in ("osiedle_session", "=", ";;;", "a=b; c", "osiedle_session=x;y", "\"quoted\"=1"):
            with self.subTest(cookie=raw):
                r = self.d.client().get(f"{c.API}/me", headers={"Cookie": raw})
                # A header the HTTP parser cannot read at all is a malformed request (400
                # request_invalid); one it can read but that holds no valid session is 401.
                self.assertRejected(r, {"unauthenticated", "session_invalid", "request_invalid"})

    def test_revoked_session_cookie(self):
        cl = self.d.login(ADMIN)
        token = cl.session
        self.assertEqual(cl.post(f"{c.API}/auth/logout", json={}).status // 100, 2)
        old = self.d.client()
        old.cookies[SESSION_COOKIE] = token
        self.assertRejected(old.get(f"{c.API}/me"), {"unauthenticated", "session_invalid", "session_expired"}, 401)

    def test_missing_or_wrong_csrf_token(self):
        cl = self.d.login(ADMIN)
        for headers in ({}, {"X-CSRF-Token": "wrong"}, {"X-CSRF-Token": ""}):
            with self.subTest(headers=headers):
                r = cl.request("POST", f"{c.API}/auth/logout", json={}, csrf=False, headers=headers)
                self.assertEqual(r.status, 403, r)
                self.assertTrue(r.code and r.code.startswith("csrf"), r)
        self.assertEqual(cl.get(f"{c.API}/me").status, 200, "the session must survive a refused request")

    # --- static files

    def test_path_traversal(self):
        for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/admin/..%2f..%2f..%2fetc%2fpasswd",
                     "/admin/../../../../etc/passwd", "/..%5c..%5cetc%5cpasswd", "/portal/%2e%2e%2f%2e%2e%2fetc/passwd",
                     "/%00/etc/passwd", "//etc/passwd", "/common/....//....//etc/passwd"):
            with self.subTest(path=path):
                r = self.anon.get(path)
                self.assertNotIn(b"root:", r.body)
                self.assertTrue(400 <= r.status < 500, r)
                self.assertTrue(r.code, f"JSON error code expected: {r}")

    # --- CSV import

    def test_csv_mixed_delimiters_and_junk(self):
        header = ";".join(c.FLAT_HEADER_PL)
        good = "Osiedle Testowe;Lazurowa 12;A;77;50,5;{};M77".format(c.make_kw("WA4M", 777))
        mixed = "Osiedle Testowe,Lazurowa 12,A,78,50.5,{},M78".format(c.make_kw("WA4M", 778))
        bodies = {
            "mixed": f"{header}\r\n{good}\r\n{mixed}\r\n".encode(),
            "binary": bytes(range(256)) * 64,
            "junk_line": f"{header}\r\n".encode() + b"\x00\xff\xfe;\x01;;\n",
            "empty": b"",
            "header_only_bad": b"foo;bar;baz\r\n1;2;3\r\n",
        }
        for name, body in bodies.items():
            with self.subTest(csv=name):
                r = c.import_flats(self.admin, body)
                self.assertLess(r.status, 500, r)
                if r.status == 200:  # per-line report: bad lines have a line number and a code
                    self.assertTrue(r.json["errors"], r)
                    for e in r.json["errors"]:
                        self.assertIsInstance(e.get("line"), int, r)
                        self.assertTrue(e.get("code"), r)
                else:
                    self.assertRejected(r, {"csv_binary", "csv_empty", "csv_header_missing", "csv_column_count",
                                            "csv_quote_unterminated"})
                if name == "mixed" and r.status == 200:
                    self.assertEqual(r.json["imported"] + r.json["updated"], 1, r)
                    self.assertEqual([e["line"] for e in r.json["errors"]], [3], r)


if __name__ == "__main__":
    unittest.main()
