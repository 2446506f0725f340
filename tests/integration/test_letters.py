"""Registration letters over real HTTP: staff issue letters (CSV for mail merge, PDF) for a building; a resident
registers with a letter code and is verified at once (can log in immediately); a used or a revoked code is
refused with 422 letter_code_invalid; the portal learns the proof setting, NIP and logo from /public/site."""
import csv
import io
import os
import struct
import sys
import tempfile
import unittest
import urllib.parse
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import contract as c  # noqa: E402
from daemon import Account  # noqa: E402
from fixtures import ADMIN, FLATS, daemon_with_flats, unique_email  # noqa: E402

API = c.API


def _png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\x20\x40\x80")) + chunk(b"IEND", b""))


PNG = _png_1x1()  # the configured logo


def csv_rows(r) -> list[dict]:
    """The mail-merge CSV as dicts (UTF-8 with BOM, ';')."""
    return list(csv.DictReader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))


class Letters(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="osiedle-letters-")
        cls.addClassCleanup(cls.tmp.cleanup)
        logo = os.path.join(cls.tmp.name, "logo.png")
        with open(logo, "wb") as f:
            f.write(PNG)
        cls.d = daemon_with_flats(extra_args=["--registration-proof", "letter-code", "--site-nip", "5261040828",
                                              "--site-logo", logo, "--site-name", "SM Testowa"])
        cls.addClassCleanup(cls.d.cleanup)
        cls.admin = cls.d.login(ADMIN)
        cls.anon = cls.d.client()
        cls.building = FLATS[0]["building"]
        cls.bid = c.building_id(c.buildings(cls.anon), cls.building)
        cls.flat_ids = cls.flats_of(cls.bid)

    @classmethod
    def flats_of(cls, building_id) -> dict:
        r = cls.admin.get(f"{API}/admin/flats", query={"building": building_id})
        assert r.status == 200, r
        return {f["number"]: f["id"] for f in c.items(r.json)}

    def resident(self, flat: dict) -> Account:
        """A verified owner of `flat` (any building), registered with a fresh letter code."""
        bid = c.building_id(c.buildings(self.anon), flat["building"])
        rows = self.issue_csv(self.admin, {"flat_ids": [self.flats_of(bid)[flat["flat"]]]})
        body = c.registration(unique_email("list"), bid, flat["flat"], "", letter_code=rows[0]["kod"])
        del body["kw_number"]
        r = c.register(self.anon, body)
        self.assertEqual(r.status, 201, r)
        return Account(body["email"], body["password"], body["first_name"], body["last_name"])

    def issue_csv(self, client, body: dict) -> list[dict]:
        r = client.post(f"{API}/admin/letters?format=csv", json=body)
        self.assertEqual(r.status, 200, r)
        self.assertIn("text/csv", r.headers.get("Content-Type", ""))
        self.assertRegex(r.headers.get("Content-Disposition", ""), r'attachment; filename="listy-rejestracyjne-'
                                                                   r'\d{4}-\d{2}-\d{2}\.csv"')
        return csv_rows(r)

    def code_of(self, rows: list[dict], flat: str) -> str:
        for row in rows:
            if row["lokal"] == flat and row["budynek"] == self.building:
                return row["kod"]
        raise AssertionError(f"no letter for flat {flat}: {rows}")

    def register(self, flat: str, code: str, email: str | None = None):
        body = c.registration(email or unique_email("list"), self.bid, flat, "", letter_code=code)
        del body["kw_number"]
        return c.register(self.d.client(), body), body

    def test_public_site_tells_the_proof_nip_and_logo(self):
        r = self.anon.get(f"{API}/public/site")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["registration"], {"proof": "letter-code"})
        self.assertEqual(r.json["nip"], "5261040828")
        self.assertEqual(r.json["logo_url"], f"{API}/public/site/logo")
        logo = self.anon.get(r.json["logo_url"])
        self.assertEqual(logo.status, 200, logo)
        self.assertEqual(logo.headers.get("Content-Type"), "image/png")
        self.assertEqual(logo.body, PNG)

    def test_building_csv_then_register_with_a_code_then_log_in_at_once(self):
        rows = self.issue_csv(self.admin, {"building_id": self.bid})
        self.assertEqual(len(rows), len([f for f in FLATS if f["building"] == self.building]))
        self.assertEqual(list(rows[0].keys()), ["osiedle", "budynek", "klatka", "lokal", "kod", "url"])
        flat = FLATS[2]["flat"]
        code = self.code_of(rows, flat)
        self.assertRegex(code, r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")
        url = next(r["url"] for r in rows if r["kod"] == code)
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).fragment.split("?", 1)[1]))
        self.assertEqual(query, {"budynek": str(self.bid), "lokal": flat, "kod": code})

        r, body = self.register(flat, code.lower().replace("-", " "))
        self.assertEqual(r.status, 201, r)
        self.assertIs(r.json["verified"], True, r)
        resident = self.d.login(Account(body["email"], body["password"], body["first_name"], body["last_name"]))
        me = c.me(resident)
        self.assertEqual([f["status"] for f in me["flats"]], ["verified"], me)

        again, _ = self.register(flat, code)
        self.assertEqual((again.status, again.code), (422, "letter_code_invalid"), again)
        self.assertEqual(again.json["error"]["field"], "letter_code")

        listed = self.admin.get(f"{API}/admin/flats/{self.flat_ids[flat]}/letter-codes")
        self.assertEqual(listed.status, 200, listed)
        newest = listed.json["items"][0]
        self.assertEqual(newest["status"], "used", newest)
        self.assertEqual(newest["used_by_user_id"], me["user"]["id"])
        self.assertNotIn(code, listed.text)

    def test_revoked_code_and_other_flats_code_are_refused(self):
        flat, other = FLATS[3]["flat"], FLATS[4]["flat"]
        rows = self.issue_csv(self.admin, {"flat_ids": [self.flat_ids[flat], self.flat_ids[other]]})
        self.assertEqual(len(rows), 2)
        code = self.code_of(rows, flat)
        r, _ = self.register(other, code)
        self.assertEqual((r.status, r.code), (422, "letter_code_invalid"), r)

        codes = self.admin.get(f"{API}/admin/flats/{self.flat_ids[flat]}/letter-codes").json["items"]
        active = [x for x in codes if x["status"] == "active"]
        self.assertEqual(len(active), 1, codes)
        revoke = self.admin.post(f"{API}/admin/letter-codes/{active[0]['id']}/revoke", json={})
        self.assertEqual((revoke.status, revoke.json), (200, {"status": "revoked"}), revoke)
        twice = self.admin.post(f"{API}/admin/letter-codes/{active[0]['id']}/revoke", json={})
        self.assertEqual((twice.status, twice.code), (409, "letter_code_not_active"), twice)
        r, _ = self.register(flat, code)
        self.assertEqual((r.status, r.code), (422, "letter_code_invalid"), r)

    def test_a_new_letter_revokes_the_previous_code(self):
        flat = FLATS[5]["flat"]
        first = self.code_of(self.issue_csv(self.admin, {"flat_ids": [self.flat_ids[flat]]}), flat)
        second = self.code_of(self.issue_csv(self.admin, {"flat_ids": [self.flat_ids[flat]]}), flat)
        r, _ = self.register(flat, first)
        self.assertEqual((r.status, r.code), (422, "letter_code_invalid"), r)
        r, _ = self.register(flat, second)
        self.assertEqual(r.status, 201, r)

    def test_staff_issue_a_pdf(self):
        staff = self.resident(FLATS[6])
        staff_id = c.find_key(c.me(self.d.login(staff)).get("user"), "id")
        self.assertEqual(c.set_roles(self.admin, staff_id, [c.STAFF_ROLE_ID]).status // 100, 2)
        client = self.d.login(staff)
        self.assertIn("letters:manage", c.permissions_of(c.me(client)))
        r = client.post(f"{API}/admin/letters", json={"flat_ids": [self.flat_ids[FLATS[0]["flat"]]]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.headers.get("Content-Type"), "application/pdf")
        self.assertTrue(r.body.startswith(b"%PDF-"))
        self.assertEqual(r.headers.get("X-Letters-Count"), "1")

    def test_a_resident_cannot_issue_letters(self):
        resident = self.d.login(self.resident(FLATS[7]))
        r = resident.post(f"{API}/admin/letters?format=csv", json={"building_id": self.bid})
        self.assertEqual((r.status, r.code), (403, "forbidden"), r)

    def test_without_a_code_the_letter_code_setting_refuses(self):
        body = c.registration(unique_email("bez-kodu"), self.bid, FLATS[1]["flat"], FLATS[1]["kw"])
        r = c.register(self.anon, body)
        self.assertEqual((r.status, r.code), (400, "field_required"), r)
        self.assertEqual(r.json["error"]["field"], "letter_code")


if __name__ == "__main__":
    unittest.main()
