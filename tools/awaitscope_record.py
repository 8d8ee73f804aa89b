#!/usr/bin/env python3
"""Record a real asyncio program as an Awaitscope trace.

    python3 tools/awaitscope_record.py -o trace.json program.py [args...]
    python3 tools/awaitscope_record.py -o trace.json --clock virtual program.py [args...]
    python3 tools/awaitscope_record.py -o trace.json -m package.module [args...]
    python3 tools/awaitscope_record.py --batch LIST [JOBS]   (see run_batch)

The program runs normally: same output, same exit status, same scheduling order. What it does
is written to the trace file (Awaitscope's native JSON format, docs/trace-format.md): every task
with its parent, name, coroutine and creation line; every step, with what woke the task and what
it then awaits at which line; nested coroutine frames; printed lines; steps that held the loop
too long, with the blocking call where it can be named; coroutines never awaited; task
exceptions never retrieved; tasks still pending when asyncio.run ended.

Clocks. `--clock wall` (the default) records on the real clock. `--clock virtual` runs the
program on a virtual clock (docs/recorder.md): loop.time(), time.monotonic / perf_counter /
time (and their _ns forms) and datetime.now() read it; when nothing is ready and nothing real
is awaited the loop jumps to its next timer; time.sleep advances the clock instead of sleeping.
A stretch of computing costs its thread CPU time in whole milliseconds (under one: nothing), so
a deterministic program gives the same trace on every recording.

Nothing is lost when the program dies. While it runs, the output file holds a journal of what
was recorded (one JSON array a line), written out at least once a second; at exit it is
replaced by the finished trace. A program killed by a signal, crashed or ended with os._exit
leaves the journal, which Awaitscope opens as a trace that ended abruptly.

Standard library only, CPython 3.11 and newer. How it works: tasks stay asyncio's own C
tasks. The loop runs every task step as a callback (Handle._run) and schedules every step
and wake-up through loop.call_soon, with the task as the callback's __self__: watching those
two sees each task's creation, readiness and steps. At each suspend the task's coroutine
chain (cr_await) tells where it waits and on what. A few asyncio functions are wrapped so
that scopes, timers, threads and warnings are seen. Nothing is awaited or scheduled that the
program would not have awaited or scheduled itself.
"""

import argparse
import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.futures
import asyncio.runners
import asyncio.selector_events
import asyncio.taskgroups
import asyncio.tasks
import asyncio.threads
import codecs
import collections
import concurrent.futures
import concurrent.futures.thread
import datetime
import functools
import gc
import gzip
import itertools
import json
import math
import os
import signal
import stat
import sys
import tempfile
import threading
import _thread
import time
import traceback
import types
import warnings

_real_monotonic_ns = time.monotonic_ns
_real_perf_counter_ns = time.perf_counter_ns
_real_time_ns = time.time_ns
_real_sleep = time.sleep
_thread_time_ns = time.thread_time_ns
_clock_gettime_ns = getattr(time, "clock_gettime_ns", None)
_pthread_getcpuclockid = getattr(time, "pthread_getcpuclockid", None)
_real_os_exit = os._exit
_condition_wait = threading.Condition.wait  # the recorder's own waits, never the program's
_get_ident = threading.get_ident

FORMAT = "awaitscope-trace"
JOURNAL_FORMAT = "awaitscope-journal"
VERSION = 1
# Installed, the recorder is the `awaitscope-record` command; its messages name what was typed.
PROGRAM = "awaitscope-record" if os.path.basename(sys.argv[0]) == "awaitscope-record" else "awaitscope_record.py"
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_THIS_FILE = os.path.abspath(__file__)
_NETWORK_MODULES = ("socket", "ssl", "http", "urllib", "selectors", "requests", "urllib3")
_MS = 1_000_000
# Stretches of computing shorter than this cost no virtual time (see cpu_cost).
_FREE_CPU_NS = 10 * _MS
# Outside a running event loop (a module's top, between asyncio.run calls) a stretch lasts
# until the next loop starts: defining classes and dataclasses there takes ten milliseconds and
# more, and five times that on a crowded machine (a 53 ms top-level stretch was seen of a
# script whose top takes 11 ms alone).
_FREE_CPU_OUTSIDE_LOOP_NS = 200 * _MS
# What each callback the loop runs costs besides (a task step, a timer's callback...): as in
# CPython, where no two things happen at the same instant, elapsed times are never exact sums
# of sleeps (0.25 s of sleeps prints as 0.3 with :.1f, not as the tie 0.2).
_CALLBACK_NS = 1000
# A text longer than this is cut in the trace (the program's own output is untouched): a
# trace reader refuses strings over 16 MiB, and a character may take 4 bytes, an escape 6.
_MAX_TEXT = 1 << 20
# A task's event rows wait in one string, written out as a chunk once it is this long.
_ROWS_CHUNK = 4096
# How often, at most, what was recorded waits in memory before it is written to the journal.
_JOURNAL_INTERVAL_NS = 500 * _MS
# How many records, at most, wait in memory before they are written, however little time has
# passed: a step that makes 20,000 tasks would otherwise hold all their records at once, and
# how much a recording holds at its peak would depend on how fast the machine ran it.
_JOURNAL_PENDING = 2048
# What time.monotonic() reads when a recording on the virtual clock starts.
_VIRTUAL_EPOCH_NS = 1000 * 1_000_000_000
# A thread whose CPU time has not moved for this long is blocked (unless the kernel says it
# is runnable): a thread waiting for the GIL moves again within a few milliseconds.
_STILL_NS = 20 * _MS
# What a wait with no time left costs when it finds nothing a second time (VirtualClock.wait_for).
_WAIT_NS = 1000
# How long the virtual clock waits for real I/O at a time before it looks again.
_REAL_SLICE = 0.05


def _sleep_slice(seconds):
    _real_sleep(seconds)
    return False


# Lone surrogates (surrogateescape'd bytes, "\udcff") cannot be written as UTF-8: each becomes
# U+FFFD, as the trace format asks of text that is not valid UTF-8.
codecs.register_error("awaitscope-replace", lambda error: (b"\xef\xbf\xbd" * (error.end - error.start), error.end))
_json_string = json.encoder.encode_basestring  # ensure_ascii=False: text stays readable


def cpu_cost(cpu_ns, free=None):
    """The virtual time a stretch of computing costs: its CPU time in whole milliseconds,
    rounded down, and nothing under `free` (_FREE_CPU_NS). A busy machine makes a short step
    take several times its usual CPU time (caches, shared cores): counting only longer
    stretches, in whole milliseconds, keeps a program's scheduling the same from run to run."""
    return 0 if cpu_ns < (_FREE_CPU_NS if free is None else free) else cpu_ns - cpu_ns % _MS


_library_files = {}


def _is_library(filename):
    """asyncio's own files and this one: frames the program did not write."""
    known = _library_files.get(filename)
    if known is None:
        known = _library_files[filename] = filename.startswith(_ASYNCIO_DIR) or _is_recorder(filename)
    return known


_recorder_files = {}


def _is_recorder(filename):
    """This file, however its name was written when it was started."""
    known = _recorder_files.get(filename)
    if known is None:
        known = _recorder_files[filename] = os.path.abspath(filename) == _THIS_FILE
    return known


def _shorten(text):
    return text[:_MAX_TEXT] + f"... ({len(text) - _MAX_TEXT:,} more characters not recorded)"


# ---- the journal: what is recorded, on disk as it goes ----

class Journal:
    """The trace as it is recorded: one JSON array a line, each a record of the native format
    (["string", "text"], ["task", {...}], ["rows", task, [t, "resume"], ...], ...), after a
    header line {"format": "awaitscope-journal", ...}. Lines are written out at least once a
    second, so a program that dies leaves all it did but its last moments; at a normal end the
    journal is read back and replaced by the finished trace (assemble_trace)."""

    def __init__(self, file, metadata):
        self.file = file
        self.lines = collections.deque()  # records not yet written (appends are thread-safe)
        self.dirty = []                   # tracks with event rows not yet written (loop thread)
        self.write_lock = threading.Lock()
        # Held by the loop thread whenever it may add event rows, that is always but while it
        # waits in select: then the flusher thread may write the rows itself.
        self.rows_lock = threading.Lock()
        self.written_at = _real_monotonic_ns()
        self.error = None
        self.busy = 0  # a write is under way (a signal handler must not write meanwhile)
        header = {"format": JOURNAL_FORMAT, "version": VERSION, "metadata": metadata}
        self._write([json.dumps(header, ensure_ascii=False, separators=(",", ":"))])

    def add(self, tag, payload):
        self.lines.append(f'["{tag}",{payload}]')

    def due(self):
        return (len(self.lines) + len(self.dirty) >= _JOURNAL_PENDING
                or _real_monotonic_ns() - self.written_at >= _JOURNAL_INTERVAL_NS)

    def flush(self, rows=True):
        """Writes what waits. Rows only from the thread that may touch them (see rows_lock)."""
        self.busy += 1
        parts = []
        try:
            with self.write_lock:
                lines = self.lines
                parts = [lines.popleft() for _ in range(len(lines))]
                if rows:
                    dirty, self.dirty = self.dirty, []
                    for track in dirty:
                        parts.append(f'["rows",{track.id},{track.rows}]')
                        track.rows = ""
                    self.written_at = _real_monotonic_ns()
                if parts:
                    self._write(parts)
                    parts = []
        except BaseException:
            # Interrupted (KeyboardInterrupt between two bytecodes): what was taken goes back,
            # in order, so that no later line refers to one that was never written.
            self.lines.extendleft(reversed(parts))
            raise
        finally:
            self.busy -= 1

    def _write(self, parts):
        if self.error is not None:
            return
        try:
            self.file.write(("\n".join(parts) + "\n").encode("utf-8", "awaitscope-replace"))
            self.file.flush()
        except (OSError, ValueError) as error:
            self.error = error

    def close(self):
        try:
            self.file.close()
        except OSError:
            pass


class TraceBuilder:
    """The native format's interned tables, kept in memory only as far as interning needs;
    every new row goes to the journal at once."""

    def __init__(self, journal):
        self.journal = journal
        self._string_ids = {"": 0}
        self._site_ids = {(0, 0, 0): 0}
        self._await_ids = {}
        self._frame_ids = {}
        self._block_ids = {}
        self.scope_count = 0
        self.task_count = 0
        self.last_output = 0

    def string(self, text):
        text = str(text)
        found = self._string_ids.get(text)
        if found is None:
            if len(text) > _MAX_TEXT:
                text = _shorten(text)
                found = self._string_ids.get(text)
                if found is not None:
                    return found
            found = self._string_ids[text] = len(self._string_ids)
            self.journal.lines.append(f'["string",{_json_string(text)}]')
        return found

    def site(self, filename, function, line):
        key = (self.string(filename), self.string(function), int(line or 0))
        found = self._site_ids.get(key)
        if found is None:
            found = self._site_ids[key] = len(self._site_ids)
            self.journal.add("site", f'{{"file":{key[0]},"function":{key[1]},"line":{key[2]},"column":0}}')
        return found

    def await_info(self, site, kind, what, target):
        key = (site, kind, what, target)
        found = self._await_ids.get(key)
        if found is None:
            found = self._await_ids[key] = len(self._await_ids)
            self.journal.add("await", f'{{"site":{site},"kind":"{kind}","what":{self.string(what)},'
                                      f'"target":{_null(target)}}}')
        return found

    def frame(self, name, definition, call_site):
        key = (self.string(name), definition, call_site)
        found = self._frame_ids.get(key)
        if found is None:
            found = self._frame_ids[key] = len(self._frame_ids)
            self.journal.add("frame", f'{{"name":{key[0]},"definition":{definition},"callSite":{call_site}}}')
        return found

    def block(self, site, kind, what):
        key = (site, kind, self.string(what))
        found = self._block_ids.get(key)
        if found is None:
            found = self._block_ids[key] = len(self._block_ids)
            self.journal.add("block", f'{{"site":{site},"kind":"{kind}","what":{key[2]}}}')
        return found

    def scope(self, kind, owner, site, begin):
        scope_id = self.scope_count
        self.scope_count += 1
        self.journal.add("scope", f'{{"kind":"{kind}","owner":{_null(owner)},"site":{site},"begin":{begin},'
                                  f'"end":{begin}}}')
        return scope_id

    def close_scope(self, scope_id, end):
        self.journal.add("scopeEnd", f"[{scope_id},{end}]")

    def task(self, name, kind, parent, coroutine, created_at, created, scope):
        task_id = self.task_count
        self.task_count += 1
        name_id, number = self.task_name(name)
        self.journal.add("task", f'{{"id":{task_id},"name":{name_id},"number":{number},"kind":"{kind}",'
                                 f'"parent":{_null(parent)},"coroutine":{coroutine},"createdAt":{created_at},'
                                 f'"created":{created},"scope":{_null(scope)}}}')
        return task_id

    def task_name(self, name):
        """asyncio's own names ("Task-12") as a number: no string per task."""
        if name.startswith("Task-") and name[5:].isdigit() and name[5] != "0" and len(name) < 15:
            return 0, int(name[5:])
        return self.string(name), 0

    def rename_task(self, task_id, name):
        name_id, number = self.task_name(name)
        self.journal.add("taskName", f"[{task_id},{name_id},{number}]")

    def output(self, time_ns, task, site, text, stderr=False):
        if time_ns < self.last_output:
            time_ns = self.last_output
        self.last_output = time_ns
        stream = ',"stream":"stderr"' if stderr else ""
        self.journal.add("output", f'{{"t":{time_ns},"task":{_null(task)},"site":{site},"text":{self.string(text)}{stream}}}')

    def never_awaited(self, time_ns, task, name, site):
        self.journal.add("neverAwaited", f'{{"created":{time_ns},"dropped":{time_ns},"task":{_null(task)},'
                                         f'"name":{self.string(name)},"site":{site}}}')

    def unretrieved(self, time_ns, task, text):
        self.journal.add("unretrievedError", f'{{"t":{time_ns},"task":{task},"text":{self.string(text)}}}')

    def pending_at_exit(self, time_ns, task):
        self.journal.add("pendingAtExit", f'{{"t":{time_ns},"task":{task}}}')

    def script_error(self, time_ns, task, site, text):
        self.journal.add("scriptError", f'{{"t":{time_ns},"task":{_null(task)},"site":{site},'
                                        f'"text":{self.string(text)}}}')


def _null(value):
    return "null" if value is None else value


_ABRUPT = ("ended abruptly: the program was killed or crashed while it was recorded; the trace holds what "
           "was written until then (all but its last second at most)")


def assemble_trace(journal_path, write):
    """The finished trace (native JSON, written in pieces through `write`) from a journal.
    Returns the metadata's "ending": "" when the journal says the recording ended normally."""
    tables = {"string": ['""'], "site": ['{"file":0,"function":0,"line":0,"column":0}'], "await": [],
              "frame": [], "block": [], "scope": [], "output": [], "neverAwaited": [], "unretrievedError": [],
              "pendingAtExit": [], "scriptError": []}
    tasks = []
    rows = []        # per task: its chunks of event rows, as JSON text
    names = {}       # task id -> (name, number), for tasks renamed after creation
    scope_ends = {}
    metadata = {}
    ended = None
    main_program = None  # the lane of a program that never created a task
    with open(journal_path, "rb") as f:
        header = json.loads(f.readline())
        metadata.update(header.get("metadata", {}))
        for raw in f:
            if not raw.endswith(b"\n"):
                break  # cut off mid-line: the program died while it was written
            line = raw.decode("utf-8")
            tag_end = line.index('"', 2)
            tag = line[2:tag_end]
            payload = line[tag_end + 2:-2]
            if tag == "rows":
                comma = payload.index(",")
                task_id = int(payload[:comma])
                rows[task_id].append(payload[comma + 1:])
            elif tag == "task":
                tasks.append(payload)
                rows.append([])
            elif tag == "taskName":
                task_id, name, number = json.loads(payload)
                names[task_id] = (name, number)
            elif tag == "scopeEnd":
                scope_id, end = json.loads(payload)
                scope_ends[scope_id] = end
            elif tag == "metadata":
                metadata.update(json.loads(payload))
            elif tag == "mainProgram":
                main_program = int(payload)
            elif tag == "end":
                ended = json.loads(payload)
            else:
                tables[tag].append(payload)
    if ended is None:
        ending = metadata.get("ending") or _ABRUPT
    else:
        ending = ended.get("ending", "")
    if ending:
        metadata["ending"] = ending
    else:
        metadata.pop("ending", None)
    for scope_id, end in scope_ends.items():
        scope = json.loads(tables["scope"][scope_id])
        scope["end"] = end
        tables["scope"][scope_id] = json.dumps(scope, separators=(",", ":"))
    if main_program is not None:
        for tag in ("output", "neverAwaited", "scriptError"):
            tables[tag] = [entry.replace('"task":null', f'"task":{main_program}', 1) for entry in tables[tag]]
    for task_id, (name, number) in names.items():
        task = json.loads(tasks[task_id])
        task["name"], task["number"] = name, number
        tasks[task_id] = json.dumps(task, separators=(",", ":"))

    write(f'{{"format":"{FORMAT}","version":{VERSION},"metadata":')
    write(json.dumps(metadata, ensure_ascii=False, separators=(",", ":")))
    for member, tag in (("strings", "string"), ("sites", "site"), ("awaits", "await"), ("frames", "frame"),
                        ("blocks", "block"), ("scopes", "scope")):
        _write_array(write, member, tables[tag])
    write(',\n"tasks":[')
    for task_id, task in enumerate(tasks):
        write(("," if task_id else "") + task[:-1] + ',"events":[' + ",".join(rows[task_id]) + "]}")
        rows[task_id] = None
    write("]")
    for member, tag in (("output", "output"), ("neverAwaited", "neverAwaited"),
                        ("unretrievedErrors", "unretrievedError"), ("pendingAtExit", "pendingAtExit"),
                        ("scriptErrors", "scriptError")):
        _write_array(write, member, tables[tag])
    write("}\n")
    return ending


def _write_array(write, member, items, chunk=4096):
    write(f',\n"{member}":[')
    for start in range(0, len(items), chunk):
        write(("," if start else "") + ",".join(items[start:start + chunk]))
    write("]")


# ---- saving: regular files only, atomically ----

class OutputError(Exception):
    pass


def check_output(path):
    """Where the trace goes, checked before the program runs: the real file behind a symbolic
    link (written through), never a directory, a FIFO or a device."""
    if not path:
        raise OutputError("no output file given")
    target = os.path.realpath(path) if os.path.islink(path) else path
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise OutputError(f"cannot write the trace to {path}: the folder {folder} does not exist")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"cannot write the trace to {path}: {error.strerror}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write the trace to {path}: it is a directory")
        if not stat.S_ISREG(info.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a character device" if stat.S_ISCHR(info.st_mode)
                    else "a block device" if stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode)
                    else "not a regular file")
            raise OutputError(f"cannot write the trace to {path}: it is {kind}, not a regular file")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write the trace to {path}: the folder {folder} is not writable")
    return target


def save_atomically(path, produce, compress=False):
    """Writes a temporary file beside `path` through produce(write), flushes it to disk and
    renames it over `path`, keeping the mode of the file it replaces; the temporary file is
    removed on any failure; the folder is synced so that the rename survives a crash."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as raw:
            stream = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) if compress else raw
            buffered = []
            size = 0

            def write(text):
                nonlocal size
                buffered.append(text)
                size += len(text)
                if size >= 1 << 20:
                    stream.write("".join(buffered).encode("utf-8", "awaitscope-replace"))
                    buffered.clear()
                    size = 0
            result = produce(write)
            stream.write("".join(buffered).encode("utf-8", "awaitscope-replace"))
            if compress:
                stream.close()
            raw.flush()
            os.fchmod(raw.fileno(), mode)
            os.fsync(raw.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    try:
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself has happened
    return result


# ---- the virtual clock ----

def _cpu_clock_of(ident):
    if _pthread_getcpuclockid is None or _clock_gettime_ns is None:
        return None
    try:
        return _pthread_getcpuclockid(ident)
    except (OSError, OverflowError):
        return None


def _thread_state(native_id):
    """The kernel's word on a thread: 'R' running or runnable, 'S'/'D' blocked, None unknown."""
    try:
        with open(f"/proc/self/task/{native_id}/stat", "rb") as f:
            text = f.read()
        return chr(text[text.rindex(b")") + 2])
    except (OSError, ValueError, IndexError):
        return None


class _ThreadClock:
    """A thread's own virtual time: where it started, its time.sleep calls, and its CPU time
    in whole milliseconds. `state` is one tuple, so that another thread reads it whole."""

    __slots__ = ("ident", "native", "cpu_clock", "state", "order", "item", "delivering", "pool_worker",
                 "last_cpu", "moved_at", "released_cpu", "holding", "waiting", "catch_up", "in_recorder", "woken")

    def __init__(self, ident, native, start, order, pool_worker):
        self.ident = ident
        self.native = native
        self.cpu_clock = _cpu_clock_of(ident)
        # (virtual time so far but for the CPU time since the mark, the mark). An executor's
        # worker computes for the program only inside the work it is given: no mark outside.
        self.state = (start, None if pool_worker else _thread_time_ns())
        self.order = order
        self.item = None          # the executor work it runs
        self.delivering = None    # work that ended; its result is on the way to the loop
        self.pool_worker = pool_worker
        self.last_cpu = -1
        self.moved_at = 0
        self.released_cpu = None  # CPU time when the loop let it go on: it has not run since
        self.holding = False      # waits for the loop's time (_Hold)
        self.waiting = False      # waits for another thread (Condition.wait, Thread.join)
        self.in_recorder = False  # in the recorder's own code, on its way to hold or hand over
        # Notified, or a lock it waits for was released: until it has looked, it may be about
        # to run, and the clock must not pass it.
        self.woken = False
        # A time it cannot be earlier than: it waited, blocked in a real call while the loop's
        # time passed, or for another thread that woke it then.
        self.catch_up = 0

    def now(self, clock):
        """On its own thread."""
        base, mark = self.state
        if mark is None:
            own = base
        else:
            own = base + cpu_cost(_thread_time_ns() - mark)
        catch_up = self.catch_up
        if own < catch_up:
            self.state = (catch_up, None if mark is None else _thread_time_ns())
            return catch_up
        return own

    def seen_from_elsewhere(self):
        base, mark = self.state
        if mark is None or self.cpu_clock is None:
            own = base
        else:
            own = base + cpu_cost(_clock_gettime_ns(self.cpu_clock) - mark)
        catch_up = self.catch_up
        return own if own > catch_up else catch_up

    def woken_at(self, time_ns):
        if time_ns > self.catch_up:
            self.catch_up = time_ns

    def advance(self, ns):
        base, mark = self.state
        self.state = (base + ns, mark)


class _Watch:
    """How long the loop's thread has stood still, as a held thread watches it."""
    __slots__ = ("stuck_since", "last_cpu")

    def __init__(self):
        self.stuck_since = None
        self.last_cpu = None


class _Hold:
    """A thread that waits for the loop's clock to reach its own before it goes on."""
    __slots__ = ("time", "order", "thread", "post", "released", "delivered")

    def __init__(self, time_ns, thread, post):
        self.time = time_ns
        # Holds at one time go in the order their work was handed out (which worker took it
        # depends on how fast threads came back), else in the order the threads began.
        item = thread.item or thread.delivering
        self.order = item.order if item is not None else (1 << 40) + thread.order
        self.thread = thread
        self.post = post          # it will hand something to the loop (call_soon_threadsafe)
        self.released = False
        self.delivered = False


class _WorkItem:
    """Work handed to an executor by run_in_executor: from its submission to its result's
    arrival on the loop."""
    __slots__ = ("order", "submitted", "executor", "started", "delivered", "finished", "start", "end", "error",
                 "lane", "real", "loop_work", "pool_future", "cancelled")

    def __init__(self, order, submitted, lane):
        self.order = order
        self.submitted = submitted
        self.executor = None
        self.started = False
        self.delivered = False  # its result is on its way to the loop: the worker is free
        self.finished = False
        self.start = None
        self.end = None
        self.error = None
        self.lane = lane
        self.real = False       # runs where the clock cannot follow (another process)
        self.loop_work = False  # run_in_executor's: its result is handed to the loop
        self.pool_future = None  # a thread pool's future for it: cancelled, it never starts
        self.cancelled = None   # when a worker found it cancelled and dropped it


class VirtualClock:
    """The program's clock under --clock virtual.

    The loop's thread (the main thread) owns the program's time. Its state is the virtual
    time so far and the CPU time when the current stretch of computing began: a callback the
    loop runs, or the program's code outside a running loop. Each such stretch costs
    cpu_cost(CPU time); time.sleep adds its argument. Between callbacks the loop's own work
    costs nothing. Other threads keep their own time the same way (_ThreadClock) and hand
    their results to the loop at their own time, never earlier (_Hold)."""

    def __init__(self, budget_ns=None):
        self.loop_thread = _get_ident()
        self.loop_native = threading.get_native_id()
        self.loop_cpu_clock = _cpu_clock_of(self.loop_thread)
        self.state = (0, _thread_time_ns())
        self.counting = True         # CPU counts now (in a callback, or outside a running loop)
        self.floor = 0               # the loop thread waited for a thread to this time
        # monotonic() and perf_counter() start at the same value every run, so that the float
        # sums of asyncio's timers round alike every run; time() starts at the real time.
        self.epoch_monotonic = self.epoch_perf = _VIRTUAL_EPOCH_NS
        self.epoch_time = _real_time_ns()
        self.threads = {}
        self.thread_order = itertools.count()
        self.holds = []
        self.cond = threading.Condition(threading.Lock())
        self.in_select = False
        self.loop_running = 0
        self.items = []              # executor work whose result has not reached the loop
        self.item_order = itertools.count()
        self.budget_ns = budget_ns
        self.on_budget = None        # called on the loop thread when time would pass the budget
        self.on_forever = None       # called on the loop thread when it would wait forever (with a budget)
        self.driving = 0             # the loop's thread waits outside its selector, and lets threads go on
        self.starting = 0            # the loop's thread waits for a thread it starts to begin: no wait in time
        self.exiting = False         # the program has ended; the interpreter waits for its threads
        self.waiter_threads = {}     # a Condition's waiter lock -> the thread waiting on it
        self.submitting = {}         # thread ident -> the work it is handing to a thread pool
        self.around_wait = None      # draws a wait of the loop's thread as a blocking call
        self.looked = {}             # thread ident -> when it last waited for nothing, in vain
        self.lanes_done = collections.deque()  # pool work that ended: its lane's rows are due
        self.on_lanes_done = None    # writes them, on the loop's thread

    # -- the loop's thread --

    def loop_base(self):
        base = self.state[0]
        floor = self.floor
        return base if base >= floor else floor

    def _free(self):
        return _FREE_CPU_NS if self.loop_running else _FREE_CPU_OUTSIDE_LOOP_NS

    def loop_now(self):
        base, mark = self.state
        if self.counting:
            base += cpu_cost(_thread_time_ns() - mark, self._free())
        floor = self.floor
        return base if base >= floor else floor

    def begin(self):
        """A callback begins: what the loop did since the last one costs nothing."""
        base = self.state[0]
        if base < self.floor:
            base = self.floor
        self.state = (base, _thread_time_ns())
        self.counting = True

    def commit(self, counting=False, callback=False):
        """A stretch of computing ends: its cost becomes part of the time."""
        base, mark = self.state
        cpu = _thread_time_ns()
        if self.counting:
            base += cpu_cost(cpu - mark, self._free())
        if callback:
            base += _CALLBACK_NS
        if base < self.floor:
            base = self.floor
        self.state = (base, cpu)
        self.counting = counting
        if self.budget_ns is not None and base > self.budget_ns and self.on_budget is not None:
            self.on_budget()
        return base

    def jump(self, time_ns):
        self.state = (time_ns, _thread_time_ns())

    def loop_now_elsewhere(self):
        base, mark = self.state
        if self.counting and self.loop_cpu_clock is not None:
            base += cpu_cost(_clock_gettime_ns(self.loop_cpu_clock) - mark, self._free())
        floor = self.floor
        return base if base >= floor else floor

    # -- any thread --

    def now_here(self):
        ident = _get_ident()
        if ident == self.loop_thread:
            return self.loop_now()
        thread = self.threads.get(ident)
        return thread.now(self) if thread is not None else self.loop_base()

    def sleep_here(self, seconds):
        ns = max(0, round(seconds * 1e9))
        ident = _get_ident()
        if ident == self.loop_thread:
            self.wait_here(None, ns)
            return
        thread = self.threads.get(ident)
        if thread is None:
            _real_sleep(seconds)
            return
        thread.now(self)
        thread.advance(ns)
        thread.in_recorder = True
        try:
            held = self.hold_until(thread, thread.now(self), post=False)
        finally:
            thread.in_recorder = False
        if held is None:
            _real_sleep(0)  # let the others run: a thread that sleeps in a loop must not spin

    def wait_for(self, attempt, timeout_s=None, pending=None, exact=True):
        """The program waits, on any thread, for what `attempt` gets: attempt(None) blocks until
        it comes, attempt(0) only looks, attempt(s) waits at most s real seconds; it returns
        whether it came. `timeout_s` is virtual time. `pending()` says that what is awaited is
        on its way in real time (a lock's owner at work, a thread ending). `exact`: only what
        it waits for releases it (a Condition's waiter), not any release of a lock it contends
        for. The caller then takes on the time of whoever gave it what it waited for
        (woken_here)."""
        timeout_ns = None if timeout_s is None else max(0, math.ceil(timeout_s * 1e9))
        ident = _get_ident()
        if timeout_ns == 0:
            # A second look at the same moment that finds nothing takes a moment, as every look
            # does in CPython: a loop that waits for what is left of its timeout until it is
            # below zero (as_completed) comes to its end. A single look (Semaphore.acquire with
            # timeout=0, in every submit to a thread pool) costs nothing.
            got = attempt(0)
            if not got:
                now = self.now_here()
                if self.looked.get(ident) == now:
                    if ident == self.loop_thread:
                        base, mark = self.state
                        self.state = (base + _WAIT_NS, mark)
                    else:
                        thread = self.threads.get(ident)
                        if thread is not None:
                            thread.advance(_WAIT_NS)
                else:
                    self.looked[ident] = now
            return got
        if ident == self.loop_thread:
            if self.in_select or self.driving or self.starting:
                return attempt(None if timeout_s is None else timeout_s)
            if self.around_wait is not None:
                return self.around_wait(lambda: self.wait_here(attempt, timeout_ns, pending))
            return self.wait_here(attempt, timeout_ns, pending)
        thread = self.threads.get(ident)
        if thread is None:
            return attempt(None if timeout_s is None else timeout_s)
        return self.wait_elsewhere(thread, attempt, timeout_ns, exact)

    def woken_here(self, time_ns):
        """What the thread waited for was given at `time_ns` (0: unknown)."""
        if not time_ns:
            return
        ident = _get_ident()
        if ident == self.loop_thread:
            self.woken_at(time_ns)
            return
        thread = self.threads.get(ident)
        if thread is not None:
            thread.woken_at(time_ns)

    def wait_here(self, attempt, timeout_ns=None, pending=None):
        """On the loop's thread, outside its selector: a time.sleep (attempt None) or a wait for
        other threads (Future.result, wait, as_completed, join, a lock), in a step or outside any
        running loop. Meanwhile threads held for the clock go on, in the order of their times,
        as they do while the loop waits in its selector: the clock passes to each in turn, and
        to the wait's end if nothing came first. A CPU stretch under way goes on after it, as
        through time.sleep (the wait itself is the recorder's work, not the program's)."""
        base, mark = self.state
        cpu = _thread_time_ns()
        before = cpu_cost(cpu - mark, self._free()) if self.counting else 0
        start = base + before if base + before >= self.floor else self.floor
        self.state = (start, cpu)
        deadline = None if timeout_ns is None else start + timeout_ns
        self.driving += 1
        try:
            while True:
                if attempt is not None and attempt(0):
                    return True
                target, waiting, real = self.decide(deadline)
                if waiting:
                    if attempt is None:
                        _real_sleep(0.0005)
                    elif attempt(0.0005):
                        return True
                    continue
                now = self.loop_base()
                if real:
                    got, now = self.wait_real(target, real, _sleep_slice if attempt is None else attempt)
                    if got:
                        return True
                    if deadline is not None and now >= deadline:
                        break
                    continue
                if pending is not None and pending():
                    if attempt(0.0005):
                        return True
                    continue
                if target is None:
                    # No timer, no thread at work, no real I/O: nothing the program waits for can
                    # come (but from a thread the recorder does not follow, or a signal).
                    if self.budget_ns is not None and self.on_forever is not None:
                        self.on_forever()
                    if attempt(_REAL_SLICE):
                        return True
                    continue
                self.check_budget(target)
                self.jump(target)
                self.release_due(target)
                if deadline is not None and target >= deadline:
                    break
            return attempt(0) if attempt is not None else False
        finally:
            self.driving -= 1
            end = self.loop_base()
            if self.on_lanes_done is not None:
                self.on_lanes_done()
            self.state = (end - before, mark + _thread_time_ns() - cpu)

    def wait_elsewhere(self, thread, attempt, timeout_ns, exact):
        """On a thread other than the loop's: waits for what attempt() gets. With a timeout it is
        held until the clock reaches its time plus the timeout, as time.sleep is, unless what it
        waits for comes first; without one it waits as long as it takes, and the clock passes it
        meanwhile. Its own time then is where it was, or the wait's end: the wait itself costs
        nothing."""
        own = thread.now(self)
        counted = thread.state[1] is not None
        got = False
        try:
            if timeout_ns is None:
                thread.waiting = True
                try:
                    if exact:
                        got = attempt(None)
                    else:
                        while not got:
                            thread.woken = False
                            got = attempt(0.002)
                finally:
                    thread.waiting = False
                return got
            deadline = own + timeout_ns
            hold = _Hold(deadline, thread, False)
            with self.cond:
                held = deadline > self.loop_base()
                if held:
                    self.holds.append(hold)
                    thread.holding = True
            watch = _Watch()
            while held:
                got = attempt(0.002)
                with self.cond:
                    if got or hold.released:
                        break
                    if not exact:
                        thread.woken = False  # a lock it contends for went to another
                    verdict = self._verdict(hold, watch)
                    if verdict is None:
                        continue
                    self.holds.remove(hold)
                    thread.holding = False
                    if verdict == "go":
                        break
                    held = False
                # The loop's thread cannot let it go: it waits for real, and its time passes as much.
                began = _real_monotonic_ns()
                got = attempt(timeout_ns / 1e9)
                if not got:
                    deadline = own + (_real_monotonic_ns() - began)
                break
            with self.cond:
                if hold in self.holds:
                    self.holds.remove(hold)
                thread.holding = False
            if not got:
                got = attempt(0)
            if not got:
                own = max(own, deadline)
            return got
        finally:
            thread.woken = False
            thread.state = (own, _thread_time_ns() if counted else None)

    # -- threads and the loop --

    def hold_until(self, thread, time_ns, post):
        """On a thread other than the loop's: wait until the loop's time reaches `time_ns`.
        Returns the hold when the loop let it go (the caller reports delivered()), else None."""
        hold = _Hold(time_ns, thread, post)
        with self.cond:
            # Looked at and held under the lock the loop decides under: the loop either sees the
            # hold or has not yet passed its time.
            if time_ns <= self.loop_base():
                return None
            self.holds.append(hold)
            thread.holding = True
            released = self._wait_release(hold)
            thread.holding = False
        return hold if released else None

    def _wait_release(self, hold):
        """Under self.cond. The loop's thread lets the hold go when its time comes."""
        watch = _Watch()
        while not hold.released:
            _condition_wait(self.cond, 0.002)
            if hold.released:
                break
            verdict = self._verdict(hold, watch)
            if verdict is not None:
                self.holds.remove(hold)
                return verdict == "go"
        return True

    def _verdict(self, hold, watch):
        """Under self.cond, for a thread held for the clock: None while the loop's thread will
        let it go in its turn (it waits in its selector or for threads, or computes: it will
        wait, or end). When the program has ended and the interpreter waits for its threads,
        nobody passes the clock: "go" for the hold that comes first while no thread is at
        work, so that threads still go on in the order of their times. "withdraw" when the
        loop's thread has been neither running nor able to run for a long look: blocked where
        the recorder does not follow (a lock this thread holds, a real call)."""
        if self.in_select or self.driving:
            watch.stuck_since = None
            return None
        if self.exiting:
            first = min(self.holds, key=lambda h: (h.time, h.order))
            if first is hold and not any(self._busy(t) for t in list(self.threads.values()) if t is not hold.thread):
                return "go"
            return None
        if self.loop_cpu_clock is None:
            return None
        cpu = _clock_gettime_ns(self.loop_cpu_clock)
        now = _real_monotonic_ns()
        if cpu != watch.last_cpu or _thread_state(self.loop_native) in ("R", None):
            watch.stuck_since, watch.last_cpu = None, cpu
        elif watch.stuck_since is None:
            watch.stuck_since = now
        elif now - watch.stuck_since > 200 * _MS:
            return "withdraw"
        return None

    def wait_real(self, target, real, wait):
        """Waits in real time for what the clock cannot hold (a thread in a real call, real
        I/O): wait(seconds) for a slice at most, never past target. The clock moves by what
        the wait took, and what is due is released. Returns wait's answer and the time now."""
        now = self.loop_base()
        slice_s = _REAL_SLICE if target is None else min(_REAL_SLICE, max(0, target - now) / 1e9)
        began = _real_monotonic_ns()
        answer = wait(slice_s)
        now += _real_monotonic_ns() - began
        if target is not None and now > target:
            now = target
        self.check_budget(now)
        self.jump(now)
        for thread in real:
            if thread is not None:
                thread.woken_at(now)  # its real call took this long, at least
        self.release_due(now)
        return answer, now

    def check_budget(self, time_ns):
        if self.budget_ns is not None and time_ns > self.budget_ns and self.on_budget is not None:
            self.jump(self.budget_ns + 1)
            self.on_budget()
    def delivered(self, hold):
        with self.cond:
            hold.delivered = True
            self.cond.notify_all()

    def woken_at(self, time_ns):
        """The loop's thread waited for another thread, which woke it at `time_ns`."""
        if time_ns > self.floor:
            self.floor = time_ns

    def exclude(self, cpu_ns):
        """CPU time the loop's thread spent on the recorder's own work, or on starting a
        thread: not the program's computing."""
        base, mark = self.state
        self.state = (base, mark + cpu_ns)

    def next_hold(self):
        with self.cond:
            if not self.holds:
                return None
            return min(hold.time for hold in self.holds)

    def decide(self, deadline):
        """Under the holds' lock: the loop's next time (the earliest hold or `deadline`) and what
        it must wait for before reaching it (see survey)."""
        with self.cond:
            target = min(hold.time for hold in self.holds) if self.holds else None
            if deadline is not None and (target is None or deadline < target):
                target = deadline
            return (target,) + self.survey(target)

    def release_due(self, now):
        """Lets threads whose time has come go on, one at a time in their order, each until
        it has handed over its result or stopped at something: the same order every run."""
        while True:
            with self.cond:
                due = [hold for hold in self.holds if hold.time <= now]
                if not due:
                    return
                hold = min(due, key=lambda h: (h.time, h.order))
                self.holds.remove(hold)
                thread = hold.thread
                thread.released_cpu = (_clock_gettime_ns(thread.cpu_clock) if thread.cpu_clock is not None
                                       else None)
                hold.released = True
                thread.holding = False  # at once: until it runs, it is busy (released_cpu)
                self.cond.notify_all()
                if hold.post:
                    deadline = _real_monotonic_ns() + 10_000 * _MS
                    while not hold.delivered and thread.ident in self.threads and _real_monotonic_ns() < deadline:
                        _condition_wait(self.cond, 0.01)
            self._settle(thread)

    def _settle(self, thread):
        """Waits (for real) while a thread the loop just let go runs on."""
        deadline = _real_monotonic_ns() + 10_000 * _MS
        while thread.ident in self.threads and _real_monotonic_ns() < deadline:
            if not self._busy(thread):
                return
            _real_sleep(0.0002)

    def _busy(self, thread):
        """Whether a thread runs the program's code, or is about to: the loop's time waits for
        it. Not while it waits for the loop or another thread, nor a worker between its work;
        a thread whose CPU time has not moved for a while and that the kernel does not call
        runnable is blocked in a real call."""
        if thread.woken:
            return True
        if thread.holding or thread.waiting:
            return False
        if thread.in_recorder:
            return True  # about to hold, or to hand its result over: a moment
        if thread.pool_worker:
            if thread.delivering is not None:
                return True  # its work ended: the result is on its way to the loop
            if thread.item is None:
                return False
        if thread.cpu_clock is None:
            return False
        cpu = _clock_gettime_ns(thread.cpu_clock)
        if thread.released_cpu is not None:
            if cpu == thread.released_cpu:
                return True  # let go, and not yet run
            thread.released_cpu = None
        now = _real_monotonic_ns()
        if cpu != thread.last_cpu:
            thread.last_cpu, thread.moved_at = cpu, now
            return True
        if now - thread.moved_at < _STILL_NS:
            return True  # waiting for the GIL, or for a core on a busy machine
        return _thread_state(thread.native) == "R"

    def survey(self, target):
        """What the loop must wait for before its time may reach `target` (None: forever):
        (threads computing behind it or work about to start, executor work blocked in real
        calls, for which time passes for real)."""
        waiting = False
        real = []
        for thread in list(self.threads.values()):
            if self._busy(thread):
                if thread.delivering is not None or target is None or thread.seen_from_elsewhere() < target:
                    waiting = True
            elif (thread.item is not None or not thread.pool_worker) and not thread.holding and not thread.waiting:
                real.append(thread)  # executor work, or a thread of the program's, blocked in a real call
        for item in self.items:
            if item.finished:
                continue
            if item.real:
                real.append(None)
            elif not item.started and self._can_start(item):
                future = item.pool_future
                if future is not None and future.done():
                    item.finished = True  # cancelled in its queue: it never starts
                else:
                    waiting = True
        return waiting, real

    def _can_start(self, item):
        """Whether work waiting in its executor's queue can start now: a worker is free."""
        executor = item.executor
        if not isinstance(executor, concurrent.futures.thread.ThreadPoolExecutor):
            return True
        busy = sum(1 for other in self.items if other.executor is executor and other.started and not other.delivered)
        return busy < executor._max_workers

    def work_started(self, item, thread):
        if thread.delivering is not None:
            thread.delivering.delivered = True
            thread.delivering = None
        item.started = True
        thread.item = item
        own = thread.now(self) if not thread.pool_worker else max(thread.state[0], thread.catch_up)
        thread.state = (max(own, item.submitted), _thread_time_ns())

    def work_finished(self, item, thread):
        """Work handed to a thread pool by submit ends, its future's callbacks run."""
        end = thread.now(self)
        if thread.pool_worker:
            thread.state = (end, None)
        thread.item = None
        item.finished = item.delivered = True
        with self.cond:
            try:
                self.items.remove(item)
            except ValueError:
                pass

    def work_ended(self, item, thread):
        """The work's own computing ends: what the executor does after it costs nothing."""
        end = thread.now(self)
        if thread.pool_worker:
            thread.state = (end, None)
        thread.item = None
        thread.delivering = item
        return end


class _VirtualSelector:
    """The loop's selector under the virtual clock. Before the loop's time may pass, threads
    computing behind it are waited for; real I/O (a socket or pipe other than the loop's own,
    or executor work blocked in a real call) is waited for in real time, and the clock advances
    by the real time waited, up to the next timer; otherwise the clock jumps to the next timer
    or to the next thread that waits for the loop's time."""

    def __init__(self, selector, loop, clock, rec):
        self._selector = selector
        self._loop = loop
        self._clock = clock
        self._rec = rec

    def __getattr__(self, name):
        return getattr(self._selector, name)

    def _real_io(self):
        ssock = getattr(self._loop, "_ssock", None)
        own = ssock.fileno() if ssock is not None else -1
        for key in self._selector.get_map().values():
            if key.fd != own:
                return True
        return False

    def select(self, timeout=None):
        clock = self._clock
        if _get_ident() != clock.loop_thread:
            return self._select_elsewhere(timeout)
        rec = self._rec
        rec.waiting_begins()
        clock.in_select = True
        try:
            return self._select(timeout)
        finally:
            clock.in_select = False
            rec.waiting_ends()
            if clock.lanes_done or rec.thread_output:
                _lanes_done(rec)

    def _select(self, timeout):
        clock = self._clock
        select = self._selector.select
        start = clock.loop_base()
        if timeout is not None and timeout <= 0:
            events = select(0)
            clock.release_due(start)
            return events
        deadline = None
        if timeout is not None:
            scheduled = self._loop._scheduled
            if scheduled:  # the next timer, as asyncio computed its time
                wait = round(scheduled[0]._when * 1e9) - clock.epoch_monotonic - start
            else:
                wait = math.ceil(timeout * 1e9)
            # In whole milliseconds, as CPython's epoll selector waits.
            deadline = start + max(0, -(-wait // _MS) * _MS)
        while True:
            events = select(0)
            if events:
                return events
            target, waiting, real = clock.decide(deadline)
            if waiting:
                events = select(0.0005)
                if events:
                    return events
                continue
            if real or self._real_io():
                events, now = clock.wait_real(target, real, select)
                if events or (target is not None and now >= target):
                    return events
                continue
            if target is None:
                # No timer, no thread at work, no real I/O: nothing the program waits for can
                # happen (but a signal, or a thread the recorder does not follow).
                if clock.budget_ns is not None:
                    self._rec.stop_waiting_forever(self._loop)
                events = select(_REAL_SLICE)
                if events:
                    return events
                continue
            clock.check_budget(target)
            clock.jump(target)
            clock.release_due(target)
            return select(0)

    def _select_elsewhere(self, timeout):
        """A loop on another thread keeps that thread's time: it jumps, or waits for real I/O."""
        clock = self._clock
        thread = clock.threads.get(_get_ident())
        select = self._selector.select
        events = select(0)
        if events or (timeout is not None and timeout <= 0) or thread is None:
            return events if events or thread is not None else select(timeout)
        if self._real_io() or timeout is None:
            before = _real_monotonic_ns()
            events = select(timeout)
            thread.advance(_real_monotonic_ns() - before)
            return events
        thread.advance(math.ceil(timeout * 1e9))
        return select(0)


def _install_virtual_time(clock):
    """time and datetime read the virtual clock; importing a module costs no virtual time (a
    first import is slow, and how slow depends on the disk and the machine, not the program)."""
    import importlib._bootstrap as bootstrap
    find_and_load = bootstrap._find_and_load
    importing = [0]

    def _find_and_load(name, import_):
        if _get_ident() != clock.loop_thread or importing[0]:
            return find_and_load(name, import_)
        importing[0] += 1
        before = _thread_time_ns()
        try:
            return find_and_load(name, import_)
        finally:
            clock.exclude(_thread_time_ns() - before)
            importing[0] -= 1
    bootstrap._find_and_load = _find_and_load

    def exclude_here(ident, spent):
        """CPU time the thread `ident` spent on what costs no virtual time."""
        if ident == clock.loop_thread:
            if not importing[0]:
                clock.exclude(spent)
            return
        thread = clock.threads.get(ident)
        if thread is not None:
            base, mark = thread.state
            if mark is not None:
                thread.state = (base, mark + spent)

    # A garbage collection costs no virtual time either: when it comes depends on the program,
    # but how long it takes depends on the machine (a pass over a large heap takes a few
    # milliseconds, several times that on a busy machine, which would move later events).
    collecting = {}

    def on_collection(phase, info):
        ident = _get_ident()
        if phase == "start":
            collecting[ident] = _thread_time_ns()
            return
        before = collecting.pop(ident, None)
        if before is not None:
            exclude_here(ident, _thread_time_ns() - before)
    gc.callbacks.append(on_collection)

    # Resolving a name costs no virtual time: the first resolution in a process reads the
    # system's files and loads its name-service libraries, which costs what the machine makes
    # it cost, not the program (asyncio's open_connection and start_server resolve in the
    # default executor's thread).
    import socket
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(*args, **kwargs):
        before = _thread_time_ns()
        try:
            return real_getaddrinfo(*args, **kwargs)
        finally:
            exclude_here(_get_ident(), _thread_time_ns() - before)
    socket.getaddrinfo = getaddrinfo

    def monotonic():
        return (clock.epoch_monotonic + clock.now_here()) / 1e9

    def monotonic_ns():
        return clock.epoch_monotonic + clock.now_here()

    def perf_counter():
        return (clock.epoch_perf + clock.now_here()) / 1e9

    def perf_counter_ns():
        return clock.epoch_perf + clock.now_here()

    def time_():
        return (clock.epoch_time + clock.now_here()) / 1e9

    def time_ns():
        return clock.epoch_time + clock.now_here()
    time_.__name__ = "time"

    real_localtime, real_gmtime, real_ctime, real_strftime = time.localtime, time.gmtime, time.ctime, time.strftime

    def localtime(seconds=None):
        return real_localtime(time_() if seconds is None else seconds)

    def gmtime(seconds=None):
        return real_gmtime(time_() if seconds is None else seconds)

    def ctime(seconds=None):
        return real_ctime(time_() if seconds is None else seconds)

    def strftime(format, t=None):
        return real_strftime(format, localtime() if t is None else t)

    for function in (monotonic, monotonic_ns, perf_counter, perf_counter_ns, time_, time_ns, localtime, gmtime,
                     ctime, strftime):
        setattr(time, function.__name__, function)
    # Semaphore.acquire, Condition.wait_for, Barrier and Queue.get count their timeouts on a
    # monotonic clock they imported: the virtual one, so that they time out with the waits.
    threading._time = monotonic
    import queue
    queue.time = monotonic

    real_datetime, real_date = datetime.datetime, datetime.date

    class _Meta(type):
        def __instancecheck__(cls, instance):
            return isinstance(instance, cls.__bases__[0])

        def __subclasscheck__(cls, subclass):
            return issubclass(subclass, cls.__bases__[0])

    class VirtualDatetime(real_datetime, metaclass=_Meta):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(time_(), tz)

        @classmethod
        def utcnow(cls):
            return cls.utcfromtimestamp(time_())

        @classmethod
        def today(cls):
            return cls.fromtimestamp(time_())

    class VirtualDate(real_date, metaclass=_Meta):
        @classmethod
        def today(cls):
            return cls.fromtimestamp(time_())

    # Reprs name the real classes (datetime.datetime(2025, 1, 2, ...)), and pickles find these.
    for virtual, real in ((VirtualDatetime, real_datetime), (VirtualDate, real_date)):
        virtual.__name__ = f"datetime.{real.__name__}"
        virtual.__qualname__ = real.__qualname__
        virtual.__module__ = "datetime"
    datetime.datetime, datetime.date = VirtualDatetime, VirtualDate


# ---- the recorder ----

class Recorder:
    def __init__(self, journal, threshold_ns, clock=None):
        self.trace = TraceBuilder(journal)
        self.journal = journal
        self.threshold_ns = threshold_ns
        self.clock = clock
        if clock is None:
            self.clock_ns = _real_monotonic_ns
            self.origin_ns = _real_monotonic_ns()
            self.loop_time_base = self.origin_ns  # loop.time() in ns less this: trace time
        else:
            self.clock_ns = clock.now_here
            self.origin_ns = None     # set as the program starts
            self.loop_time_base = 0
        self.pid = os.getpid()
        self.current = None           # the task whose step is running
        self.current_task = None
        self.current_track = None
        self.synced_at = 0            # the last moment of the running step its frames are known at
        self.last_stepped = None      # the task whose step ended last (the likely waker)
        self.step_started = 0
        self.step_blocked = False     # a blocking call was recorded in the running step
        self.samples = []             # where the sampler saw a long step: (file, function, line, kind, what)
        self.scope_stack = []         # gather / TaskGroup scopes being set up
        self.loop_thread = _get_ident()
        self._sites_by_code = {}      # (code, line) -> site id: no string work per step
        self.await_ids = {}           # (code, line, kind, label, target) -> await id, likewise
        self.creations = {}           # (coroutine code, creator code, line) -> (site, frame) ids
        self.timer_future = None      # id() of the future of the last timer asyncio.sleep armed
        self.timer_due = None         # and when that timer is due, in trace time
        self.finish_lock = threading.Lock()
        self.finished = False
        self.stopping = False
        self.output_path = None
        self.compress = False
        self.started_real = _real_monotonic_ns()
        self.max_wall_ns = None
        self.progress = None          # a file the recorder reports its time to, once a second
        self.saved_error = None
        self.tee = None               # sys.stdout as the recorder watches it
        self.error_tee = None         # sys.stderr likewise: warnings and tracebacks are output too
        self.program_file = ""        # the script, for the top level's lane
        self.top_level_blocks = []    # (block, began, ended): time.sleep outside any event loop
        self.program_error = None     # how the program failed ("ValueError: ..."), if it did
        self.thread_output = collections.deque()  # lines other threads printed, not yet recorded

    def set_origin(self):
        """Virtual clock: time 0 of the trace is when the program starts (the recorder's own
        start costs nothing)."""
        if self.origin_ns is None:
            self.origin_ns = self.clock.commit(counting=True)
            self.loop_time_base = self.clock.epoch_monotonic + self.origin_ns

    def now(self):
        if self.origin_ns is None:
            return 0
        now = self.clock_ns() - self.origin_ns
        return now if now > 0 else 0

    def loop_time_to_trace(self, when):
        return round(when * 1e9) - self.loop_time_base

    # ---- where things happen ----

    def user_frame(self, frame):
        library_files = _library_files
        while frame is not None:
            known = library_files.get(frame.f_code.co_filename)
            if known is None:
                known = _is_library(frame.f_code.co_filename)
            if not known:
                return frame
            frame = frame.f_back
        return None

    def site_of_frame(self, frame):
        if frame is None:
            return 0
        key = (frame.f_code, frame.f_lineno)
        found = self._sites_by_code.get(key)
        if found is None:
            found = self._sites_by_code[key] = self.trace.site(frame.f_code.co_filename, frame.f_code.co_name,
                                                               frame.f_lineno)
        return found

    def definition_site(self, code):
        key = (code, -1)
        found = self._sites_by_code.get(key)
        if found is None:
            found = self._sites_by_code[key] = self.trace.site(code.co_filename, code.co_name, code.co_firstlineno)
        return found

    # ---- the journal ----

    def waiting_begins(self):
        """The loop's thread is about to wait in select: it adds no rows meanwhile."""
        journal = self.journal
        if journal.due():
            journal.flush()
        journal.rows_lock.release()

    def waiting_ends(self):
        self.journal.rows_lock.acquire()

    def checkpoint(self):
        """On the loop's thread, where rows may be written: at most once per interval. Writing
        is the recorder's work, not the program's: it costs no virtual time."""
        journal = self.journal
        if journal.due():
            before = _thread_time_ns()
            journal.flush()
            if self.clock is not None:
                self.clock.exclude(_thread_time_ns() - before)

    # ---- ending ----

    def finish(self, ending=""):
        """Writes the finished trace in place of the journal (once, from whichever thread ends
        the program). `ending` says how a recording that did not run to its end stopped."""
        with self.finish_lock:
            if self.finished or os.getpid() != self.pid:
                return
            self.finished = True
        journal = self.journal
        for tee in (self.tee, self.error_tee):
            if tee is not None:
                tee.record_partial_line()  # written without its newline: it was written all the same
        if _get_ident() == self.loop_thread:
            if self.clock is not None:
                _lanes_done(self)
            elif self.thread_output:
                _thread_output(self)
        if self.trace.task_count == 0:
            self._main_program_lane()
        journal.add("end", json.dumps({"ending": ending}, ensure_ascii=False))
        journal.flush()
        journal.close()
        if journal.error is not None:
            self.saved_error = f"cannot write the journal of the trace to {self.output_path}: {journal.error}"
            return
        try:
            save_atomically(self.output_path, lambda write: assemble_trace(self.output_path, write), self.compress)
        except (OSError, ValueError, UnicodeDecodeError) as error:
            self.saved_error = (f"cannot write the trace to {self.output_path}: {error}; "
                                "the journal of the recording is left in its place")

    def _main_program_lane(self):
        """A program that never created a task (a plain script) is one lane of its top level, as
        the interpreter draws it: from 0 to its end, with its blocking calls. Its output, its
        never-awaited coroutines and its error join the lane as the trace is assembled."""
        trace = self.trace
        site = trace.site(self.program_file, "<module>", 1)
        lane = trace.task("main program", "main", None, trace.frame("<module>", site, site), site, 0, None)
        rows = ['[0,"resume"]']
        for block, began, ended in self.top_level_blocks:
            rows.append(f'[{began},"block",{block}],[{ended},"unblock",{block}]')
        end = self.now()
        if self.program_error is None:
            rows.append(f'[{end},"finish","done"]')
        else:
            rows.append(f'[{end},"finish","failed",{trace.string(self.program_error)}]')
        self.journal.lines.append(f'["rows",{lane},{",".join(rows)}]')
        self.journal.add("mainProgram", str(lane))

    def stop(self, message, frame_line=None):
        """Ends the program where it is (a budget ran out): the message, the trace so far."""
        with self.finish_lock:
            if self.stopping or self.finished or os.getpid() != self.pid:
                return
            self.stopping = True
        text = f"{PROGRAM}: stopped: {message}"
        try:
            self.trace.script_error(self.now(), self.current, 0, f"stopped: {message}")
            _flush_standard_streams()
            sys.__stderr__.write(text + "\n")
            sys.__stderr__.flush()
        except (OSError, ValueError):
            pass
        self.finish(ending=f"stopped: {message}")
        if self.saved_error:
            _report(self.saved_error)
        _real_os_exit(1)

    def stop_waiting_forever(self, loop):
        waiting = _where_tasks_wait(loop)
        self.stop("the program would wait forever: every task is waiting and nothing is scheduled that could "
                  "wake them (no timer, no thread at work, no real I/O)" + (". Waiting: " + "; ".join(waiting)
                                                                             if waiting else ""))


def _where_tasks_wait(loop, limit=5):
    places = []
    try:
        tasks = [task for task in asyncio.all_tasks(loop) if _tracked_id(task) is not None]
    except RuntimeError:
        return places
    tasks.sort(key=_tracked_id)
    for task in tasks[:limit]:
        frame = None
        link = task.get_coro()
        while type(link) in (_CoroutineType, _GeneratorType):
            candidate = _frame_of(link)
            if candidate is not None and not _is_library(candidate.f_code.co_filename):
                frame = candidate
            link = link.cr_await if type(link) is _CoroutineType else link.gi_yieldfrom
        where = f" at {os.path.basename(frame.f_code.co_filename)}:{frame.f_lineno} in {frame.f_code.co_name}" if frame else ""
        places.append(f"{task.get_name()}{where}")
    if len(tasks) > limit:
        places.append(f"and {len(tasks) - limit} more")
    return places


def _report(message):
    try:
        sys.__stderr__.write(f"{PROGRAM}: {message}\n")
        sys.__stderr__.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _flush_standard_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass  # closed by the program, as it may be


_recorder = None


# Tasks asyncio.run makes for its own shutdown: not part of the program.
_SHUTDOWN_COROUTINES = {"shutdown_asyncgens", "shutdown_default_executor"}

# asyncio coroutines a task can be suspended in, by qualified name: (wait kind, label).
_WAITS = {
    "__sleep0": ("yield", "asyncio.sleep(0)"),
    "sleep": ("timer", "asyncio.sleep"),
    "Event.wait": ("event", "Event.wait"),
    "Lock.acquire": ("lock", "Lock.acquire"),
    "Condition.wait": ("condition", "Condition.wait"),
    "Semaphore.acquire": ("semaphore", "Semaphore.acquire"),
    "BoundedSemaphore.acquire": ("semaphore", "Semaphore.acquire"),
    "Queue.get": ("queue", "Queue.get"),
    "Queue.put": ("queue", "Queue.put"),
    "Queue.join": ("event", "Queue.join"),
    "TaskGroup.__aexit__": ("taskgroup", "TaskGroup"),
    "wait_for": ("task", "asyncio.wait_for"),
    "to_thread": ("thread", "asyncio.to_thread"),
    "as_completed.<locals>._wait_for_one": ("queue", "asyncio.as_completed"),
    "_wait": ("wait", "asyncio.wait"),
    "StreamReader._wait_for_data": ("stream", "StreamReader.read"),
}

# Wake-ups whose future no task completed: the step that set it (Event.set, a lock's release,
# a queue's put...) is the waker: the running one, or else the one that ran last.
_WOKEN_BY_LAST_STEP = frozenset(("event", "lock", "semaphore", "queue", "taskgroup", "gather", "condition", "wait"))

# Per code object of a coroutine or generator in a task's await chain: None for the program's
# own code, or the (kind, label) of the wait when it is asyncio's (_NOT_A_WAIT when asyncio's
# code is no wait of its own, such as a wrapper on the way to one).
_NOT_A_WAIT = ()
_code_roles = {}


def _code_role(code):
    role = _code_roles.get(code)
    if role is None:
        role = _code_roles[code] = (_WAITS.get(code.co_qualname, _NOT_A_WAIT)
                                    if _is_library(code.co_filename) else False)
    return role


class _TaskTrack:
    """What the recorder keeps on a task it follows (as the attribute `_awaitscope`)."""

    __slots__ = ("id", "rows", "last", "coroutine", "created_at", "stack", "links", "wait", "due", "yielded")

    def __init__(self, task_id, coroutine, created_at, now):
        self.id = task_id
        self.rows = ""          # event rows not yet in the journal, as JSON text
        self.last = now         # the time of its last row
        self.coroutine = coroutine
        self.created_at = created_at
        # Tuples where they can be: a recording keeps one of these per task, and the garbage
        # collector stops looking at a tuple of numbers.
        self.stack = ()         # frame ids of the coroutine chain at the last look
        self.links = ()         # the coroutine objects of that chain
        self.wait = "future"    # the kind of the current await
        self.due = None         # when its timer is due (timer waits)
        self.yielded = False    # the running step yielded (asyncio.sleep(0)): ready once it suspends


def _row(rec, track, time_ns, fields):
    """One event row of a task: its time, then `fields` as JSON text ('"enter",3'). Rows of a
    task are in time order; a row noted late takes the time of the row before it."""
    if time_ns < track.last:
        time_ns = track.last
    track.last = time_ns
    # One string per task, not a list of them: a recording holds one for every task that did
    # something since the journal was last written, a million tasks at times.
    rows = track.rows
    if not rows:
        rec.journal.dirty.append(track)
        track.rows = f"[{time_ns},{fields}]"
    elif len(rows) < _ROWS_CHUNK:
        track.rows = f"{rows},[{time_ns},{fields}]"
    else:  # a busy task: its rows so far go out as a chunk of their own
        rec.journal.lines.append(f'["rows",{track.id},{rows}]')
        track.rows = f"[{time_ns},{fields}]"


def _tracked_id(task):
    track = getattr(task, "_awaitscope", None) if task is not None else None
    return track.id if track is not None else None


def _track_new_task(rec, task, coro, name):
    """A task is being made: seen from inside Task.__init__, where it schedules its first step
    (or, for an eager task, before __init__ runs that step)."""
    code = getattr(coro, "cr_code", None)
    if code is not None and code.co_name in _SHUTDOWN_COROUTINES and _is_library(code.co_filename):
        return None
    trace = rec.trace
    parent = rec.current  # the task whose step runs, as asyncio.current_task() would say
    creator = rec.user_frame(sys._getframe(2))
    key = (code, creator.f_code, creator.f_lineno) if creator is not None else (code, None, 0)
    found = rec.creations.get(key)
    if found is None:
        created_at = rec.site_of_frame(creator)
        coroutine = trace.frame(code.co_qualname, rec.definition_site(code), created_at) if code else 0
        found = rec.creations[key] = (created_at, coroutine)
    created_at, coroutine = found
    now = rec.now()
    scope = rec.scope_stack[-1] if rec.scope_stack else None
    task_id = trace.task(name, "task", parent, coroutine, created_at, now, scope)
    track = _TaskTrack(task_id, coroutine, created_at, now)
    task._awaitscope = track
    _row(rec, track, now, f'"ready","start",{_null(parent)}')
    if rec.journal.due():
        rec.checkpoint()  # a step that makes many tasks: their rows need not wait in memory
    return track


def _task_ready(rec, track, future):
    """A task was scheduled to run: a wake-up by `future`, or (no future) a plain step."""
    now = rec.now()
    if future is None:
        # A step scheduled without a future: a bare yield (asyncio.sleep(0)). The task asks for
        # it from inside its step; it is ready from the moment that step suspends.
        if rec.current == track.id:
            track.yielded = True
            return
        _row(rec, track, now, '"ready","yield"')
        return
    kind = track.wait
    waker = None
    if future.cancelled():
        kind = "cancel"
    else:
        waker = _tracked_id(future)
        if waker is None and kind in _WOKEN_BY_LAST_STEP:
            waker = rec.current if rec.current is not None else rec.last_stepped
        elif kind == "timer" and track.due is not None and track.due < now:
            # Ready from its deadline, however late the loop got to it (a frozen loop), but
            # not before the task suspended.
            now = track.due
        elif kind in ("thread", "future"):
            item = getattr(future, "_awaitscope_thread", None)
            if item is not None:  # work on a thread: ready once it ended, loop frozen or not
                kind = "thread"
                if item.end is not None and item.end < now:
                    now = item.end
    _row(rec, track, now, f'"ready","{kind}"' if waker is None else f'"ready","{kind}",{waker}')


def _task_finished(rec, task, track, started, ended):
    trace = rec.trace
    _record_blocking(rec, track, started, ended)
    for frame_id in reversed(track.stack):
        _row(rec, track, ended, f'"exit",{frame_id}')
    track.stack = ()
    track.links = ()  # the finished task no longer holds its coroutines, as without the recorder
    # The private fields, not exception(): retrieving it would silence asyncio's
    # "Task exception was never retrieved".
    if task.cancelled():
        _row(rec, track, ended, '"finish","cancelled"')
    elif task._exception is not None:
        _row(rec, track, ended, f'"finish","failed",{trace.string(repr(task._exception))}')
    else:
        _row(rec, track, ended, '"finish","done"')


def _task_suspended(rec, task, track, started, synced, ended):
    """Where the task now waits: the program's coroutines come first in its await chain,
    asyncio's own after them; the first of asyncio's that is a known wait names it."""
    user = []
    link = task.get_coro()
    role = False
    while True:
        kind = type(link)
        if kind is _CoroutineType:
            code, following = link.cr_code, link.cr_await
        elif kind is _GeneratorType:
            code, following = link.gi_code, link.gi_yieldfrom
        else:
            break
        role = _code_roles.get(code)
        if role is None:
            role = _code_role(code)
        if role is not False:
            break
        user.append(link)
        link = following
    if role is not False:  # the chain went on into asyncio's code
        while not role:  # past asyncio's wrappers (and what they wrap), to the wait they are in
            link = link.cr_await if type(link) is _CoroutineType else link.gi_yieldfrom
            kind = type(link)
            if kind is _CoroutineType:
                role = _code_role(link.cr_code)
            elif kind is _GeneratorType:
                role = _code_role(link.gi_code)
            else:
                break
    _update_frames(rec, track, [_frame_of(link) for link in user], synced)
    if ended - started >= rec.threshold_ns:
        _record_blocking(rec, track, started, ended)

    target = None
    due = None
    if role:
        kind, label = role
        if kind == "timer":
            if type(link.cr_await) is _GeneratorType:  # asyncio.sleep(0) yields through __sleep0
                kind, label = _WAITS["__sleep0"]
            elif rec.timer_future == id(task._fut_waiter):  # the timer this sleep just armed
                due = rec.timer_due
        elif label == "asyncio.wait_for":
            target = _tracked_id(_frame_of(link).f_locals.get("fut"))
    else:
        awaited = task._fut_waiter  # C futures hide behind an iterator in the coroutine chain
        target = _tracked_id(awaited)
        if target is not None:
            kind, label = "task", awaited.get_name()
        elif type(awaited).__name__ == "_GatheringFuture":
            kind, label = "gather", "asyncio.gather"
        else:
            kind, label = "future", "future"
    track.wait = kind
    track.due = due
    if user:
        frame = _frame_of(user[-1])
        key = (frame.f_code, frame.f_lineno, kind, label, target)
    else:
        frame, key = None, (None, 0, kind, label, target)
    await_id = rec.await_ids.get(key)
    if await_id is None:
        await_id = rec.await_ids[key] = rec.trace.await_info(rec.site_of_frame(frame), kind, label, target)
    _row(rec, track, ended, f'"suspend",{await_id}')
    if track.yielded:
        track.yielded = False
        _row(rec, track, ended, '"ready","yield"')


def _update_frames(rec, track, frames, at):
    """The task's coroutine frames are now `frames` (outermost first): frames that left end and
    frames that came begin at `at`. Calls are told apart by their frame objects, not by what
    they run: a second call of the same function from the same line is a frame of its own."""
    old = track.links
    common = 0
    limit = min(len(frames), len(old))
    while common < limit and frames[common] is old[common]:
        common += 1
    if common == len(frames) == len(old):
        return
    trace = rec.trace
    stack = list(track.stack[:common])
    for frame_id in reversed(track.stack[common:]):
        _row(rec, track, at, f'"exit",{frame_id}')
    call_site = rec.site_of_frame(frames[common - 1]) if common else track.created_at
    for frame in frames[common:]:
        code = frame.f_code
        frame_id = trace.frame(code.co_qualname, rec.definition_site(code), call_site)
        stack.append(frame_id)
        _row(rec, track, at, f'"enter",{frame_id}')
        call_site = rec.site_of_frame(frame)
    track.stack = tuple(stack)
    track.links = tuple(frames)


_COROUTINE_FLAGS = 0x80 | 0x100  # CO_COROUTINE, CO_ITERABLE_COROUTINE


_STDLIB_DIR = os.path.dirname(os.__file__)
# What the recorder's own stand-ins for threading's waits are called in the program's words.
_WAIT_NAMES = {"join": "Thread.join", "acquire": "Lock.acquire", "wait": "Condition.wait"}


def _program_caller(frame):
    """The program's frame that called into the standard library to wait, and what it called
    ("Future.result", "concurrent.futures.wait", "Thread.join")."""
    callee = None
    while frame is not None:
        filename = frame.f_code.co_filename
        ours = _is_recorder(filename)
        if not ours and not (filename.startswith(_STDLIB_DIR) and "-packages" not in filename):
            break
        callee = frame
        frame = frame.f_back
    if callee is None:
        return frame, "wait"
    code = callee.f_code
    if _is_recorder(code.co_filename):
        return frame, _WAIT_NAMES.get(code.co_name, code.co_name)
    qualname = getattr(code, "co_qualname", code.co_name)
    if "." in qualname:
        return frame, qualname
    module = callee.f_globals.get("__name__", "")
    return frame, ".".join(part for part in module.split(".") if not part.startswith("_")) + "." + qualname


def _frames_on_stack(task, frame):
    """The running task's coroutine frames on the stack that leads to `frame`, outermost
    first, or None when `frame` is not inside the task's step. (While a chain runs, its
    coroutines' cr_await is empty: only the stack shows which calls are still in progress.)"""
    coro = task.get_coro()
    if type(coro) is not _CoroutineType or _is_library(coro.cr_code.co_filename):
        return None
    root = coro.cr_frame
    frames = []
    while frame is not None:
        code = frame.f_code
        if code.co_flags & _COROUTINE_FLAGS and not _is_library(code.co_filename):
            frames.append(frame)
        if frame is root:
            frames.reverse()
            return frames
        frame = frame.f_back
    return None


def _record_blocking(rec, track, started, ended):
    if ended - started >= rec.threshold_ns and not rec.step_blocked and rec.samples:
        # The loop was held by something other than time.sleep: name it by where it was seen
        # most often (one look may land on a loop's header rather than the line at work).
        # A look is a sample: a loop spread over lines gives a share to each, which the
        # description keeps ("line 21 in 6 of 9 looks, line 20 in 3").
        seen = collections.Counter(rec.samples).most_common()
        filename, function, line, kind, what = seen[0][0]
        if len(seen) > 1:
            shares = ", ".join(f"line {sample[2]} in {count}" for sample, count in seen[1:])
            what += f" (line {line} in {seen[0][1]} of {len(rec.samples)} looks, {shares})"
        block = rec.trace.block(rec.trace.site(filename, function, line), kind, what)
        _row(rec, track, started, f'"block",{block}')
        _row(rec, track, ended, f'"unblock",{block}')


_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType


def _code_of(link):
    return link.cr_code if type(link) is _CoroutineType else link.gi_code


def _frame_of(link):
    return link.cr_frame if type(link) is _CoroutineType else link.gi_frame


def _is_task_callback(callback):
    """A task's own step or wake-up (what the loop schedules for it), not another of its
    methods handed to call_soon by the program (task.cancel, task.set_name...)."""
    name = getattr(callback, "__name__", None)
    if name is None:
        return type(callback).__name__ == "TaskStepMethWrapper"
    return name in ("task_wakeup", "__step", "__wakeup", "_Task__step", "_Task__wakeup")


# ---- wrappers: none of them awaits or schedules anything the program would not ----

def _install(rec):
    # Tasks stay asyncio's own (the C Task where there is one): every step of a task is a
    # callback the loop runs through Handle._run, and every wake-up or step is scheduled
    # through loop.call_soon, with the task as the callback's __self__. Watching those two
    # sees each task's creation, readiness and steps without touching how it runs.
    task_type = asyncio.Task
    clock = rec.clock

    class Task(task_type):
        """asyncio's Task, unchanged but for set_name, which the trace follows, and its hash.
        (A subclass: the C Task's methods cannot be wrapped one by one.)"""

        __slots__ = ("_awaitscope",)

        # Sets of tasks (TaskGroup._tasks) iterate by hash, which for a task is its address.
        # Tasks come at other addresses when the recorder allocates between them, so hash them
        # by creation instead: small groups then iterate in creation order, as they do in
        # practice without the recorder.
        def __hash__(self):
            track = getattr(self, "_awaitscope", None)
            return track.id + 1 if track is not None else object.__hash__(self)

        def set_name(self, value):
            super().set_name(value)
            task_id = _tracked_id(self)
            if task_id is not None:
                rec.trace.rename_task(task_id, self.get_name())

        if sys.version_info >= (3, 12):
            def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):
                if not eager_start:
                    super().__init__(coro, loop=loop, name=name, context=context)
                    return
                # An eager task (asyncio.eager_task_factory) takes its first step inside
                # __init__, before anything is scheduled: its creation and that step are seen here.
                track = _track_new_task(rec, self, coro, name or "")
                start = functools.partial(super().__init__, coro, loop=loop, name=name, context=context,
                                          eager_start=True)
                if track is None:
                    start()
                    return
                # It runs inside the step of the task that made it: that step goes on after.
                _run_step(rec, self, track, lambda _: start(), None)
                rec.trace.rename_task(track.id, self.get_name())  # "Task-N", given by __init__
    Task.__module__, Task.__qualname__ = task_type.__module__, task_type.__qualname__
    asyncio.tasks.Task = asyncio.Task = Task
    if hasattr(asyncio.tasks, "create_eager_task_factory"):  # 3.12+: eager tasks are Tasks too
        asyncio.eager_task_factory = asyncio.tasks.eager_task_factory = asyncio.tasks.create_eager_task_factory(Task)

    original_call_soon = asyncio.base_events.BaseEventLoop._call_soon
    original_run = asyncio.events.Handle._run

    def call_soon(self, callback, args, context):
        try:  # any callable can be a callback, one whose attributes raise included
            task = getattr(callback, "__self__", None)
        except Exception:
            task = None
        if task is not None and isinstance(task, task_type) and _is_task_callback(callback):
            track = getattr(task, "_awaitscope", None)
            if track is not None:
                # A wake-up gets the future it waited for; a step, nothing or an exception.
                _task_ready(rec, track, args[0] if args and not isinstance(args[0], BaseException) else None)
            elif not args:
                _track_new_task(rec, task, task.get_coro(), task.get_name())  # __init__ schedules step 1
        return original_call_soon(self, callback, args, context)
    asyncio.base_events.BaseEventLoop._call_soon = call_soon

    # Handle._run itself, for every callback the loop runs; a task's step is observed around
    # it. (Inline: the program's code runs one frame deeper than without the recorder.)
    if clock is None:
        def run(self):
            try:
                task = getattr(self._callback, "__self__", None)
            except Exception:
                task = None
            track = getattr(task, "_awaitscope", None) if isinstance(task, task_type) else None
            if track is None:
                return original_run(self)
            outer = _step_begins(rec, task, track)
            try:
                return original_run(self)
            finally:
                _step_ends(rec, task, track, outer)
    else:
        read_from_self = asyncio.selector_events.BaseSelectorEventLoop._read_from_self

        def run(self):
            clock.begin()  # each callback is a stretch of computing on the virtual clock
            try:
                task = getattr(self._callback, "__self__", None)
            except Exception:
                task = None
            track = getattr(task, "_awaitscope", None) if isinstance(task, task_type) else None
            if track is None:
                # The loop's reading of its wake-up pipe is its own work, and happens once or
                # twice as threads' results happen to come together: it costs nothing.
                own = getattr(self._callback, "__func__", None) is read_from_self
                try:
                    return original_run(self)
                finally:
                    clock.commit(callback=not own)
            outer = _step_begins(rec, task, track)
            clock.begin()  # the recorder's look at the step costs nothing
            try:
                return original_run(self)
            finally:
                clock.commit(callback=True)
                _step_ends(rec, task, track, outer)
    asyncio.events.Handle._run = run

    original_call_at = asyncio.base_events.BaseEventLoop.call_at
    sleep_timer_callback = asyncio.futures._set_result_unless_cancelled

    def call_at(self, when, callback, *args, context=None):
        if callback is sleep_timer_callback:  # asyncio.sleep's timer, armed just before it suspends
            rec.timer_future, rec.timer_due = id(args[0]), rec.loop_time_to_trace(when)
        return original_call_at(self, when, callback, *args, context=context)
    asyncio.base_events.BaseEventLoop.call_at = call_at

    original_gather = asyncio.tasks.gather

    def gather(*coros_or_futures, return_exceptions=False):
        scope = _open_scope(rec, "gather")
        try:
            outer = original_gather(*coros_or_futures, return_exceptions=return_exceptions)
        finally:
            rec.scope_stack.pop()
        outer.add_done_callback(lambda _: rec.trace.close_scope(scope, rec.now()))
        return outer
    asyncio.gather = asyncio.tasks.gather = gather

    original_aenter = asyncio.taskgroups.TaskGroup.__aenter__
    original_aexit = asyncio.taskgroups.TaskGroup.__aexit__
    original_create = asyncio.taskgroups.TaskGroup.create_task

    async def aenter(self):
        self._awaitscope_scope = _open_scope(rec, "taskgroup")
        rec.scope_stack.pop()
        return await original_aenter(self)

    async def aexit(self, et, exc, tb):
        try:
            return await original_aexit(self, et, exc, tb)
        finally:
            rec.trace.close_scope(self._awaitscope_scope, rec.now())

    def create_task(self, coro, *, name=None, context=None):
        scope = getattr(self, "_awaitscope_scope", None)
        if scope is not None:
            rec.scope_stack.append(scope)
        try:
            return original_create(self, coro, name=name, context=context)
        finally:
            if scope is not None:
                rec.scope_stack.pop()
    asyncio.taskgroups.TaskGroup.__aenter__ = aenter
    asyncio.taskgroups.TaskGroup.__aexit__ = aexit
    asyncio.taskgroups.TaskGroup.create_task = create_task

    _install_threads(rec)

    real_sleep = time.sleep

    def sleep(seconds):
        frame = rec.user_frame(sys._getframe(1))
        on_loop = _get_ident() == rec.loop_thread and rec.current is not None
        # The program's top level, outside any event loop (a plain script): kept aside, and
        # drawn only if the program never creates a task.
        top_level = (not on_loop and _get_ident() == rec.loop_thread and asyncio.events._get_running_loop() is None
                     and rec.trace.task_count == 0)
        if top_level:
            block = rec.trace.block(rec.site_of_frame(frame), "sleep", "time.sleep")
            began = rec.now()
        if on_loop:
            block = rec.trace.block(rec.site_of_frame(frame), "sleep", "time.sleep")
            track = rec.current_track
            # The calls in progress now: one that returned since the step began ends where the
            # step began, not around this call (which belongs to the function that made it).
            frames = _frames_on_stack(rec.current_task, sys._getframe(1))
            if frames is not None:
                _update_frames(rec, track, frames, rec.synced_at)
            _row(rec, track, rec.now(), f'"block",{block}')
            rec.step_blocked = True
        try:
            if clock is None:
                real_sleep(seconds)
            else:
                if seconds < 0:
                    raise ValueError("sleep length must be non-negative")
                clock.sleep_here(seconds)
        finally:
            if on_loop:
                rec.synced_at = rec.now()  # frames that come after this call begin after it
                _row(rec, track, rec.synced_at, f'"unblock",{block}')
            elif top_level:
                rec.top_level_blocks.append((block, began, rec.now()))
    time.sleep = sleep

    if clock is not None:
        # The loop's thread waiting for other threads (Future.result, wait, join, a lock...) is
        # a blocking call as time.sleep is: drawn as one in the step, or in a plain script's
        # top level, where it waited.
        def around_wait(wait):
            on_loop = rec.current is not None
            top_level = (not on_loop and asyncio.events._get_running_loop() is None and rec.trace.task_count == 0)
            if not on_loop and not top_level:
                return wait()
            frame, what = _program_caller(sys._getframe(1))
            began = rec.now()
            track = rec.current_track
            frames = _frames_on_stack(rec.current_task, frame) if on_loop and frame is not None else None
            try:
                return wait()
            finally:
                ended = rec.now()
                if ended > began:
                    block = rec.trace.block(rec.site_of_frame(frame), "sleep", what)
                    if on_loop:
                        if frames is not None:
                            _update_frames(rec, track, frames, rec.synced_at)
                        _row(rec, track, began, f'"block",{block}')
                        rec.step_blocked = True
                        rec.synced_at = ended
                        _row(rec, track, ended, f'"unblock",{block}')
                    else:
                        rec.top_level_blocks.append((block, began, ended))
        clock.around_wait = around_wait

    original_cancel_all = asyncio.runners._cancel_all_tasks

    def cancel_all_tasks(loop):
        now = rec.now()
        for task in asyncio.tasks.all_tasks(loop):
            task_id = _tracked_id(task)
            if not task.done() and task_id is not None:
                rec.trace.pending_at_exit(now, task_id)
        return original_cancel_all(loop)
    asyncio.runners._cancel_all_tasks = cancel_all_tasks

    original_handler = asyncio.base_events.BaseEventLoop.call_exception_handler

    def call_exception_handler(self, context):
        future = context.get("future")
        task_id = _tracked_id(future) if isinstance(future, asyncio.Task) else None
        if context.get("message") == "Task exception was never retrieved" and task_id is not None:
            rec.trace.unretrieved(rec.now(), task_id, repr(context.get("exception")))
        return original_handler(self, context)
    asyncio.base_events.BaseEventLoop.call_exception_handler = call_exception_handler

    original_unawaited = warnings._warn_unawaited_coroutine
    # The frame that made each coroutine: one frame, as more would cost every coroutine the
    # program makes (tuples the garbage collector must look at) for a rare case.
    sys.set_coroutine_origin_tracking_depth(1)

    def warn_unawaited_coroutine(coro):
        origin = coro.cr_origin
        if origin and not _is_library(origin[0][0]):
            filename, line, function = origin[0]
            site = rec.trace.site(filename, function, line)
        else:
            # Made by a library: the line where the program let it go, which is also where
            # CPython's warning points.
            site = rec.site_of_frame(rec.user_frame(sys._getframe(1)))
        rec.trace.never_awaited(rec.now(), rec.current, coro.__qualname__, site)
        # CPython's own warning, word for word as without origin tracking: output stays unchanged.
        warnings.warn(f"coroutine '{coro.__qualname__}' was never awaited", category=RuntimeWarning,
                      stacklevel=2, source=coro)
    warnings._warn_unawaited_coroutine = warn_unawaited_coroutine

    original_selector_init = asyncio.selector_events.BaseSelectorEventLoop.__init__

    if clock is not None:
        def selector_init(self, *args, **kwargs):
            original_selector_init(self, *args, **kwargs)
            self._selector = _VirtualSelector(self._selector, self, clock, rec)
        asyncio.selector_events.BaseSelectorEventLoop.__init__ = selector_init
    else:
        def selector_init(self, *args, **kwargs):
            original_selector_init(self, *args, **kwargs)
            self._selector = _WallSelector(self._selector, rec)
        asyncio.selector_events.BaseSelectorEventLoop.__init__ = selector_init

    # run_forever tells asyncio.events when a loop starts and stops running. (Watched there,
    # not by wrapping run_forever: the program's code runs no deeper than without the recorder.)
    original_set_running_loop = asyncio.events._set_running_loop

    def set_running_loop(loop):
        if _get_ident() == rec.loop_thread:
            if loop is not None:
                if clock is not None:
                    clock.commit()  # the program's code before the loop
                    clock.loop_running += 1
            else:
                if clock is not None and clock.loop_running:
                    clock.loop_running -= 1
                    clock.begin()  # the loop's own work since its last callback costs nothing
                rec.checkpoint()
        return original_set_running_loop(loop)
    asyncio.events._set_running_loop = set_running_loop

    sys.stdout = rec.tee = _OutputTee(sys.stdout, rec)
    sys.stderr = rec.error_tee = _OutputTee(sys.stderr, rec, stderr=True)
    return original_unawaited


class _WallSelector:
    """The loop's selector on the wall clock, unchanged but that the journal's rows may be
    written out while the loop waits."""

    def __init__(self, selector, rec):
        self._selector = selector
        self._rec = rec

    def __getattr__(self, name):
        return getattr(self._selector, name)

    def select(self, timeout=None):
        if _get_ident() != self._rec.loop_thread:
            return self._selector.select(timeout)
        self._rec.waiting_begins()
        try:
            return self._selector.select(timeout)
        finally:
            self._rec.waiting_ends()


def _step_begins(rec, task, track):
    """A step of a followed task begins. Returns what the step it interrupts had (eager tasks
    take their first step inside another task's)."""
    started = rec.now()
    outer = (rec.current, rec.current_task, rec.current_track, rec.step_started, rec.synced_at, rec.step_blocked,
             rec.samples)
    rec.current, rec.current_task, rec.current_track = track.id, task, track
    rec.step_started = rec.synced_at = started
    rec.step_blocked, rec.samples = False, []
    _row(rec, track, started, '"resume"')
    if not track.stack:
        root = track.coroutine
        if root:  # the task runs a coroutine (its frame was recorded at creation)
            _row(rec, track, started, f'"enter",{root}')
            track.stack = (root,)
            coro = task.get_coro()
            if type(coro) is _CoroutineType and not _is_library(coro.cr_code.co_filename):
                track.links = (coro.cr_frame,)  # else asyncio's (to_thread...): no frames below it
    return outer


def _step_ends(rec, task, track, outer):
    ended = rec.now()
    started, synced = rec.step_started, rec.synced_at
    if task.done():
        _task_finished(rec, task, track, started, ended)
    else:
        _task_suspended(rec, task, track, started, synced, ended)
    (rec.current, rec.current_task, rec.current_track, rec.step_started, rec.synced_at, rec.step_blocked,
     rec.samples) = outer
    rec.last_stepped = track.id
    if outer[0] is None and rec.journal.due():
        rec.journal.flush()


def _run_step(rec, task, track, run, argument):
    """One step of a followed task, which run(argument) takes, observed."""
    outer = _step_begins(rec, task, track)
    try:
        run(argument)
    finally:
        _step_ends(rec, task, track, outer)


def _open_scope(rec, kind):
    creator = rec.user_frame(sys._getframe(2))
    now = rec.now()
    scope = rec.trace.scope(kind, rec.current, rec.site_of_frame(creator), now)
    rec.scope_stack.append(scope)
    return scope


# ---- threads ----

def _install_threads(rec):
    """Work handed to threads: a lane per run_in_executor call; under the virtual clock, the
    threads' own time (VirtualClock)."""
    clock = rec.clock
    original_run_in_executor = asyncio.base_events.BaseEventLoop.run_in_executor

    def run_in_executor(self, executor, func, *args):
        # A lane is opened here, on the loop thread; the worker only notes its times, and the
        # lane's events are written when its result arrives, on the loop thread again.
        process = sys.modules.get("concurrent.futures.process")  # not imported: not in use
        if process is not None and isinstance(executor, process.ProcessPoolExecutor):
            return _work_elsewhere(rec, original_run_in_executor, self, executor, func, args)
        target = func
        if isinstance(func, functools.partial) and func.args and func.func.__name__ == "run":
            target = func.args[0]  # asyncio.to_thread: partial(context.run, function, ...)
        label = getattr(target, "__name__", "work")
        created_at = rec.site_of_frame(rec.user_frame(sys._getframe(1)))
        now = rec.now()
        lane = rec.trace.task(label, "thread", rec.current, rec.trace.frame(label, created_at, created_at),
                              created_at, now, None)
        submitted = clock.now_here() if clock is not None else 0
        item = _WorkItem(next(clock.item_order) if clock is not None else 0, submitted, lane)
        item.loop_work = True
        if clock is not None and _get_ident() == clock.loop_thread:
            clock.items.append(item)

        def work(*work_args):
            thread = clock.threads.get(_get_ident()) if clock is not None else None
            if thread is not None:
                clock.work_started(item, thread)
            item.start = rec.now()
            try:
                return func(*work_args)
            except BaseException as error:
                item.error = repr(error)
                raise
            finally:
                if thread is not None:
                    clock.work_ended(item, thread)
                item.end = rec.now()
        if clock is not None:
            clock.submitting[_get_ident()] = item  # the thread pool's submit takes it up
        try:
            future = original_run_in_executor(self, executor, work, *args)
        except BaseException:
            if clock is not None and item in clock.items:
                clock.items.remove(item)
            raise
        finally:
            if clock is not None:
                clock.submitting.pop(_get_ident(), None)
        item.executor = executor if executor is not None else self._default_executor
        future._awaitscope_thread = item  # whoever awaits it is ready from the work's end
        future.add_done_callback(lambda _: _work_arrived(rec, item))
        return future
    asyncio.base_events.BaseEventLoop.run_in_executor = run_in_executor

    if clock is None:
        return

    original_threadsafe = asyncio.base_events.BaseEventLoop.call_soon_threadsafe

    def call_soon_threadsafe(self, callback, *args, context=None):
        ident = _get_ident()
        thread = clock.threads.get(ident) if ident != clock.loop_thread else None
        if thread is None or getattr(self, "_thread_id", None) != clock.loop_thread:
            return original_threadsafe(self, callback, *args, context=context)
        # From another thread: what it hands over reaches the loop at the thread's time.
        thread.in_recorder = True
        try:
            hold = clock.hold_until(thread, thread.now(clock), post=True)
            try:
                return original_threadsafe(self, callback, *args, context=context)
            finally:
                if hold is not None:
                    clock.delivered(hold)
                item = thread.delivering
                if item is not None:
                    thread.delivering = None
                    item.delivered = True
        finally:
            thread.in_recorder = False
    asyncio.base_events.BaseEventLoop.call_soon_threadsafe = call_soon_threadsafe

    original_start = threading.Thread.start
    original_bootstrap = threading.Thread._bootstrap_inner
    pool_worker = concurrent.futures.thread._worker

    def start(self):
        self._awaitscope_start = clock.now_here()
        if _get_ident() != clock.loop_thread:
            return original_start(self)
        before = _thread_time_ns()
        clock.starting += 1  # its wait for the thread to begin is no wait in the program's time
        try:
            return original_start(self)
        finally:
            clock.starting -= 1
            clock.exclude(_thread_time_ns() - before)  # starting a thread costs no virtual time

    # Work handed to a thread pool (submit and map, in a plain script as in a loop): it starts
    # at the time it was handed out, or when a worker is free, and until a worker has taken it
    # the clock waits for it (a worker idle in the pool's queue is not at work).
    pool = concurrent.futures.thread
    original_submit = pool.ThreadPoolExecutor.submit
    original_item_init = pool._WorkItem.__init__
    original_item_run = pool._WorkItem.run

    def submit(self, fn, /, *args, **kwargs):
        ident = _get_ident()
        adopted = clock.submitting.get(ident)  # run_in_executor's work, which has its lane
        if adopted is not None and adopted.pool_future is None:
            item = adopted
        else:
            lane = None
            if ident == rec.loop_thread:  # a lane of its own, as run_in_executor's work has
                label = getattr(fn, "__name__", None) or "work"
                created_at = rec.site_of_frame(rec.user_frame(sys._getframe(1)))
                lane = rec.trace.task(label, "thread", rec.current, rec.trace.frame(label, created_at, created_at),
                                      created_at, rec.now(), None)
            item = _WorkItem(next(clock.item_order), clock.now_here(), lane)
        item.executor = self
        clock.submitting[ident] = item
        try:
            return original_submit(self, fn, *args, **kwargs)
        finally:
            if adopted is None:
                clock.submitting.pop(ident, None)
            else:
                clock.submitting[ident] = adopted

    def item_init(self, future, fn, args, kwargs):
        original_item_init(self, future, fn, args, kwargs)
        item = clock.submitting.get(_get_ident())
        if item is None or item.pool_future is not None:
            return
        item.pool_future = future
        self._awaitscope = item
        if not item.loop_work:
            with clock.cond:
                clock.items.append(item)

    def item_run(self):
        item = getattr(self, "_awaitscope", None)
        if item is None or item.loop_work:
            return original_item_run(self)  # run_in_executor's work follows itself
        thread = clock.threads.get(_get_ident())
        if thread is None:
            item.started = True
            try:
                return original_item_run(self)
            finally:
                item.finished = item.delivered = True
        clock.work_started(item, thread)
        item.start = rec.now()
        try:
            return original_item_run(self)
        finally:
            future = self.future
            if future.cancelled():
                item.cancelled, item.start = item.start, None
            else:
                error = getattr(future, "_exception", None)
                if error is not None:
                    item.error = repr(error)
                item.end = rec.now()
            clock.work_finished(item, thread)
            if item.lane is not None:
                clock.lanes_done.append(item)
    pool.ThreadPoolExecutor.submit = submit
    clock.on_lanes_done = lambda: _lanes_done(rec)
    pool._WorkItem.__init__ = item_init
    pool._WorkItem.run = item_run

    # Waiting for other threads (Event.wait, Future.result, Queue.get, Semaphore and the rest
    # wait on a Condition; Thread.join; a contended Lock): on the loop's thread the clock passes
    # to the held threads in their order meanwhile (VirtualClock.wait_here); elsewhere a wait
    # with a timeout is held as a sleep is. Either wakes at the time of the thread that woke it.
    original_wait = threading.Condition.wait
    original_notify = threading.Condition.notify
    original_join = threading.Thread.join
    allocate_lock = _thread.allocate_lock

    def notify(self, n=1):
        # When, and which notification: a wait takes on the time of one that came while it
        # waited, never of an older one (a wait(0) that finds nothing waits for nobody).
        self._awaitscope_notified = (clock.now_here(), getattr(self, "_awaitscope_notified", (0, 0))[1] + 1)
        waiters = clock.waiter_threads
        if waiters and self._is_owned():
            for waiter in itertools.islice(self._waiters, n):
                thread = waiters.get(waiter)
                if thread is not None:
                    thread.woken = True  # it runs next: the clock must not pass it first
        return original_notify(self, n)

    def woken_at(self, before, woke):
        after = getattr(self, "_awaitscope_notified", (0, 0))
        return after[0] if woke and after[1] != before[1] else 0

    def waiting_on(lock):
        def attempt(seconds):
            if seconds is None:
                return lock.acquire()
            return lock.acquire(True, seconds) if seconds > 0 else lock.acquire(False)
        return attempt

    def wait(self, timeout=None):
        # Condition.wait as CPython writes it, but for how the waiter lock is waited on.
        ident = _get_ident()
        thread = clock.threads.get(ident)
        if ident != clock.loop_thread and thread is None:
            return original_wait(self, timeout)
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        before = getattr(self, "_awaitscope_notified", (0, 0))
        waiter = allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        if thread is not None:
            clock.waiter_threads[waiter] = thread
        gotit = False
        try:
            gotit = clock.wait_for(waiting_on(waiter), timeout)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass
            clock.waiter_threads.pop(waiter, None)
            clock.woken_here(woken_at(self, before, gotit))

    def join(self, timeout=None):
        ident = _get_ident()
        if ident != clock.loop_thread and ident not in clock.threads:
            return original_join(self, timeout)
        original_join(self, 0)  # what join refuses it refuses alike, and a thread that ended is joined
        if self.is_alive():
            def attempt(seconds):
                original_join(self, seconds)
                return not self.is_alive()

            def ending():
                other = clock.threads.get(self.ident)
                if other is None:
                    return self.is_alive()  # not followed, or on its way out: real time
                return not (other.holding or other.waiting)
            clock.wait_for(attempt, timeout, ending)
        if not self.is_alive():
            clock.woken_here(getattr(self, "_awaitscope_end", 0))
    threading.Condition.notify = notify
    threading.Condition.wait = wait
    threading.Thread.join = join

    def bootstrap_inner(self):
        start_time = getattr(self, "_awaitscope_start", None)
        if start_time is None:
            return original_bootstrap(self)
        ident = _get_ident()
        worker = getattr(self, "_target", None) is pool_worker
        # An executor's new worker is free from the start: work handed out before it began
        # (and taken by it rather than by a worker already idle) starts when it was handed out.
        thread = _ThreadClock(ident, threading.get_native_id(), 0 if worker else start_time, next(clock.thread_order),
                              worker)
        clock.threads[ident] = thread
        try:
            return original_bootstrap(self)
        finally:
            self._awaitscope_end = thread.now(clock)
            clock.threads.pop(ident, None)
    threading.Thread.start = start
    threading.Thread._bootstrap_inner = bootstrap_inner

    _install_virtual_locks(clock, waiting_on)

    # Once the program has ended the interpreter waits for its threads, on locks the recorder
    # does not see: they go on by themselves then, still in the order of their times.
    original_shutdown = threading._shutdown

    def shutdown():
        clock.exiting = True
        return original_shutdown()
    threading._shutdown = shutdown


def _install_virtual_locks(clock, waiting_on):
    """threading.Lock and RLock under the virtual clock: a contended acquire is a wait for
    another thread (VirtualClock.wait_for), and acquire(timeout=...) times out in virtual time.
    The lock is the same lock; only waiting for it is followed."""
    allocate_lock = _thread.allocate_lock

    def runs_on(ident):
        """Whether the thread `ident`, which holds a lock, is at work: its release comes in
        real time, and the clock waits for it rather than pass."""
        if ident is None:
            return True  # released or taken just now
        if ident == _get_ident():
            return False
        other = clock.threads.get(ident)
        if other is None:
            return ident != clock.loop_thread and ident in threading._active
        return not (other.holding or other.waiting)

    class lock:
        __slots__ = ("_lock", "_owner", "_contenders", "_released_at", "__weakref__")

        def __init__(self):
            self._lock = allocate_lock()
            self._owner = None
            self._contenders = []  # the threads waiting for it (None for one not followed)
            self._released_at = 0

        def acquire(self, blocking=True, timeout=-1):
            inner = self._lock
            if inner.acquire(False):
                self._owner = _get_ident()
                return True
            if not blocking or timeout == 0 or (timeout < 0 and timeout != -1) or timeout > threading.TIMEOUT_MAX:
                got = inner.acquire(blocking, timeout)  # at once, or the lock's own error
                if got:
                    self._owner = _get_ident()
                return got
            ident = _get_ident()
            entry = clock.threads.get(ident)
            self._contenders.append(entry)
            try:
                got = clock.wait_for(waiting_on(inner), None if timeout == -1 else timeout,
                                     lambda: runs_on(self._owner), exact=False)
            finally:
                self._contenders.remove(entry)
            if got:
                self._owner = ident
                clock.woken_here(self._released_at)
            return got

        def release(self):
            self._owner = None
            if self._contenders:
                self._released_at = clock.now_here()
                for thread in list(self._contenders):
                    if thread is not None:
                        thread.woken = True  # one of them takes it next
            self._lock.release()

        def __enter__(self):
            return self.acquire()

        def __exit__(self, *args):
            self.release()

        def locked(self):
            return self._lock.locked()

        def _at_fork_reinit(self):
            self._lock._at_fork_reinit()
            self._owner = None
            self._contenders = []

        def __repr__(self):
            return repr(self._lock)

        def __reduce_ex__(self, protocol):
            raise TypeError("cannot pickle '_thread.lock' object")

        acquire_lock = acquire
        release_lock = release
        locked_lock = locked

    lock.__module__, lock.__qualname__ = "_thread", "lock"

    class RLock(threading._PyRLock):
        """threading's own RLock in Python, on the lock above."""

        def __init__(self):
            super().__init__()
            self._block = lock()

        def acquire(self, blocking=True, timeout=-1):
            return bool(super().acquire(blocking, timeout))  # True, as the C RLock says, not 1

        __enter__ = acquire

        def __repr__(self):
            return "<%s _thread.RLock object owner=%d count=%d at %s>" % (
                "locked" if self._block.locked() else "unlocked", self._owner or 0, self._count, hex(id(self)))

        def __reduce_ex__(self, protocol):
            raise TypeError("cannot pickle '_thread.RLock' object")

    RLock.__module__, RLock.__qualname__, RLock.__name__ = "_thread", "RLock", "RLock"

    def make_rlock(*args, **kwargs):
        return RLock(*args, **kwargs)
    threading.Lock = lock
    threading.RLock = make_rlock


def _work_elsewhere(rec, original, loop, executor, func, args):
    """Work in another process: real time, which the virtual clock waits for as real I/O."""
    future = original(loop, executor, func, *args)
    if rec.clock is not None:
        item = _WorkItem(next(rec.clock.item_order), rec.clock.now_here(), None)
        item.real = True
        rec.clock.items.append(item)
        future.add_done_callback(lambda _: setattr(item, "finished", True) or rec.clock.items.remove(item))
    return future


def _thread_output(rec):
    """On the loop's thread: the lines other threads printed go into the trace."""
    lines = rec.thread_output
    while lines:
        now, task, where, line, stderr = lines.popleft()
        site = 0
        if where is not None:
            site = rec._sites_by_code.get(where)
            if site is None:
                code, number = where
                site = rec._sites_by_code[where] = rec.trace.site(code.co_filename, code.co_name, number)
        rec.trace.output(now, task, site, line, stderr)


def _lanes_done(rec):
    """On the loop's thread: the lanes of work a thread pool's workers ended get their events."""
    if rec.thread_output:
        _thread_output(rec)
    lanes = rec.clock.lanes_done
    while lanes:
        item = lanes.popleft()
        if item.start is None and item.cancelled is not None:
            _row(rec, _TaskTrack(item.lane, 0, 0, item.cancelled), item.cancelled, '"finish","cancelled"')
        else:
            _lane_rows(rec, item)


def _work_arrived(rec, item):
    """On the loop thread: the lane of work done on a thread gets its events."""
    clock = rec.clock
    if clock is not None:
        item.finished = item.delivered = True
        try:
            clock.items.remove(item)
        except ValueError:
            pass
    _lane_rows(rec, item)


def _lane_rows(rec, item):
    if item.start is None:
        return
    track = _TaskTrack(item.lane, 0, 0, item.start)
    _row(rec, track, item.start, '"resume"')
    end = item.end if item.end is not None else rec.now()
    if item.error is not None:
        _row(rec, track, end, f'"finish","failed",{rec.trace.string(item.error)}')
    else:
        _row(rec, track, end, '"finish","done"')


class _OutputTee:
    """sys.stdout (or sys.stderr) as it was, plus a record of every line written to it with its
    task and time."""

    def __init__(self, stream, rec, stderr=False):
        self._stream = stream
        self._rec = rec
        self._stderr = stderr
        self._pieces = []  # the line being printed, in the pieces it came in
        self._thread_pieces = {}  # the same, of each other thread printing

    def write(self, text):
        # Written out after it is noted: a SIGTERM between the two finds it noted (a partial
        # line is recorded as the trace is finished).
        pieces = self._pieces
        if _get_ident() == self._rec.loop_thread and isinstance(text, str) and "\n" not in text and text:
            pieces.append(text)
            try:
                return self._stream.write(text)
            except BaseException:
                if pieces and pieces[-1] is text:
                    pieces.pop()
                raise
        written = self._stream.write(text)
        if _get_ident() != self._rec.loop_thread:
            if isinstance(text, str) and text:
                self._from_thread(text)
            return written
        if isinstance(text, str):
            if self._rec.thread_output:
                _thread_output(self._rec)  # lines other threads printed before this one
            if "\n" in text:
                lines = text.split("\n")
                if self._pieces:
                    self._pieces.append(lines[0])
                    lines[0] = "".join(self._pieces)
                    self._pieces = []
                remainder = lines.pop()
                if remainder:
                    self._pieces.append(remainder)
                rec = self._rec
                frame = rec.user_frame(sys._getframe(1))
                site = rec.site_of_frame(frame)
                now = rec.now()
                for line in lines:
                    rec.trace.output(now, rec.current, site, line, self._stderr)
                if rec.current is not None:
                    rec.checkpoint()
        return written

    def _from_thread(self, text):
        """A line printed on another thread: noted there, at that thread's time and place, and
        recorded by the loop's thread, which alone writes the trace's tables (_thread_output)."""
        ident = _get_ident()
        pieces = self._thread_pieces.get(ident)
        if pieces is None:
            pieces = self._thread_pieces[ident] = []
        if "\n" not in text:
            pieces.append(text)
            return
        lines = text.split("\n")
        if pieces:
            pieces.append(lines[0])
            lines[0] = "".join(pieces)
            pieces.clear()
        remainder = lines.pop()
        if remainder:
            pieces.append(remainder)
        rec = self._rec
        frame = rec.user_frame(sys._getframe(2))
        where = (frame.f_code, frame.f_lineno) if frame is not None else None
        task = None
        if rec.clock is not None:
            thread = rec.clock.threads.get(ident)
            item = thread.item if thread is not None else None
            task = item.lane if item is not None else None
        now = rec.now()
        for line in lines:
            rec.thread_output.append((now, task, where, line, self._stderr))

    def record_partial_line(self):
        if self._pieces and _get_ident() == self._rec.loop_thread:
            rec = self._rec
            rec.trace.output(rec.now(), rec.current, 0, "".join(self._pieces), self._stderr)
            self._pieces = []

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _start_sampler(rec):
    """Looks at the loop thread while a step runs long, to name what holds the loop; writes the
    journal out while the loop waits; enforces the wall-clock and virtual-time budgets."""
    clock = rec.clock

    def loop_now():
        if clock is None:
            return rec.now()
        if rec.origin_ns is None:
            return 0
        return clock.loop_now_elsewhere() - rec.origin_ns

    def sample():
        long_step = False
        last_progress = 0
        while not rec.finished:
            # Every 20 ms while steps are short (cheap: the program barely notices); every 5 ms
            # inside a long step, so that the line named is the one seen most, not a lucky look.
            _real_sleep(0.005 if long_step else 0.02)
            journal = rec.journal
            if journal.due():
                if journal.rows_lock.acquire(blocking=False):
                    try:
                        journal.flush()
                    finally:
                        journal.rows_lock.release()
                else:
                    journal.flush(rows=False)
            real_now = _real_monotonic_ns()
            if rec.progress is not None and real_now - last_progress >= 1000 * _MS:
                last_progress = real_now
                try:
                    rec.progress.write(f"{loop_now()}\n")
                    rec.progress.flush()
                except (OSError, ValueError):
                    rec.progress = None
            if rec.max_wall_ns is not None and real_now - rec.started_real > rec.max_wall_ns:
                rec.stop(f"the program ran past its wall-clock budget of {rec.max_wall_ns / 1e9:g} s "
                         f"(--max-wall-time){_where_loop_is(rec)}")
            if clock is not None and clock.budget_ns is not None and clock.loop_now_elsewhere() > clock.budget_ns:
                rec.stop(_virtual_budget_message(rec))
            samples = rec.samples  # this step's list: a sample taken as the step ends goes nowhere
            long_step = rec.current is not None and loop_now() - rec.step_started >= rec.threshold_ns // 2
            if not long_step:
                continue
            frame = sys._current_frames().get(rec.loop_thread)
            while frame is not None and _is_recorder(frame.f_code.co_filename):
                frame = frame.f_back  # the recorder's own work is not what holds the loop
            if frame is None:
                continue
            innermost = frame
            user = rec.user_frame(frame)
            if user is None:
                continue
            module = innermost.f_globals.get("__name__", "")
            kind = "network" if module.split(".")[0] in _NETWORK_MODULES else "cpu"
            what = f"{innermost.f_code.co_name} ({module})" if innermost is not user else f"{user.f_code.co_name}()"
            samples.append((user.f_code.co_filename, user.f_code.co_name, user.f_lineno, kind, what))
    threading.Thread(target=sample, name="awaitscope-sampler", daemon=True).start()


def _where_loop_is(rec):
    frame = sys._current_frames().get(rec.loop_thread)
    user = rec.user_frame(frame) if frame is not None else None
    if user is None:
        return ""
    return f"; it was at {os.path.basename(user.f_code.co_filename)}:{user.f_lineno} in {user.f_code.co_name}"


def _virtual_budget_message(rec):
    budget = rec.clock.budget_ns / 1e9
    return (f"the program ran past its virtual-time budget of {budget:g} s (--max-virtual-time)"
            f"{_where_loop_is(rec)}")


# ---- what the program sees of the recorder: nothing ----

def _hide_recorder_frames():
    """print_stack, format_stack and the tracebacks the traceback module formats (logging's,
    asyncio's) leave out the recorder's frames, as they would be without it."""
    def visible(frame):
        return not _is_recorder(frame.f_code.co_filename)

    original_walk_stack = traceback.walk_stack
    original_walk_tb = traceback.walk_tb

    def walk_stack(f):
        if f is None:
            f = sys._getframe().f_back.f_back.f_back
        return ((frame, line) for frame, line in original_walk_stack(f) if visible(frame))

    def walk_tb(tb):
        return ((frame, line) for frame, line in original_walk_tb(tb) if visible(frame))
    traceback.walk_stack = walk_stack
    traceback.walk_tb = walk_tb
    original_full = getattr(traceback, "_walk_tb_with_full_positions", None)
    if original_full is not None:
        def walk_tb_with_full_positions(tb):
            return (item for item in original_full(tb) if visible(item[0]))
        traceback._walk_tb_with_full_positions = walk_tb_with_full_positions


def _without_recorder_frames(error):
    """The exception's tracebacks (its causes and contexts too) relinked past the recorder's
    own frames, for sys.excepthook to show what it would show without the recorder."""
    seen = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        tb = current.__traceback__
        while tb is not None and _is_recorder(tb.tb_frame.f_code.co_filename):
            tb = tb.tb_next
        first = tb
        while tb is not None:
            following = tb.tb_next
            while following is not None and _is_recorder(following.tb_frame.f_code.co_filename):
                following = following.tb_next
            tb.tb_next = following
            tb = following
        current.__traceback__ = first
        pending += [current.__cause__, current.__context__] + list(getattr(current, "exceptions", None) or [])
    return error


class _RecursionLimit:
    """The recorder's frames below the program's are not the program's: the limit the program
    sets and reads is what it would be without them."""

    def __init__(self, extra):
        self.extra = extra
        self.original_get = sys.getrecursionlimit
        self.original_set = sys.setrecursionlimit
        self.original_set(self.original_get() + extra)
        sys.getrecursionlimit = self.get
        sys.setrecursionlimit = self.set

    def get(self):
        return self.original_get() - self.extra

    def set(self, limit):
        if not isinstance(limit, int):
            return self.original_set(limit)  # the same TypeError
        if limit < 1:
            return self.original_set(limit)  # the same ValueError
        return self.original_set(limit + self.extra)


def _install_exits(rec):
    """os._exit and SIGTERM end the program at once; the trace is finished first."""
    def _exit(status):
        rec.finish(ending=f"the program called os._exit({status})")
        if rec.saved_error:
            _report(rec.saved_error)
        _real_os_exit(status)
    os._exit = _exit

    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return
    original_getsignal, original_signal = signal.getsignal, signal.signal

    def on_sigterm(signum, frame):
        if rec.journal.busy or (frame is not None and _is_recorder(frame.f_code.co_filename)):
            # In the middle of the recorder's own bookkeeping (a line half noted): the signal
            # comes again in a moment, when the program's code runs.
            def again():
                _real_sleep(0.001)
                os.kill(os.getpid(), signal.SIGTERM)
            _thread.start_new_thread(again, ())
            return
        rec.finish(ending="the program was ended by SIGTERM")
        if rec.saved_error:
            _report(rec.saved_error)
        _flush_standard_streams()
        original_signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)

    def getsignal(signalnum):
        handler = original_getsignal(signalnum)
        return signal.SIG_DFL if handler is on_sigterm else handler

    def signal_(signalnum, handler):
        previous = original_signal(signalnum, handler)
        return signal.SIG_DFL if previous is on_sigterm else previous
    getsignal.__name__, signal_.__name__ = "getsignal", "signal"
    original_signal(signal.SIGTERM, on_sigterm)
    signal.getsignal, signal.signal = getsignal, signal_


# ---- running the program ----

def _run_file(path):
    """Runs the program file as python would: a fresh __main__, no runpy frames."""
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, path, "exec", dont_inherit=True)
    main = types.ModuleType("__main__")
    main.__dict__.update({"__file__": path, "__cached__": None, "__builtins__": __builtins__,
                          "__loader__": _SourceLoader("__main__", path), "__spec__": None})
    sys.modules["__main__"] = main
    limits = _RecursionLimit(_extra_depth())
    try:
        exec(code, main.__dict__)
    finally:
        del limits


def _run_module(module):
    import runpy
    # python -m runs the module under two frames of runpy's, which it keeps
    limits = _RecursionLimit(_extra_depth() - 2)
    try:
        runpy._run_module_as_main(module, alter_argv=False)
    finally:
        del limits


_DEPTH_PROBE = compile("def probe(n=1):\n    try:\n        return probe(n + 1)\n    except RecursionError:\n"
                       "        return n\nreached = probe()\n", "<depth>", "exec")


def _extra_depth():
    """How much deeper than a program's module python runs it here: the depth a module run by
    exec() from the caller reaches, against the limit less one that python's own reaches."""
    namespace = {}
    exec(_DEPTH_PROBE, namespace)
    return max(0, sys.getrecursionlimit() - 1 - namespace["reached"] - 1)


def _SourceLoader(name, path):
    import importlib.machinery
    return importlib.machinery.SourceFileLoader(name, path)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Run a Python asyncio program and record it as an Awaitscope trace.")
    parser.add_argument("-o", "--output", required=True, help="trace file to write (.json or .json.gz)")
    parser.add_argument("-m", dest="module", help="run a module, like python -m")
    parser.add_argument("--clock", choices=("wall", "virtual"), default="wall",
                        help="wall: real time (default); virtual: sleeps cost nothing, computing costs its "
                             "CPU time in whole milliseconds, and every run gives the same trace")
    parser.add_argument("--embed-source", action="store_true", help="put the program's source into the trace")
    parser.add_argument("--threshold", type=float, default=0.1,
                        help="seconds a step may hold the loop before it counts as frozen (default 0.1)")
    parser.add_argument("--max-virtual-time", type=float, metavar="SECONDS",
                        help="with --clock virtual: stop the program when its clock passes this, or when it "
                             "would wait forever")
    parser.add_argument("--max-wall-time", type=float, metavar="SECONDS",
                        help="stop the program after this many real seconds")
    parser.add_argument("--progress-fd", type=int, metavar="FD", help=argparse.SUPPRESS)
    parser.add_argument("program", nargs="?", help="the script to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="the script's arguments")
    options = parser.parse_args(argv)
    if not options.module and not options.program:
        parser.error("give a program to run, or -m module")
    if options.max_virtual_time is not None and options.clock != "virtual":
        parser.error("--max-virtual-time needs --clock virtual")
    for name in ("max_virtual_time", "max_wall_time"):
        value = getattr(options, name)
        if value is not None and not (value > 0 and math.isfinite(value)):
            parser.error(f"--{name.replace('_', '-')} needs a positive number of seconds")
    if options.program and not options.module and not os.path.isfile(options.program):
        _report(f"cannot run {options.program}: no such file")
        return 2

    progress = None
    if options.progress_fd is not None:
        try:
            os.fstat(options.progress_fd)  # open, before the journal could take its number
            progress = os.fdopen(options.progress_fd, "w", buffering=1)
        except OSError:
            progress = None
    try:
        output = check_output(options.output)
        journal_file = open(output, "wb")
    except OutputError as error:
        _report(str(error))
        return 2
    except OSError as error:
        _report(f"cannot write the trace to {options.output}: {error.strerror}")
        return 2

    target = options.module or options.program
    source_file = _source_file(options)
    metadata = {"title": os.path.basename(str(target)), "clock": options.clock,
                "recorder": f"{PROGRAM} (CPython {sys.version.split()[0]})",
                "sourceFile": source_file, "scenario": "",
                "sourceText": _source_text(source_file) if options.embed_source else ""}
    journal = Journal(journal_file, metadata)
    clock = None
    if options.clock == "virtual":
        budget = None if options.max_virtual_time is None else round(options.max_virtual_time * 1e9)
        clock = VirtualClock()
        _install_virtual_time(clock)
    global _recorder
    _recorder = rec = Recorder(journal, int(options.threshold * 1e9), clock)
    rec.output_path = output
    rec.compress = output.endswith(".gz")
    if options.max_wall_time is not None:
        rec.max_wall_ns = round(options.max_wall_time * 1e9)
    journal.rows_lock.acquire()
    # A forked child (multiprocessing) runs on without a journal: the trace is the parent's.
    os.register_at_fork(after_in_child=lambda: setattr(journal, "error", "a forked child does not record"))
    _start_sampler(rec)
    _install(rec)
    if clock is not None:
        clock.budget_ns = budget

        def on_budget():
            message = _virtual_budget_message(rec)
            clock.budget_ns = None
            rec.stop(message)
        clock.on_budget = on_budget

        def on_forever():
            frame, what = _program_caller(sys._getframe(1))
            where = (f"; it was at {os.path.basename(frame.f_code.co_filename)}:{frame.f_lineno} in "
                     f"{frame.f_code.co_name}, in {what}" if frame is not None else "")
            rec.stop("the program would wait forever: it waits for another thread, and no thread is at work "
                     "and no timer is set that could wake it (no real I/O either)" + where)
        clock.on_forever = on_forever
    _hide_recorder_frames()
    _install_exits(rec)
    # Ready: a SIGTERM from now on finishes the trace. The runner counts a wall-clock budget
    # from this first line, so CPython's start-up is not charged to the program.
    if progress is not None:
        try:
            progress.write("0\n")
            progress.flush()
            rec.progress = progress
        except (OSError, ValueError):
            pass

    if options.module:
        sys.argv = [options.module] + ([options.program] if options.program else []) + options.args
        sys.path[0] = os.getcwd()
    else:
        sys.argv = [options.program] + options.args
        sys.path[0] = os.path.dirname(os.path.abspath(options.program))

    exit_code = 0
    interrupted = False
    rec.program_file = os.path.abspath(options.program) if options.program else (options.module or "")
    if clock is not None:
        rec.set_origin()
    try:
        if options.module:
            _run_module(options.module)
        else:
            _run_file(os.path.abspath(options.program))  # as python does: __file__ is absolute
    except SystemExit as stop:
        exit_code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if stop.code is not None and not isinstance(stop.code, int):
            _flush_standard_streams()
            try:
                sys.stderr.write(f"{stop.code}\n")  # as CPython prints sys.exit("message")
            except (OSError, ValueError, AttributeError):
                pass
    except BaseException as error:
        _without_recorder_frames(error)
        rec.trace.script_error(rec.now(), rec.current, 0, _program_traceback(error))
        rec.program_error = traceback.format_exception_only(type(error), error)[-1].strip()
        _flush_standard_streams()
        try:
            sys.excepthook(type(error), error, error.__traceback__)
        except BaseException:
            pass
        exit_code = 1
        interrupted = isinstance(error, KeyboardInterrupt)
    finally:
        _flush_standard_streams()
        if exit_code and rec.program_error is None:
            rec.program_error = ""  # sys.exit with a failing status: failed, with no exception to name
        rec.finish()
    if rec.saved_error:
        _report(rec.saved_error)
        if exit_code == 0:
            exit_code = 1
    if interrupted:
        # As CPython does for an uncaught KeyboardInterrupt: die of SIGINT (exit status 130).
        _flush_standard_streams()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    return exit_code


def _source_file(options):
    if options.program and not options.module:
        return os.path.abspath(options.program)
    if options.module:
        import importlib.util
        try:
            spec = importlib.util.find_spec(options.module)
        except (ImportError, ValueError):
            return ""
        return spec.origin if spec and spec.origin else ""
    return ""


def _source_text(path, limit=4 << 20):
    if not path or not os.path.isfile(path) or os.path.getsize(path) > limit:
        return ""
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def _program_traceback(error):
    """The traceback text the program would print without the recorder."""
    return "".join(traceback.format_exception(error))


def run_batch(path, jobs):
    """Records many programs, each in a process of its own forked from this one, which has
    loaded Python and the recorder once. `path` holds a JSON object a line: {"cwd", "stdout",
    "stderr", "args"} (args: this recorder's arguments). Prints a JSON line per program as it
    ends: {"index", "status"} (the exit status, negative for a signal)."""
    with open(path, encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
    running = {}
    next_entry = 0
    failures = 0
    while next_entry < len(entries) or running:
        while next_entry < len(entries) and len(running) < jobs:
            entry = entries[next_entry]
            _flush_standard_streams()
            pid = os.fork()
            if pid == 0:
                _record_in_child(entry)  # never returns
            running[pid] = next_entry
            next_entry += 1
        pid, status = os.wait()
        index = running.pop(pid, None)
        if index is None:
            continue
        code = os.waitstatus_to_exitcode(status)
        failures += code != 0
        print(json.dumps({"index": index, "status": code}), flush=True)
    return 0


def _record_in_child(entry):
    code = 1
    # A forked process copies each memory page the first time it writes to it, and the
    # program's first steps would pay for that (milliseconds of CPU time, different each
    # run). Touching every object now pays for most of it before anything is recorded.
    import gc
    everything = gc.get_objects()
    del everything
    try:
        os.chdir(entry.get("cwd") or ".")
        for fd, name in ((1, entry.get("stdout")), (2, entry.get("stderr"))):
            if name:
                target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
                os.dup2(target, fd)
                os.close(target)
        code = main(entry["args"])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        # As the interpreter ends: the program's threads, its atexit functions, its streams.
        try:
            threading._shutdown()
        except BaseException:
            pass
        try:
            import atexit
            atexit._run_exitfuncs()
        except BaseException:
            pass
        _flush_standard_streams()
        _real_os_exit(code if isinstance(code, int) else 1)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--batch":
        sys.exit(run_batch(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 2))
    sys.exit(main())
