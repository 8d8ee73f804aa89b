"""Recorder overhead (issue 8): the same 10,000-task program run plainly and under
tools/awaitscope_record.py, best of several runs each, interleaved so that both see the
same machine. Prints times and the ratio (goal: at most 3x). Never fails on time."""
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.join(HERE, "..", "..", "tools", "awaitscope_record.py")
WORKLOAD = os.path.join(HERE, "bench_recorder_workload.py")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def measure(arguments):
    """Wall time and CPU time (user + system) of one run of python3 with `arguments`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable] + arguments, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, "trace.json")
        plain, recorded = [], []
        for _ in range(RUNS):
            plain.append(measure([WORKLOAD]))
            recorded.append(measure([RECORDER, "-o", trace, WORKLOAD]))
        size = os.path.getsize(trace)
    best = lambda runs, i: min(r[i] for r in runs)
    print(f"recorder overhead, 10,000 tasks, best of {RUNS} (python {sys.version.split()[0]})")
    for label, i in (("wall", 0), ("cpu", 1)):
        p, r = best(plain, i), best(recorded, i)
        print(f"  {label:5} plain {p:.3f} s   recorded {r:.3f} s   ratio {r / p:.2f}x (goal <= 3x)")
    print(f"  trace {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
