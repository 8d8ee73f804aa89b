#!/usr/bin/env python3
"""Calibrates the interpreter's cost model against CPython on this machine.

Each workload is a CPU-bound snippet that times itself with time.perf_counter(). Under
CPython we measure its CPU time (process_time, robust on a busy machine); under Awaitscope
perf_counter reads the virtual clock, so the script's own figure is what the cost model
charged. The ratio virtual / CPython should stay within 0.5 .. 2.0 (the goal is 1.0).

The costs live in core/src/script/vm/CostModel.h (picoseconds per instruction class;
core/src/script/vm/Opcodes.def gives each instruction its class). The suggestion printed at
the end scales them so the geometric mean is 1.0.

Two groups: "core" (the interpreter's own instructions) and "library" (the standard-library
modules: their imports and classes are set up before the clock starts, so only the calls
are measured; library code charges by its module's cost class, modules/Modules.def).
Usage: tests/bench/calibrate_cost_model.py [path/to/awaitscope [GROUP|WORKLOAD-SUBSTRING...]]
"""
import math
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
APP = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else next(
    (p for p in [ROOT / "build/release/app/awaitscope", ROOT / "build/dev/app/awaitscope"] if p.exists()), None)
GROUPS = [arg for arg in sys.argv[2:] if arg in ("core", "library")]
ONLY = [arg for arg in sys.argv[2:] if arg not in GROUPS]  # run only the workloads whose names contain one of these

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

# (setup, measured body) per module family; CPython runs most of these in C.
LIBRARY_WORKLOADS = {
    "json dumps/loads": ("import json\n",
        "doc = {'id': 7, 'name': 'agent', 'tags': ['a', 'b', 'c'], 'score': 0.75, 'ok': True, 'meta': {'k': None, 'n': [1, 2, 3]}}\n"
        "def g():\n    total = 0\n    for i in range(8_000):\n        doc['id'] = i\n        text = json.dumps(doc)\n        total += len(json.loads(text)['tags'])\n    return total\ng()\n"),
    "random draws": ("import random\n",
        "def g():\n    random.seed(1)\n    items = list(range(50))\n    total = 0.0\n    for _ in range(40_000):\n"
        "        total += random.random() + random.uniform(1, 2) + random.randint(1, 6) + random.choice(items) + random.gauss(0, 1)\n"
        "    for _ in range(400):\n        random.shuffle(items)\n    return total\ng()\n"),
    "dataclasses": ("from dataclasses import dataclass\n@dataclass\nclass Point:\n    x: int\n    y: int\n    label: str = 'p'\n",
        "def g():\n    same = 0\n    text = 0\n    for i in range(60_000):\n        p = Point(i, i + 1)\n        q = Point(i, i + 1, 'p')\n        same += p == q\n        if i % 4 == 0:\n            text += len(repr(p))\n    return same + text\ng()\n"),
    "enum lookups": ("from enum import Enum\nclass Color(Enum):\n    RED = 1\n    GREEN = 2\n    BLUE = 3\n",
        "def g():\n    total = 0\n    names = ['RED', 'GREEN', 'BLUE']\n    for i in range(60_000):\n        c = Color(i % 3 + 1)\n        d = Color[names[i % 3]]\n        total += c.value + (c is d) + (Color.RED is c) + len(d.name)\n    return total\ng()\n"),
    "functools": ("import functools\n",
        "def add(a, b):\n    return a + b\n@functools.lru_cache(maxsize=128)\ndef square(n):\n    return n * n\n"
        "def g():\n    inc = functools.partial(add, 1)\n    total = 0\n    for i in range(200_000):\n        total += inc(i) + square(i % 100)\n"
        "    for _ in range(200):\n        total += functools.reduce(add, range(1000))\n    return total\ng()\n"),
    "deque": ("from collections import deque\n",
        "def g():\n    q = deque()\n    total = 0\n    for i in range(500_000):\n        q.append(i)\n        if len(q) > 10:\n            total += q.popleft()\n    return total\ng()\n"),
    "Counter": ("from collections import Counter\n",
        "words = ('the quick brown fox jumps over the lazy dog ' * 10).split()\n"
        "def g():\n    total = 0\n    for _ in range(8000):\n        c = Counter(words)\n        c['fox'] += 1\n        total += c['the'] + len(c.most_common(3))\n    return total\ng()\n"),
    "defaultdict": ("from collections import defaultdict\n",
        "def g():\n    groups = defaultdict(list)\n    counts = defaultdict(int)\n    for i in range(300_000):\n        groups[i % 17].append(i)\n        counts[i % 13] += 1\n    return len(groups) + counts[0]\ng()\n"),
    "namedtuple": ("from collections import namedtuple\nPair = namedtuple('Pair', ['left', 'right'])\n",
        "def g():\n    total = 0\n    for i in range(120_000):\n        p = Pair(i, i + 1)\n        a, b = p\n        total += p.left + p.right + a + b + p[0]\n    return total\ng()\n"),
    "itertools": ("import itertools\n",
        "def g():\n    total = 0\n    for _ in range(1800):\n        total += sum(itertools.islice(itertools.count(), 200))\n"
        "        total += sum(itertools.chain(range(100), range(100)))\n"
        "        total += sum(a * b for a, b in itertools.product(range(12), repeat=2))\n"
        "        total += sum(len(list(grp)) for _, grp in itertools.groupby(sorted(range(100), key=lambda x: x % 5), key=lambda x: x % 5))\n"
        "    return total\ng()\n"),
    "heapq": ("import heapq\n",
        "def g():\n    total = 0\n    for r in range(90):\n        heap = []\n        for i in range(2000):\n            heapq.heappush(heap, (i * 7919) % 2003)\n        while heap:\n            total += heapq.heappop(heap)\n    return total\ng()\n"),
    "logging": ("import io\nimport logging\nstream = io.StringIO()\nhandler = logging.StreamHandler(stream)\nhandler.setFormatter(logging.Formatter('%(levelname)s:%(name)s:%(message)s'))\nlog = logging.getLogger('bench')\nlog.addHandler(handler)\nlog.setLevel(logging.WARNING)\nlog.propagate = False\n",
        "def g():\n    for i in range(60_000):\n        log.debug('step %d', i)\n        log.info('value %s', i)\n        if i % 20 == 0:\n            log.warning('slow step %d', i)\n    return len(stream.getvalue())\ng()\n"),
    "datetime": ("from datetime import datetime, timedelta\n",
        "def g():\n    start = datetime(2024, 1, 1, 12, 0)\n    step = timedelta(minutes=7, seconds=30)\n    total = 0\n    t = start\n    for i in range(75_000):\n        t = t + step\n        total += (t - start).seconds + t.day\n        if t - start > timedelta(days=30):\n            t = start\n    return total\ng()\n"),
    "textwrap": ("import textwrap\n",
        "text = 'Awaitscope shows how coroutines interleave on one event loop, which steps block it and which tasks wait. ' * 6\n"
        "def g():\n    total = 0\n    for width in range(450):\n        total += len(textwrap.wrap(text, 30 + width % 40))\n        total += len(textwrap.fill(text[:200], 50))\n    return total\ng()\n"),
}

TEMPLATE = """import time
{setup}start = time.perf_counter()
{body}
print(f"{{time.perf_counter() - start:.6f}}")
"""

# The script's own figure, with perf_counter reading CPU time: what it measures is the
# part after its setup.
CPYTHON_HARNESS = """
import sys, time, io, contextlib
time.perf_counter = time.process_time
code = compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')
best = 1e9
for _ in range(5):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {'__name__': '__main__'})
    best = min(best, float(out.getvalue().split()[-1]))
print(best)
"""


def measure(name, setup, body, tmp):
    """CPython's CPU time over Awaitscope's virtual time for one workload (None if it failed)."""
    script = pathlib.Path(tmp) / "workload.py"
    script.write_text(TEMPLATE.format(setup=setup, body=body))
    cpython = float(subprocess.run([sys.executable, "-c", CPYTHON_HARNESS, str(script)],
                                   capture_output=True, text=True, check=True).stdout)
    run = subprocess.run([str(APP), "--run", str(script)], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"{name:26} {cpython:11.3f}s {'failed':>10}: {run.stderr.strip().splitlines()[-1:]}")
        return None
    virtual = float(run.stdout.strip().splitlines()[-1])
    print(f"{name:26} {cpython:11.3f}s {virtual:9.3f}s {virtual / cpython:7.2f}")
    return virtual / cpython


def run_group(group, workloads, tmp):
    """Runs one group; true if no workload failed and every ratio is within 0.5 .. 2.0."""
    print(f"{group + ' workload':26} {'CPython cpu':>12} {'virtual':>10} {'ratio':>7}")
    ratios = []
    failed = False
    for name, workload in workloads.items():
        if ONLY and not any(part in name for part in ONLY):
            continue
        setup, body = workload if isinstance(workload, tuple) else ("", workload)
        ratio = measure(name, setup, body, tmp)
        if ratio is None:
            failed = True
        else:
            ratios.append(ratio)
    if not ratios:
        return not failed
    mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"{group}: geometric mean virtual/CPython: {mean:.2f} (range {min(ratios):.2f} .. {max(ratios):.2f})")
    if group == "core":
        print(f"to calibrate, multiply the picosecond costs in core/src/script/vm/CostModel.h by {1 / mean:.2f}")
    else:
        print("to calibrate, change a module's cost class (modules/Modules.def) or its C++ charges")
    print()
    return not failed and 0.5 <= min(ratios) and max(ratios) <= 2.0


def main():
    if APP is None:
        sys.exit("build awaitscope first (or pass its path)")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for group, workloads in (("core", WORKLOADS), ("library", LIBRARY_WORKLOADS)):
            if not GROUPS or group in GROUPS:
                ok = run_group(group, workloads, tmp) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
