#!/usr/bin/env python3
"""Regenerates the expected output of every conformance script with CPython 3.11.

tests/conformance/*.py      -> tests/conformance/<name>.out   (must exit 0)
samples/scenarios/*.py      -> tests/conformance/scenarios/<name>.out and <name>.exit

The CTest driver (tst_conformance) runs the same scripts through Awaitscope's interpreter
and compares stdout line for line. Scripts print elapsed times rounded (:.1f), so CPython's
wall-clock times and Awaitscope's virtual ones agree. On a busy machine CPython's wall clock
drifts now and then, so a script whose output differs between runs is run five times and the
most common output is kept.
Usage: python3 tests/conformance/regenerate.py [name ...]
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent
only = set(sys.argv[1:])

if sys.version_info[:2] != (3, 11):
    sys.exit(f"CPython 3.11 is the oracle; this is {sys.version.split()[0]}")


def run_once(script):
    return subprocess.run([sys.executable, script.name], capture_output=True, text=True, cwd=script.parent, timeout=120)


def run(script):
    results = [run_once(script), run_once(script)]
    if results[0].stdout != results[1].stdout:
        results += [run_once(script) for _ in range(3)]
    outputs = [r.stdout for r in results]
    return max(results, key=lambda r: outputs.count(r.stdout))


failed = False
for script in sorted(here.glob("*.py")):
    if script.name == "regenerate.py" or (only and script.stem not in only):
        continue
    result = run(script)
    if result.returncode != 0:
        print(f"{script.name}: CPython exited {result.returncode}\n{result.stderr}", file=sys.stderr)
        failed = True
        continue
    script.with_suffix(".out").write_text(result.stdout)
    print(f"{script.name}: {len(result.stdout.splitlines())} lines")

scenario_out = here / "scenarios"
scenario_out.mkdir(exist_ok=True)
for script in sorted((root / "samples" / "scenarios").glob("*.py")):
    if only and script.stem not in only:
        continue
    result = run(script)
    (scenario_out / f"{script.stem}.out").write_text(result.stdout)
    (scenario_out / f"{script.stem}.exit").write_text(f"{result.returncode}\n")
    print(f"scenarios/{script.name}: {len(result.stdout.splitlines())} lines, exit {result.returncode}")

sys.exit(1 if failed else 0)
