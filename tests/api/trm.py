"""Helpers for API tests: start the real trm-server on a free loopback port, talk HTTP to it."""
import http.client
import json
import os
import signal
import subprocess
import time


class Server:
    """A trm-server child process; use as a context manager."""

    def __init__(self, *extra_args):
        self.binary = os.environ["TRM_SERVER"]
        self.args = [self.binary, "--listen", "127.0.0.1:0", *extra_args]
        self.tokens = {}
        self.proc = None
        self.port = None
        self.preexec = None  # e.g. resource limits for the child

    def __enter__(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     preexec_fn=self.preexec)
        line = self.proc.stdout.readline()  # blocks until ready (or the process dies)
        if not line.startswith("listening on http://127.0.0.1:"):
            self.proc.kill()
            raise RuntimeError(f"trm-server did not start: {line!r} {self.proc.stderr.read()}")
        self.port = int(line.strip().rsplit(":", 1)[1])
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc.stdout.close()
        self.proc.stderr.close()

    def request(self, method, path, body=None, headers=None, raw=None):
        """Returns (status, headers dict with lower-case names, parsed JSON body or raw text)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
            hdrs = {"Content-Type": "application/json"} if payload is not None else {}
            hdrs.update(headers or {})
            conn.request(method, path, body=payload, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read().decode("utf-8")
            resp_headers = {k.lower(): v for k, v in resp.getheaders()}
            ctype = resp_headers.get("content-type", "")
            parsed = json.loads(data) if "json" in ctype and data else data
            return resp.status, resp_headers, parsed
        finally:
            conn.close()


    def login(self, upn):
        status, _, body = self.request("POST", "/api/v1/auth/dev-login", {"upn": upn})
        assert status == 200, (status, body)
        return body["token"]

    def as_user(self, token, method, path, body=None, raw=None, headers=None):
        h = {"Authorization": f"Bearer {token}"}
        h.update(headers or {})
        return self.request(method, path, body=body, raw=raw, headers=h)


SMALL_WORLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "small_world.json")


def wait_exit(proc, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return proc.returncode
        time.sleep(0.05)
    return None
