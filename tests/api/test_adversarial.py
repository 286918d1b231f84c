"""A randomized adversarial run over HTTP against the real trm-server (issue #11).

Seven users of four tenants send seeded random requests to every route, with ids drawn from every
tenant (and random UUIDs) in paths, query filters and bodies. Two properties must hold for every
request:

- no response names an id (or the name of an object) the caller may not see, unless the request
  itself carried it;
- a request that carries an id the caller may not see is answered exactly like the same request
  with a random UUID in its place (status and body, the id itself aside).

Who may see what is written out by hand below (the oracle), from PRODUCT.md's rules — not asked
of the service. A self-test hides a room its user does see and must be reported.

TRM_ADVERSARIAL_SEED picks the seed (printed on failure); TRM_ADVERSARIAL_REQUESTS the length.
"""
import fnmatch
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import unittest
import uuid

from trm import SMALL_WORLD, Server

API = "/api/v1"
USERS = {"ann": "contoso", "tom": "contoso", "fay": "fabrikam", "nia": "northwind", "ned": "northwind",
         "nat": "northwind", "lou": "litware"}
ROUTE = re.compile(r"^(GET|POST|PATCH|PUT|DELETE) (/\S+)$")
# Ids are made of letters, digits and '-'; a token boundary keeps "r-oslo-1" from matching "r-oslo-10".
ID_CHARS = "A-Za-z0-9_-"


def invitation(contacts, scope):
    return {"partnerDomain": contacts[0].split("@")[1],
            "contacts": [{"name": u.split("@")[0].title(), "upn": u} for u in contacts],
            "scope": scope, "expiresInDays": 7, "approval": "auto", "termsAccepted": True}


class Connection:
    """One keep-alive connection per run: tens of thousands of requests in about a minute."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def send(self, token, method, path, body=None):
        """body: JSON text or None. Returns (status, response text)."""
        headers = {"Authorization": f"Bearer {token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                text = resp.read().decode("utf-8")
                if resp.getheader("Connection", "").lower() == "close":
                    self.reopen()
                return resp.status, text
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    raise
                self.reopen()

    def reopen(self):
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def close(self):
        self.conn.close()


class World:
    """Builds the scenario on a fresh server and names every object in it by a symbolic key.

    Contoso: rooms r-oslo-1, r-oslo-2 (group rg-oslo) and r-ny-1 (group rg-ny, "NY rooms", which
    also holds r-oslo-2: whoever sees r-oslo-2 by rg-oslo must not learn of rg-ny); Tom is Site
    Tech on rg-oslo. Northwind (nia accepted; ned named, did not accept) manages rg-oslo; its
    help desk role gives nat r-oslo-1 only. Fabrikam: r-fab-1 (rg-fab); Litware (lou) manages all of
    it and has a custom role there. Pending: Contoso offers Litware r-oslo-2 (naming lou); Fabrikam
    offers Northwind rg-fab (naming ned only).
    """

    def __init__(self, server):
        self.s = server
        self.tok = {u: server.login(f"{u}@{d}.example") for u, d in USERS.items()}
        self.ids = {}  # symbolic key -> id
        self.kinds = {}  # symbolic key -> room, group, incident, ring, role, assignment, invitation, tenant
        self.names = {}  # symbolic key -> display name that must not leak either
        self.tenants = {}  # symbolic key -> the tenant it belongs to
        self.build()

    def call(self, who, method, path, body=None):
        status, _, parsed = self.s.as_user(self.tok[who], method, path, body)
        if status >= 300:
            raise AssertionError(f"setup: {who} {method} {path} -> {status} {parsed}")
        return parsed

    def add(self, key, kind, id_=None, name=None):
        self.ids[key] = id_ or key
        self.kinds[key] = kind
        # Keys say their tenant: t-<tenant>, <kind>-<tenant>-..., and the seed's own rooms and groups.
        home = {"oslo": "contoso", "ny": "contoso", "fab": "fabrikam", "1": "contoso", "2": "contoso", "3": "fabrikam"}
        part = key.split("-")[1]
        self.tenants[key] = "t-" + home.get(part, part)
        if name:
            self.names[key] = name

    def build(self):
        t = f"{API}/tenants"
        for key in ("t-contoso", "t-fabrikam", "t-northwind", "t-litware"):
            self.add(key, "tenant")
        for key, name in (("r-oslo-1", "Oslo 4.12"), ("r-oslo-2", "Oslo 2.01"), ("r-ny-1", "New York 30"),
                          ("r-fab-1", "Fab Lobby")):
            self.add(key, "room", name=name)
        self.add("rg-oslo", "group", name="Oslo rooms")
        self.add("rg-fab", "group", name="Fabrikam rooms")
        for key, name in (("i-1", "Display dark"), ("i-2", "Packet loss"), ("i-3", "Old app")):
            self.add(key, "incident", name=name)

        ny = self.call("ann", "POST", f"{t}/t-contoso/room-groups", {"name": "NY rooms", "roomIds": ["r-ny-1", "r-oslo-2"]})
        self.add("rg-ny", "group", ny["id"], "NY rooms")
        inv = self.call("ann", "POST", f"{API}/partners/invitations",
                        invitation(["nia@northwind.example", "ned@northwind.example"], {"roomGroupIds": ["rg-oslo"]}))
        self.add("inv-contoso-northwind", "invitation", inv["id"])
        self.call("nia", "POST", f"{API}/invitations/{inv['id']}/accept")
        desk = self.call("nia", "POST", f"{t}/t-contoso/roles",
                         {"name": "Oslo help desk", "permissions": ["tickets.view", "tickets.update"]})
        self.add("role-contoso-northwind-desk", "role", desk["id"], "Oslo help desk")
        asg = self.call("nia", "POST", f"{t}/t-contoso/roles/{desk['id']}/assignments",
                        {"name": "Desk on 4.12", "members": [{"type": "group", "id": "g-helpdesk"}],
                         "scope": {"roomIds": ["r-oslo-1"]}})
        self.add("asg-contoso-northwind-desk", "assignment", asg["id"], "Desk on 4.12")
        inv = self.call("fay", "POST", f"{API}/partners/invitations", invitation(["lou@litware.example"], {"allRooms": True}))
        self.add("inv-fabrikam-litware", "invitation", inv["id"])
        self.call("lou", "POST", f"{API}/invitations/{inv['id']}/accept")
        role = self.call("lou", "POST", f"{t}/t-fabrikam/roles", {"name": "Litware desk", "permissions": ["tickets.view"]})
        self.add("role-fabrikam-litware-desk", "role", role["id"], "Litware desk")
        inv = self.call("ann", "POST", f"{API}/partners/invitations", invitation(["lou@litware.example"], {"roomIds": ["r-oslo-2"]}))
        self.add("inv-contoso-litware", "invitation", inv["id"])
        inv = self.call("fay", "POST", f"{API}/partners/invitations", invitation(["ned@northwind.example"], {"roomGroupIds": ["rg-fab"]}))
        self.add("inv-fabrikam-northwind", "invitation", inv["id"])
        ring = {"order": 3, "rolloutDays": 2, "testDays": 1, "description": ""}
        for admin, tenant, name in (("ann", "contoso", "Pilot Oslo"), ("fay", "fabrikam", "Pilot Paris")):
            made = self.call(admin, "POST", f"{t}/t-{tenant}/update-rings", {"name": name, **ring})
            self.add(f"ring-{tenant}-pilot", "ring", made["id"], name)
        # Built-in roles, every assignment and the built-in rings, through the customer admins' eyes.
        for admin, tenant in (("ann", "contoso"), ("fay", "fabrikam")):
            for role in self.call(admin, "GET", f"{t}/t-{tenant}/roles")["items"]:
                if role["side"] == "partner" and role.get("builtIn"):
                    owner = "northwind" if tenant == "contoso" else "litware"
                    key = f"role-{tenant}-{owner}-primary"
                    self.add(key, "role", role["id"])
                elif role.get("builtIn"):
                    key = f"role-{tenant}-{role['builtInKey']}"
                    self.add(key, "role", role["id"])
                else:
                    key = next(k for k, v in self.ids.items() if v == role["id"])
                for a in role["assignments"]:
                    if a["id"] not in self.ids.values():
                        self.add("asg-" + key[len("role-"):], "assignment", a["id"])
            for ring in self.call(admin, "GET", f"{t}/t-{tenant}/update-rings")["items"]:
                if ring["builtIn"]:
                    self.add(f"ring-{tenant}-{ring['name'].lower()}", "ring", ring["id"])

    def of_kind(self, kind, tenant=None):
        return [k for k, v in self.kinds.items() if v == kind and tenant in (None, self.tenants[k])]


def keys(world, *patterns):
    """The world's keys matching any of the shell-style patterns."""
    return {k for k in world.ids if any(fnmatch.fnmatchcase(k, p) for p in patterns)}


def oracle(world):
    """Who may see what, by hand from PRODUCT.md: user -> set of visible keys.

    A customer's own users see their tenant, its rings, roles and assignments, and the rooms, room
    groups and incidents their scope covers (a group only when the scope names it or covers all
    rooms). Customer MMR Admins also see their tenant's invitations and the partners named in them.
    A partner user sees the customers it works for with the same room rule, only its own
    organisation's roles there, and the invitations that name it (with the customer and the offered
    scope, which the customer chose to show it)."""
    w = world
    contoso_people = keys(w, "ring-contoso-*", "role-contoso-*", "asg-contoso-*") | {"t-contoso"}
    fabrikam_people = keys(w, "ring-fabrikam-*", "role-fabrikam-*", "asg-fabrikam-*") | {"t-fabrikam"}
    return {
        "ann": contoso_people | keys(w, "r-oslo-*", "r-ny-1", "rg-oslo", "rg-ny", "i-1", "i-2", "inv-contoso-*")
        | {"t-northwind", "t-litware"},
        "tom": contoso_people | {"r-oslo-1", "r-oslo-2", "rg-oslo", "i-1"},
        "fay": fabrikam_people | {"r-fab-1", "rg-fab", "i-3"} | keys(w, "inv-fabrikam-*") | {"t-northwind", "t-litware"},
        "nia": keys(w, "ring-contoso-*", "role-contoso-northwind-*", "asg-contoso-northwind-*")
        | {"t-contoso", "t-northwind", "r-oslo-1", "r-oslo-2", "rg-oslo", "i-1", "inv-contoso-northwind"},
        "nat": keys(w, "ring-contoso-*", "role-contoso-northwind-*", "asg-contoso-northwind-*")
        | {"t-contoso", "t-northwind", "r-oslo-1", "i-1"},
        "ned": {"t-northwind", "t-contoso", "t-fabrikam", "inv-contoso-northwind", "inv-fabrikam-northwind", "rg-oslo",
                "rg-fab"},
        "lou": keys(w, "ring-fabrikam-*", "role-fabrikam-litware-*", "asg-fabrikam-litware-*")
        | {"t-fabrikam", "t-litware", "r-fab-1", "rg-fab", "i-3", "inv-fabrikam-litware", "inv-contoso-litware", "t-contoso",
           "r-oslo-2"},
    }


def server_routes(binary):
    """Every (method, path template) the service serves, but health and dev sign-in."""
    out = subprocess.run([binary, "--list-routes"], capture_output=True, text=True, timeout=30, check=True).stdout
    routes = [ROUTE.match(line.strip()).groups() for line in out.splitlines() if line.strip()]
    return [(m, p) for m, p in routes if not p.endswith(("/health", "/auth/dev-login"))]


# The id kind a path parameter names, by the segment before it.
PARAM_KINDS = {"rooms": "room", "room-groups": "group", "update-rings": "ring", "incidents": "incident",
               "roles": "role", "assignments": "assignment", "invitations": "invitation", "customers": "tenant",
               "partners": "tenant", "tenants": "tenant"}
PERMISSIONS = ["rooms.view", "rooms.modify", "tickets.view", "tickets.update", "tickets.create", "groups.view",
               "roles.view", "roles.modify", "rings.modify", "settings.modify"]
# The admins, who get furthest, ask most.
WEIGHTED_USERS = ["ann"] * 3 + ["nia"] * 3 + ["fay"] * 2 + ["lou"] * 2 + ["tom", "nat", "ned"]
HOMES = {"ann": ["t-contoso"], "tom": ["t-contoso"], "fay": ["t-fabrikam"], "nia": ["t-contoso"], "nat": ["t-contoso"],
         "ned": ["t-contoso", "t-fabrikam"], "lou": ["t-fabrikam", "t-fabrikam", "t-contoso"]}
QUERY_FILTERS = {"groupId": "group", "roomId": "room", "tenantId": "tenant", "actorTenantId": "tenant", "ringId": "ring"}


class Request:
    def __init__(self, user, method, path, body, benign):
        self.user, self.method, self.path, self.body, self.benign = user, method, path, body, benign

    def text(self):
        return self.path + "\n" + (self.body or "")

    def describe(self):
        return f"{self.user} {self.method} {self.path} {self.body or ''}".strip()


class Attacker:
    """Seeded random requests. `benign` marks a write that changes no one's reach even when every id
    in it is visible (renames, messages, new objects); other writes are sent only with an id the
    caller cannot see, so they must be refused and the world the oracle describes stays as it is."""

    def __init__(self, world, routes, rng):
        self.w, self.routes, self.rng = world, routes, rng
        self.all_keys = sorted(world.ids)

    def pick(self, kind):
        """Mostly an id of the kind asked for in the request's tenant, so that many requests get
        past the first check; else of that kind anywhere, any id at all, or a random UUID."""
        r = self.rng.random()
        if r < 0.1:
            return random_uuid(self.rng)
        keys_ = self.all_keys if r < 0.2 else self.w.of_kind(kind) if r < 0.45 else self.w.of_kind(kind, self.tenant)
        return self.w.ids[self.rng.choice(keys_ or self.w.of_kind(kind))]

    def picks(self, kind, most=3):
        return [self.pick(kind) for _ in range(self.rng.randint(0, most))]

    def scope(self):
        r = self.rng.random()
        if r < 0.1:
            return {"allRooms": True}
        if r < 0.55:
            return {"roomIds": self.picks("room") or [self.pick("room")]}
        return {"roomGroupIds": self.picks("group") or [self.pick("group")]}

    def word(self):
        return "adv-" + "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))

    def body(self, method, path):
        """(body, benign) for a route; None body for routes that take none."""
        rng, last = self.rng, path.rstrip("/").split("/")[-1]
        contacts = [{"name": "Someone", "upn": f"{u}@{d}.example"} for u, d in rng.sample(sorted(USERS.items()), 2)]
        if method in ("GET", "DELETE"):
            return None, False
        if last in ("accept", "deny", "unenroll"):
            return {}, False
        if last == "reset-key":
            return {}, True
        if last == "contacts":
            return {"contacts": contacts[:1]}, False
        if path.endswith("/partners/invitations"):
            return {"partnerDomain": contacts[0]["upn"].split("@")[1], "contacts": contacts, "scope": self.scope(),
                    "expiresInDays": 7, "approval": "auto", "termsAccepted": True}, False
        if "/partners/" in path:
            return rng.choice([{"scope": self.scope()}, {"approval": "auto"}]), False
        if last == "assignments":
            return {"name": self.word(), "members": [{"type": "group", "id": "g-helpdesk"}], "scope": self.scope()}, False
        if "/assignments/" in path:
            return rng.choice([({"name": self.word()}, True), ({"scope": self.scope()}, False)])
        if last == "roles":
            return {"name": self.word(), "permissions": rng.sample(PERMISSIONS, 2)}, True
        if "/roles/" in path:
            return rng.choice([({"name": self.word()}, True), ({"permissions": rng.sample(PERMISSIONS, 2)}, False)])
        if last == "rooms":
            return {"displayName": self.word(), "site": "Adversary", "country": "NO", "roomGroupIds": self.picks("group", 2)}, True
        if "/rooms/" in path:
            return rng.choice([({"displayName": self.word()}, True), ({"updateRingId": self.pick("ring")}, True),
                               ({"roomGroupIds": self.picks("group")}, False)])
        if last == "room-groups":
            return {"name": self.word(), "roomIds": self.picks("room")}, True
        if "/room-groups/" in path:
            return rng.choice([({"name": self.word()}, True), ({"roomIds": self.picks("room")}, False)])
        if last == "move-rooms":
            return {"roomIds": self.picks("room") or [self.pick("room")]}, True
        if last == "update-rings":
            return {"name": self.word(), "order": 4, "rolloutDays": 1, "testDays": 1, "description": ""}, True
        if "/update-rings/" in path:
            return {"name": self.word()}, True
        if last == "incidents":
            return {"roomIds": self.picks("room") or [self.pick("room")], "title": self.word(), "description": "adversary",
                    "highImpact": False, "justification": "", "type": "display"}, True
        if last == "messages":
            return {"text": self.word(), "assignToService": False}, True
        if last == "close":
            return {"reason": "fixed"}, True
        if "/incidents/" in path:
            return rng.choice([{"title": self.word()}, {"state": "inProgress"}]), True
        if last == "settings":
            return rng.choice([{"language": "en"}, {"notificationEmail": "ops@example.com"}]), True
        raise AssertionError(f"no body template for {method} {path}: add one")

    def request(self):
        rng = self.rng
        user = rng.choice(WEIGHTED_USERS)
        # Most requests go to a customer the user works with (or to the other one).
        self.tenant = rng.choice(HOMES[user]) if rng.random() < 0.7 else rng.choice(["t-contoso", "t-fabrikam"])
        method, template = rng.choice(self.routes)
        segments = template.split("/")
        for i, seg in enumerate(segments):
            if seg == "{tid}" and rng.random() < 0.8:
                segments[i] = self.tenant
            elif seg.startswith("{"):
                segments[i] = self.pick(PARAM_KINDS[segments[i - 1]])
        path = "/".join(segments)
        body, benign = self.body(method, template)
        if method == "GET" and rng.random() < 0.35:
            name = rng.choice(sorted(QUERY_FILTERS))
            path += f"?{name}={self.pick(QUERY_FILTERS[name])}"
        return Request(user, method, path, None if body is None else json.dumps(body), benign)


def random_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def id_pattern(value):
    return re.compile(f"(?<![{ID_CHARS}]){re.escape(value)}(?![{ID_CHARS}])")


class Run:
    """Sends the attacker's requests and checks each answer against the oracle."""

    def __init__(self, world, visible, port, seed):
        self.w, self.visible = world, visible
        self.rng = random.Random(seed ^ 0x5EED)
        self.conn = Connection(port)
        self.failures = []
        self.sent = 0
        self.twins = 0
        self.injected = set()  # ids some request carried: the audit may record what a caller typed
        self.patterns = {k: id_pattern(v) for k, v in world.ids.items()}

    def hidden(self, user):
        return [k for k in self.w.ids if k not in self.visible[user]]

    def leaks(self, req, status, text, audit):
        found = []
        for key in self.hidden(req.user):
            value = self.w.ids[key]
            if self.patterns[key].search(text) and not self.patterns[key].search(req.text()):
                if not (audit and value in self.injected):
                    found.append(f"{key} ({value})")
            name = self.w.names.get(key)
            if name and json.dumps(name) in text and name not in req.text():
                found.append(f"name of {key} {name!r}")
        return found

    def send(self, req):
        self.sent += 1
        return self.conn.send(self.w.tok[req.user], req.method, req.path, req.body)

    def fail(self, message):
        if len(self.failures) < 25:
            self.failures.append(message)

    def check(self, req):
        carried = [k for k, p in self.patterns.items() if p.search(req.text())]
        self.injected.update(self.w.ids[k] for k in carried)
        hidden = [k for k in carried if k not in self.visible[req.user]]
        has_random = bool(re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-", req.text())) and not carried
        if req.method != "GET" and not req.benign and not hidden and not has_random:
            return  # a write that could change someone's reach, with ids all visible: not ours to send
        status, text = self.send(req)
        if status >= 500:
            self.fail(f"{status} for {req.describe()}: {text[:300]}")
        for leak in self.leaks(req, status, text, "/audit" in req.path):
            self.fail(f"leak of {leak} to {req.describe()} -> {status} {text[:300]}")
        if req.method != "GET" and hidden and status < 300:
            self.fail(f"accepted a write naming {hidden} it cannot see: {req.describe()} -> {status} {text[:300]}")
        if hidden:
            self.twin(req, hidden, status, text)

    def twin(self, req, hidden, status, text):
        """The same request with a random UUID for each hidden id must get the same answer."""
        self.twins += 1
        swaps = {k: random_uuid(self.rng) for k in hidden}
        twin = Request(req.user, req.method, req.path, req.body, req.benign)
        for k, fresh in swaps.items():
            twin.path = self.patterns[k].sub(fresh, twin.path)
            twin.body = twin.body and self.patterns[k].sub(fresh, twin.body)
        t_status, t_text = self.send(twin)
        mine, theirs = text, t_text
        for n, (k, fresh) in enumerate(swaps.items()):
            mine = self.patterns[k].sub(f"<hidden-{n}>", mine)
            theirs = id_pattern(fresh).sub(f"<hidden-{n}>", theirs)
        if (status, mine) != (t_status, theirs):
            self.fail(f"{hidden} tells itself apart from a random id: {req.describe()} -> {status} {mine[:300]}"
                      f" but with random ids -> {t_status} {theirs[:300]}")

    def sight(self, user):
        """What a user's read endpoints show, as the set of the world's keys they name."""
        paths = [f"{API}/me", f"{API}/me/access", f"{API}/invitations", f"{API}/customers", f"{API}/partners",
                 f"{API}/incidents", f"{API}/access-matrix", f"{API}/directory"]
        for tenant in ("t-contoso", "t-fabrikam"):
            paths += [f"{API}/tenants/{tenant}/{what}" for what in
                      ("rooms", "room-groups", "update-rings", "roles", "incidents", "settings", "reports/summary")]
        seen = set()
        for path in paths:
            status, text = self.send(Request(user, "GET", path, None, False))
            seen |= {k for k, p in self.patterns.items() if p.search(text) and not p.search(path)}
        return seen


def run_attack(visible, seed, count):
    """Sets up a fresh world, sends `count` requests; returns the Run with its failures."""
    tmp = tempfile.mkdtemp(prefix="trm-adversarial-")
    try:
        with Server("--db", f"{tmp}/trm.sqlite", "--seed", SMALL_WORLD, "--dev-auth") as server:
            world = World(server)
            vis = visible(world)
            run = Run(world, vis, server.port, seed)
            before = {u: run.sight(u) for u in USERS}
            for u, seen in before.items():
                for key in sorted(seen - vis[u]):
                    run.fail(f"{u}'s lists name {key} ({world.ids[key]})")
            attacker = Attacker(world, server_routes(server.binary), random.Random(seed))
            for _ in range(count):
                run.check(attacker.request())
            after = {u: run.sight(u) for u in USERS}
            # Reach is unchanged. (Closed incidents leave the default list, rooms change rings.)
            for u in USERS:
                changed = {k for k in before[u] ^ after[u] if world.kinds[k] not in ("incident", "ring")}
                if changed:
                    run.fail(f"the run changed what {u} sees: {sorted(changed)}")
            run.before = before
            run.conn.close()
            return run
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class AdversarialTest(unittest.TestCase):
    def test_random_requests_reveal_nothing_and_hidden_ids_answer_like_random_ones(self):
        seed = int(os.environ.get("TRM_ADVERSARIAL_SEED") or random.SystemRandom().randrange(1 << 32))
        count = int(os.environ.get("TRM_ADVERSARIAL_REQUESTS", "20000"))
        run = run_attack(oracle, seed, count)
        self.assertGreaterEqual(run.sent, count * 0.8, "too few requests were sent")
        self.assertGreater(run.twins, count // 10, "too few hidden ids were tried")
        # The lists show each user the heart of what the oracle grants: the oracle is not vacuous.
        for user, must in (("nia", {"r-oslo-1", "r-oslo-2", "rg-oslo", "i-1"}), ("nat", {"r-oslo-1", "i-1"}),
                           ("tom", {"rg-oslo", "i-1"}), ("lou", {"r-fab-1", "r-oslo-2"}), ("ned", {"rg-fab"}),
                           ("ann", {"r-ny-1", "t-litware"}), ("fay", {"i-3", "t-northwind"})):
            self.assertLessEqual(must, run.before[user], user)
        self.assertEqual(run.failures, [], f"TRM_ADVERSARIAL_SEED={seed} ({run.sent} requests):\n" + "\n".join(run.failures))

    def test_the_run_reports_a_room_hidden_from_a_user_who_sees_it(self):
        def lying(world):
            visible = oracle(world)
            visible["nia"] = visible["nia"] - {"r-oslo-1"}
            return visible

        run = run_attack(lying, seed=11, count=1500)
        self.assertTrue(any("r-oslo-1" in f and f.startswith(("leak", "nia's lists")) for f in run.failures), run.failures)
        self.assertTrue(any(f.startswith("['r-oslo-1'] tells itself apart") for f in run.failures), run.failures)


if __name__ == "__main__":
    unittest.main()
