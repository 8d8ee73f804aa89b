"""tools/awaitscope_record.py on its own: what the program sees of it (nothing), what it keeps
when the program dies, how it saves, and the virtual clock.

Run by CTest (test_recorder); alone: python3 -m unittest tests/recorder/test_recorder.py.
AWAITSCOPE_RECORDER names another recorder to try these on."""
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.environ.get("AWAITSCOPE_RECORDER") or os.path.join(HERE, "..", "..", "tools", "awaitscope_record.py")


def load_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("awaitscope_record", RECORDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Run:
    def __init__(self, process, trace_path):
        self.code = process.returncode
        self.out = process.stdout
        self.err = process.stderr
        self.trace_path = trace_path

    def trace(self):
        with open(self.trace_path, encoding="utf-8") as f:
            return json.load(f)


class RecorderCase(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = self.folder.name

    def tearDown(self):
        self.folder.cleanup()

    def write(self, name, source):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
        return path

    def plain(self, name, *args, timeout=120):
        process = subprocess.run([sys.executable, name, *args], cwd=self.dir, capture_output=True, text=True,
                                 errors="replace", timeout=timeout)
        return Run(process, None)

    def record(self, name, *options, output="trace.json", timeout=120):
        process = subprocess.run([sys.executable, RECORDER, "-o", output, *options, name], cwd=self.dir,
                                 capture_output=True, text=True, errors="replace", timeout=timeout)
        return Run(process, os.path.join(self.dir, output))

    def assertSameAsPlain(self, name, *options):
        plain = self.plain(name)
        recorded = self.record(name, *options)
        self.assertEqual(recorded.out, plain.out)
        self.assertEqual(recorded.err, plain.err)
        self.assertEqual(recorded.code, plain.code)
        return recorded


def strings(trace):
    return trace["strings"]


def task_names(trace):
    return [trace["strings"][t["name"]] if t["name"] else f"Task-{t['number']}" for t in trace["tasks"]]


def frame_events(trace, task_index):
    """[(time, "enter"/"exit", frame name)] and the blocks, of one task."""
    names = trace["strings"]
    events = []
    for event in trace["tasks"][task_index]["events"]:
        if event[1] in ("enter", "exit"):
            events.append((event[0], event[1], names[trace["frames"][event[2]]["name"]]))
        elif event[1] in ("block", "unblock"):
            events.append((event[0], event[1], names[trace["blocks"][event[2]]["what"]]))
    return events


class TheProgramSeesNoRecorder(RecorderCase):
    """What the program does, prints and exits with is what it does alone."""

    def test_a_task_method_handed_to_call_soon_runs(self):
        # call_soon(task.cancel, "msg") was taken for the task's own wake-up.
        self.write("cancel.py", """\
            import asyncio

            async def sleeper():
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError as error:
                    print("cancelled with", error.args)
                    raise

            async def main():
                task = asyncio.create_task(sleeper())
                await asyncio.sleep(0)
                loop = asyncio.get_running_loop()
                loop.call_soon(task.set_name, "renamed")
                loop.call_soon(task.cancel, "msg")
                try:
                    await task
                except asyncio.CancelledError:
                    print("main saw", task.get_name(), task.cancelled())

            asyncio.run(main())
            """)
        for clock in ("wall", "virtual"):
            recorded = self.assertSameAsPlain("cancel.py", "--clock", clock)
            self.assertEqual(recorded.out, "cancelled with ('msg',)\nmain saw renamed True\n")
            self.assertIn("renamed", task_names(recorded.trace()))

    def test_lone_surrogates_are_recorded(self):
        self.write("surrogates.py", """\
            import asyncio, sys

            async def worker():
                print("bytes", b"caf\\xff".decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
                await asyncio.sleep(0)

            async def main():
                await asyncio.create_task(worker(), name="w\\udcff")
                sys.stdout.write("text \\udcff\\n".encode("utf-8", "surrogateescape").decode("utf-8", "replace"))

            asyncio.run(main())
            """)
        recorded = self.assertSameAsPlain("surrogates.py")
        self.assertEqual(recorded.code, 0)
        trace = recorded.trace()
        self.assertIn("w\ufffd", task_names(trace))

    def test_a_program_that_closes_stdout_still_gets_its_trace(self):
        self.write("closes.py", """\
            import asyncio, sys

            async def main():
                print("last words")
                await asyncio.sleep(0)
                sys.stdout.close()

            asyncio.run(main())
            """)
        recorded = self.assertSameAsPlain("closes.py")
        self.assertEqual(recorded.code, 0)
        self.assertEqual([trace_text for trace_text in strings(recorded.trace()) if trace_text == "last words"],
                         ["last words"])

    def test_keyboard_interrupt_exits_as_python_does(self):
        self.write("interrupted.py", """\
            import asyncio

            async def main():
                await asyncio.sleep(0.01)
                raise KeyboardInterrupt

            asyncio.run(main())
            """)
        recorded = self.assertSameAsPlain("interrupted.py")
        self.assertEqual(recorded.code, -signal.SIGINT)  # the shell's 130
        self.assertTrue(os.path.exists(recorded.trace_path))

    def test_sys_excepthook_is_called(self):
        self.write("hook.py", """\
            import asyncio, sys

            def hook(kind, value, tb):
                names = []
                while tb is not None:
                    names.append(tb.tb_frame.f_code.co_name)
                    tb = tb.tb_next
                print("hook:", kind.__name__, value, names[0], names[-1])

            sys.excepthook = hook

            async def main():
                raise ValueError("boom")

            asyncio.run(main())
            """)
        recorded = self.assertSameAsPlain("hook.py")
        self.assertTrue(recorded.out.startswith("hook: ValueError boom <module> main"), recorded.out)

    def test_recursion_depth_is_the_same(self):
        self.write("depth.py", """\
            import asyncio, sys

            def depth(n=1):
                try:
                    return depth(n + 1)
                except RecursionError:
                    return n

            async def in_a_task():
                return depth()

            print("module", depth(), sys.getrecursionlimit())
            print("task", asyncio.run(in_a_task()))
            sys.setrecursionlimit(200)
            print("lowered", depth(), sys.getrecursionlimit())
            """)
        plain = self.plain("depth.py").out.split()
        recorded = self.record("depth.py").out.split()
        self.assertEqual(recorded[0:3], plain[0:3], recorded)          # module-level: the same
        self.assertLessEqual(abs(int(recorded[4]) - int(plain[4])), 1)  # in a task: within 1
        self.assertEqual(recorded[5:], plain[5:])

    def test_stacks_and_logged_tracebacks_show_only_the_program(self):
        self.write("stacks.py", """\
            import asyncio, traceback

            def callback():
                raise RuntimeError("in a callback")

            async def main():
                traceback.print_stack()
                asyncio.get_running_loop().call_soon(callback)
                await asyncio.sleep(0.01)

            asyncio.run(main())
            """)
        recorded = self.assertSameAsPlain("stacks.py")
        self.assertIn("in a callback", recorded.err)
        self.assertNotIn("awaitscope_record", recorded.err)
        self.assertNotIn("runpy", recorded.err)


class StderrIsOutputToo(RecorderCase):
    """What the program (or Python for it) writes to stderr is in the trace's output, marked as
    stderr, in the order it was written among the printed lines."""

    def test_a_never_awaited_warning_and_a_traceback_sit_among_the_printed_lines(self):
        self.write("warns.py", """\
            import asyncio

            async def fetch():
                await asyncio.sleep(0.1)

            async def main():
                print("before")
                fetch()
                await asyncio.sleep(0.1)
                print("after")
                raise ValueError("boom")

            asyncio.run(main())
            """)
        recorded = self.assertSameAsPlain("warns.py")
        trace = recorded.trace()
        lines = [(trace["strings"][o["text"]], o.get("stream", "stdout")) for o in trace["output"]]
        self.assertEqual(lines[0], ("before", "stdout"))
        warning = next(i for i, (text, _) in enumerate(lines) if "was never awaited" in text)
        self.assertEqual(lines[warning][1], "stderr")
        after = lines.index(("after", "stdout"))
        self.assertLess(warning, after)
        self.assertIn(("ValueError: boom", "stderr"), lines[after:])
        self.assertIn(("Traceback (most recent call last):", "stderr"), lines[after:])


class NothingIsLostWhenTheProgramDies(RecorderCase):
    """The output file holds a journal while the program runs, written at least once a second;
    a program that dies leaves it, and it reads as a trace that ended abruptly."""

    SLOW = """\
        import asyncio, os, signal, sys

        async def ticker():
            for n in range(100):
                print("tick", n, flush=True)
                await asyncio.sleep(0.05)
                if n == 6:
                    {end}

        async def main():
            await asyncio.gather(ticker(), asyncio.sleep(100))

        asyncio.run(main())
        """

    def journal_trace(self, path):
        recorder = load_module()
        parts = []
        ending = recorder.assemble_trace(path, parts.append)
        return ending, json.loads("".join(parts))

    def test_os_exit_finishes_the_trace(self):
        self.write("exits.py", self.SLOW.format(end="os._exit(3)"))
        recorded = self.assertSameAsPlain("exits.py")
        self.assertEqual(recorded.code, 3)
        trace = recorded.trace()  # the finished trace, not the journal
        self.assertEqual(trace["metadata"]["ending"], "the program called os._exit(3)")
        self.assertIn("tick 6", strings(trace))

    def test_sigterm_finishes_the_trace(self):
        self.write("terminated.py", self.SLOW.format(end="os.kill(os.getpid(), signal.SIGTERM)"))
        recorded = self.assertSameAsPlain("terminated.py")
        self.assertEqual(recorded.code, -signal.SIGTERM)
        trace = recorded.trace()
        self.assertEqual(trace["metadata"]["ending"], "the program was ended by SIGTERM")
        self.assertIn("tick 6", strings(trace))

    def test_sigkill_leaves_a_journal_of_all_but_the_last_second(self):
        self.write("killed.py", self.SLOW.format(end="time.sleep(1.2); os.kill(os.getpid(), signal.SIGKILL)")
                   .replace("import asyncio", "import asyncio, time"))
        recorded = self.record("killed.py")
        self.assertEqual(recorded.code, -signal.SIGKILL)
        ending, trace = self.journal_trace(recorded.trace_path)
        self.assertTrue(ending.startswith("ended abruptly"), ending)
        self.assertEqual(trace["metadata"]["ending"], ending)
        self.assertIn("tick 6", strings(trace))  # printed more than a second before the end
        self.assertEqual(task_names(trace), ["Task-1", "Task-2", "Task-3"])

    def test_a_crash_leaves_a_journal(self):
        self.write("crash.py", """\
            import asyncio, ctypes, time

            async def main():
                print("before the crash", flush=True)
                await asyncio.sleep(0.01)
                time.sleep(1.2)
                ctypes.string_at(0)

            asyncio.run(main())
            """)
        recorded = self.record("crash.py")
        self.assertEqual(recorded.code, -signal.SIGSEGV)
        ending, trace = self.journal_trace(recorded.trace_path)
        self.assertTrue(ending.startswith("ended abruptly"), ending)
        self.assertIn("before the crash", strings(trace))

    def test_output_paths_are_checked_before_the_program_runs(self):
        self.write("effect.py", """\
            open("ran", "w").close()
            """)
        os.mkfifo(os.path.join(self.dir, "fifo"))
        os.mkdir(os.path.join(self.dir, "folder"))
        for output, message in (("missing/trace.json", "does not exist"),
                                ("folder", "it is a directory"),
                                ("fifo", "it is a FIFO, not a regular file"),
                                ("/dev/null", "it is a character device, not a regular file")):
            recorded = self.record("effect.py", output=output)
            self.assertEqual(recorded.code, 2, recorded.err)
            self.assertIn(message, recorded.err)
            self.assertFalse(os.path.exists(os.path.join(self.dir, "ran")), output)
        self.assertEqual(os.listdir(os.path.join(self.dir, "missing")) if os.path.exists(
            os.path.join(self.dir, "missing")) else [], [])


class SavingIsSafe(RecorderCase):
    def test_saving_keeps_the_mode_of_the_file_it_replaces(self):
        self.write("small.py", "print('hi')\n")
        target = os.path.join(self.dir, "trace.json")
        with open(target, "w") as f:
            f.write("old")
        os.chmod(target, 0o600)
        self.record("small.py")
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)
        self.assertEqual(sorted(os.listdir(self.dir)), ["small.py", "trace.json"])

    def test_a_symbolic_link_is_written_through(self):
        self.write("small.py", "print('hi')\n")
        real = os.path.join(self.dir, "real.json")
        os.symlink("real.json", os.path.join(self.dir, "link.json"))
        self.record("small.py", output="link.json")
        self.assertTrue(os.path.islink(os.path.join(self.dir, "link.json")))
        with open(real, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["format"], "awaitscope-trace")

    def test_a_failed_save_removes_its_temporary_file(self):
        recorder = load_module()
        target = os.path.join(self.dir, "trace.json")
        with open(target, "w") as f:
            f.write("journal")

        def produce(write):
            write("half a trace")
            raise OSError(28, "No space left on device")
        with self.assertRaises(OSError):
            recorder.save_atomically(target, produce)
        self.assertEqual(os.listdir(self.dir), ["trace.json"])
        with open(target) as f:
            self.assertEqual(f.read(), "journal")


class BigPrograms(RecorderCase):
    def test_one_character_writes_cost_linear_time(self):
        recorder = load_module()

        class Sink:
            def write(self, text):
                return len(text)

        class Rec:
            loop_thread = __import__("threading").get_ident()
            current = None

        def cpu_for(writes):
            tee = recorder._OutputTee(Sink(), Rec())
            start = time.thread_time()
            for _ in range(writes):
                tee.write("x")
            return time.thread_time() - start
        cpu_for(1000)
        small, large = min(cpu_for(40_000) for _ in range(3)), min(cpu_for(160_000) for _ in range(3))
        self.assertLess(large / small, 8, (small, large))  # 4x the writes: 4x the time, not 16x

    def test_a_line_over_16_mib_leaves_a_trace_a_reader_accepts(self):
        self.write("long.py", """\
            import asyncio

            async def main():
                print("x" * (17 << 20))
                print("after")

            asyncio.run(main())
            """)
        recorded = self.record("long.py")
        self.assertEqual(recorded.code, 0)
        self.assertEqual(len(recorded.out), (17 << 20) + len("\nafter\n"))
        texts = strings(recorded.trace())
        self.assertLess(max(len(text.encode("utf-8")) for text in texts), 16 << 20)
        self.assertIn("after", texts)

    def test_memory_per_task_stays_small(self):
        self.write("many.py", """\
            import asyncio, sys

            async def work(n):
                await asyncio.sleep(0)
                return n

            async def main():
                tasks = [asyncio.create_task(work(n)) for n in range(int(sys.argv[1]))]
                await asyncio.gather(*tasks)

            asyncio.run(main())
            # VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's at fork
            with open("/proc/self/status") as status:
                print([line.split()[1] for line in status if line.startswith("VmHWM")][0])
            """)

        def peak(*command):
            return int(subprocess.run([sys.executable, *command], cwd=self.dir, capture_output=True, text=True,
                                      check=True).stdout.split()[-1])
        # A peak is one sample of a noisy quantity (when the collector ran, what the allocator kept):
        # the least of three is the program's own need.
        def least(*command):
            return min(peak(*command) for _ in range(3))
        plain = least("many.py", "20000") - least("many.py", "0")
        recorded = least(RECORDER, "-o", "trace.json", "many.py", "20000") - least(RECORDER, "-o", "trace.json",
                                                                                    "many.py", "0")
        self.assertLess(recorded, 1.8 * plain, (plain, recorded))  # it was 2.2x, then 1.8x to 2.1x as the machine ran


class FramesAreCalls(RecorderCase):
    def test_each_call_of_a_coroutine_is_a_frame_of_its_own(self):
        # A worker calls fetch_job() from one line in a loop: three frames, not one spanning
        # all three; the time.sleep of parse_sync, between them, lies in worker's frame only.
        self.write("jobs.py", """\
            import asyncio, time

            async def fetch_job(n):
                await asyncio.sleep(0.1)
                return n

            def parse_sync(job):
                time.sleep(0.05)

            async def worker():
                for n in range(3):
                    job = await fetch_job(n)
                    parse_sync(job)

            asyncio.run(worker())
            """)
        for clock in ("wall", "virtual"):
            trace = self.record("jobs.py", "--clock", clock).trace()
            events = frame_events(trace, 0)
            kinds = [(kind, name) for _, kind, name in events]
            self.assertEqual(kinds, [("enter", "worker")] + [
                ("enter", "fetch_job"), ("exit", "fetch_job"), ("block", "time.sleep"), ("unblock", "time.sleep")] * 3
                + [("exit", "worker")], clock)
            inside = None
            for t, kind, name in events:
                if name == "fetch_job":
                    inside = t if kind == "enter" else None
                if kind == "block":
                    self.assertIsNone(inside, "time.sleep drawn inside fetch_job")


class VirtualClock(RecorderCase):
    def test_sleeps_cost_nothing_and_the_trace_is_the_same_every_time(self):
        self.write("agent.py", """\
            import asyncio, datetime, time

            def blocking_call(seconds):
                time.sleep(seconds)
                return seconds

            async def tool(name, seconds):
                await asyncio.sleep(seconds)
                return name

            async def main():
                start, day = time.monotonic(), datetime.datetime.now()
                results = await asyncio.gather(tool("search", 2.0), tool("fetch", 1.5),
                                               asyncio.to_thread(blocking_call, 1.2),
                                               asyncio.to_thread(blocking_call, 0.4))
                time.sleep(0.5)
                waited = datetime.datetime.now() - day
                print(results, f"{time.monotonic() - start:.3f}", f"{waited.total_seconds():.3f}")
                print(f"{time.perf_counter_ns() // 1_000_000 - int(start * 1000)}")

            asyncio.run(main())
            """)
        started = time.monotonic()
        first = self.record("agent.py", "--clock", "virtual")
        took = time.monotonic() - started
        self.assertEqual(first.code, 0, first.err)
        self.assertEqual(first.out, "['search', 'fetch', 1.2, 0.4] 2.500 2.500\n2500\n")
        with open(first.trace_path, "rb") as f:
            first_bytes = f.read()
        second = self.record("agent.py", "--clock", "virtual")
        with open(second.trace_path, "rb") as f:
            self.assertEqual(f.read(), first_bytes)
        self.assertLess(took, 60)  # not 2.5 s of sleeping: but no timing assertion on a busy machine
        trace = first.trace()
        self.assertEqual(trace["metadata"]["clock"], "virtual")
        threads = [t for t in trace["tasks"] if t["kind"] == "thread"]
        self.assertEqual([t["events"][-1][0] - t["events"][0][0] for t in threads], [1_200_000_000, 400_000_000])

    def test_computing_costs_its_cpu_time(self):
        self.write("crunch.py", """\
            import asyncio, time

            def crunch():
                end = time.thread_time() + 0.3
                while time.thread_time() < end:
                    pass

            async def ticker():
                for _ in range(3):
                    await asyncio.sleep(0.1)

            async def main():
                start = time.perf_counter()
                tick = asyncio.create_task(ticker())
                await asyncio.sleep(0)  # the ticker's first sleep begins
                crunch()                # and its timer falls due during this
                await tick
                print(f"{time.perf_counter() - start:.1f}")

            asyncio.run(main())
            """)
        recorded = self.record("crunch.py", "--clock", "virtual")
        self.assertEqual(recorded.out, "0.5\n")  # 0.3 s of computing, then the ticker's last two sleeps

    def test_real_sockets_on_loopback(self):
        self.write("loopback.py", """\
            import asyncio, time

            async def handle(reader, writer):
                line = await reader.readline()
                await asyncio.sleep(0.3)
                writer.write(line.upper())
                await writer.drain()
                writer.close()

            async def main():
                server = await asyncio.start_server(handle, "127.0.0.1", 0)
                port = server.sockets[0].getsockname()[1]
                start = time.monotonic()
                async with server:
                    replies = []
                    for word in ("ping", "pong"):
                        reader, writer = await asyncio.open_connection("127.0.0.1", port)
                        writer.write(word.encode() + b"\\n")
                        await writer.drain()
                        replies.append((await reader.readline()).decode().strip())
                        writer.close()
                        await writer.wait_closed()
                elapsed = time.monotonic() - start
                print(replies, 0.6 <= elapsed < 5)

            asyncio.run(main())
            """)
        recorded = self.assertSameAsPlain("loopback.py", "--clock", "virtual")
        self.assertEqual(recorded.out, "['PING', 'PONG'] True\n")
        trace = recorded.trace()
        self.assertGreaterEqual(len(trace["tasks"]), 3)  # main and a handler per connection

    def test_a_program_that_waits_forever_is_stopped(self):
        self.write("forever.py", """\
            import asyncio

            async def main():
                print("waiting")
                await asyncio.Event().wait()

            asyncio.run(main())
            """)
        recorded = self.record("forever.py", "--clock", "virtual", "--max-virtual-time", "3600")
        self.assertEqual(recorded.code, 1)
        self.assertEqual(recorded.out, "waiting\n")
        self.assertIn("stopped: the program would wait forever", recorded.err)
        self.assertIn("Task-1 at forever.py:5 in main", recorded.err)
        trace = recorded.trace()
        self.assertTrue(trace["metadata"]["ending"].startswith("stopped: the program would wait forever"))

    def test_a_program_that_never_ends_is_stopped_by_its_budget(self):
        self.write("endless.py", """\
            import asyncio

            async def main():
                n = 0
                while True:
                    await asyncio.sleep(1)
                    n += 1
                    if n % 1000 == 0:
                        print(n, flush=True)

            asyncio.run(main())
            """)
        recorded = self.record("endless.py", "--clock", "virtual", "--max-virtual-time", "2500")
        self.assertEqual(recorded.code, 1)
        self.assertEqual(recorded.out, "1000\n2000\n")
        self.assertIn("virtual-time budget of 2500 s", recorded.err)
        self.assertIn("stopped", recorded.trace()["metadata"]["ending"])

    def test_more_work_than_workers_waits_for_a_free_worker(self):
        self.write("pool.py", """\
            import asyncio, time
            from concurrent.futures import ThreadPoolExecutor

            def job(n):
                time.sleep(1)
                return n

            async def main():
                loop = asyncio.get_running_loop()
                start = loop.time()
                with ThreadPoolExecutor(max_workers=2) as pool:
                    done = []
                    for future in asyncio.as_completed([loop.run_in_executor(pool, job, n) for n in range(5)]):
                        done.append((await future, round(loop.time() - start, 3)))
                print(sorted(done))

            asyncio.run(main())
            """)
        recorded = self.record("pool.py", "--clock", "virtual")
        self.assertEqual(recorded.code, 0, recorded.err)
        times = [t for _, t in eval(recorded.out)]
        self.assertEqual(sorted(times), [1.0, 1.0, 2.0, 2.0, 3.0])


class ThreadsOutsideALoop(RecorderCase):
    """Under the virtual clock, a thread pool in a plain script (no event loop), or waited for
    by a blocking call on the loop's thread: the main thread's waits let held threads go on in
    the order of their times, and time out at the virtual moment CPython times out."""

    def record_virtual(self, name, source, *options):
        self.write(name, source)
        recorded = self.record(name, "--clock", "virtual", *options)
        self.assertEqual(recorded.code, 0, recorded.err)
        return recorded

    def test_a_sleep_on_the_main_thread_lets_the_workers_start(self):
        recorded = self.record_virtual("pool.py", """\
            import time
            from concurrent.futures import ThreadPoolExecutor

            def work(seconds):
                time.sleep(seconds)
                return seconds

            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=2) as pool:
                slow, quick = pool.submit(work, 0.3), pool.submit(work, 0.2)
                time.sleep(0.05)
                print("running:", slow.running(), quick.running(), "done:", slow.done(), quick.done())
                print(quick.result(), f"{time.perf_counter() - start:.3f}", slow.done())
                print(slow.result(), f"{time.perf_counter() - start:.3f}")
            print("left", f"{time.perf_counter() - start:.3f}")
            """)
        self.assertEqual(recorded.out, "running: True True done: False False\n0.2 0.200 False\n0.3 0.300\n"
                                       "left 0.300\n")
        trace = recorded.trace()
        lanes = [(t["created"], t["events"][-1]) for t in trace["tasks"] if t["kind"] == "thread"]
        self.assertEqual(lanes, [(0, [300_000_000, "finish", "done"]), (0, [200_000_000, "finish", "done"])])

    def test_a_result_with_a_timeout_times_out_at_its_virtual_moment(self):
        recorded = self.record_virtual("timeout.py", """\
            import time
            from concurrent.futures import ThreadPoolExecutor, TimeoutError, as_completed, wait

            start = time.perf_counter()

            def elapsed():
                return f"{time.perf_counter() - start:.3f}"

            with ThreadPoolExecutor(max_workers=1) as pool:
                job = pool.submit(time.sleep, 0.3)
                try:
                    job.result(timeout=0.1)
                except TimeoutError:
                    print("timed out", elapsed(), job.running())
                done, not_done = wait([job], timeout=0.1)
                print(len(done), len(not_done), elapsed())
                try:
                    next(as_completed([job], timeout=0.05))
                except TimeoutError:
                    print("as_completed timed out", elapsed())
                job.result()
                print("done", elapsed())
            """)
        self.assertEqual(recorded.out, "timed out 0.100 True\n0 1 0.200\nas_completed timed out 0.250\ndone 0.300\n")

    def test_locks_and_events_time_out_in_virtual_time(self):
        recorded = self.record_virtual("locks.py", """\
            import queue, threading, time

            start = time.perf_counter()

            def elapsed():
                return f"{time.perf_counter() - start:.3f}"

            lock = threading.Lock()
            lock.acquire()
            print(lock.acquire(timeout=0.2), elapsed())
            print(threading.Event().wait(0.1), elapsed())
            print(threading.Semaphore(0).acquire(timeout=0.3), elapsed())
            try:
                queue.Queue().get(timeout=0.4)
            except queue.Empty:
                print("empty", elapsed())
            print(type(lock).__name__, type(threading.RLock()).__name__)
            """)
        self.assertEqual(recorded.out, "False 0.200\nFalse 0.300\nFalse 0.600\nempty 1.000\nlock RLock\n")

    def test_threads_wake_each_other_in_the_order_of_their_times(self):
        recorded = self.record_virtual("threads.py", """\
            import threading, time

            start = time.perf_counter()
            ready = threading.Event()

            def elapsed():
                return f"{time.perf_counter() - start:.3f}"

            def waiter():
                print("waiter gave up", ready.wait(0.2), elapsed())
                print("waiter woken", ready.wait(), elapsed())

            def setter():
                time.sleep(0.5)
                print("setting", elapsed())
                ready.set()

            threads = [threading.Thread(target=waiter), threading.Thread(target=setter)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            print("joined", elapsed())
            """)
        self.assertEqual(recorded.out, "waiter gave up False 0.200\nsetting 0.500\nwaiter woken True 0.500\n"
                                       "joined 0.500\n")

    def test_threads_go_on_in_time_order_after_the_program_ends(self):
        recorded = self.record_virtual("after.py", """\
            import threading, time

            def later(name, seconds):
                time.sleep(seconds)
                print(name, f"{time.perf_counter() - start:.3f}")

            start = time.perf_counter()
            for name, seconds in (("third", 0.3), ("first", 0.1), ("second", 0.2)):
                threading.Thread(target=later, args=(name, seconds)).start()
            print("main ends")
            """)
        self.assertEqual(recorded.out, "main ends\nfirst 0.100\nsecond 0.200\nthird 0.300\n")

    def test_a_blocking_result_on_the_loop_freezes_it_until_the_work_ends(self):
        recorded = self.record_virtual("blocking.py", """\
            import asyncio, time
            from concurrent.futures import ThreadPoolExecutor

            async def tick(start):
                await asyncio.sleep(0.1)
                print("tick", f"{time.perf_counter() - start:.3f}")

            async def main():
                start = time.perf_counter()
                with ThreadPoolExecutor(max_workers=1) as pool:
                    ticker = asyncio.create_task(tick(start))
                    await asyncio.sleep(0)
                    job = pool.submit(time.sleep, 0.3)
                    job.result()
                    print("result", f"{time.perf_counter() - start:.3f}")
                    await ticker
                    print(await asyncio.wrap_future(pool.submit(time.sleep, 0.2)),
                          f"{time.perf_counter() - start:.3f}")

            asyncio.run(main())
            """)
        self.assertEqual(recorded.out, "result 0.300\ntick 0.300\nNone 0.500\n")
        trace = recorded.trace()
        blocks = [trace["strings"][block["what"]] for block in trace["blocks"]]
        self.assertIn("Future.result", blocks)

    def test_a_main_thread_that_would_wait_forever_is_stopped(self):
        self.write("stuck.py", """\
            import threading
            print("waiting")
            threading.Event().wait()
            """)
        recorded = self.record("stuck.py", "--clock", "virtual", "--max-virtual-time", "3600")
        self.assertEqual(recorded.code, 1)
        self.assertEqual(recorded.out, "waiting\n")
        self.assertIn("stopped: the program would wait forever", recorded.err)
        self.assertIn("stuck.py:3", recorded.err)


if __name__ == "__main__":
    unittest.main()
