#!/usr/bin/env python3
"""Checks that no Catch2 test name holds a ';': ctest (catch_discover_tests) splits such a name
into two tests that both fail. Lists each one as FILE:LINE and exits 1. scripts/check-format.sh
runs it."""
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
        if ";" in name:
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"  {path.relative_to(root)}:{line}: {name}")
if found:
    print("check-test-names: a ';' in a test name makes ctest split it in two:", file=sys.stderr)
    print("\n".join(found), file=sys.stderr)
    print("check-test-names: write ',' or 'and' instead", file=sys.stderr)
    sys.exit(1)
