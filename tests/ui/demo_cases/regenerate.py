#!/usr/bin/env python3
"""Regenerates the expected outputs of the built-in demo lessons with CPython.

Each demo in ui/demo/DemoScenarios.cpp keeps the asyncio program it is the C++ twin of, as
a raw string. This script runs every one of those programs under python3 (3.11+) and writes
what it printed to <file>.out, which tst_demo_scenarios compares with the recorded output.
Run it after changing a demo:  python3 tests/ui/demo_cases/regenerate.py
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "..", "ui", "demo", "DemoScenarios.cpp")


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"CPython 3.11 is the oracle; this is {sys.version.split()[0]}")
    with open(SOURCE, encoding="utf-8") as f:
        text = f.read()
    programs = re.findall(r'const DemoScript k\w+\{"([\w.]+)", R"\((.*?)\)"\};', text, re.S)
    if not programs:
        sys.exit("no demo programs found in " + SOURCE)
    for file_name, program in programs:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, file_name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(program)
            result = subprocess.run([sys.executable, path], capture_output=True, text=True, check=True)
        out = os.path.join(HERE, file_name[:-3] + ".out")
        with open(out, "w", encoding="utf-8") as f:
            f.write(result.stdout)
        print("wrote", out)


if __name__ == "__main__":
    main()
