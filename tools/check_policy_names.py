#!/usr/bin/env python3
"""One policy, one place: no source file in src/trm or src/portal names a permission.

What an action needs is declared once, in src/mtm's action catalogue (src/mtm/actions.cpp);
handlers and views ask about actions. This check fails when a file outside src/mtm names a
permission, either as the C++ enum (mtm::Permission::rooms_view) or as its API id in a string
literal ("rooms.view"). Permission *sets* (mtm::PermissionSet) and the catalogue's iteration
(mtm::catalogue()) stay allowed: listing a role's permissions names none of them.

Usage: python3 tools/check_policy_names.py [--self-test]
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECKED = ("src/trm", "src/portal")
SUFFIXES = {".cpp", ".hpp", ".inc", ".h"}


def permission_ids():
    """The twenty ids, read from the catalogue itself so the check never drifts from it."""
    text = (ROOT / "src/mtm/catalogue.cpp").read_text(encoding="utf-8")
    ids = sorted(set(re.findall(r'"([a-z]+\.[a-zA-Z]+)"', text)))
    if len(ids) < 20:
        sys.exit(f"check_policy_names: read only {len(ids)} permission ids from the catalogue")
    return ids


def offences(text, ids):
    enum = re.compile(r"\bPermission::[a-z_]+\b")
    literal = re.compile(r'"(' + "|".join(re.escape(i) for i in ids) + r')"')
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split("//", 1)[0]
        for m in enum.finditer(code):
            found.append((n, m.group(0)))
        for m in literal.finditer(code):
            found.append((n, m.group(0)))
    return found


def main():
    ids = permission_ids()
    if "--self-test" in sys.argv:
        # The check must be able to fail: a handler naming a permission is caught both ways.
        bad = 'if (s.can(mtm::Permission::rooms_view)) body["missing"] = "rooms.resetKey";\n'
        assert len(offences(bad, ids)) == 2, offences(bad, ids)
        assert not offences("// rooms.view in a comment is fine\nmtm::PermissionSet set;\n", ids)
        print("check_policy_names: self-test passed")
        return 0
    bad = []
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file():
                for n, what in offences(path.read_text(encoding="utf-8"), ids):
                    bad.append(f"{path.relative_to(ROOT)}:{n}: names {what}")
    if bad:
        print("Permissions named outside src/mtm's action catalogue (ask about an mtm::Action):")
        print("\n".join(bad))
        return 1
    print(f"check_policy_names: {len(CHECKED)} folders clean of the {len(ids)} permission ids")
    return 0


if __name__ == "__main__":
    sys.exit(main())
