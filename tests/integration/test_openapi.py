"""GET /api/v1/openapi.json documents exactly the /api/v1 routes of `osiedled routes`."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

from daemon import Daemon, routes  # noqa: E402

PARAM = re.compile(r"\{[^}]+\}")
METHODS = {"get", "post", "put", "delete", "patch"}


def shape(path: str) -> str:
    """Path with parameter names erased: /users/{id} and /users/{user_id} are the same route."""
    return PARAM.sub("{}", path)


class OpenApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = Daemon().start()
        cls.addClassCleanup(cls.d.cleanup)
        r = cls.d.client().get("/api/v1/openapi.json")
        assert r.status == 200, r
        assert isinstance(r.json, dict), f"not JSON: {r}"
        cls.doc = r.json

    def documented(self) -> set:
        prefix = ""
        servers = self.doc.get("servers") or []
        if servers and str(servers[0].get("url", "")).rstrip("/").endswith("/api/v1"):
            prefix = "/api/v1"
        out = set()
        for path, item in self.doc["paths"].items():
            for method in item:
                if method in METHODS:
                    out.add((method.upper(), shape(prefix + path)))
        return out

    def resolve(self, obj: dict) -> dict:
        ref = obj.get("$ref")
        if not ref:
            return obj
        node = self.doc
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node

    def test_is_openapi_3(self):
        self.assertRegex(str(self.doc.get("openapi")), r"^3\.")
        self.assertTrue(self.doc.get("info", {}).get("title"))
        self.assertIsInstance(self.doc.get("paths"), dict)

    def test_matches_the_route_table(self):
        table = {(r["method"].upper(), shape(r["pattern"])) for r in routes() if r["pattern"].startswith("/api/v1/")}
        docs = self.documented()
        self.assertFalse(sorted(table - docs), "routes missing from openapi.json")
        self.assertFalse(sorted(docs - table), "openapi.json documents routes that do not exist")

    def test_every_operation_has_responses(self):
        for path, item in self.doc["paths"].items():
            for method, op in item.items():
                if method in METHODS:
                    with self.subTest(path=path, method=method):
                        self.assertTrue(op.get("responses"), op)
                        for name in PARAM.findall(path):
                            params = [self.resolve(p).get("name")
                                      for p in op.get("parameters", []) + item.get("parameters", [])]
                            self.assertIn(name.strip("{}"), params)


if __name__ == "__main__":
    unittest.main()
