#!/usr/bin/env python3
"""Calibrates the interpreter's cost model against CPython on this machine.

Each workload is a CPU-bound snippet that times itself with time.perf_counter(). Under
CPython we measure its CPU time (process_time, robust on a busy machine); under Awaitscope
perf_counter reads the virtual clock, so the script's own figure is what the cost model
charged. The ratio virtual / CPython should stay within 0.5 .. 2.0 (the goal is 1.0).

The costs live in core/src/script/vm/CostModel.h (picoseconds per instruction class;
core/src/script/vm/Opcodes.def gives each instruction its class). The suggestion printed at
the end scales them so the geometric mean is 1.0.
Usage: tests/bench/calibrate_cost_model.py [path/to/awaitscope]
"""
import math
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
APP = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else next(
    (p for p in [ROOT / "build/release/app/awaitscope", ROOT / "build/dev/app/awaitscope"] if p.exists()), None)

WORKLOADS = {
    "module-level arithmetic": "total = 0\nfor i in range(1_500_000):\n    total += i * i % 7\n",
    "local arithmetic": "def f():\n    total = 0\n    for i in range(1_500_000):\n        total += i * 3 + 1\n    return total\nf()\n",
    "function calls": "def add(a, b):\n    return a + b\ndef g():\n    total = 0\n    for i in range(600_000):\n        total = add(total, i)\ng()\n",
    "recursion": "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib(25)\n",
    "methods": "class C:\n    def __init__(self):\n        self.n = 0\n    def bump(self, k):\n        self.n += k\ndef g():\n    c = C()\n    for i in range(500_000):\n        c.bump(i)\ng()\n",
    "attributes": "class P:\n    pass\ndef g():\n    p = P()\n    p.x = 0\n    for i in range(1_000_000):\n        p.x = p.x + i\ng()\n",
    "dicts": "def g():\n    counts = {}\n    words = ['a', 'b', 'c', 'd']\n    for i in range(600_000):\n        w = words[i % 4]\n        counts[w] = counts.get(w, 0) + 1\ng()\n",
    "lists": "def g():\n    items = []\n    for i in range(800_000):\n        items.append(i)\n    return sum(items)\ng()\n",
    "f-strings": "def g():\n    parts = []\n    for i in range(200_000):\n        parts.append(f'item-{i}:{i * 0.5:.1f}')\n    return ','.join(parts)\ng()\n",
    "comprehensions": "def g():\n    for _ in range(60):\n        squares = [x * x for x in range(10_000) if x % 3]\ng()\n",
    "while loop": "def g():\n    n = 0\n    while n < 2_000_000:\n        n += 1\ng()\n",
    "tuples": "def g():\n    acc = 0\n    for i in range(500_000):\n        a, b = i, i + 1\n        t = (a, b)\n        acc += t[0] + t[1]\ng()\n",
    "floats": "def g():\n    x = 0.0\n    for i in range(1_000_000):\n        x = x * 0.5 + 1.5\ng()\n",
    "text processing": "text = 'the quick brown fox jumps over the lazy dog ' * 20\ndef g():\n    total = 0\n    for _ in range(3000):\n        for word in text.split():\n            total += len(word) % 7 + 1\ng()\n",
}

TEMPLATE = """import time
start = time.perf_counter()
{body}
print(f"{{time.perf_counter() - start:.6f}}")
"""

CPYTHON_HARNESS = """
import sys, time, io, contextlib
code = compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')
best = 1e9
for _ in range(5):
    t = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, {'__name__': '__main__'})
    best = min(best, time.process_time() - t)
print(best)
"""


def main():
    if APP is None:
        sys.exit("build awaitscope first (or pass its path)")
    ratios = []
    print(f"{'workload':26} {'CPython cpu':>12} {'virtual':>10} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in WORKLOADS.items():
            script = pathlib.Path(tmp) / "workload.py"
            script.write_text(TEMPLATE.format(body=body))
            cpython = float(subprocess.run([sys.executable, "-c", CPYTHON_HARNESS, str(script)],
                                           capture_output=True, text=True, check=True).stdout)
            run = subprocess.run([str(APP), "--run", str(script)], capture_output=True, text=True, check=True)
            virtual = float(run.stdout.strip().splitlines()[-1])
            ratio = virtual / cpython
            ratios.append(ratio)
            print(f"{name:26} {cpython:11.3f}s {virtual:9.3f}s {ratio:7.2f}")
    mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"geometric mean virtual/CPython: {mean:.2f} (range {min(ratios):.2f} .. {max(ratios):.2f})")
    print(f"to calibrate, multiply the picosecond costs in core/src/script/vm/CostModel.h by {1 / mean:.2f}")
    return 0 if 0.5 <= min(ratios) and max(ratios) <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
