"""Issue #13: trm-server verifies the access tokens of a real OpenID Connect provider (npm
oidc-provider, started here on loopback with the small world's people as accounts), and refuses
every token it should: wrong issuer or audience, expired, not yet valid, alg none, HS256 keyed with
the public key, unknown key, tampered payload, an ID token, a user not in the directory."""
import base64
import http.server
import json
import os
import shutil
import ssl
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import urllib.request

from trm import SMALL_WORLD, Server

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OIDC = os.path.join(ROOT, "tests", "e2e", "oidc")
API = "/api/v1"
REDIRECT = "http://127.0.0.1:9/callback"  # never opened: token.mjs reads the code off the redirect
AUDIENCE = "trm-api"
PASSWORD = "roomkeeper-demo"
MFA_CODE = "246810"
PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi"}


def node(*args):
    done = subprocess.run(["node", *args], capture_output=True, text=True, timeout=60, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"node {args[0]} failed: {done.stderr}")
    return done.stdout.strip()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims_of(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class Provider:
    """provider.mjs as a child process."""

    def __init__(self, keys, alg="RS256"):
        self.proc = subprocess.Popen(
            ["node", os.path.join(OIDC, "provider.mjs"), "--port", "0", "--world", SMALL_WORLD,
             "--redirect", REDIRECT, "--alg", alg, "--keys", keys, "--audience", AUDIENCE],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        line = self.proc.stdout.readline()
        if not line.startswith("oidc: "):
            self.proc.kill()
            raise RuntimeError(f"provider.mjs did not start: {line!r} {self.proc.stderr.read()}")
        self.issuer = line.split(" ", 1)[1].strip()
        self.keys = keys

    def token(self, upn, mfa=False):
        args = [os.path.join(OIDC, "token.mjs"), "--issuer", self.issuer, "--client-id", "roomkeeper-portal",
                "--redirect", REDIRECT, "--user", upn, "--password", PASSWORD]
        if mfa:
            args += ["--acr-values", "urn:roomkeeper:mfa", "--mfa-code", MFA_CODE]
        return json.loads(node(*args))

    def mint(self, payload, header=None, fresh_key=False, hmac_public=False, alg="RS256"):
        h = {"alg": alg, "typ": "at+jwt", **(header or {})}
        args = [os.path.join(OIDC, "mint.mjs"), "--header", json.dumps(h), "--payload", json.dumps(payload)]
        args += ["--fresh-key"] if fresh_key else ["--keys", self.keys]
        return node(*args)

    def public_jwks(self):
        with open(self.keys) as f:
            private = json.load(f)
        return {"keys": [{k: v for k, v in key.items() if k not in PRIVATE_MEMBERS} for key in private["keys"]]}

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()


class JwksServer:
    """Serves a JWKS document we control, counting how often it is fetched."""

    def __init__(self, jwks, tls=None):
        self.jwks = jwks
        self.fetches = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.fetches += 1
                body = json.dumps(outer.jwks).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/jwks"
        if tls:  # (certificate, key): HTTPS as "localhost"
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.url = f"https://localhost:{self.httpd.server_address[1]}/jwks"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class OidcTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="trm-oidc-")
        cls.idp = Provider(os.path.join(cls.dir, "keys.json"))
        # Keys by discovery: the service reads the issuer's jwks_uri itself.
        cls.s = Server("--seed", SMALL_WORLD, "--oidc-issuer", cls.idp.issuer, "--oidc-audience", AUDIENCE,
                       "--oidc-mfa-acr", "urn:example:strong", "--dev-auth",
                       "--sign-in-rate", "0").__enter__()  # the forged tokens are many

    @classmethod
    def tearDownClass(cls):
        cls.s.__exit__(None, None, None)
        cls.idp.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def me(self, token):
        return self.s.as_user(token, "GET", f"{API}/me")

    def claims(self, **overrides):
        now = int(time.time())
        c = {"iss": self.idp.issuer, "aud": AUDIENCE, "sub": "u-nia", "preferred_username": "nia@northwind.example",
             "iat": now, "exp": now + 300, "client_id": "roomkeeper-portal", "scope": "openid"}
        c.update(overrides)
        return {k: v for k, v in c.items() if v is not None}

    def assert_refused(self, token, why):
        status, _, body = self.me(token)
        self.assertEqual(status, 401, f"{why}: {body}")

    def test_the_providers_access_token_signs_the_person_in(self):
        tokens = self.idp.token("nia@northwind.example")
        status, _, body = self.me(tokens["access_token"])
        self.assertEqual(status, 200, body)
        self.assertEqual(body["user"]["upn"], "nia@northwind.example")
        # The service's own dev-login tokens keep working beside the provider's.
        self.assertEqual(self.me(self.s.login("ann@contoso.example"))[0], 200)

    def test_the_refreshed_access_token_works_too(self):
        tokens = self.idp.token("ann@contoso.example")
        conf = json.load(urllib.request.urlopen(f"{self.idp.issuer}/.well-known/openid-configuration"))
        data = urllib.parse.urlencode({"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"],
                                       "client_id": "roomkeeper-portal"}).encode()
        renewed = json.load(urllib.request.urlopen(urllib.request.Request(conf["token_endpoint"], data=data)))
        self.assertNotEqual(renewed["access_token"], tokens["access_token"])
        status, _, body = self.me(renewed["access_token"])
        self.assertEqual((status, body["user"]["upn"]), (200, "ann@contoso.example"))

    def test_the_id_token_is_not_a_bearer_token(self):
        tokens = self.idp.token("nia@northwind.example")
        self.assert_refused(tokens["id_token"], "an ID token")
        # Even one addressed to the API's audience: it carries a nonce.
        self.assert_refused(self.idp.mint(self.claims(nonce="n-1"), {"typ": "JWT"}), "nonce")

    def test_forged_and_wrong_tokens_are_refused(self):
        now = int(time.time())
        good = self.idp.mint(self.claims())
        self.assertEqual(self.me(good)[0], 200, "the control: a minted token with right claims")
        cases = {
            "wrong issuer": self.idp.mint(self.claims(iss=self.idp.issuer + "/other")),
            "issuer with a trailing slash": self.idp.mint(self.claims(iss=self.idp.issuer + "/")),
            "wrong audience": self.idp.mint(self.claims(aud="another-api")),
            "no audience": self.idp.mint(self.claims(aud=None)),
            "expired beyond the leeway": self.idp.mint(self.claims(exp=now - 120)),
            "no expiry": self.idp.mint(self.claims(exp=None)),
            "not yet valid": self.idp.mint(self.claims(nbf=now + 600)),
            "issued in the future": self.idp.mint(self.claims(iat=now + 600)),
            "alg none": self.idp.mint(self.claims(), alg="none"),
            "HS256 keyed with the public key": self.idp.mint(self.claims(), alg="HS256"),
            "RS512 with the right key": self.idp.mint(self.claims(), alg="RS512"),
            "PS256 with the right key": self.idp.mint(self.claims(), alg="PS256"),
            "an unknown key": self.idp.mint(self.claims(), {"kid": "nobody-knows-me"}, fresh_key=True),
            "a fresh key under the provider's kid": self.idp.mint(
                self.claims(), {"kid": self.idp.public_jwks()["keys"][0]["kid"]}, fresh_key=True),
            "critical extension": self.idp.mint(self.claims(), {"crit": ["exp"], "exp": 1}),
            "an ID token's type": self.idp.mint(self.claims(), {"typ": "id_token+jwt"}),
            "no user claim": self.idp.mint(self.claims(preferred_username=None)),
            "a user not in the directory": self.idp.mint(self.claims(preferred_username="eve@nowhere.example")),
        }
        header, payload, signature = good.split(".")
        tampered = claims_of(good)
        tampered["preferred_username"] = "ann@contoso.example"
        cases["tampered payload"] = ".".join([header, b64url(json.dumps(tampered).encode()), signature])
        cases["signature of another token"] = ".".join(
            [header, payload, self.idp.mint(self.claims(sub="x")).split(".")[2]])
        cases["no signature"] = f"{header}.{payload}."
        for why, token in cases.items():
            with self.subTest(why):
                self.assert_refused(token, why)

    def test_clock_skew_within_the_leeway_is_accepted(self):
        now = int(time.time())
        self.assertEqual(self.me(self.idp.mint(self.claims(exp=now - 20)))[0], 200)
        self.assertEqual(self.me(self.idp.mint(self.claims(nbf=now + 20, iat=now + 20)))[0], 200)

    def test_an_unknown_user_is_told_who_the_provider_said(self):
        status, _, body = self.me(self.idp.mint(self.claims(preferred_username="Eve@Nowhere.example")))
        self.assertEqual(status, 401)
        self.assertIn("Eve@Nowhere.example", body["detail"])
        # The UPN is matched case-insensitively.
        status, _, body = self.me(self.idp.mint(self.claims(preferred_username="NIA@Northwind.Example")))
        self.assertEqual((status, body["user"]["upn"]), (200, "nia@northwind.example"))

    def test_mfa_from_the_provider(self):
        ann = self.s.login("ann@contoso.example")
        status, _, inv = self.s.as_user(ann, "POST", f"{API}/partners/invitations", {
            "partnerDomain": "northwind.example", "contacts": [{"name": "Nia", "upn": "nia@northwind.example"}],
            "scope": {"allRooms": True}, "expiresInDays": 7, "approval": "auto", "termsAccepted": True})
        self.assertEqual(status, 201, inv)
        nia = self.s.login("nia@northwind.example")
        self.assertEqual(self.s.as_user(nia, "POST", f"{API}/invitations/{inv['id']}/accept")[0], 200)
        self.s.as_user(ann, "PATCH", f"{API}/tenants/t-contoso/settings", {"requirePartnerMfa": True})
        try:
            rooms = f"{API}/tenants/t-contoso/rooms"
            password_only = self.idp.token("nia@northwind.example")["access_token"]
            self.assertEqual(claims_of(password_only)["amr"], ["pwd"])
            status, _, body = self.s.as_user(password_only, "GET", rooms)
            self.assertEqual((status, body.get("code")), (403, "mfa_required"))
            stepped_up = self.idp.token("nia@northwind.example", mfa=True)["access_token"]
            self.assertIn("mfa", claims_of(stepped_up)["amr"])
            self.assertEqual(self.s.as_user(stepped_up, "GET", rooms)[0], 200)
            # --oidc-mfa-acr: an acr the deployment counts as multi-factor, without amr "mfa".
            by_acr = self.idp.mint(self.claims(amr=["pwd"], acr="urn:example:strong"))
            self.assertEqual(self.s.as_user(by_acr, "GET", rooms)[0], 200)
            other_acr = self.idp.mint(self.claims(amr=["pwd"], acr="urn:example:weak"))
            self.assertEqual(self.s.as_user(other_acr, "GET", rooms)[0], 403)
        finally:
            self.s.as_user(ann, "PATCH", f"{API}/tenants/t-contoso/settings", {"requirePartnerMfa": False})


class EcKeysTest(unittest.TestCase):
    """An ES256 provider, keys from a file."""

    def test_es256_tokens_with_keys_from_a_file(self):
        d = tempfile.mkdtemp(prefix="trm-oidc-es-")
        idp = Provider(os.path.join(d, "keys.json"), alg="ES256")
        try:
            jwks = os.path.join(d, "jwks.json")
            with open(jwks, "w") as f:
                json.dump(idp.public_jwks(), f)
            with Server("--seed", SMALL_WORLD, "--oidc-issuer", idp.issuer, "--oidc-audience", AUDIENCE,
                        "--oidc-jwks", jwks) as s:
                token = idp.token("tom@contoso.example")["access_token"]
                self.assertEqual(json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "==="))["alg"], "ES256")
                status, _, body = s.as_user(token, "GET", f"{API}/me")
                self.assertEqual((status, body["user"]["upn"]), (200, "tom@contoso.example"))
                now = int(time.time())
                claims = {"iss": idp.issuer, "aud": AUDIENCE, "preferred_username": "tom@contoso.example",
                          "exp": now + 300}
                self.assertEqual(s.as_user(idp.mint(claims, alg="ES256"), "GET", f"{API}/me")[0], 200)
                self.assertEqual(s.as_user(idp.mint(claims, alg="ES256", fresh_key=True), "GET", f"{API}/me")[0], 401)
                self.assertEqual(s.as_user(idp.mint(claims, alg="RS256", fresh_key=True), "GET", f"{API}/me")[0], 401)
        finally:
            idp.stop()
            shutil.rmtree(d, ignore_errors=True)


class KeyRotationTest(unittest.TestCase):
    """The provider rotates: a token under a new kid makes the service fetch the keys once; more
    made-up kids right after cause no further fetches."""

    def test_a_new_key_is_fetched_once_and_unknown_kids_are_rate_limited(self):
        d = tempfile.mkdtemp(prefix="trm-oidc-rot-")
        old = Provider(os.path.join(d, "old.json"))
        new = Provider(os.path.join(d, "new.json"))  # only for its key
        jwks = JwksServer(old.public_jwks())
        try:
            with Server("--seed", SMALL_WORLD, "--oidc-issuer", old.issuer, "--oidc-audience", AUDIENCE,
                        "--oidc-jwks", jwks.url) as s:
                self.assertEqual(jwks.fetches, 1)
                now = int(time.time())
                claims = {"iss": old.issuer, "aud": AUDIENCE, "preferred_username": "ann@contoso.example",
                          "exp": now + 300}
                self.assertEqual(s.as_user(old.mint(claims), "GET", f"{API}/me")[0], 200)
                self.assertEqual(jwks.fetches, 1, "a known key costs no fetch")
                jwks.jwks = {"keys": old.public_jwks()["keys"] + new.public_jwks()["keys"]}
                rotated = new.mint(claims)  # signed with the new key, issuer of the old
                self.assertEqual(s.as_user(rotated, "GET", f"{API}/me")[0], 200)
                self.assertEqual(jwks.fetches, 2, "one fetch for the new kid")
                for i in range(5):
                    made_up = new.mint(claims, {"kid": f"made-up-{i}"}, fresh_key=True)
                    self.assertEqual(s.as_user(made_up, "GET", f"{API}/me")[0], 401)
                self.assertEqual(jwks.fetches, 2, "made-up kids within the interval fetch nothing")
                self.assertEqual(s.as_user(rotated, "GET", f"{API}/me")[0], 200)
        finally:
            jwks.stop()
            old.stop()
            new.stop()
            shutil.rmtree(d, ignore_errors=True)

    def test_keys_over_https_are_fetched_only_from_a_trusted_certificate(self):
        d = tempfile.mkdtemp(prefix="trm-oidc-tls-")
        idp = Provider(os.path.join(d, "keys.json"))
        cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                       check=True, capture_output=True)
        jwks = JwksServer(idp.public_jwks(), tls=(cert, key))
        args = ["--seed", SMALL_WORLD, "--oidc-issuer", idp.issuer, "--oidc-audience", AUDIENCE,
                "--oidc-jwks", jwks.url]
        try:
            # Not trusted: the service refuses to start rather than use keys from anyone.
            proc = subprocess.run([os.environ["TRM_SERVER"], "--listen", "127.0.0.1:0", *args],
                                  capture_output=True, text=True, timeout=20,
                                  env={**os.environ, "SSL_CERT_FILE": os.devnull})
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn("TLS handshake", proc.stderr)
            os.environ["SSL_CERT_FILE"] = cert
            try:
                with Server(*args) as s:
                    claims = {"iss": idp.issuer, "aud": AUDIENCE, "preferred_username": "ann@contoso.example",
                              "exp": int(time.time()) + 300}
                    self.assertEqual(s.as_user(idp.mint(claims), "GET", f"{API}/me")[0], 200)
            finally:
                del os.environ["SSL_CERT_FILE"]
        finally:
            jwks.stop()
            idp.stop()
            shutil.rmtree(d, ignore_errors=True)

    def test_the_service_does_not_start_without_usable_keys(self):
        d = tempfile.mkdtemp(prefix="trm-oidc-bad-")
        try:
            bad = os.path.join(d, "jwks.json")
            with open(bad, "w") as f:
                json.dump({"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}, f)
            for args, words in (((bad,), "no RS256 or ES256 signing key"),
                                ((os.path.join(d, "missing.json"),), "cannot read")):
                proc = subprocess.run([os.environ["TRM_SERVER"], "--listen", "127.0.0.1:0", "--oidc-issuer",
                                       "https://idp.example", "--oidc-audience", AUDIENCE, "--oidc-jwks", *args],
                                      capture_output=True, text=True, timeout=20)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn(words, proc.stderr)
            proc = subprocess.run([os.environ["TRM_SERVER"], "--listen", "127.0.0.1:0", "--oidc-issuer",
                                   "https://idp.example"], capture_output=True, text=True, timeout=20)
            self.assertEqual(proc.returncode, 2)
            self.assertIn("--oidc-audience", proc.stderr)
        finally:
            shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
