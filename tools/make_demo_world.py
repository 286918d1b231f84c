#!/usr/bin/env python3
"""Generates the demo world (API.md "World file") from a fixed seed, so it is reproducible and can be
regenerated larger for benchmarks:

    python3 tools/make_demo_world.py > assets/demo/world.json
    python3 tools/make_demo_world.py --scale 10 > build/world-x10.json

2 partner tenants, 8 customers, 2,000 rooms in several countries and room groups, 5,000 incidents
over the 90 days before --now, users holding every built-in role, a partner help-desk custom role,
and pending invitations waiting for demo partner users. Python standard library only.
"""
import argparse
import datetime
import json
import random
import sys
import uuid

CUSTOMERS = [
    ("Contoso", "contoso.example"), ("Fabrikam", "fabrikam.example"), ("Adatum", "adatum.example"),
    ("Tailspin Toys", "tailspin.example"), ("Woodgrove Bank", "woodgrove.example"),
    ("Proseware", "proseware.example"), ("Fourth Coffee", "fourthcoffee.example"),
    ("Alpine Ski House", "alpineskihouse.example"),
]
PARTNERS = [("Northwind Managed Services", "northwind.example"), ("Litware IT", "litware.example")]
SITES = [
    ("NO", ["Oslo HQ", "Bergen"]), ("US", ["New York", "Seattle", "Austin"]), ("GB", ["London"]),
    ("DE", ["Berlin", "Munich"]), ("IT", ["Milano", "Roma"]), ("JP", ["Tokyo"]), ("AU", ["Sydney"]),
]
MODELS = ["Logi Rally Bar", "Poly Studio X50", "Yealink MeetingBar A30", "Neat Bar Pro", "Lenovo ThinkSmart Core"]
VERSIONS = ["1.5.42", "1.5.44", "1.6.3", "1.6.7"]
TYPES = [("display", "important"), ("conferenceMicrophone", "important"), ("conferenceSpeaker", "important"),
         ("camera", "important"), ("hdmiIngest", "important"), ("signIn", "important"),
         ("proximitySensor", "important"), ("appVersion", "warning"), ("osVersion", "warning"),
         ("network", "warning")]
TITLES = {
    "display": "Front-of-room display not detected", "conferenceMicrophone": "Conference microphone disconnected",
    "conferenceSpeaker": "Conference speaker not responding", "camera": "Camera offline",
    "hdmiIngest": "HDMI ingest not working", "signIn": "Resource account cannot sign in",
    "proximitySensor": "Proximity sensor not paired", "appVersion": "Teams Rooms app out of date",
    "osVersion": "Windows build out of support", "network": "High packet loss on room network",
}
STATES = ["needAction", "assignedToService", "pendingInvestigation", "resolved"]
FIRST = ["Ann", "Ben", "Chiara", "Dev", "Elin", "Femi", "Giulia", "Hiro", "Ines", "Jonas", "Kari", "Luca",
         "Maya", "Nils", "Olu", "Pia", "Quinn", "Rosa", "Sven", "Tara"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--scale", type=int, default=1, help="multiply rooms and incidents")
    ap.add_argument("--first-customer-rooms", type=int, default=None,
                    help="rooms of the first customer (Contoso) instead of 250 x scale (bench/portal: 100000)")
    ap.add_argument("--matrix-customers", type=int, default=0,
                    help="extra small customers of Northwind (bench/portal's access matrix: 200)")
    ap.add_argument("--matrix-people", type=int, default=0,
                    help="extra Northwind engineers, Primary admins of those customers (1000)")
    ap.add_argument("--incidents", type=int, default=None,
                    help="incidents in all, instead of 5000 x scale (bench/portal: 1000000)")
    ap.add_argument("--now", default="2026-11-27T12:00:00Z", help="incidents fall in the 90 days before this")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    now = datetime.datetime.strptime(args.now, "%Y-%m-%dT%H:%M:%SZ")

    def new_id():
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    world = {k: [] for k in ("tenants", "users", "groups", "roomGroups", "rooms", "customerRoleAssignments",
                             "relationships", "partnerRoles", "invitations", "incidents")}
    tenants = {}

    def add_user(tenant, local, name):
        uid = new_id()
        world["users"].append({"id": uid, "tenantId": tenant["id"], "upn": f"{local}@{tenant['domain']}",
                               "displayName": name})
        return uid

    for name, domain in PARTNERS + CUSTOMERS:
        t = {"id": new_id(), "name": name, "domain": domain, "partnerProgram": (name, domain) in PARTNERS}
        world["tenants"].append(t)
        tenants[domain] = t

    # Partner people: two engineers who accept invitations, a help desk, and a global admin who is
    # listed in no invitation (and so sees none).
    partner_people = {}
    for _, domain in PARTNERS:
        t = tenants[domain]
        short = domain.split(".")[0]
        people = {
            "lead": add_user(t, "nia" if short == "northwind" else "lou", "Nia Lund" if short == "northwind" else "Lou Baker"),
            "engineer": add_user(t, "ned" if short == "northwind" else "lea", "Ned Park" if short == "northwind" else "Lea Moss"),
            "helpdesk1": add_user(t, "nat" if short == "northwind" else "liv", "Nat Ruiz (help desk)" if short == "northwind" else "Liv Ortiz (help desk)"),
            "helpdesk2": add_user(t, "noa" if short == "northwind" else "lin", "Noa Berg (help desk)" if short == "northwind" else "Lin Wu (help desk)"),
            "admin": add_user(t, "admin", f"{t['name']} global admin"),
        }
        gid = new_id()
        world["groups"].append({"id": gid, "tenantId": t["id"], "name": "Help desk",
                                "members": [people["helpdesk1"], people["helpdesk2"]]})
        people["helpdesk_group"] = gid
        partner_people[domain] = people

    rooms_per_customer = 250 * args.scale
    customer_rooms = {}
    for ci, (name, domain) in enumerate(CUSTOMERS):
        t = tenants[domain]
        short = domain.split(".")[0]
        admin = add_user(t, "admin", f"{FIRST[ci]} (MMR Admin)")
        lead = add_user(t, "sitelead", f"{FIRST[ci + 8]} (Site Lead)")
        tech = add_user(t, "tech", f"{FIRST[(ci + 3) % 20]} (Site Tech)")
        countries = rng.sample(SITES, 3)
        groups = {}
        for country, sites in countries:
            for site in sites:
                gid = new_id()
                groups[(country, site)] = gid
                world["roomGroups"].append({"id": gid, "tenantId": t["id"], "name": f"{site} rooms"})
        vip = new_id()
        world["roomGroups"].append({"id": vip, "tenantId": t["id"], "name": "Boardrooms"})
        rooms = []
        keys = list(groups)
        count = args.first_customer_rooms if ci == 0 and args.first_customer_rooms else rooms_per_customer
        for r in range(count):
            country, site = keys[r % len(keys)]
            rid = new_id()
            gids = [groups[(country, site)]] + ([vip] if r % 25 == 0 else [])
            health = rng.choices(["healthy", "unhealthy", "unmonitored", "suppressed"], [80, 8, 8, 4])[0]
            world["rooms"].append({"id": rid, "tenantId": t["id"], "displayName": f"{site} {1 + r // 40}.{r % 40 + 1:02d}",
                                   "site": site, "country": country, "deviceModel": rng.choice(MODELS),
                                   "appVersion": rng.choice(VERSIONS), "roomGroupIds": gids, "health": health})
            rooms.append(rid)
        customer_rooms[domain] = (rooms, groups)
        world["customerRoleAssignments"] += [
            {"tenantId": t["id"], "role": "mmrAdmin", "name": "Administrators", "members": [{"type": "user", "id": admin}],
             "scope": {"allRooms": True}},
            {"tenantId": t["id"], "role": "siteLead", "name": "Site leads", "members": [{"type": "user", "id": lead}],
             "scope": {"allRooms": True}},
            {"tenantId": t["id"], "role": "siteTech", "name": f"{keys[0][1]} technicians",
             "members": [{"type": "user", "id": tech}], "scope": {"roomGroupIds": [groups[keys[0]]]}},
        ]

    # Relationships already in place, with their scopes.
    nw, lw = partner_people["northwind.example"], partner_people["litware.example"]
    def rel(customer, partner_domain, people, scope):
        world["relationships"].append({"customerTenantId": tenants[customer]["id"],
                                       "partnerTenantId": tenants[partner_domain]["id"],
                                       "since": (now - datetime.timedelta(days=rng.randint(30, 400))).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                       "scope": scope, "members": [{"type": "user", "id": p} for p in people]})
    rel("contoso.example", "northwind.example", [nw["lead"], nw["engineer"]], {"allRooms": True})
    fab_groups = list(customer_rooms["fabrikam.example"][1].values())[:2]
    rel("fabrikam.example", "northwind.example", [nw["lead"]], {"roomGroupIds": fab_groups})
    rel("adatum.example", "northwind.example", [nw["engineer"]], {"allRooms": True})
    rel("woodgrove.example", "litware.example", [lw["lead"]], {"allRooms": True})
    rel("fourthcoffee.example", "litware.example", [lw["lead"], lw["engineer"]], {"allRooms": True})
    rel("fabrikam.example", "litware.example", [lw["engineer"]], {"roomGroupIds": fab_groups[1:]})

    # A partner help desk: tickets only, in the customers that on-boarded the partner.
    for customer, partner_domain, people in (("contoso.example", "northwind.example", nw),
                                            ("adatum.example", "northwind.example", nw),
                                            ("woodgrove.example", "litware.example", lw)):
        world["partnerRoles"].append({
            "customerTenantId": tenants[customer]["id"], "partnerTenantId": tenants[partner_domain]["id"],
            "name": "Help desk", "description": "Sees the rooms and handles their tickets",
            "permissions": ["rooms.view", "tickets.create", "tickets.view", "tickets.update"],
            "assignments": [{"name": "Help desk team", "members": [{"type": "group", "id": people["helpdesk_group"]}],
                             "scope": {"allRooms": True}}]})

    # Pending invitations waiting for demo partner users.
    tail_groups = list(customer_rooms["tailspin.example"][1].values())
    world["invitations"] += [
        {"customerTenantId": tenants["tailspin.example"]["id"], "partnerDomain": "northwind.example",
         "contacts": [{"name": "Nia Lund", "upn": "nia@northwind.example"}, {"name": "Ned Park", "upn": "ned@northwind.example"}],
         "scope": {"roomGroupIds": tail_groups[:2]}, "expiresInDays": 14, "note": "Pilot for our US offices"},
        {"customerTenantId": tenants["proseware.example"]["id"], "partnerDomain": "litware.example",
         "contacts": [{"name": "Lou Baker", "upn": "lou@litware.example"}],
         "scope": {"allRooms": True}, "expiresInDays": 30},
        {"customerTenantId": tenants["alpineskihouse.example"]["id"], "partnerDomain": "northwind.example",
         "contacts": [{"name": "Nia Lund", "upn": "nia@northwind.example"}],
         "scope": {"allRooms": True}, "expiresInDays": 7, "note": "Winter season support"},
    ]

    incident_count = args.incidents if args.incidents is not None else 5000 * args.scale
    domains = [d for _, d in CUSTOMERS]
    for i in range(incident_count):
        domain = domains[i % len(domains)]
        rooms, _ = customer_rooms[domain]
        kind, severity = rng.choice(TYPES)
        created = now - datetime.timedelta(seconds=rng.randint(0, 90 * 86400))
        age_days = (now - created).days
        state = "resolved" if rng.random() < min(0.9, 0.2 + age_days / 60) else rng.choice(STATES[:3])
        world["incidents"].append({"id": new_id(), "tenantId": tenants[domain]["id"], "roomIds": [rng.choice(rooms)],
                                   "severity": severity, "type": kind, "state": state, "title": TITLES[kind],
                                   "createdAt": created.strftime("%Y-%m-%dT%H:%M:%SZ")})

    # The access matrix at scale: many more Northwind people (an Engineers group) and many small
    # customers, each with a help-desk role on one group of rooms given to the help desk and the
    # engineers (Nia is each one's Primary admin).
    if args.matrix_customers:
        northwind = tenants["northwind.example"]
        crowd = [add_user(northwind, f"engineer{i:04d}", f"Engineer {i:04d}") for i in range(args.matrix_people)]
        gid = new_id()
        world["groups"].append({"id": gid, "tenantId": northwind["id"], "name": "Engineers", "members": crowd})
        helpdesk = partner_people["northwind.example"]["helpdesk_group"]
        for i in range(args.matrix_customers):
            t = {"id": new_id(), "name": f"Customer {i + 1:03d}", "domain": f"customer{i + 1:03d}.example",
                 "partnerProgram": False}
            world["tenants"].append(t)
            group = new_id()
            world["roomGroups"].append({"id": group, "tenantId": t["id"], "name": "Main site"})
            for r in range(2):
                world["rooms"].append({"id": new_id(), "tenantId": t["id"], "displayName": f"Room {r + 1}",
                                       "site": "Main site", "country": "NO", "roomGroupIds": [group],
                                       "health": "healthy"})
            world["relationships"].append({"customerTenantId": t["id"], "partnerTenantId": northwind["id"],
                                           "since": "2026-06-01T12:00:00Z", "scope": {"allRooms": True},
                                           "members": [{"type": "user", "id": partner_people["northwind.example"]["lead"]}]})
            world["partnerRoles"].append({"customerTenantId": t["id"], "partnerTenantId": northwind["id"],
                                          "name": "Help desk", "description": "Tickets of the main site",
                                          "permissions": ["rooms.view", "tickets.view", "tickets.update"],
                                          "assignments": [{"name": "Main site", "members": [{"type": "group", "id": helpdesk},
                                                                                            {"type": "group", "id": gid}],
                                                           "scope": {"roomGroupIds": [group]}}]})

    json.dump(world, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
