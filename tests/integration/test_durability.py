"""Concurrent registrations while osiedled is killed with SIGKILL 3 times: every 201 survives."""
import os
import random
import signal
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import contract as c  # noqa: E402
from daemon import Client  # noqa: E402
from fixtures import ADMIN, FLATS, daemon_with_flats  # noqa: E402

THREADS = 8
KILLS = 3
LOAD_SECONDS = 30  # the whole test stays around a minute


class Durability(unittest.TestCase):
    def setUp(self):
        self.d = daemon_with_flats()
        self.addCleanup(self.d.cleanup)
        self.building_ids = {f["building"]: c.building_id(c.buildings(self.d.client()), f["building"])
                             for f in FLATS}
        self.acknowledged: set[str] = set()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.statuses: dict[int, int] = {}

    def client_loop(self, n: int) -> None:
        rnd = random.Random(n)
        i = 0
        while not self.stop.is_set():
            i += 1
            email = f"trwaly-{n}-{i}@test.invalid"
            flat = rnd.choice(FLATS)
            body = c.registration(email, self.building_ids[flat["building"]], flat["flat"], flat["kw"])
            try:
                r = Client(self.d.base_url, timeout=10).post(f"{c.API}/registrations", json=body)
            except OSError:  # the daemon is down (killed) or restarting
                time.sleep(0.05)
                continue
            with self.lock:
                self.statuses[r.status] = self.statuses.get(r.status, 0) + 1
                if r.status == 201:
                    self.acknowledged.add(email)
                elif r.status >= 500 or r.status == 409:
                    self.errors.append(f"{email}: {r}")

    def test_every_acknowledged_registration_survives_sigkill(self):
        workers = [threading.Thread(target=self.client_loop, args=(n,), daemon=True) for n in range(THREADS)]
        for w in workers:
            w.start()
        rnd = random.Random()
        deadline = time.monotonic() + LOAD_SECONDS
        try:
            for _ in range(KILLS):
                time.sleep(rnd.uniform(2.0, (LOAD_SECONDS - 4) / KILLS))
                rc = self.d.kill(signal.SIGKILL)
                self.assertEqual(rc, -signal.SIGKILL)
                self.d.start()  # same data dir, new port; clients pick up the new base_url
            time.sleep(max(0.0, deadline - time.monotonic()))
        finally:
            self.stop.set()
            for w in workers:
                w.join(timeout=15)

        print(f"\n{len(self.acknowledged)} registrations acknowledged; answers {self.statuses}", file=sys.stderr)
        self.assertFalse(self.errors, self.errors[:5])
        self.assertGreaterEqual(len(self.acknowledged), THREADS, f"too few registrations to mean anything: "
                                                                 f"{self.statuses}")
        # A clean stop, an intact store (audit chain included), then a fresh start.
        self.assertEqual(self.d.stop(), 0, "SIGTERM must exit 0")
        check = self.d.cli("check", check=False)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.d.start()
        admin = self.d.login(ADMIN)
        stored = {c.registration_email(r) for r in c.all_registrations(admin)}
        lost = sorted(self.acknowledged - stored)
        self.assertFalse(lost, f"{len(lost)} of {len(self.acknowledged)} acknowledged registrations lost: {lost[:10]}")


if __name__ == "__main__":
    unittest.main()
