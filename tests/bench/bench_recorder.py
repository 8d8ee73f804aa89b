"""The CPython recorder's cost, each figure against a baseline measured in the same run.
Never fails on time; prints figures and ratios.

1. The whole conformance set (and the lessons) recorded with --clock virtual, against plain
   python3 runs of the same scripts: sum of per-script wall times (goal: at most 0.25, since
   sleeps cost nothing on the virtual clock).
2. CPU-bound work under the recorder (both clocks) against the plain run (goal: at most 2x).
3. 10,000 short tasks, recorded on the wall clock, against the plain run (goal: at most 3x).
4. 600,000 one-character writes to stdout, recorded against plain.
5. With --million: a million tasks, peak memory recorded against plain (VmHWM).

    python3 tests/bench/bench_recorder.py [--million]      (BENCH_RUNS=5 by default)
"""
import concurrent.futures
import glob
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
RECORDER = os.path.join(ROOT, "tools", "awaitscope_record.py")
WORKLOAD = os.path.join(HERE, "bench_recorder_workload.py")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

CPU_BOUND = """\
import asyncio

def crunch(n):
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return total

async def worker(k):
    total = 0
    for _ in range(20):
        total += crunch(20_000)      # a few milliseconds of pure Python
        await asyncio.sleep(0)
    return total

async def main():
    results = await asyncio.gather(*(worker(k) for k in range(20)))
    print(sum(results))

asyncio.run(main())
"""

WRITES = """\
import sys
for _ in range(600_000):
    sys.stdout.write("x")
sys.stdout.write("\\n")
"""

MILLION = """\
import asyncio

async def work(n):
    await asyncio.sleep(0)
    return n

async def main():
    tasks = [asyncio.create_task(work(n)) for n in range(1_000_000)]
    print(sum(await asyncio.gather(*tasks)))

asyncio.run(main())
with open("/proc/self/status") as status:
    print([line.split()[1] for line in status if line.startswith("VmHWM")][0], "kB")
"""


def measure(arguments, cwd=None):
    """Wall time and CPU time (user + system) of one run of python3 with `arguments`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable] + arguments, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def timed(arguments, cwd):
    start = time.perf_counter()
    subprocess.run([sys.executable] + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    return time.perf_counter() - start


def conformance_set(folder):
    scripts = sorted(glob.glob(os.path.join(ROOT, "tests", "conformance", "*.py")) +
                     glob.glob(os.path.join(ROOT, "samples", "scenarios", "*.py")))
    scripts = [s for s in scripts if not s.endswith("regenerate.py")]
    # The plain runs mostly sleep: eight at a time, each timed on its own.
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        plain = sum(pool.map(lambda s: timed([s], os.path.dirname(s)), scripts))
    trace = os.path.join(folder, "conformance.json")
    recorded = sum(timed([RECORDER, "--clock", "virtual", "-o", trace, s], os.path.dirname(s)) for s in scripts)
    print(f"conformance set and lessons, {len(scripts)} scripts, each run once (python {sys.version.split()[0]})")
    print(f"  plain python3 {plain:.1f} s   recorded, virtual clock {recorded:.1f} s   "
          f"ratio {recorded / plain:.3f} (goal <= 0.25)")


def best_of(label, plain_args, recorded_variants, goal, cwd):
    plain, recorded = [], {name: [] for name, _ in recorded_variants}
    for _ in range(RUNS):
        plain.append(measure(plain_args, cwd))
        for name, arguments in recorded_variants:
            recorded[name].append(measure(arguments, cwd))
    print(f"{label}, best of {RUNS}")
    for metric, i in (("wall", 0), ("cpu", 1)):
        p = min(run[i] for run in plain)
        figures = "   ".join(f"{name} {min(run[i] for run in runs):.3f} s ({min(run[i] for run in runs) / p:.2f}x)"
                             for name, runs in recorded.items())
        print(f"  {metric:5} plain {p:.3f} s   {figures}   (goal <= {goal})")


def main():
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, "trace.json")
        for name, text in (("cpu_bound.py", CPU_BOUND), ("writes.py", WRITES), ("million.py", MILLION)):
            with open(os.path.join(folder, name), "w") as f:
                f.write(text)
        conformance_set(folder)
        best_of("CPU-bound work (20 tasks computing, yielding every few ms)", ["cpu_bound.py"],
                [("wall clock", [RECORDER, "-o", trace, "cpu_bound.py"]),
                 ("virtual clock", [RECORDER, "--clock", "virtual", "-o", trace, "cpu_bound.py"])], "2x", folder)
        best_of("10,000 short tasks", [WORKLOAD], [("recorded", [RECORDER, "-o", trace, WORKLOAD])], "3x", folder)
        print(f"  trace {os.path.getsize(trace) / 1e6:.1f} MB")
        best_of("600,000 one-character writes", ["writes.py"], [("recorded", [RECORDER, "-o", trace, "writes.py"])],
                "2x", folder)
        if "--million" in sys.argv:
            plain = measure(["million.py"], folder)
            recorded = measure([RECORDER, "-o", trace, "million.py"], folder)
            peak = lambda out: int(out.decode().split()[-2])
            print("a million tasks, once")
            print(f"  wall plain {plain[0]:.1f} s   recorded {recorded[0]:.1f} s ({recorded[0] / plain[0]:.2f}x)")
            print(f"  peak memory plain {peak(plain[2]) / 1e6:.2f} GB   recorded {peak(recorded[2]) / 1e6:.2f} GB "
                  f"({peak(recorded[2]) / peak(plain[2]):.2f}x)   trace {os.path.getsize(trace) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
