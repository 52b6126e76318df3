#!/usr/bin/env python3
"""Checks the Catch2 test names that ctest cannot run: one holding a ';' (catch_discover_tests
splits it into two tests that both fail) and one starting with '-' (ctest passes the name to the
test binary, which reads it as an option). Lists each one as FILE:LINE and exits 1.
scripts/check-format.sh runs it."""
import pathlib
import re
import sys

NAME = re.compile(r'TEST_CASE\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)')
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')

root = pathlib.Path(__file__).resolve().parent.parent
found = []
for path in sorted((root / "tests").rglob("*.cpp")):
    text = path.read_text(encoding="utf-8")
    for match in NAME.finditer(text):
        name = "".join(LITERAL.findall(match.group(1)))
        if ";" in name or name.startswith("-"):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"  {path.relative_to(root)}:{line}: {name}")
if found:
    print("check-test-names: ctest cannot run these test names (a ';' splits one in two, a "
          "leading '-' reads as an option):", file=sys.stderr)
    print("\n".join(found), file=sys.stderr)
    print("check-test-names: write ',' or 'and' instead of ';', and start with a word",
          file=sys.stderr)
    sys.exit(1)
