#!/usr/bin/env python3
"""Checks the portal's Italian catalogue against the code.

Every English string the portal passes to tr() or trf() — and the permission catalogue's
feature names and labels (src/mtm/catalogue.cpp), which the Roles page shows — must have an entry in
src/portal/i18n_it.inc, with the same placeholders ({} and printf-style %s/%d/%zu) as the
English; entries no code uses any more are reported too. Exit status 1 when anything is off.

    python3 tools/i18n_check.py            # check (ctest runs this)
    python3 tools/i18n_check.py --missing  # print stub lines for the strings still missing
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PORTAL = ROOT / "src" / "portal"
CATALOGUE = PORTAL / "i18n_it.inc"
PERMISSIONS = ROOT / "src" / "mtm" / "catalogue.cpp"

LITERAL = r'"(?:[^"\\\n]|\\.)*"'
CALL = re.compile(r'\btrf?\(\s*(' + LITERAL + r'(?:\s*' + LITERAL + r')*)')
ENTRY = re.compile(r'^\s*\{\s*(' + LITERAL + r')\s*,\s*(' + LITERAL + r')\s*\},?\s*(?://.*)?$')
PLACEHOLDER = re.compile(r'\{\}|%[-+ #0-9.]*(?:zu|lld|ll|[sdfuxc])')


def unquote(literals):
    parts = re.findall(LITERAL, literals)
    return "".join(bytes(p[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                   for p in parts)


# {P::rooms_view, "rooms.view", "Rooms", "View"}: the feature and the label are shown.
PERMISSION_ROW = re.compile(r'\{P::\w+,\s*' + LITERAL + r',\s*(' + LITERAL + r'),\s*(' + LITERAL + r')\}')


def used_strings():
    found = {}
    text = PERMISSIONS.read_text(encoding="utf-8")
    for m in PERMISSION_ROW.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        for group in (1, 2):
            found.setdefault(unquote(m.group(group)), f"{PERMISSIONS.relative_to(ROOT)}:{line}")
    for path in sorted(PORTAL.rglob("*.[ch]pp")):
        text = path.read_text(encoding="utf-8")
        for m in CALL.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.setdefault(unquote(m.group(1)), f"{path.relative_to(ROOT)}:{line}")
    return found


def catalogue():
    entries, problems = {}, []
    for n, line in enumerate(CATALOGUE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.strip().startswith("//"):
            continue
        m = ENTRY.match(line)
        if not m:
            problems.append(f"{CATALOGUE.name}:{n}: not a {{\"English\", \"Italiano\"}}, line")
            continue
        en, it = unquote(m.group(1)), unquote(m.group(2))
        if en in entries:
            problems.append(f"{CATALOGUE.name}:{n}: duplicate entry for {en!r}")
        if not it.strip():
            problems.append(f"{CATALOGUE.name}:{n}: empty translation for {en!r}")
        # trf() and printf fill placeholders in order: the translation keeps them in order too.
        if PLACEHOLDER.findall(en) != PLACEHOLDER.findall(it):
            problems.append(f"{CATALOGUE.name}:{n}: placeholders differ: {en!r} → {it!r}")
        entries[en] = it
    return entries, problems


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    used = used_strings()
    entries, problems = catalogue()
    missing = [s for s in used if s not in entries]
    if "--missing" in sys.argv:
        for s in missing:
            print("{" + quote(s) + ", " + quote("") + "},")
        return 0
    for s in missing:
        problems.append(f"{used[s]}: no Italian for {s!r}")
    for s in entries:
        if s not in used:
            problems.append(f"{CATALOGUE.name}: {s!r} is no longer used")
    for p in problems:
        print(p)
    print(f"{len(used)} UI strings, {len(entries)} Italian entries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
