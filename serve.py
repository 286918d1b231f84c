#!/usr/bin/env python3
"""Runs Roomkeeper MTM on this machine: set-up if missing, build what is stale, start the TRM
service on loopback, and serve the portal with the API proxied under /api/ (one origin).

    python3 serve.py [--host 127.0.0.1] [--port 8000]
    python3 serve.py --oidc-issuer URL --oidc-client-id ID   # sign in with a real provider

Python standard library only. Ctrl+C stops the service it started.
"""
import argparse
import email.utils
import http.client
import http.server
import json
import os
import posixpath
import signal
import socket
import subprocess
import sys
import threading
import urllib.parse

ROOT = os.path.dirname(os.path.abspath(__file__))
NATIVE_BUILD = os.path.join(ROOT, "build", "native")
WEB_BUILD = os.path.join(ROOT, "build", "web")
SITE_DIR = os.path.join(WEB_BUILD, "portal")
SERVER_BIN = os.path.join(NATIVE_BUILD, "src", "server", "trm-server")
DEMO_WORLD = os.path.join(ROOT, "assets", "demo", "world.json")
DEFAULT_DB = os.path.join(ROOT, "var", "trm.sqlite")

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
# Hop-by-hop headers are never forwarded by a proxy (RFC 9110 §7.6.1).
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailer", "transfer-encoding", "upgrade", "host"}
# What the portal's page may load, and nothing else: its own scripts and styles (no inline
# script or style), WebAssembly compiled from its own files ('wasm-unsafe-eval' allows exactly
# that, not eval), its favicon and downloads (data:, blob:), the service on the same origin, and
# never inside another site's frame.
PORTAL_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
              "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
              "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PAGE_HEADERS = {"Content-Security-Policy": PORTAL_CSP, "Referrer-Policy": "no-referrer",
                "X-Frame-Options": "DENY"}
MAX_PROXY_BODY = 8 * 1024 * 1024  # the service itself refuses more than 1 MiB with a 413


def log(message):
    print(f"serve.py: {message}", flush=True)


def run_step(description, command):
    log(description)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        log(f"failed: {' '.join(command)} (exit {result.returncode})")
        sys.exit(1)


def build():
    """Configures once, then lets ninja rebuild only what is stale (seconds when nothing is)."""
    for preset, build_dir, target in (("native", NATIVE_BUILD, "trm-server"),
                                      ("web", WEB_BUILD, "portal_site")):
        if not os.path.exists(os.path.join(build_dir, "build.ninja")):
            run_step(f"configuring the {preset} build", ["cmake", "--preset", preset])
        run_step(f"building {target} ({preset})", ["cmake", "--build", "--preset", preset, "--target", target])


def start_service(db, world=DEMO_WORLD, extra=(), dev_auth=True):
    """Starts trm-server on a free loopback port over `db` (seeded from `world`, the demo world by
    default, when new; dev sign-in on unless told otherwise: this is the demo and development
    set-up; `extra`: more flags, e.g. --oidc-*); returns (process, port)."""
    os.makedirs(os.path.dirname(os.path.abspath(db)), exist_ok=True)
    command = [SERVER_BIN, "--listen", "127.0.0.1:0", "--db", db, "--seed", world, *extra]
    if dev_auth:
        command.append("--dev-auth")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    prefix = "listening on http://127.0.0.1:"
    if not line.startswith(prefix):
        proc.kill()
        log(f"trm-server did not start (it said: {line or 'nothing'})")
        sys.exit(1)
    # Keep draining its stdout so it can never block on a full pipe.
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, int(line[len(prefix):])


def problem(status, code, detail):
    return json.dumps({"type": f"urn:roomkeeper:problem:{code}", "title": http.HTTPStatus(status).phrase,
                       "status": status, "detail": detail, "code": code}).encode()


class PortalHandler(http.server.BaseHTTPRequestHandler):
    server_version = "roomkeeper-serve"
    protocol_version = "HTTP/1.1"
    api_port = 0
    # config.json: {} for the demo (same origin, dev sign-in: what the page does without one,
    # minus a 404 in the browser's console), the provider's when serving against one.
    config = b"{}"
    headers_out = PAGE_HEADERS

    def log_message(self, fmt, *args):  # quiet: one line per request is noise for a dev server
        pass

    # --- API proxy ---------------------------------------------------------------------------
    def proxy(self):
        length = self.headers.get("Content-Length")
        try:
            length = int(length) if length else 0
        except ValueError:
            return self.send_bytes(400, "application/problem+json",
                                   problem(400, "bad_request", "Content-Length is not a number"))
        if length > MAX_PROXY_BODY:
            self.close_connection = True
            return self.send_bytes(413, "application/problem+json",
                                   problem(413, "payload_too_large", "The request body is too large"))
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection("127.0.0.1", self.api_port, timeout=60)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except OSError:
            return self.send_bytes(502, "application/problem+json",
                                   problem(502, "service_unreachable", "The TRM service is not answering"))
        finally:
            conn.close()
        self.send_response(resp.status)
        for name, value in resp.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    # --- static files ------------------------------------------------------------------------
    def static(self):
        path = urllib.parse.urlsplit(self.path).path
        path = posixpath.normpath(urllib.parse.unquote(path))
        if path in ("/", "."):
            path = "/index.html"
        parts = [p for p in path.split("/") if p and p not in (".", "..")]
        file_path = os.path.join(SITE_DIR, *parts)
        if not os.path.realpath(file_path).startswith(os.path.realpath(SITE_DIR) + os.sep) \
                or not os.path.isfile(file_path):
            return self.send_bytes(404, "text/plain; charset=utf-8", b"Not found\n")
        ext = os.path.splitext(file_path)[1]
        ctype = MIME_TYPES.get(ext, "application/octet-stream")
        accepted = self.headers.get("Accept-Encoding", "")
        encoding = None
        for enc, suffix in (("br", ".br"), ("gzip", ".gz")):
            if enc in accepted and os.path.isfile(file_path + suffix):
                encoding, file_path = enc, file_path + suffix
                break
        stat = os.stat(file_path)
        last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if self.headers.get("If-Modified-Since") == last_modified:
            self.send_response(304)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with open(file_path, "rb") as f:
            data = f.read()
        extra = {"Last-Modified": last_modified, "Vary": "Accept-Encoding",
                 # Revalidate every time: assets are small and versioned by ?v=, and a developer
                 # must never see a stale build.
                 "Cache-Control": "no-cache"}
        if encoding:
            extra["Content-Encoding"] = encoding
        self.send_bytes(200, ctype, data, extra)

    def send_bytes(self, status, ctype, data, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in self.headers_out.items():
            self.send_header(k, v)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def dispatch(self):
        if self.path.startswith("/api/"):
            return self.proxy()
        if self.command not in ("GET", "HEAD"):
            return self.send_bytes(405, "text/plain; charset=utf-8", b"Method not allowed\n",
                                   {"Allow": "GET, HEAD"})
        if urllib.parse.urlsplit(self.path).path == "/config.json":
            return self.send_bytes(200, "application/json", self.config, {"Cache-Control": "no-cache"})
        return self.static()

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = dispatch


class PortalServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a busy port must fail, not be shared


def main():
    parser = argparse.ArgumentParser(
        description="Run Roomkeeper MTM: the TRM service and the portal.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""Signing in with an OpenID Connect provider (docs/AUTH.md walks a real deployment):

  Register a public client (SPA) at the provider with redirect URI and post-logout redirect
  URI http://127.0.0.1:8000/ (this page, exactly), the Authorization Code flow with PKCE, and an
  access token for an API whose audience you pass as --oidc-audience, carrying the user's UPN in
  preferred_username (or the claim you name in --oidc-user-claim). Then:

    python3 serve.py --oidc-issuer https://idp.example.com/realms/contoso \\
        --oidc-client-id roomkeeper-portal --oidc-audience trm-api --oidc-name "Contoso ID"

  serve.py passes the --oidc-* flags to trm-server, serves a matching /config.json beside the
  page, and lets the page reach the provider (Content-Security-Policy connect-src). Dev sign-in
  stays available unless --no-dev-auth. The portal alone as a static site, for any web server:
  cmake --preset web && cmake --build --preset web --target portal_site (build/web/portal/).""")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default: loopback only)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000; 0 = any free)")
    parser.add_argument("--no-setup", action="store_true", help="skip tools/setup")
    parser.add_argument("--world", default=DEMO_WORLD,
                        help="the world file a new database is seeded from (default: the demo world; "
                             "bench/portal uses a larger one)")
    parser.add_argument("--no-build", action="store_true", help="serve what is built, build nothing")
    parser.add_argument("--db", default=DEFAULT_DB, help="the service's database (default var/trm.sqlite; "
                                                         "created from the demo world when missing)")
    oidc = parser.add_argument_group("sign-in with an OpenID Connect provider")
    oidc.add_argument("--oidc-issuer", help="the provider's issuer URL (exactly as its tokens name it)")
    oidc.add_argument("--oidc-client-id", help="the portal's public client id at the provider")
    oidc.add_argument("--oidc-audience", default="trm-api", help="the API audience of its access tokens")
    oidc.add_argument("--oidc-name", help='shown as "Sign in with NAME" (default: the issuer\'s host)')
    oidc.add_argument("--oidc-scopes", default="openid profile email offline_access")
    oidc.add_argument("--oidc-user-claim", default="preferred_username",
                      help="the token claim matched to a user's UPN")
    oidc.add_argument("--oidc-mfa-acr", help="an acr value that counts as multi-factor (trm-server)")
    oidc.add_argument("--oidc-mfa-acr-values",
                      help="what the page asks the provider for when a customer requires MFA")
    oidc.add_argument("--no-dev-auth", action="store_true", help="turn typed dev sign-in off")
    args = parser.parse_args()
    if bool(args.oidc_issuer) != bool(args.oidc_client_id):
        parser.error("--oidc-issuer and --oidc-client-id go together")

    # Take the port first, so a busy port fails in a second instead of after a build.
    try:
        httpd = PortalServer((args.host, args.port), PortalHandler)
    except OSError as e:
        print(f"serve.py: cannot serve on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        sys.exit(1)

    if not args.no_setup:
        result = subprocess.run([os.path.join(ROOT, "tools", "setup")], cwd=ROOT)
        if result.returncode != 0:
            sys.exit(1)
    if not args.no_build:
        build()
    for required in (SERVER_BIN, os.path.join(SITE_DIR, "index.html")):
        if not os.path.exists(required):
            log(f"{required} is missing: run without --no-build")
            sys.exit(1)

    extra = []
    if args.oidc_issuer:
        extra = ["--oidc-issuer", args.oidc_issuer, "--oidc-audience", args.oidc_audience,
                 "--oidc-user-claim", args.oidc_user_claim]
        if args.oidc_mfa_acr:
            extra += ["--oidc-mfa-acr", args.oidc_mfa_acr]
        provider = {"issuer": args.oidc_issuer, "clientId": args.oidc_client_id, "scopes": args.oidc_scopes}
        if args.oidc_name:
            provider["name"] = args.oidc_name
        if args.oidc_mfa_acr_values:
            provider["mfaAcrValues"] = args.oidc_mfa_acr_values
        PortalHandler.config = json.dumps({"service": "/api/v1", "oidc": provider}).encode()
        # The page talks to the provider itself (discovery, token endpoint).
        parts = urllib.parse.urlsplit(args.oidc_issuer)
        origin = f"{parts.scheme}://{parts.netloc}"
        PortalHandler.headers_out = dict(PAGE_HEADERS, **{
            "Content-Security-Policy": PORTAL_CSP.replace("connect-src 'self'", f"connect-src 'self' {origin}")})
    service, api_port = start_service(args.db, args.world, extra, dev_auth=not args.no_dev_auth)
    PortalHandler.api_port = api_port

    def stop(*_):
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host, port = httpd.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"Roomkeeper MTM portal: http://{shown}:{port}/  (TRM service on 127.0.0.1:{api_port}; Ctrl+C stops)",
          flush=True)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
        service.terminate()
        try:
            service.wait(timeout=10)
        except subprocess.TimeoutExpired:
            service.kill()
        log("stopped")


if __name__ == "__main__":
    main()
