"""Random asyncio programs must print the same under the recorder (wall clock and virtual
clock) as alone: same stdout, same stderr, same exit code.

The programs are built from what asyncio tutorials use (tasks, gather, TaskGroup, Events,
Locks, Semaphores, Queues, cancellation, exceptions, nested coroutines, async generators,
to_thread), with only waits whose order asyncio decides (no timers racing each other), so
that the plain run is the same on every run and every machine.

CI runs a bounded number; AWAITSCOPE_RANDOM_PROGRAMS=N and AWAITSCOPE_RANDOM_SEED=S run more.
"""
import os
import random
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.environ.get("AWAITSCOPE_RECORDER") or os.path.join(HERE, "..", "..", "tools", "awaitscope_record.py")
PROGRAMS = int(os.environ.get("AWAITSCOPE_RANDOM_PROGRAMS", "60"))
SEED = int(os.environ.get("AWAITSCOPE_RANDOM_SEED", "2024"))
PER_FILE = 30  # programs in one file: one process per way of running it, not per program


class ProgramWriter:
    """One random program: async def program_<k>() and the coroutines it uses."""

    def __init__(self, rng, k):
        self.rng = rng
        self.k = k
        self.lines = []

    def emit(self, indent, text):
        self.lines.append("    " * indent + text)

    def action(self, indent, who, depth):
        rng = self.rng
        choice = rng.randrange(12)
        if choice == 0:
            self.emit(indent, f"print('{who} step', flush=True)")
        elif choice == 1:
            self.emit(indent, "await asyncio.sleep(0)")
        elif choice == 2:
            self.emit(indent, "async with lock:")
            self.emit(indent + 1, f"print('{who} holds the lock')")
            self.emit(indent + 1, "await asyncio.sleep(0)")
        elif choice == 3:
            self.emit(indent, "async with sem:")
            self.emit(indent + 1, f"shared.append('{who}')")
            self.emit(indent + 1, "await asyncio.sleep(0)")
        elif choice == 4:
            self.emit(indent, f"queue.put_nowait('{who}')")
        elif choice == 5:
            self.emit(indent, "try:")
            self.emit(indent + 1, f"print('{who} got', queue.get_nowait())")
            self.emit(indent, "except asyncio.QueueEmpty:")
            self.emit(indent + 1, f"print('{who} found the queue empty')")
        elif choice == 6:
            self.emit(indent, f"await started.wait()")
            self.emit(indent, f"print('{who} saw the start')")
        elif choice == 7 and depth < 2:
            self.emit(indent, f"print('{who} nested', await helper_{self.k}('{who}', {depth + 1}))")
        elif choice == 8:
            self.emit(indent, f"shared.append(sum([n async for n in numbers_{self.k}({rng.randrange(4)})]))")
        elif choice == 9 and rng.random() < 0.3:
            self.emit(indent, f"raise ValueError('{who} failed')")
        elif choice == 10:
            self.emit(indent, f"print('{who} sees', len(shared), 'items')")
        else:
            self.emit(indent, f"await asyncio.sleep(0)")
            self.emit(indent, f"print('{who} after a yield')")

    def write(self):
        rng, k = self.rng, self.k
        self.emit(0, f"async def numbers_{k}(count):")
        self.emit(1, "for n in range(count):")
        self.emit(2, "await asyncio.sleep(0)")
        self.emit(2, "yield n")
        self.emit(0, "")
        self.emit(0, f"async def helper_{k}(who, depth):")
        for _ in range(rng.randrange(1, 3)):
            self.action(1, "helper", 2)
        self.emit(1, "return who + ' done'")
        self.emit(0, "")
        workers = rng.randrange(2, 5)
        for w in range(workers):
            self.emit(0, f"async def worker_{k}_{w}():")
            self.emit(1, "try:")
            for _ in range(rng.randrange(1, 6)):
                self.action(2, f"w{w}", 0)
            self.emit(2, f"return 'w{w} result'")
            self.emit(1, "except asyncio.CancelledError:")
            self.emit(2, f"print('w{w} cancelled')")
            self.emit(2, "raise")
            self.emit(0, "")
        self.emit(0, f"async def program_{k}():")
        self.emit(1, f"print('program {k}')")
        self.emit(1, "global lock, sem, queue, started, shared")
        self.emit(1, f"lock, sem, queue = asyncio.Lock(), asyncio.Semaphore({rng.randrange(1, 3)}), asyncio.Queue()")
        self.emit(1, "started, shared = asyncio.Event(), []")
        style = rng.randrange(3)
        if style == 0:  # tasks, some cancelled, each awaited
            self.emit(1, f"tasks = [asyncio.create_task(worker_{k}_{w}(), name='w{w}') for w in range({workers})]")
            self.emit(1, "await asyncio.sleep(0)")
            if rng.random() < 0.5:
                self.emit(1, f"tasks[{rng.randrange(workers)}].cancel()")
            self.emit(1, "started.set()")
            self.emit(1, "for task in tasks:")
            self.emit(2, "try:")
            self.emit(3, "print(task.get_name(), await task)")
            self.emit(2, "except (ValueError, asyncio.CancelledError) as error:")
            self.emit(3, "print(task.get_name(), 'raised', repr(error))")
        elif style == 1:  # gather with return_exceptions
            self.emit(1, "started.set()")
            self.emit(1, f"results = await asyncio.gather(*(w() for w in [{', '.join(f'worker_{k}_{w}' for w in range(workers))}]), "
                         "return_exceptions=True)")
            self.emit(1, "print([repr(r) for r in results])")
        else:  # a TaskGroup, which may fail as a group
            self.emit(1, "started.set()")
            self.emit(1, "try:")
            self.emit(2, "async with asyncio.TaskGroup() as group:")
            for w in range(workers):
                self.emit(3, f"group.create_task(worker_{k}_{w}())")
            self.emit(2, "print('the group ended')")
            self.emit(1, "except* ValueError as errors:")
            self.emit(2, "print('the group failed:', sorted(str(e) for e in errors.exceptions))")
        if rng.random() < 0.3:  # a thread, with nothing else running meanwhile
            self.emit(1, "print(await asyncio.to_thread(sorted, shared, key=str))")
        self.emit(1, "print('shared', shared, 'queue', queue.qsize())")
        self.emit(0, "")
        return "\n".join(self.lines) + "\n"


def program_file(rng, first, count):
    parts = ["import asyncio\n\n"]
    for k in range(first, first + count):
        parts.append(ProgramWriter(rng, k).write())
    parts.append(f"for k in range({first}, {first + count}):\n    asyncio.run(globals()[f'program_{{k}}']())\n")
    return "".join(parts)


class RandomProgramsPrintTheSame(unittest.TestCase):
    def test_random_programs(self):
        rng = random.Random(SEED)
        compared = 0
        with tempfile.TemporaryDirectory() as folder:
            for first in range(0, PROGRAMS, PER_FILE):
                count = min(PER_FILE, PROGRAMS - first)
                path = os.path.join(folder, f"programs_{first}.py")
                with open(path, "w") as f:
                    f.write(program_file(rng, first, count))

                def run(*command):
                    done = subprocess.run([sys.executable, *command], cwd=folder, capture_output=True, text=True,
                                          timeout=600)
                    return done.returncode, done.stdout, done.stderr
                plain = run(path)
                self.assertIn("program", plain[1])
                for clock in ("wall", "virtual"):
                    recorded = run(RECORDER, "--clock", clock, "-o", os.path.join(folder, "trace.json"), path)
                    self.assertEqual(recorded, plain, f"seed {SEED}, programs {first}..{first + count - 1}, {clock} clock")
                compared += count
        self.assertEqual(compared, PROGRAMS)


if __name__ == "__main__":
    unittest.main()
