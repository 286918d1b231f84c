"""trm-server process behaviour and the unauthenticated endpoints (API.md, "Running it")."""
import http.client
import os
import signal
import socket
import subprocess
import time
import unittest

from trm import Server, wait_exit


class HealthTest(unittest.TestCase):
    def test_health_is_ok_without_a_token(self):
        with Server() as s:
            status, headers, body = s.request("GET", "/api/v1/health")
            self.assertEqual(status, 200)
            self.assertEqual(headers["content-type"], "application/json")
            self.assertEqual(body["status"], "ok")

    def test_keep_alive_serves_several_requests_on_one_connection(self):
        with Server() as s:
            conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
            for _ in range(3):
                conn.request("GET", "/api/v1/health")
                resp = conn.getresponse()
                self.assertEqual(resp.status, 200)
                resp.read()
            conn.close()


class BadInputTest(unittest.TestCase):
    def test_unknown_api_path_is_a_404_problem(self):
        with Server() as s:
            status, headers, body = s.request("GET", "/api/v1/no/such/thing")
            self.assertEqual(status, 404)
            self.assertEqual(headers["content-type"], "application/problem+json")
            self.assertEqual(body["status"], 404)
            self.assertEqual(body["code"], "not_found")
            for field in ("type", "title", "detail"):
                self.assertIn(field, body)

    def test_wrong_method_is_a_405_with_allow(self):
        with Server() as s:
            status, headers, body = s.request("DELETE", "/api/v1/health")
            self.assertEqual(status, 405)
            self.assertEqual(headers["allow"], "GET")
            self.assertEqual(body["code"], "method_not_allowed")

    def test_bad_percent_escape_is_a_400(self):
        with Server() as s:
            status, _, body = s.request("GET", "/api/v1/health%zz")
            self.assertEqual(status, 400)
            self.assertEqual(body["status"], 400)

    def test_body_over_one_mebibyte_is_a_413(self):
        with Server() as s:
            status, headers, body = s.request("POST", "/api/v1/health", raw="x" * (1024 * 1024 + 1))
            self.assertEqual(status, 413)
            self.assertEqual(headers["content-type"], "application/problem+json")
            self.assertEqual(body["code"], "payload_too_large")
            # The server is still healthy afterwards.
            self.assertEqual(s.request("GET", "/api/v1/health")[0], 200)

    def test_garbage_instead_of_http_gets_a_400_and_the_server_lives_on(self):
        with Server() as s:
            with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
                sock.sendall(b"\x16\x03\x01 this is not http\r\n\r\n")
                reply = sock.recv(4096).decode("latin-1")
            self.assertTrue(reply.startswith("HTTP/1.1 400"), reply)
            self.assertEqual(s.request("GET", "/api/v1/health")[0], 200)


class LimitsTest(unittest.TestCase):
    def test_headers_over_the_limit_are_a_400(self):
        with Server() as s:
            status, _, body = s.request("GET", "/api/v1/health", headers={"X-Filler": "x" * (20 * 1024)})
            self.assertEqual(status, 400)
            self.assertEqual(body["code"], "headers_too_large")
            self.assertEqual(s.request("GET", "/api/v1/health")[0], 200)

    def test_a_client_that_trickles_is_disconnected(self):
        with Server("--idle-timeout", "1") as s:
            with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")  # never finishes
                start = time.monotonic()
                data = sock.recv(4096)  # the server closes the connection
                self.assertEqual(data, b"")
                self.assertLess(time.monotonic() - start, 5)
            self.assertEqual(s.request("GET", "/api/v1/health")[0], 200)


class ProcessTest(unittest.TestCase):
    def test_sigterm_exits_zero(self):
        with Server() as s:
            s.proc.send_signal(signal.SIGTERM)
            self.assertEqual(wait_exit(s.proc), 0)

    def test_busy_port_is_one_clear_line_and_exit_1(self):
        with Server() as s:
            proc = subprocess.run([os.environ["TRM_SERVER"], "--listen", f"127.0.0.1:{s.port}"],
                                  capture_output=True, text=True, timeout=10)
            self.assertEqual(proc.returncode, 1)
            self.assertEqual(proc.stdout, "")
            lines = proc.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1)
            self.assertIn(f"cannot listen on 127.0.0.1:{s.port}", lines[0])

    def test_bad_command_line_is_refused(self):
        for args in (["--listen", "nonsense"], ["--listen", "127.0.0.1:99999"], ["--frobnicate"]):
            proc = subprocess.run([os.environ["TRM_SERVER"], *args], capture_output=True, text=True,
                                  timeout=10)
            self.assertEqual(proc.returncode, 2, args)
            self.assertIn("trm-server:", proc.stderr)


if __name__ == "__main__":
    unittest.main()
