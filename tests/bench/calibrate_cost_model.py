#!/usr/bin/env python3
"""Calibrates the interpreter's cost model against CPython on this machine.

Each workload is a CPU-bound snippet that times itself with time.perf_counter(). Under
CPython we measure its CPU time (process_time, robust on a busy machine); under Awaitscope
perf_counter reads the virtual clock, so the script's own figure is what the cost model
charged. The ratio virtual / CPython should stay within 0.5 .. 2.0 (the goal is 1.0).

The costs live in core/src/script/vm/CostModel.h (picoseconds per instruction class;
core/src/script/vm/Opcodes.def gives each instruction its class). The suggestion printed at
the end scales them so the geometric mean is 1.0.
Usage: tests/bench/calibrate_cost_model.py [path/to/awaitscope [WORKLOAD-SUBSTRING...]]
"""
import math
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
APP = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else next(
    (p for p in [ROOT / "build/release/app/awaitscope", ROOT / "build/dev/app/awaitscope"] if p.exists()), None)
ONLY = sys.argv[2:]  # run only the workloads whose names contain one of these

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
    "match dispatch": "class Point:\n    __match_args__ = ('x', 'y')\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\ndef handle(msg):\n    match msg:\n        case {'op': 'add', 'value': v}:\n            return v\n        case ('mul', a, b):\n            return a * b\n        case Point(x=0, y=y):\n            return y\n        case Point(x, y):\n            return x + y\n        case [first, *rest]:\n            return first + len(rest)\n        case int(n) if n > 0:\n            return n\n        case 'reset' | 'clear':\n            return 0\n        case _:\n            return -1\ndef g():\n    msgs = [{'op': 'add', 'value': 3}, ('mul', 2, 5), Point(0, 4), Point(1, 2), [1, 2, 3], 7, 'reset', None]\n    total = 0\n    for _ in range(25_000):\n        for m in msgs:\n            total += handle(m)\ng()\n",
    "async generators": "import asyncio\nasync def numbers(n):\n    for i in range(n):\n        yield i * 2\nasync def main():\n    total = 0\n    async for x in numbers(200_000):\n        total += x\n    squares = [x * x async for x in numbers(100_000) if x % 3]\n    return total + len(squares)\nasyncio.run(main())\n",
    "bytes": "def g():\n    total = 0\n    for i in range(100_000):\n        b = bytearray(b'id:')\n        b.extend(str(i).encode())\n        b.append(59)\n        data = bytes(b)\n        total += len(data.decode('ascii').split(':')[1]) + data[0] + data.find(b';')\n        total += int.from_bytes(data[:2], 'big') % 7 + len(data.hex())\ng()\n",
    "big ints": "def g():\n    total = 0\n    for _ in range(300):\n        f = 1\n        for i in range(2, 400):\n            f *= i\n        a, b = 0, 1\n        for _ in range(1500):\n            a, b = b, a + b\n        total += f % 1_000_003 + (b >> 900) % 97 + len(str(f))\ng()\n",
    "exception groups": "def g():\n    handled = 0\n    for i in range(30_000):\n        try:\n            raise ExceptionGroup('batch', [ValueError(i), KeyError(i), TypeError('t')])\n        except* ValueError as eg:\n            handled += len(eg.exceptions)\n        except* (KeyError, TypeError) as eg:\n            handled += len(eg.exceptions)\ng()\n",
    "walrus": "def g():\n    data = list(range(2000))\n    total = 0\n    for _ in range(150):\n        total += len([y for x in data if (y := x * 3) % 5])\n        n = 2000\n        while (n := n - 1) > 0:\n            total += n & 1\ng()\n",
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
    failed = False
    print(f"{'workload':26} {'CPython cpu':>12} {'virtual':>10} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in WORKLOADS.items():
            if ONLY and not any(part in name for part in ONLY):
                continue
            script = pathlib.Path(tmp) / "workload.py"
            script.write_text(TEMPLATE.format(body=body))
            cpython = float(subprocess.run([sys.executable, "-c", CPYTHON_HARNESS, str(script)],
                                           capture_output=True, text=True, check=True).stdout)
            run = subprocess.run([str(APP), "--run", str(script)], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"{name:26} {cpython:11.3f}s {'failed':>10}: {run.stderr.strip().splitlines()[-1:]}")
                failed = True
                continue
            virtual = float(run.stdout.strip().splitlines()[-1])
            ratio = virtual / cpython
            ratios.append(ratio)
            print(f"{name:26} {cpython:11.3f}s {virtual:9.3f}s {ratio:7.2f}")
    mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"geometric mean virtual/CPython: {mean:.2f} (range {min(ratios):.2f} .. {max(ratios):.2f})")
    print(f"to calibrate, multiply the picosecond costs in core/src/script/vm/CostModel.h by {1 / mean:.2f}")
    return 0 if not failed and 0.5 <= min(ratios) and max(ratios) <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
