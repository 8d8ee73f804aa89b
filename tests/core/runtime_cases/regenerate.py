#!/usr/bin/env python3
"""Regenerates the expected output of every runtime case with CPython.

The C++ runtime tests (tests/core/tst_runtime_order.cpp) run the same programs written
against Awaitscope's runtime and compare what they print, line for line, with these files.
Usage: python3 tests/core/runtime_cases/regenerate.py
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent

if sys.version_info[:2] != (3, 11):
    sys.exit(f"CPython 3.11 is the oracle; this is {sys.version.split()[0]}")

for script in sorted(here.glob("*.py")):
    if script.name == "regenerate.py":
        continue
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    script.with_suffix(".out").write_text(result.stdout)
    print(f"{script.name}: {len(result.stdout.splitlines())} lines")
