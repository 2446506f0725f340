"""Registration → KW match → approval → mail → login, over real HTTP with a real SMTP sink."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import contract as c  # noqa: E402
from daemon import Daemon, mail_text  # noqa: E402
from fixtures import ADMIN, FLATS, pending_registration, unique_email  # noqa: E402

RECEIVED = re.compile(r"otrzymaliśmy", re.I)
APPROVED = re.compile(r"konto jest gotowe|potwierdziliśmy|zatwierdzon", re.I)
REJECTED = re.compile(r"nie mogliśmy potwierdzić|odrzucon", re.I)


def to(msg, email: str) -> bool:
    return email in str(msg["To"]).lower()


class RegistrationFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = Daemon(admin=ADMIN, smtp=True).start()
        cls.addClassCleanup(cls.d.cleanup)
        cls.admin = cls.d.login(ADMIN)
        r = c.import_flats(cls.admin, c.flats_csv(FLATS))
        assert r.status == 200, r
        assert r.json.get("imported") == len(FLATS) and r.json.get("errors") == [], r
        cls.anon = cls.d.client()
        cls.building_ids = {f["building"]: c.building_id(c.buildings(cls.anon), f["building"]) for f in FLATS}

    def body(self, flat, **overrides):
        return c.registration(overrides.pop("email", unique_email("rej")), self.building_ids[flat["building"]],
                              flat["flat"], overrides.pop("kw_number", flat["kw"]), **overrides)

    def assertError(self, r, status, code, field=None):
        self.assertEqual((r.status, r.code), (status, code), r)
        if field:
            self.assertEqual(r.json["error"].get("field"), field, r)
        self.assertTrue(r.json["error"].get("message"), r)

    def test_reimport_is_idempotent(self):
        r = c.import_flats(self.admin, c.flats_csv(FLATS))
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["imported"], r.json["updated"], r.json["errors"]), (0, 0, []), r)
        self.assertEqual(r.json.get("unchanged", len(FLATS)), len(FLATS), r)
        self.assertEqual(len(c.buildings(self.anon)), 2)

    def test_public_buildings_lists_the_register(self):
        addresses = {b.get("address") for b in c.buildings(self.anon)}
        self.assertEqual(addresses, {f["building"] for f in FLATS})

    def test_validation_errors(self):
        flat = FLATS[0]
        cases = [
            (self.body(flat, kw_number=c.with_wrong_check_digit(flat["kw"])), 400, "kw_checksum_invalid", "kw_number"),
            (self.body(flat, kw_number="WA4M/123/4"), 400, "kw_format_invalid", "kw_number"),
            (self.body(flat, kw_number="WA4M-00010001-5"), 400, "kw_format_invalid", "kw_number"),
            (self.body(dict(flat, flat="999")), 404, "flat_not_found", None),
            (self.body(flat, consents=c.CONSENTS_MISSING_RODO), 400, "consent_required", "consents.rodo"),
            (self.body(flat, password="abc"), 400, "password_too_weak", "password"),
        ]
        for body, status, code, field in cases:
            with self.subTest(code=code, kw=body["kw_number"]):
                r = c.register(self.anon, body)
                self.assertEqual(r.code, code, r)
                self.assertTrue(400 <= r.status < 500, r)
                if code != "flat_not_found":  # 400 or 404 are both fair for an unknown flat
                    self.assertError(r, status, code, field)

    def test_approve_mail_and_login(self):
        flat, email = FLATS[2], unique_email("zatwierdzony")
        # KW typed in lower case with surrounding spaces: normalised, still a match.
        r = c.register(self.anon, self.body(flat, email=email, kw_number=f"  {flat['kw'].lower()} "))
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json.get("status"), "pending", r)
        self.assertIn("id", r.json)
        self.assertNotIn("kw_match", r.json, "the public answer must not reveal the KW match")

        again = c.register(self.anon, self.body(FLATS[3], email=email.upper()))
        self.assertError(again, 409, "email_taken", "email")

        pending_client = self.d.client()
        self.assertError(pending_client.login(email, c.STRONG_PASSWORD), 403, "account_pending")
        self.assertIsNone(pending_client.session)

        reg = pending_registration(self.admin, email)
        self.assertIs(reg.get("kw_match"), True, reg)
        r = self.admin.post(f"{c.API}/admin/registrations/{reg['id']}/approve", json={})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(c.find_key(r.json, "status"), "approved", r)

        self.d.sink.wait_for(lambda m: to(m, email) and RECEIVED.search(str(m["Subject"]) + mail_text(m)))
        mail = self.d.sink.wait_for(lambda m: to(m, email) and APPROVED.search(str(m["Subject"]) + mail_text(m)))
        self.assertTrue(str(mail["Subject"]).strip(), mail)
        self.assertRegex(str(mail["Subject"]) + mail_text(mail), r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]", "Polish text expected")
        self.assertIn(flat["building"], mail_text(mail), "the mail names the flat")

        resident = self.d.client()
        r = resident.login(email, c.STRONG_PASSWORD)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(resident.session, "session cookie")
        self.assertTrue(r.json.get("csrf_token"), r)
        self.assertEqual(c.find_key(r.json.get("user"), "email"), email, r)
        cookie = r.headers.get("Set-Cookie", "")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)

        me = c.me(resident)
        self.assertEqual(c.find_key(me.get("user"), "email"), email)
        flats = me.get("flats")
        self.assertIsInstance(flats, list, me)
        self.assertEqual(len(flats), 1, me)
        self.assertEqual(str(c.find_key(flats[0], "number") or c.find_key(flats[0], "flat")), flat["flat"], me)
        self.assertIn(flat["building"], str(flats[0]), me)
        self.assertTrue(me.get("csrf_token"))

        r = resident.post(f"{c.API}/auth/logout", json={})
        self.assertEqual(r.status // 100, 2, r)
        self.assertEqual(resident.get(f"{c.API}/me").status, 401)

    def test_reject_with_reason_sends_mail(self):
        flat, email = FLATS[4], unique_email("odrzucony")
        wrong_kw = c.make_kw("WA4M", 99999999 - 7)  # valid, but not this flat's
        r = c.register(self.anon, self.body(flat, email=email, kw_number=wrong_kw))
        self.assertEqual(r.status, 201, r)

        reg = pending_registration(self.admin, email)
        self.assertIs(reg.get("kw_match"), False, reg)
        reason = "Numer księgi wieczystej nie zgadza się z rejestrem"
        r = self.admin.post(f"{c.API}/admin/registrations/{reg['id']}/reject", json={"reason": reason})
        self.assertEqual(r.status, 200, r)

        mail = self.d.sink.wait_for(lambda m: to(m, email) and REJECTED.search(str(m["Subject"]) + mail_text(m)))
        self.assertIn(reason, mail_text(mail))
        r = self.d.client().login(email, c.STRONG_PASSWORD)
        self.assertIn(r.status, (401, 403), r)
        rejected = c.list_all(self.admin, f"{c.API}/admin/registrations", {"status": "rejected"})
        self.assertIn(email, [c.registration_email(x) for x in rejected])

    def test_reject_requires_a_reason(self):
        flat, email = FLATS[5], unique_email("bez-powodu")
        self.assertEqual(c.register(self.anon, self.body(flat, email=email)).status, 201)
        reg = pending_registration(self.admin, email)
        r = self.admin.post(f"{c.API}/admin/registrations/{reg['id']}/reject", json={})
        self.assertEqual((r.status, r.code), (400, "field_required"), r)


if __name__ == "__main__":
    unittest.main()
