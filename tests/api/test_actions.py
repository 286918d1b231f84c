"""Issue #11's findings over HTTP against the real trm-server: the relationship's scope is the
customer's latest decision, a room's groups move no scope between principals, an id the caller
cannot see is answered exactly like one that does not exist (paths, bodies, query filters), no
response names what the caller cannot see, and membership rules answer as the portal says."""
import shutil
import tempfile
import unittest
import uuid

from trm import SMALL_WORLD, Server

API = "/api/v1"
CONTOSO = f"{API}/tenants/t-contoso"


def invitation(contacts, scope):
    return {"partnerDomain": contacts[0].split("@")[1],
            "contacts": [{"name": u.split("@")[0].title(), "upn": u} for u in contacts],
            "scope": scope, "expiresInDays": 7, "approval": "auto", "termsAccepted": True}


class Scenario(unittest.TestCase):
    """Contoso with a second room group "NY rooms" (r-ny-1); Northwind invited to Oslo rooms."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="trm-actions-")
        self.s = Server("--db", f"{self.dir}/trm.sqlite", "--seed", SMALL_WORLD, "--dev-auth").__enter__()
        self.tok = {u: self.s.login(f"{u}@{d}.example") for u, d in
                    (("ann", "contoso"), ("tom", "contoso"), ("nia", "northwind"), ("ned", "northwind"),
                     ("nat", "northwind"), ("lou", "litware"))}
        status, _, ny = self.call("ann", "POST", f"{CONTOSO}/room-groups", {"name": "NY rooms", "roomIds": ["r-ny-1"]})
        self.assertEqual(status, 201, ny)
        self.ny = ny["id"]

    def tearDown(self):
        self.s.__exit__(None, None, None)
        shutil.rmtree(self.dir, ignore_errors=True)

    def call(self, who, method, path, body=None):
        return self.s.as_user(self.tok[who], method, path, body)

    def invite(self, contacts, scope):
        status, _, inv = self.call("ann", "POST", f"{API}/partners/invitations", invitation(contacts, scope))
        self.assertEqual(status, 201, inv)
        return inv["id"]

    def accept(self, who, inv):
        status, _, body = self.call(who, "POST", f"{API}/invitations/{inv}/accept")
        return status, body

    def northwind_on_oslo(self):
        inv = self.invite(["nia@northwind.example"], {"roomGroupIds": ["rg-oslo"]})
        self.assertEqual(self.accept("nia", inv)[0], 200)

    def partner_scope(self, partner):
        _, _, partners = self.call("ann", "GET", f"{API}/partners")
        return next(p["scope"] for p in partners["items"] if p["partnerTenantId"] == partner)


class LatestDecisionTest(Scenario):
    def test_an_older_invitation_cannot_widen_the_scope_again(self):
        a = self.invite(["nia@northwind.example", "ned@northwind.example"], {"roomGroupIds": ["rg-oslo", self.ny]})
        self.assertEqual(self.accept("nia", a)[0], 200)
        b = self.invite(["nat@northwind.example"], {"roomIds": ["r-ny-1"]})
        self.assertEqual(self.accept("nat", b)[0], 200)
        self.assertEqual(self.partner_scope("t-northwind")["roomIds"], ["r-ny-1"])
        status, body = self.accept("ned", a)  # superseded by B: revoked for everyone still pending
        self.assertEqual(status, 409, body)
        self.assertEqual(self.partner_scope("t-northwind"), {"allRooms": False, "roomIds": ["r-ny-1"], "roomGroupIds": []})
        self.assertEqual(self.call("nia", "GET", f"{CONTOSO}/rooms/r-oslo-1")[0], 404)

    def test_the_customer_narrows_a_live_relationship_at_once(self):
        self.northwind_on_oslo()
        # Nia delegates both Oslo rooms to a help desk role.
        status, _, role = self.call("nia", "POST", f"{CONTOSO}/roles",
                                    {"name": "Help desk", "permissions": ["tickets.view", "tickets.update"]})
        self.assertEqual(status, 201, role)
        status, _, asg = self.call("nia", "POST", f"{CONTOSO}/roles/{role['id']}/assignments",
                                   {"name": "Desk", "members": [{"type": "group", "id": "g-helpdesk"}],
                                    "scope": {"roomIds": ["r-oslo-1", "r-oslo-2"]}})
        self.assertEqual(status, 201, asg)
        status, _, rel = self.call("ann", "PATCH", f"{API}/partners/t-northwind", {"scope": {"roomIds": ["r-oslo-1"]}})
        self.assertEqual(status, 200, rel)
        self.assertEqual(rel["scope"]["roomIds"], ["r-oslo-1"])
        # Access narrows at once, and no answer names the room taken back.
        self.assertEqual(self.call("nia", "GET", f"{CONTOSO}/rooms/r-oslo-2")[0], 404)
        _, _, roles = self.call("nia", "GET", f"{CONTOSO}/roles")
        desk = next(r for r in roles["items"] if r["id"] == role["id"])
        self.assertEqual(desk["assignments"][0]["scope"]["roomIds"], ["r-oslo-1"])
        _, _, access = self.call("nat", "GET", f"{API}/me/access")
        text = str(access)
        self.assertIn("r-oslo-1", text)
        self.assertNotIn("r-oslo-2", text)
        # An invitation sent before the change can no longer undo it.
        self.assertEqual(self.call("ann", "PATCH", f"{API}/partners/t-northwind", {"approval": "sometimes"})[0], 422)
        self.assertEqual(self.call("ann", "PATCH", f"{API}/partners/t-litware", {"scope": {"allRooms": True}})[0], 404)
        self.assertEqual(self.call("nia", "PATCH", f"{API}/partners/t-northwind", {"scope": {"allRooms": True}})[0], 403)


class RoomGroupsTest(Scenario):
    def setUp(self):
        super().setUp()
        self.northwind_on_oslo()
        inv = self.invite(["lou@litware.example"], {"roomGroupIds": [self.ny]})
        self.assertEqual(self.accept("lou", inv)[0], 200)

    def test_a_partner_cannot_hand_a_room_to_another_partner(self):
        status, _, body = self.call("nia", "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"roomGroupIds": ["rg-oslo", self.ny]})
        self.assertEqual(status, 422, body)  # Litware's group is not Northwind's to see
        _, _, random = self.call("nia", "PATCH", f"{CONTOSO}/rooms/r-oslo-1",
                                 {"roomGroupIds": ["rg-oslo", str(uuid.uuid4())]})
        self.assertEqual(body["errors"], random["errors"])
        self.assertEqual(self.call("lou", "GET", f"{CONTOSO}/rooms/r-oslo-1")[0], 404)

    def test_a_partner_cannot_take_a_room_out_of_a_group(self):
        status, _, body = self.call("nia", "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"roomGroupIds": []})
        self.assertEqual(status, 403, body)
        self.assertEqual(body["missing"], "groups.modify")
        # The Site Tech scoped by Oslo rooms keeps the room.
        self.assertEqual(self.call("tom", "GET", f"{CONTOSO}/rooms/r-oslo-1")[0], 200)

    def test_groups_the_caller_cannot_see_are_kept_and_not_listed(self):
        status, _, _ = self.call("ann", "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"roomGroupIds": ["rg-oslo", self.ny]})
        self.assertEqual(status, 200)
        status, _, room = self.call("nia", "GET", f"{CONTOSO}/rooms/r-oslo-1")
        self.assertEqual(room["roomGroupIds"], ["rg-oslo"])
        status, _, room = self.call("nia", "PATCH", f"{CONTOSO}/rooms/r-oslo-1",
                                    {"displayName": "Oslo 1", "roomGroupIds": ["rg-oslo"]})
        self.assertEqual(status, 200, room)
        _, _, seen_by_ann = self.call("ann", "GET", f"{CONTOSO}/rooms/r-oslo-1")
        self.assertEqual(sorted(seen_by_ann["roomGroupIds"]), sorted(["rg-oslo", self.ny]))


class ExistenceTest(Scenario):
    def setUp(self):
        super().setUp()
        self.northwind_on_oslo()

    def assert_same_answer(self, method, path, make_body, hidden, field=None):
        a_status, _, a = self.call("nia", method, path(hidden), make_body(hidden))
        b_status, _, b = self.call("nia", method, path(str(uuid.uuid4())), make_body(str(uuid.uuid4())))
        self.assertEqual(a_status, b_status, (a, b))
        if isinstance(a, dict) and "errors" in a:
            self.assertEqual(a["errors"], b["errors"])
        elif isinstance(a, dict) and "items" in a:
            self.assertEqual(a["items"], b["items"])
        return a_status

    def test_ids_in_bodies(self):
        status = self.assert_same_answer("POST", lambda _: f"{CONTOSO}/incidents",
                                         lambda r: {"roomIds": [r], "title": "Noise", "description": "Hum"}, "r-ny-1")
        self.assertEqual(status, 422)
        _, _, rings = self.call("nia", "GET", f"{CONTOSO}/update-rings")
        ring = rings["items"][0]["id"]
        status = self.assert_same_answer("POST", lambda _: f"{CONTOSO}/update-rings/{ring}/move-rooms",
                                         lambda r: {"roomIds": [r]}, "r-ny-1")
        self.assertEqual(status, 422)

    def test_ids_in_paths(self):
        status = self.assert_same_answer("GET", lambda r: f"{CONTOSO}/rooms/{r}", lambda _: None, "r-ny-1")
        self.assertEqual(status, 404)
        status = self.assert_same_answer("GET", lambda g: f"{CONTOSO}/room-groups/{g}", lambda _: None, self.ny)
        self.assertEqual(status, 404)

    def test_ids_in_query_filters(self):
        status = self.assert_same_answer("GET", lambda g: f"{CONTOSO}/rooms?groupId={g}", lambda _: None, self.ny)
        self.assertEqual(status, 200)
        status = self.assert_same_answer("GET", lambda t: f"{API}/incidents?tenantId={t}", lambda _: None, "t-fabrikam")
        self.assertEqual(status, 200)

    def test_counts_and_lists_hold_only_what_the_caller_sees(self):
        _, _, rings = self.call("nia", "GET", f"{CONTOSO}/update-rings")
        _, _, all_rings = self.call("ann", "GET", f"{CONTOSO}/update-rings")
        self.assertEqual(sum(r["roomCount"] for r in rings["items"]), 2)
        self.assertEqual(sum(r["roomCount"] for r in all_rings["items"]), 3)
        _, _, group = self.call("ann", "PATCH", f"{CONTOSO}/room-groups/{self.ny}", {"roomIds": ["r-ny-1", "r-oslo-1"]})
        _, _, room = self.call("nia", "GET", f"{CONTOSO}/rooms/r-oslo-1")
        self.assertNotIn(self.ny, room["roomGroupIds"])

    def test_me_access_scope_is_the_effective_scope(self):
        _, _, access = self.call("nia", "GET", f"{API}/me/access")
        ctx = next(c for c in access["contexts"] if c["tenantId"] == "t-contoso")
        self.assertEqual(ctx["scope"], {"allRooms": False, "roomIds": [], "roomGroupIds": ["rg-oslo"]})
        facts = {f["tenantId"]: f for f in access["tenants"]}
        self.assertTrue(facts["t-contoso"]["primaryAdmin"])


class MembershipTest(Scenario):
    def test_only_primary_admins_remove_a_customer(self):
        inv = self.invite(["nia@northwind.example"], {"allRooms": True})
        self.accept("nia", inv)
        _, _, role = self.call("nia", "POST", f"{CONTOSO}/roles", {"name": "Help desk", "permissions": ["tickets.view"]})
        self.call("nia", "POST", f"{CONTOSO}/roles/{role['id']}/assignments",
                  {"name": "Desk", "members": [{"type": "group", "id": "g-helpdesk"}], "scope": {"allRooms": True}})
        status, _, body = self.call("nat", "DELETE", f"{API}/customers/t-contoso")
        self.assertEqual(status, 403, body)
        self.assertEqual(body["code"], "not_primary_admin")
        self.assertNotIn("missing", body)  # no permission would grant it: say what would
        _, _, access = self.call("nat", "GET", f"{API}/me/access")
        self.assertFalse({f["tenantId"]: f for f in access["tenants"]}["t-contoso"]["primaryAdmin"])

    def test_the_audit_log_is_for_the_customers_own_mmr_admins(self):
        self.assertEqual(self.call("ann", "GET", f"{CONTOSO}/audit")[0], 200)
        self.assertEqual(self.call("tom", "GET", f"{CONTOSO}/audit")[0], 404)
        _, _, access = self.call("tom", "GET", f"{API}/me/access")
        self.assertFalse(access["tenants"][0]["mmrAdmin"])
        _, _, access = self.call("ann", "GET", f"{API}/me/access")
        self.assertTrue(access["tenants"][0]["mmrAdmin"])


class PipelineTest(Scenario):
    """Every route that honours If-Match declares it once, in the pipeline: a stale etag is 409
    `stale_etag` and changes nothing, and it is checked before the body is processed (RFC 9110:
    a precondition that fails wins over what the content would have caused)."""

    def call_with(self, who, method, path, body, etag):
        return self.s.as_user(self.tok[who], method, path, body, headers={"If-Match": etag})

    def test_every_if_match_route_refuses_a_stale_etag_first(self):
        self.northwind_on_oslo()
        _, _, role = self.call("ann", "POST", f"{CONTOSO}/roles", {"name": "Desk", "permissions": ["tickets.view"]})
        _, _, asg = self.call("ann", "POST", f"{CONTOSO}/roles/{role['id']}/assignments",
                              {"name": "Desk A", "members": [{"type": "user", "id": "u-tom"}], "scope": {"allRooms": True}})
        _, _, ring = self.call("ann", "POST", f"{CONTOSO}/update-rings",
                               {"name": "Pilot", "order": 3, "rolloutDays": 1, "testDays": 1, "description": ""})
        inv = self.invite(["lou@litware.example"], {"roomIds": ["r-oslo-2"]})
        routes = [  # (read path, PATCH/POST path, a valid change, an invalid one)
            (f"{CONTOSO}/rooms/r-oslo-1", None, {"displayName": "Renamed"}, {"displayName": 7}),
            (f"{CONTOSO}/room-groups/{self.ny}", None, {"name": "Renamed"}, {"name": []}),
            (f"{CONTOSO}/roles/{role['id']}", None, {"name": "Renamed"}, {"nope": 1}),
            (f"{CONTOSO}/incidents/i-1", None, {"title": "Renamed"}, {"title": False}),
            (f"{CONTOSO}/settings", None, {"language": "it"}, {"language": 3}),
        ]
        for read, write, change, invalid in routes:
            with self.subTest(read):
                _, _, before = self.call("ann", "GET", read)
                self.check_stale(read, write or read, "PATCH", before, change, invalid)
        # Objects read from a list: a ring, an assignment (in its role), a partner, an invitation.
        before = next(r for r in self.call("ann", "GET", f"{CONTOSO}/update-rings")[2]["items"] if r["id"] == ring["id"])
        self.check_stale(None, f"{CONTOSO}/update-rings/{ring['id']}", "PATCH", before, {"name": "Renamed"}, {"order": "x"})
        _, _, listed = self.call("ann", "GET", f"{CONTOSO}/roles/{role['id']}")
        before = next(a for a in listed["assignments"] if a["id"] == asg["id"])
        self.check_stale(None, f"{CONTOSO}/roles/{role['id']}/assignments/{asg['id']}", "PATCH", before,
                         {"name": "Desk B"}, {"name": 1})
        before = next(p for p in self.call("ann", "GET", f"{API}/partners")[2]["items"] if p["partnerTenantId"] == "t-northwind")
        self.check_stale(None, f"{API}/partners/t-northwind", "PATCH", before,
                         {"scope": {"roomIds": ["r-oslo-1"]}}, {"approval": "never"})
        partners = self.call("ann", "GET", f"{API}/partners")[2]["items"]
        before = next(i for p in partners for i in p["invitations"] if i["id"] == inv)
        self.check_stale(None, f"{API}/partners/invitations/{inv}/contacts", "POST", before,
                         {"contacts": [{"name": "Lee", "upn": "lee@litware.example"}]}, {"contacts": "x"},
                         {"contacts": [{"name": "Max", "upn": "max@litware.example"}]})

    def check_stale(self, read, write, method, before, change, invalid, again=None):
        etag = before["etag"]
        status, _, now = self.call_with("ann", method, write, change, etag)
        self.assertEqual(status, 200, now)
        self.assertNotEqual(now["etag"], etag, "a change must change the etag")
        for body in (change, invalid):
            status, _, refused = self.call_with("ann", method, write, body, etag)
            self.assertEqual((status, refused.get("code")), (409, "stale_etag"), (write, body, refused))
        if read:
            self.assertEqual(self.call("ann", "GET", read)[2], now)  # the refusals changed nothing
        status, _, body = self.call_with("ann", method, write, again or change, now["etag"])
        self.assertEqual(status, 200, body)  # the fresh etag is accepted


if __name__ == "__main__":
    unittest.main()
