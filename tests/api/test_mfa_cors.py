"""Issue #13 over HTTP against the real trm-server, with the service's own tokens: a customer that
requires MFA of partner users (403 mfa_required on that customer only, left out of aggregate
lists, marked in /me/access, audited), and CORS for exactly the allowed origins."""
import shutil
import tempfile
import unittest

from test_actions import invitation
from trm import SMALL_WORLD, Server

API = "/api/v1"
CONTOSO = f"{API}/tenants/t-contoso"
FABRIKAM = f"{API}/tenants/t-fabrikam"


class MfaTest(unittest.TestCase):
    """Northwind manages Contoso and Fabrikam; Contoso requires partner MFA."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="trm-mfa-")
        self.s = Server("--db", f"{self.dir}/trm.sqlite", "--seed", SMALL_WORLD, "--dev-auth").__enter__()
        self.ann = self.s.login("ann@contoso.example")
        self.fay = self.s.login("fay@fabrikam.example")
        for admin in (self.ann, self.fay):
            status, _, inv = self.s.as_user(admin, "POST", f"{API}/partners/invitations",
                                            invitation(["nia@northwind.example"], {"allRooms": True}))
            self.assertEqual(status, 201, inv)
            nia = self.s.login("nia@northwind.example")
            status, _, body = self.s.as_user(nia, "POST", f"{API}/invitations/{inv['id']}/accept")
            self.assertEqual(status, 200, body)
        status, _, body = self.s.as_user(self.ann, "PATCH", f"{CONTOSO}/settings", {"requirePartnerMfa": True})
        self.assertEqual(status, 200, body)
        self.assertTrue(body["requirePartnerMfa"])

    def tearDown(self):
        self.s.__exit__(None, None, None)
        shutil.rmtree(self.dir, ignore_errors=True)

    def sign_in(self, upn, mfa):
        status, _, body = self.s.request("POST", f"{API}/auth/dev-login", {"upn": upn, "mfa": mfa})
        self.assertEqual(status, 200, body)
        return body["token"]

    def test_a_partner_without_mfa_is_refused_by_that_customer_only(self):
        nia = self.sign_in("nia@northwind.example", False)
        for path in (f"{CONTOSO}/rooms", f"{CONTOSO}/rooms/r-oslo-1", f"{CONTOSO}/incidents",
                     f"{CONTOSO}/roles", f"{CONTOSO}/reports/summary"):
            status, _, body = self.s.as_user(nia, "GET", path)
            self.assertEqual(status, 403, (path, body))
            self.assertEqual(body["code"], "mfa_required", path)
            self.assertIn("multi-factor", body["detail"])
        status, _, body = self.s.as_user(nia, "POST", f"{CONTOSO}/update-rings", {"name": "Pilot"})
        self.assertEqual((status, body["code"]), (403, "mfa_required"))
        # An id nobody can see stays a plain 404: the condition reveals nothing.
        status, _, _ = self.s.as_user(nia, "GET", f"{CONTOSO}/rooms/r-no-such-room")
        self.assertEqual(status, 404)
        # Fabrikam does not require it; Northwind's own tenant neither.
        self.assertEqual(self.s.as_user(nia, "GET", f"{FABRIKAM}/rooms")[0], 200)
        self.assertEqual(self.s.as_user(nia, "GET", f"{API}/me")[0], 200)
        # The customer's own people are not partner users.
        self.assertEqual(self.s.as_user(self.ann, "GET", f"{CONTOSO}/rooms")[0], 200)

    def test_aggregate_lists_leave_the_customer_out_and_me_access_says_why(self):
        nia = self.sign_in("nia@northwind.example", False)
        status, _, incidents = self.s.as_user(nia, "GET", f"{API}/incidents")
        self.assertEqual(status, 200)
        tenants = {i["tenantId"] for i in incidents["items"]}
        self.assertNotIn("t-contoso", tenants)
        self.assertIn("t-fabrikam", tenants)
        status, _, only = self.s.as_user(nia, "GET", f"{API}/incidents?tenantId=t-contoso")
        self.assertEqual((status, only["items"]), (200, []))
        _, _, access = self.s.as_user(nia, "GET", f"{API}/me/access")
        contoso = [c for c in access["contexts"] if c["tenantId"] == "t-contoso"]
        self.assertTrue(contoso)
        for c in contoso:
            self.assertEqual((c["mfaRequired"], c["mfaSatisfied"]), (True, False))
        for c in access["contexts"]:
            if c["tenantId"] == "t-fabrikam":
                self.assertEqual((c["mfaRequired"], c["mfaSatisfied"]), (False, False))
        # The customers list still names it: the partner can see the relationship and end it.
        _, _, customers = self.s.as_user(nia, "GET", f"{API}/customers")
        self.assertIn("t-contoso", {c["tenantId"] for c in customers["items"]})

    def test_after_an_mfa_sign_in_the_partner_works_normally(self):
        nia = self.sign_in("nia@northwind.example", True)
        self.assertEqual(self.s.as_user(nia, "GET", f"{CONTOSO}/rooms")[0], 200)
        status, _, ticket = self.s.as_user(nia, "POST", f"{CONTOSO}/incidents", {
            "roomIds": ["r-oslo-1"], "title": "Screen flickers", "description": "In the morning"})
        self.assertEqual(status, 201, ticket)
        _, _, incidents = self.s.as_user(nia, "GET", f"{API}/incidents")
        self.assertIn("t-contoso", {i["tenantId"] for i in incidents["items"]})
        _, _, access = self.s.as_user(nia, "GET", f"{API}/me/access")
        for c in access["contexts"]:
            if c["tenantId"] == "t-contoso":
                self.assertEqual((c["mfaRequired"], c["mfaSatisfied"]), (True, True))

    def test_the_customers_audit_records_the_refusals(self):
        nia = self.sign_in("nia@northwind.example", False)
        self.s.as_user(nia, "GET", f"{CONTOSO}/rooms")
        self.s.as_user(nia, "POST", f"{CONTOSO}/update-rings", {"name": "Pilot"})
        _, _, audit = self.s.as_user(self.ann, "GET", f"{CONTOSO}/audit")
        refused = [a for a in audit["items"] if a["activity.resultStatus"] == "Failed"
                   and a["user.userTenantId"] == "t-northwind"]
        self.assertEqual({(a["activity.category"], a["activity.operation"]) for a in refused},
                         {("Room", "Read"), ("UpdateRing", "Create")}, refused)
        for a in refused:
            self.assertIn("multi-factor", a["detail"])

    def test_turning_the_condition_off_lets_the_partner_back_in(self):
        nia = self.sign_in("nia@northwind.example", False)
        self.assertEqual(self.s.as_user(nia, "GET", f"{CONTOSO}/rooms")[0], 403)
        self.s.as_user(self.ann, "PATCH", f"{CONTOSO}/settings", {"requirePartnerMfa": False})
        self.assertEqual(self.s.as_user(nia, "GET", f"{CONTOSO}/rooms")[0], 200)

    def test_the_condition_survives_a_restart(self):
        self.s.__exit__(None, None, None)
        self.s = Server("--db", f"{self.dir}/trm.sqlite", "--dev-auth").__enter__()
        nia = self.sign_in("nia@northwind.example", False)
        status, _, body = self.s.as_user(nia, "GET", f"{CONTOSO}/rooms")
        self.assertEqual((status, body["code"]), (403, "mfa_required"))
        _, _, settings = self.s.as_user(self.s.login("ann@contoso.example"), "GET", f"{CONTOSO}/settings")
        self.assertTrue(settings["requirePartnerMfa"])

    def test_dev_login_mfa_must_be_a_boolean(self):
        status, _, body = self.s.request("POST", f"{API}/auth/dev-login", {"upn": "nia@northwind.example", "mfa": "yes"})
        self.assertEqual(status, 422, body)
        self.assertEqual(body["errors"][0]["field"], "mfa")


class CorsTest(unittest.TestCase):
    PORTAL = "http://127.0.0.1:8123"

    def setUp(self):
        self.s = Server("--seed", SMALL_WORLD, "--dev-auth", "--allow-origin", self.PORTAL,
                        "--allow-origin", "https://portal.example.com").__enter__()
        self.token = self.s.login("ann@contoso.example")

    def tearDown(self):
        self.s.__exit__(None, None, None)

    def test_an_allowed_origin_gets_cors_headers_on_every_answer(self):
        for path, token, expected in ((f"{API}/me", self.token, 200), (f"{API}/me", "forged", 401),
                                      (f"{CONTOSO}/rooms/nope", self.token, 404)):
            status, headers, _ = self.s.as_user(token, "GET", path, headers={"Origin": self.PORTAL})
            self.assertEqual(status, expected)
            self.assertEqual(headers.get("access-control-allow-origin"), self.PORTAL, path)
            self.assertIn("Origin", headers.get("vary", ""))
            self.assertIn("ETag", headers.get("access-control-expose-headers", ""))
        # Too large a body is still answered readably to the page.
        status, headers, _ = self.s.as_user(self.token, "POST", f"{CONTOSO}/update-rings",
                                            raw="x" * (2 << 20), headers={"Origin": self.PORTAL})
        self.assertEqual(status, 413)
        self.assertEqual(headers.get("access-control-allow-origin"), self.PORTAL)

    def test_preflight(self):
        status, headers, _ = self.s.request("OPTIONS", f"{CONTOSO}/rooms/r-oslo-1", headers={
            "Origin": "https://portal.example.com", "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "authorization, content-type, if-match"})
        self.assertEqual(status, 204)
        self.assertEqual(headers["access-control-allow-origin"], "https://portal.example.com")
        for m in ("GET", "POST", "PATCH", "DELETE"):
            self.assertIn(m, headers["access-control-allow-methods"])
        for h in ("Authorization", "Content-Type", "If-Match", "X-Trm-Min-Revision"):
            self.assertIn(h, headers["access-control-allow-headers"])

    def test_other_origins_get_no_cors_headers(self):
        for origin in ("http://127.0.0.1:9999", "null", "https://portal.example.com.evil.example",
                       "http://portal.example.com", self.PORTAL + "/"):
            status, headers, _ = self.s.as_user(self.token, "GET", f"{API}/me", headers={"Origin": origin})
            self.assertEqual(status, 200)
            self.assertNotIn("access-control-allow-origin", headers, origin)
            status, headers, _ = self.s.request("OPTIONS", f"{API}/me", headers={
                "Origin": origin, "Access-Control-Request-Method": "GET"})
            self.assertNotIn("access-control-allow-origin", headers, origin)
            self.assertNotEqual(status, 204, origin)

    def test_null_and_paths_are_not_origins(self):
        for bad in ("null", "https://portal.example.com/", "portal.example.com", "https://a/b"):
            proc = Server("--allow-origin", bad)
            with self.assertRaises(RuntimeError, msg=bad):
                proc.__enter__()


if __name__ == "__main__":
    unittest.main()
