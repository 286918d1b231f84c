"""docs/openapi.yaml against the real trm-server: every route the server registers is documented,
the document lists no route the server lacks, every operation has a response, and every
component reference resolves.

Standard library only, so no YAML parser: the document is read line by line, relying on its
layout (2-space indentation, no tabs, no anchors or aliases):
  paths:                       top-level key
    /api/v1/...:               a path, indented by exactly 2 spaces
      get:                     an HTTP method, lower case, indented by exactly 4 spaces
        security: []           operation keys, indented by exactly 6 spaces
        responses:
          '200':               a status code (or default), indented by exactly 8 spaces
  components:
    schemas:                   (likewise parameters, responses, securitySchemes)
      Name:                    a component, indented by exactly 4 spaces
The text of block scalars (`description: |`) is skipped, so prose never passes for a key.
"""
import os
import re
import subprocess
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OPENAPI = os.path.join(REPO, "docs", "openapi.yaml")

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
MIN_OPERATIONS = 50  # the server had 50 routes when this was written; fewer means a parse bug
PUBLIC = {("GET", "/api/v1/health"), ("POST", "/api/v1/auth/dev-login")}  # API.md: no token

KEY = re.compile(r"^( *)([^\s#'\"-][^:]*|'[^']*'|\"[^\"]*\"):(?:\s|$)")
REF = re.compile(r"#/components/(schemas|parameters|responses|securitySchemes)/([A-Za-z0-9_.\-]+)")
ROUTE = re.compile(r"^(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) (/\S*)$")
ANCHOR_OR_ALIAS = re.compile(r"^\s*(-\s+)?([^\s:][^:]*:\s+)?[&*][A-Za-z0-9_-]+(\s|$)|<<:")


def unquote(key):
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        return key[1:-1]
    return key


def scan(text):
    """([(line number, indent, key, value)] for every mapping-key line, {line numbers of
    block-scalar text})."""
    keys, prose, block_indent = [], set(), None
    for n, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                prose.add(n)
                continue
            block_indent = None
        m = KEY.match(line)
        if m:
            value = line[m.end():].strip()
            keys.append((n, indent, unquote(m.group(2).strip()), value))
            if re.fullmatch(r"[|>][-+0-9]*", value):
                block_indent = indent
    return keys, prose


def top_level_section(keys, name):
    """The key lines inside the top-level section `name:` (until the next top-level key)."""
    inside, out = False, []
    for n, indent, key, value in keys:
        if indent == 0:
            inside = key == name
            continue
        if inside:
            out.append((n, indent, key, value))
    return out


class Operation:
    def __init__(self):
        self.responses = []  # status codes (or "default"), in document order
        self.public = False  # has `security: []`


def parse_operations(text):
    """{(METHOD, path): Operation} from the `paths:` section."""
    ops = {}
    op = path = None
    in_responses = False
    for _, indent, key, value in top_level_section(scan(text)[0], "paths"):
        if indent == 2:
            path, op, in_responses = key, None, False
        elif indent == 4:
            # Path-level keys (parameters, summary, …) are not operations.
            op = ops.setdefault((key.upper(), path), Operation()) if key in HTTP_METHODS else None
            in_responses = False
        elif indent == 6 and op:
            in_responses = key == "responses"
            if key == "security" and value == "[]":
                op.public = True
        elif indent == 8 and op and in_responses:
            op.responses.append(key)
    return ops


def parse_components(text):
    """{"schemas": {names}, "parameters": {names}, ...} from the `components:` section."""
    out, kind = {}, None
    for _, indent, key, _ in top_level_section(scan(text)[0], "components"):
        if indent == 2:
            kind = key
            out.setdefault(kind, set())
        elif indent == 4 and kind:
            out[kind].add(key)
    return out


def server_routes(binary):
    proc = subprocess.run([binary, "--list-routes"], capture_output=True, text=True, timeout=30)
    if proc.returncode != 0:
        raise AssertionError(f"{binary} --list-routes exited {proc.returncode}: {proc.stderr}")
    routes, junk = set(), []
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        m = ROUTE.match(line.strip())
        if m:
            routes.add((m.group(1), m.group(2)))
        else:
            junk.append(line)
    if junk:
        raise AssertionError("unexpected lines from --list-routes:\n" + "\n".join(junk))
    return routes


def route_differences(served, documented):
    """One line per route found on one side only (empty when they agree)."""
    lines = [f"  missing from docs/openapi.yaml: {m} {p}" for m, p in sorted(served - documented)]
    lines += [f"  documented but not served:      {m} {p}" for m, p in sorted(documented - served)]
    return lines


def unresolved_refs(text, components):
    """(line number, reference) for every #/components/... reference that names nothing."""
    bad = []
    for n, line in enumerate(text.splitlines(), 1):
        for kind, name in REF.findall(line):
            if name not in components.get(kind, set()):
                bad.append((n, f"#/components/{kind}/{name}"))
    return bad


class ParserSelfTest(unittest.TestCase):
    """The checks must be able to fail: run them on a small document with known faults."""

    SAMPLE = "\n".join([
        "openapi: 3.0.3",
        "paths:",
        "  /api/v1/a/{id}:",
        "    parameters:",
        "      - name: id",
        "    get:",
        "      summary: 'x: y'",
        "      security: []",
        "      responses:",
        "        '200':",
        "          description: |",
        "            prose: that looks like a key",
        "        patch: looks like a method",
        "          content:",
        "            application/json:",
        "              schema:",
        "                $ref: '#/components/schemas/A'",
        "        '404':",
        "          $ref: '#/components/responses/Gone'",
        "    delete:",
        "      description: >",
        "        '500': not a response",
        "  /api/v1/b:",
        "    post:",
        "      responses:",
        "        default:",
        "          description: x",
        "components:",
        "  schemas:",
        "    A:",
        "      type: object",
        "      properties:",
        "        b:",
        "          $ref: '#/components/schemas/B'",
        "",
    ])

    def test_finds_operations_responses_and_public_ones(self):
        ops = parse_operations(self.SAMPLE)
        self.assertEqual({k: v.responses for k, v in ops.items()},
                         {("GET", "/api/v1/a/{id}"): ["200", "patch", "404"],
                          ("DELETE", "/api/v1/a/{id}"): [],
                          ("POST", "/api/v1/b"): ["default"]})
        self.assertEqual({k for k, v in ops.items() if v.public}, {("GET", "/api/v1/a/{id}")})

    def test_skips_block_scalar_prose(self):
        keys, prose = scan(self.SAMPLE)
        self.assertEqual(prose, {12, 22})
        self.assertNotIn("prose", [k for _, _, k, _ in keys])

    def test_reports_route_differences(self):
        documented = set(parse_operations(self.SAMPLE))
        served = {("GET", "/api/v1/a/{id}"), ("POST", "/api/v1/b"), ("PATCH", "/api/v1/c")}
        self.assertEqual(route_differences(served, documented),
                         ["  missing from docs/openapi.yaml: PATCH /api/v1/c",
                          "  documented but not served:      DELETE /api/v1/a/{id}"])

    def test_reports_unresolved_refs(self):
        bad = unresolved_refs(self.SAMPLE, parse_components(self.SAMPLE))
        self.assertEqual([ref for _, ref in bad],
                         ["#/components/responses/Gone", "#/components/schemas/B"])


class OpenApiDocumentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(OPENAPI, encoding="utf-8") as f:
            cls.text = f.read()
        cls.operations = parse_operations(cls.text)
        cls.components = parse_components(cls.text)

    def test_layout_the_parser_relies_on(self):
        self.assertTrue(self.text.startswith("openapi: 3.0.3\n"), "not an OpenAPI 3.0.3 document")
        prose = scan(self.text)[1]
        problems = []
        for n, line in enumerate(self.text.splitlines(), 1):
            indent = len(line) - len(line.lstrip(" "))
            if "\t" in line:
                problems.append(f"  line {n}: tab")
            elif n not in prose and line.strip() and indent % 2:
                problems.append(f"  line {n}: odd indentation ({indent})")
            elif n not in prose and ANCHOR_OR_ALIAS.search(line):
                problems.append(f"  line {n}: YAML anchor or alias")
        self.assertEqual(problems, [], "docs/openapi.yaml:\n" + "\n".join(problems))

    def test_parser_finds_the_operations(self):
        self.assertGreaterEqual(
            len(self.operations), MIN_OPERATIONS,
            f"found only {len(self.operations)} operations in docs/openapi.yaml: the layout "
            "(paths at 2 spaces, methods at 4) or the parser is broken")

    def test_documents_exactly_the_server_routes(self):
        binary = os.environ.get("TRM_SERVER")
        self.assertTrue(binary, "set TRM_SERVER to the trm-server binary")
        served = server_routes(binary)
        self.assertGreaterEqual(len(served), MIN_OPERATIONS,
                                f"--list-routes printed only {len(served)} routes")
        diff = route_differences(served, set(self.operations))
        self.assertEqual(diff, [], "docs/openapi.yaml and trm-server --list-routes differ:\n" +
                         "\n".join(diff))

    def test_every_operation_has_a_response(self):
        bare = [f"  {m} {p}" for (m, p), op in sorted(self.operations.items()) if not op.responses]
        self.assertEqual(bare, [], "operations without responses:\n" + "\n".join(bare))
        odd = [f"  {m} {p}: {code}" for (m, p), op in sorted(self.operations.items())
               for code in op.responses
               if code != "default" and not re.fullmatch(r"[1-5]([0-9]{2}|XX)", code)]
        self.assertEqual(odd, [], "response keys that are not status codes:\n" + "\n".join(odd))

    def test_every_component_reference_resolves(self):
        self.assertIn("Problem", self.components.get("schemas", set()),
                      "components/schemas has no Problem schema")
        schema_refs = [name for kind, name in REF.findall(self.text) if kind == "schemas"]
        self.assertGreaterEqual(len(schema_refs), MIN_OPERATIONS,
                                "suspiciously few schema references found")
        bad = unresolved_refs(self.text, self.components)
        self.assertEqual(bad, [], "references to undefined components:\n" +
                         "\n".join(f"  line {n}: {ref}" for n, ref in bad))

    def test_error_responses_use_the_problem_schema(self):
        """Every inline error response with a body (4xx/5xx at 8 spaces) uses Problem."""
        lines = self.text.splitlines()
        offenders = []
        for i, line in enumerate(lines):
            m = re.fullmatch(r"        '([45][0-9]{2})':\s*", line)
            if not m:
                continue
            block = []
            for following in lines[i + 1:]:
                if following.strip() and len(following) - len(following.lstrip(" ")) <= 8:
                    break
                block.append(following)
            body = "\n".join(block)
            if "content:" in body and "#/components/schemas/Problem'" not in body:
                offenders.append(f"  line {i + 1}: {m.group(1)}")
        self.assertEqual(offenders, [],
                         "error responses not using the Problem schema:\n" + "\n".join(offenders))

    def test_only_the_public_endpoints_need_no_token(self):
        self.assertRegex(self.text, r"(?m)^security:\n  - bearerAuth: \[\]$",
                         "bearerAuth is not applied globally")
        self.assertIn("bearerAuth", self.components.get("securitySchemes", set()))
        public = {k for k, op in self.operations.items() if op.public}
        self.assertEqual(public, PUBLIC)


if __name__ == "__main__":
    unittest.main()
