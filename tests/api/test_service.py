"""The real trm-server over HTTP with a scratch SQLite database: durability across restarts and
kill -9, races, tokens, and bad input that must change nothing."""
import base64
import hashlib
import hmac
import json
import os
import shutil
import signal
import tempfile
import threading
import time
import unittest

from trm import SMALL_WORLD, Server, wait_exit

INVITE = {"partnerDomain": "northwind.example",
          "contacts": [{"name": "Nia", "upn": "nia@northwind.example"}, {"name": "Ned", "upn": "ned@northwind.example"}],
          "scope": {"roomGroupIds": ["rg-oslo"]}, "expiresInDays": 7, "approval": "auto", "termsAccepted": True}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class ScratchDb(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="trm-api-")
        self.db = os.path.join(self.dir, "trm.sqlite")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def server(self):
        return Server("--db", self.db, "--seed", SMALL_WORLD, "--dev-auth")


class DurabilityTest(ScratchDb):
    def test_restart_keeps_data_and_tokens(self):
        with self.server() as s:
            ann = s.login("ann@contoso.example")
            status, _, group = s.as_user(ann, "POST", "/api/v1/tenants/t-contoso/room-groups",
                                         {"name": "Boardrooms", "roomIds": ["r-oslo-1"]})
            self.assertEqual(status, 201)
        self.assertEqual(oct(os.stat(self.db + ".token-secret").st_mode & 0o777), "0o600")
        with self.server() as s:  # --seed is ignored now: the database has data
            status, _, got = s.as_user(ann, "GET", f"/api/v1/tenants/t-contoso/room-groups/{group['id']}")
            self.assertEqual(status, 200)
            self.assertEqual(got["roomIds"], ["r-oslo-1"])
            # The audit log survived too, with the change in it.
            status, _, audit = s.as_user(ann, "GET", "/api/v1/tenants/t-contoso/audit")
            self.assertTrue(any(r["activity.objectName"] == "Boardrooms" for r in audit["items"]))

    def test_an_acknowledged_write_survives_kill_9(self):
        with self.server() as s:
            ann = s.login("ann@contoso.example")
            status, _, room = s.as_user(ann, "POST", "/api/v1/tenants/t-contoso/rooms",
                                        {"displayName": "Durable 1", "site": "Oslo HQ", "country": "NO"})
            self.assertEqual(status, 201)
            s.proc.send_signal(signal.SIGKILL)
            s.proc.wait()
        with self.server() as s:
            status, _, got = s.as_user(ann, "GET", f"/api/v1/tenants/t-contoso/rooms/{room['id']}")
            self.assertEqual(status, 200)
            self.assertEqual(got["health"], "onboarding")

    def test_invitation_flow_survives_restart(self):
        with self.server() as s:
            ann, nia = s.login("ann@contoso.example"), s.login("nia@northwind.example")
            _, _, inv = s.as_user(ann, "POST", "/api/v1/partners/invitations", INVITE)
            self.assertEqual(s.as_user(nia, "POST", f"/api/v1/invitations/{inv['id']}/accept")[0], 200)
        with self.server() as s:
            status, _, customers = s.as_user(nia, "GET", "/api/v1/customers")
            self.assertEqual([c["name"] for c in customers["items"]], ["Contoso"])
            self.assertEqual(len(s.as_user(nia, "GET", "/api/v1/tenants/t-contoso/rooms")[2]["items"]), 2)


class AuditTest(ScratchDb):
    def test_audit_csv_parses_with_the_exact_header_and_filters_by_actor_tenant(self):
        import csv
        import io
        with self.server() as s:
            ann, nia = s.login("ann@contoso.example"), s.login("nia@northwind.example")
            _, _, inv = s.as_user(ann, "POST", "/api/v1/partners/invitations", INVITE)
            s.as_user(nia, "POST", f"/api/v1/invitations/{inv['id']}/accept")
            s.as_user(nia, "POST", "/api/v1/tenants/t-contoso/rooms/r-oslo-1/reset-key")  # refused: 403
            s.as_user(ann, "POST", "/api/v1/tenants/t-contoso/room-groups", {"name": 'Quote "and", comma'})
            status, headers, text = s.as_user(ann, "GET", "/api/v1/tenants/t-contoso/audit?format=csv")
            self.assertEqual(status, 200)
            self.assertTrue(headers["content-type"].startswith("text/csv"))
            rows = list(csv.reader(io.StringIO(text)))
            self.assertEqual(rows[0], ["activity.category", "activity.objectName", "activity.operation",
                                       "activity.resultStatus", "activity.tenantId", "creationTime", "user.userId",
                                       "user.userTenantId"])
            self.assertTrue(all(len(r) == 8 for r in rows[1:]))
            self.assertIn('Quote "and", comma', [r[1] for r in rows])
            partner_rows = [r for r in rows[1:] if r[7] == "t-northwind"]
            self.assertEqual({r[3] for r in partner_rows}, {"Successful", "Failed"})  # the refusal is there
            _, _, only = s.as_user(ann, "GET", "/api/v1/tenants/t-contoso/audit?format=csv&actorTenantId=t-northwind")
            filtered = list(csv.reader(io.StringIO(only)))[1:]
            self.assertEqual(len(filtered), len(partner_rows))
            self.assertTrue(all(r[7] == "t-northwind" for r in filtered))


class RaceTest(ScratchDb):
    def test_two_contacts_accepting_at_once_make_one_relationship_with_both_admins(self):
        with self.server() as s:
            ann, nia, ned = (s.login(u) for u in ("ann@contoso.example", "nia@northwind.example", "ned@northwind.example"))
            _, _, inv = s.as_user(ann, "POST", "/api/v1/partners/invitations", INVITE)
            results = {}
            go = threading.Barrier(2)

            def accept(name, token):
                go.wait()
                results[name] = s.as_user(token, "POST", f"/api/v1/invitations/{inv['id']}/accept")[0]

            threads = [threading.Thread(target=accept, args=a) for a in (("nia", nia), ("ned", ned))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(results, {"nia": 200, "ned": 200})
            _, _, partners = s.as_user(ann, "GET", "/api/v1/partners")
            self.assertEqual(len([p for p in partners["items"] if p["since"]]), 1)
            _, _, roles = s.as_user(nia, "GET", "/api/v1/tenants/t-contoso/roles")
            members = {m["id"] for a in roles["items"][0]["assignments"] for m in a["members"]}
            self.assertEqual(members, {"u-nia", "u-ned"})

    def test_two_removals_racing_for_the_last_primary_admin_leave_one(self):
        with self.server() as s:
            ann, nia, ned = (s.login(u) for u in ("ann@contoso.example", "nia@northwind.example", "ned@northwind.example"))
            _, _, inv = s.as_user(ann, "POST", "/api/v1/partners/invitations", INVITE)
            for t in (nia, ned):
                self.assertEqual(s.as_user(t, "POST", f"/api/v1/invitations/{inv['id']}/accept")[0], 200)
            _, _, roles = s.as_user(nia, "GET", "/api/v1/tenants/t-contoso/roles")
            role = roles["items"][0]
            base = f"/api/v1/tenants/t-contoso/roles/{role['id']}/assignments"
            first = role["assignments"][0]["id"]
            # Primary admins as two assignments: A holds Nia, B holds Ned.
            status, _, b = s.as_user(nia, "POST", base, {"name": "B", "members": [{"type": "user", "id": "u-ned"}],
                                                          "scope": {"allRooms": True}})
            self.assertEqual(status, 201)
            self.assertEqual(s.as_user(nia, "PATCH", f"{base}/{first}", {"members": [{"type": "user", "id": "u-nia"}]})[0], 200)
            # Each deletes the other's assignment at the same instant: both cannot win.
            statuses = {}
            go = threading.Barrier(2)

            def delete(name, token, assignment):
                go.wait()
                statuses[name] = s.as_user(token, "DELETE", f"{base}/{assignment}")[0]

            threads = [threading.Thread(target=delete, args=("nia", nia, b["id"])),
                       threading.Thread(target=delete, args=("ned", ned, first))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            # One wins; the loser either finds itself removed (404) or hits the invariant (409).
            self.assertEqual(sorted(statuses.values())[0], 204, statuses)
            self.assertIn(sorted(statuses.values())[1], (404, 409), statuses)
            _, _, roles = s.as_user(ann, "GET", "/api/v1/tenants/t-contoso/roles")
            pa = [r for r in roles["items"] if r["name"] == "Primary admins"][0]
            self.assertEqual(sum(len(a["members"]) for a in pa["assignments"]), 1)


class TokenTest(ScratchDb):
    def forge(self, header, payload, key):
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
        sig = b64url(hmac.new(key, signing_input.encode(), hashlib.sha256).digest()) if key else ""
        return f"{signing_input}.{sig}"

    def test_bad_tokens_are_401(self):
        with self.server() as s:
            good = s.login("ann@contoso.example")
            self.assertEqual(s.as_user(good, "GET", "/api/v1/me")[0], 200)
            with open(self.db + ".token-secret") as f:
                secret = bytes.fromhex(f.read().strip())
            now = int(time.time())
            claims = {"iss": "trm", "aud": "trm-api", "sub": "u-ann", "iat": now, "nbf": now, "exp": now + 600}
            signed = lambda **change: self.forge({"alg": "HS256", "typ": "JWT"}, dict(claims, **change), secret)  # noqa: E731
            without = lambda claim: self.forge({"alg": "HS256", "typ": "JWT"},  # noqa: E731
                                               {k: v for k, v in claims.items() if k != claim}, secret)
            cases = {
                "missing": None,
                "garbage": "not-a-token",
                "forged signature": self.forge({"alg": "HS256", "typ": "JWT"}, claims, b"x" * 32),
                "alg none": self.forge({"alg": "none", "typ": "JWT"}, claims, None),
                "expired": self.forge({"alg": "HS256", "typ": "JWT"}, dict(claims, exp=now - 1), secret),
                "another audience": signed(aud="some-other-api"),
                "no audience": without("aud"),
                "not yet valid": signed(nbf=now + 3600),
                "issued in the future": signed(iat=now + 3600),
                "no nbf": without("nbf"),
                "no iat": without("iat"),
                "tampered payload": good.split(".")[0] + "." + b64url(json.dumps(dict(claims, sub="u-fay")).encode())
                                    + "." + good.split(".")[2],
            }
            for name, token in cases.items():
                headers = {} if token is None else {"Authorization": f"Bearer {token}"}
                status, hdrs, body = s.request("GET", "/api/v1/me", headers=headers)
                self.assertEqual(status, 401, name)
                self.assertEqual(hdrs["content-type"], "application/problem+json", name)
            # A correctly signed, unexpired token of our own making is accepted (the test is real).
            ok = self.forge({"alg": "HS256", "typ": "JWT"}, claims, secret)
            self.assertEqual(s.as_user(ok, "GET", "/api/v1/me")[2]["user"]["id"], "u-ann")

    def test_dev_login_is_off_without_the_flag(self):
        with Server("--db", self.db, "--seed", SMALL_WORLD) as s:
            self.assertEqual(s.request("POST", "/api/v1/auth/dev-login", {"upn": "ann@contoso.example"})[0], 404)


class BadInputTest(ScratchDb):
    def test_each_bad_request_is_a_clear_4xx_and_changes_nothing(self):
        with self.server() as s:
            ann = s.login("ann@contoso.example")
            before = s.as_user(ann, "GET", "/api/v1/tenants/t-contoso/room-groups")[2]["items"]
            cases = [
                ("malformed JSON", dict(raw="{\"name\": "), 400),
                ("wrong type", dict(body={"name": 7}), 422),
                ("unknown field", dict(body={"name": "x", "colour": "red"}), 422),
                ("foreign room", dict(body={"name": "x", "roomIds": ["r-fab-1"]}), 422),
                ("deep JSON", dict(raw="[" * 5000 + "]" * 5000), 400),
                ("huge body", dict(raw="x" * (1024 * 1024 + 10)), 413),
                ("not UTF-8 JSON", dict(raw=b"{\"name\": \"\xff\xfe\"}".decode("latin-1")), 400),
            ]
            for name, kwargs, expected in cases:
                status, hdrs, body = s.as_user(ann, "POST", "/api/v1/tenants/t-contoso/room-groups", **kwargs)
                self.assertEqual(status, expected, name)
                self.assertEqual(hdrs["content-type"], "application/problem+json", name)
            after = s.as_user(ann, "GET", "/api/v1/tenants/t-contoso/room-groups")[2]["items"]
            self.assertEqual(after, before)

    def test_path_traversal_and_foreign_ids_are_404(self):
        with self.server() as s:
            tom = s.login("tom@contoso.example")
            for path in ("/api/v1/tenants/..%2Ft-fabrikam/rooms", "/api/v1/tenants/t-contoso/rooms/..%2F..%2Fr-fab-1",
                         "/api/v1/tenants/t-fabrikam/rooms/r-fab-1", "/api/v1/tenants/t-contoso/rooms/r-fab-1",
                         "/api/v1/tenants/t-contoso/rooms/r-ny-1"):
                status, _, body = s.as_user(tom, "GET", path)
                self.assertEqual(status, 404, path)


if __name__ == "__main__":
    unittest.main()
