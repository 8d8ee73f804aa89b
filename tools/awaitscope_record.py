#!/usr/bin/env python3
"""Record a real asyncio program as an Awaitscope trace.

    python3 tools/awaitscope_record.py -o trace.json program.py [args...]
    python3 tools/awaitscope_record.py -o trace.json -m package.module [args...]

The program runs normally: same output, same scheduling order. What it does is written to
the trace file (Awaitscope's native JSON format, docs/trace-format.md) on the wall clock:
every task with its parent, name, coroutine and creation line; every step, with what woke
the task and what it then awaits at which line; nested coroutine frames; printed lines;
steps that held the loop too long, with the blocking call where it can be named; coroutines
never awaited; task exceptions never retrieved; tasks still pending when asyncio.run ended.

Standard library only, CPython 3.11 and newer. How it works: asyncio's tasks are replaced
by the pure-Python implementation that CPython ships next to the C one (asyncio.tasks.
_PyTask, the same algorithm), subclassed so that each step can be observed; a few asyncio
functions are wrapped so that scopes, threads and warnings are seen. Nothing is awaited or
scheduled that the program would not have awaited or scheduled itself.
"""

import argparse
import asyncio
import asyncio.base_events
import asyncio.runners
import asyncio.taskgroups
import asyncio.tasks
import asyncio.threads
import collections
import functools
import gzip
import inspect
import json
import os
import runpy
import sys
import threading
import time
import types
import warnings

_monotonic_ns = time.monotonic_ns

FORMAT = "awaitscope-trace"
VERSION = 1
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_THIS_FILE = os.path.abspath(__file__)
_NETWORK_MODULES = ("socket", "ssl", "http", "urllib", "selectors", "requests", "urllib3")


_library_files = {}


def _is_library(filename):
    """asyncio's own files and this one: frames the program did not write."""
    known = _library_files.get(filename)
    if known is None:
        known = _library_files[filename] = filename.startswith(_ASYNCIO_DIR) or os.path.abspath(filename) == _THIS_FILE
    return known


class TraceBuilder:
    """The trace as the native format lays it out: interned tables, per-task event rows."""

    def __init__(self):
        self.strings = [""]
        self._string_ids = {"": 0}
        self.sites = [{"file": 0, "function": 0, "line": 0, "column": 0}]
        self._site_ids = {(0, 0, 0): 0}
        self.awaits = []
        self._await_ids = {}
        self.frames = []
        self._frame_ids = {}
        self.blocks = []
        self._block_ids = {}
        self.scopes = []
        self.tasks = []
        self.output = []
        self.never_awaited = []
        self.unretrieved = []
        self.pending_at_exit = []
        self.script_errors = []

    def string(self, text):
        text = str(text)
        found = self._string_ids.get(text)
        if found is None:
            found = self._string_ids[text] = len(self.strings)
            self.strings.append(text)
        return found

    def site(self, filename, function, line):
        key = (self.string(filename), self.string(function), int(line or 0))
        found = self._site_ids.get(key)
        if found is None:
            found = self._site_ids[key] = len(self.sites)
            self.sites.append({"file": key[0], "function": key[1], "line": key[2], "column": 0})
        return found

    def await_info(self, site, kind, what, target):
        key = (site, kind, what, target)
        found = self._await_ids.get(key)
        if found is None:
            found = self._await_ids[key] = len(self.awaits)
            self.awaits.append({"site": site, "kind": kind, "what": self.string(what), "target": target})
        return found

    def frame(self, name, definition, call_site):
        key = (self.string(name), definition, call_site)
        found = self._frame_ids.get(key)
        if found is None:
            found = self._frame_ids[key] = len(self.frames)
            self.frames.append({"name": key[0], "definition": definition, "callSite": call_site})
        return found

    def block(self, site, kind, what):
        key = (site, kind, self.string(what))
        found = self._block_ids.get(key)
        if found is None:
            found = self._block_ids[key] = len(self.blocks)
            self.blocks.append({"site": site, "kind": kind, "what": key[2]})
        return found

    def add_task(self, name, kind, parent, coroutine, created_at, created, scope):
        task_id = len(self.tasks)
        self.tasks.append({"id": task_id, "name": self.string(name), "kind": kind, "parent": parent,
                           "coroutine": coroutine, "createdAt": created_at, "created": created,
                           "scope": scope, "events": []})
        return task_id

    def event(self, task_id, row):
        events = self.tasks[task_id]["events"]
        # Rows of a task must be in time order; clocks read in different places can disagree
        # by a few nanoseconds, so never go back.
        if events and row[0] < events[-1][0]:
            row[0] = events[-1][0]
        events.append(row)

    def document(self, metadata):
        return {"format": FORMAT, "version": VERSION, "metadata": metadata, "strings": self.strings,
                "sites": self.sites, "awaits": self.awaits, "frames": self.frames, "blocks": self.blocks,
                "scopes": self.scopes, "tasks": self.tasks, "output": sorted(self.output, key=lambda o: o["t"]),
                "neverAwaited": self.never_awaited, "unretrievedErrors": self.unretrieved,
                "pendingAtExit": self.pending_at_exit, "scriptErrors": self.script_errors}


class Recorder:
    def __init__(self, threshold_ns):
        self.trace = TraceBuilder()
        self.threshold_ns = threshold_ns
        self.origin_ns = time.monotonic_ns()
        self.lock = threading.Lock()      # worker threads of to_thread report through it
        self.current = None               # the task whose step is running
        self.last_stepped = None          # the task whose step ended last (the likely waker)
        self.step_started = 0
        self.step_blocked = False         # a blocking call was recorded in the running step
        self.samples = []                 # where the sampler saw a long step: (file, function, line, kind, what)
        self.scope_stack = []             # gather / TaskGroup scopes being set up
        self.thread_lanes = []            # to_thread / run_in_executor work: lane and times
        self.loop_thread = threading.get_ident()
        self.real_sleep = time.sleep
        self._sites_by_code = {}          # (code, line) -> site id: no string work per step

    def now(self):
        return time.monotonic_ns() - self.origin_ns

    def loop_time_ns(self, when):
        """A loop.time() value (monotonic seconds) as trace time."""
        return int(when * 1e9) - self.origin_ns

    # ---- where things happen ----

    def user_frame(self, frame):
        while frame is not None and _is_library(frame.f_code.co_filename):
            frame = frame.f_back
        return frame

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


_recorder = None


def _await_chain(coro):
    """The coroutines a task is suspended in, outermost first, and what the innermost awaits."""
    chain = []
    obj = coro
    while obj is not None:
        kind = type(obj)
        if kind is types.CoroutineType:
            chain.append(obj)
            obj = obj.cr_await
        elif kind is types.GeneratorType:
            chain.append(obj)
            obj = obj.gi_yieldfrom
        else:
            break
    return chain, obj


def _code_of(link):
    return link.cr_code if type(link) is types.CoroutineType else link.gi_code


def _frame_of(link):
    return link.cr_frame if type(link) is types.CoroutineType else link.gi_frame


# Tasks asyncio.run makes for its own shutdown: not part of the program.
_SHUTDOWN_COROUTINES = {"shutdown_asyncgens", "shutdown_default_executor"}


_PY_STEP_CODE = asyncio.tasks._PyTask._Task__step.__code__


def _hide_step_frame(task):
    """The pure-Python task's step is a frame in a failed task's traceback, where the C task
    has none: without it, tracebacks print as they would without the recorder."""
    tb = task._exception_tb
    while tb is not None and tb.tb_frame.f_code is _PY_STEP_CODE:
        tb = tb.tb_next
    task._exception_tb = tb
    task._exception.__traceback__ = tb


class RecordingTask(asyncio.tasks._PyTask):
    """asyncio's own pure-Python Task, observed at every step."""

    _created = 0

    # Sets of tasks (TaskGroup._tasks) iterate by hash. Python tasks sit at other addresses than
    # C ones, so hash them by creation instead: small groups then iterate in creation order, as
    # C tasks do in practice.
    def __hash__(self):
        return self._awaitscope_hash

    # The C Future's wording, which the program would see without the recorder.
    def result(self):
        if self._state == "PENDING":
            raise asyncio.exceptions.InvalidStateError("Result is not set.")
        return super().result()

    def exception(self):
        if self._state == "PENDING":
            raise asyncio.exceptions.InvalidStateError("Exception is not set.")
        return super().exception()

    def set_name(self, value):
        super().set_name(value)
        if getattr(self, "_awaitscope_id", None) is not None:
            _recorder.trace.tasks[self._awaitscope_id]["name"] = _recorder.trace.string(self.get_name())

    def __init__(self, coro, *, loop=None, name=None, context=None):
        rec = _recorder
        RecordingTask._created += 1
        self._awaitscope_hash = RecordingTask._created
        self._awaitscope_id = None
        super().__init__(coro, loop=loop, name=name, context=context)
        code = getattr(coro, "cr_code", None)
        if code is not None and code.co_name in _SHUTDOWN_COROUTINES and _is_library(code.co_filename):
            self._awaitscope_id = None
            return
        parent = asyncio.tasks.current_task(self._loop)
        creator = rec.user_frame(sys._getframe(1))
        created_at = rec.site_of_frame(creator)
        coroutine = 0
        if code is not None:
            coroutine = rec.trace.frame(code.co_qualname, rec.definition_site(code), created_at)
        now = rec.now()
        scope = rec.scope_stack[-1]["id"] if rec.scope_stack else None
        self._awaitscope_id = rec.trace.add_task(
            self.get_name(), "task", getattr(parent, "_awaitscope_id", None), coroutine, created_at, now, scope)
        self._awaitscope_events = rec.trace.tasks[self._awaitscope_id]["events"]
        self._awaitscope_stack = []      # frame ids of the coroutine chain at the last suspend
        self._awaitscope_links = []      # the coroutine objects of that chain
        self._awaitscope_wait = None     # (kind, due time) of the current await
        rec.trace.event(self._awaitscope_id, [now, "ready", "start", getattr(parent, "_awaitscope_id", None)])

    def _Task__wakeup(self, future):
        if self._awaitscope_id is None:
            return super()._Task__wakeup(future)
        rec = _recorder
        kind, due = self._awaitscope_wait or ("future", None)
        now = rec.now()
        waker = None
        if future.cancelled():
            kind = "cancel"
        elif isinstance(future, RecordingTask):
            waker = future._awaitscope_id
        elif kind in ("event", "lock", "semaphore", "queue", "taskgroup", "gather") and rec.last_stepped is not None:
            waker = rec.last_stepped
        ready = due if (kind == "timer" and due is not None and due <= now) else now
        row = [ready, "ready", kind]
        if waker is not None:
            row.append(waker)
        rec.trace.event(self._awaitscope_id, row)
        super()._Task__wakeup(future)

    def _Task__step(self, exc=None):
        task_id = self._awaitscope_id
        if task_id is None:
            return super()._Task__step(exc)
        rec = _recorder
        started = _monotonic_ns() - rec.origin_ns
        previous = rec.current
        rec.current, rec.step_started, rec.step_blocked, rec.samples = task_id, started, False, []
        events = self._awaitscope_events
        events.append([started, "resume"])
        if not self._awaitscope_stack and self._coro is not None and hasattr(self._coro, "cr_code"):
            root = rec.trace.tasks[task_id]["coroutine"]
            events.append([started, "enter", root])
            self._awaitscope_stack = [root]
        try:
            super()._Task__step(exc)
        finally:
            if self._state == "FINISHED" and self._exception is not None:
                _hide_step_frame(self)
            ended = _monotonic_ns() - rec.origin_ns
            rec.current = previous
            rec.last_stepped = task_id
            self._awaitscope_after_step(started, ended)

    def _awaitscope_update_frames(self, user, started):
        """Frames that left or came during this step: the step is attributed to the new ones."""
        rec = _recorder
        task_id = self._awaitscope_id
        stack = []
        call_site = rec.trace.tasks[task_id]["createdAt"]
        for link in user:
            code = _code_of(link)
            stack.append(rec.trace.frame(code.co_qualname, rec.definition_site(code), call_site))
            call_site = rec.site_of_frame(_frame_of(link))
        common = 0
        while common < min(len(stack), len(self._awaitscope_stack)) and stack[common] == self._awaitscope_stack[common]:
            common += 1
        for frame_id in reversed(self._awaitscope_stack[common:]):
            rec.trace.event(task_id, [started, "exit", frame_id])
        for frame_id in stack[common:]:
            rec.trace.event(task_id, [started, "enter", frame_id])
        self._awaitscope_stack = stack
        self._awaitscope_links = user

    def _awaitscope_blocking(self, started, ended):
        rec = _recorder
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
            rec.trace.event(self._awaitscope_id, [started, "block", block])
            rec.trace.event(self._awaitscope_id, [ended, "unblock", block])

    def _awaitscope_after_step(self, started, ended):
        rec = _recorder
        task_id = self._awaitscope_id
        if self.done():
            self._awaitscope_blocking(started, ended)
            for frame_id in reversed(self._awaitscope_stack):
                rec.trace.event(task_id, [ended, "exit", frame_id])
            self._awaitscope_stack = []
            # The private fields, not exception(): retrieving it would silence asyncio's
            # "Task exception was never retrieved".
            if self.cancelled():
                rec.trace.event(task_id, [ended, "finish", "cancelled"])
            elif self._exception is not None:
                rec.trace.event(task_id, [ended, "finish", "failed", rec.trace.string(repr(self._exception))])
            else:
                rec.trace.event(task_id, [ended, "finish", "done"])
            return
        chain, _ = _await_chain(self._coro)
        awaited = self._fut_waiter  # C futures hide behind an iterator in the coroutine chain
        # The program's coroutines come first in the chain, asyncio's own after them.
        split = 0
        library_files = _library_files
        for link in chain:
            filename = (link.cr_code if type(link) is types.CoroutineType else link.gi_code).co_filename
            known = library_files.get(filename)
            if known is None:
                known = _is_library(filename)
            if known:
                break
            split += 1
        user, library = chain[:split], chain[split:]
        if user != self._awaitscope_links:
            self._awaitscope_update_frames(user, started)
        if ended - started >= rec.threshold_ns:
            self._awaitscope_blocking(started, ended)
        site = rec.site_of_frame(_frame_of(user[-1])) if user else 0
        kind, what, target, due = _describe_wait(library, awaited)
        self._awaitscope_wait = (kind, due)
        self._awaitscope_events.append([ended, "suspend", rec.trace.await_info(site, kind, what, target)])


# asyncio coroutines a task can be suspended in, by qualified name: (wait kind, label).
_WAITS = {
    "__sleep0": ("yield", "asyncio.sleep(0)"),
    "sleep": ("timer", "asyncio.sleep"),
    "Event.wait": ("event", "Event.wait"),
    "Lock.acquire": ("lock", "Lock.acquire"),
    "Condition.wait": ("lock", "Condition.wait"),
    "Semaphore.acquire": ("semaphore", "Semaphore.acquire"),
    "BoundedSemaphore.acquire": ("semaphore", "Semaphore.acquire"),
    "Queue.get": ("queue", "Queue.get"),
    "Queue.put": ("queue", "Queue.put"),
    "Queue.join": ("event", "Queue.join"),
    "TaskGroup.__aexit__": ("taskgroup", "TaskGroup"),
    "wait_for": ("task", "asyncio.wait_for"),
    "to_thread": ("thread", "asyncio.to_thread"),
    "as_completed.<locals>._wait_for_one": ("queue", "asyncio.as_completed"),
}


def _describe_wait(library, awaited):
    """What a suspended task waits for: (kind, label, awaited task, due time)."""
    for link in library:
        code = _code_of(link)
        wait = _WAITS.get(code.co_qualname)
        if wait is None:
            continue
        kind, label = wait
        if kind == "timer":
            handle = _frame_of(link).f_locals.get("h")
            return kind, label, None, (_recorder.loop_time_ns(handle.when()) if handle is not None else None)
        if label == "asyncio.wait_for":
            inner = _frame_of(link).f_locals.get("fut")
            return kind, label, getattr(inner, "_awaitscope_id", None), None
        return kind, label, None, None
    if isinstance(awaited, RecordingTask):
        return "task", awaited.get_name(), awaited._awaitscope_id, None
    if type(awaited).__name__ == "_GatheringFuture":
        return "gather", "asyncio.gather", None, None
    return "future", "future", None, None


# ---- wrappers: none of them awaits or schedules anything the program would not ----

# Reprs and messages name the class ("Task exception was never retrieved", "<Task pending
# name=...>"): the program prints what it would print without the recorder.
RecordingTask.__name__ = RecordingTask.__qualname__ = "Task"


def _install(rec):
    asyncio.tasks.Task = RecordingTask
    asyncio.Task = RecordingTask

    original_gather = asyncio.tasks.gather

    def gather(*coros_or_futures, return_exceptions=False):
        scope = _open_scope(rec, "gather")
        try:
            outer = original_gather(*coros_or_futures, return_exceptions=return_exceptions)
        finally:
            rec.scope_stack.pop()
        outer.add_done_callback(lambda _: _close_scope(rec, scope))
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
            _close_scope(rec, self._awaitscope_scope)

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

    original_run_in_executor = asyncio.base_events.BaseEventLoop.run_in_executor

    def run_in_executor(self, executor, func, *args):
        # A lane is opened here, on the loop thread; the worker only notes its times, and the
        # lane's events are written when the trace is, so one thread alone touches the tables.
        target = func
        if isinstance(func, functools.partial) and func.args and func.func.__name__ == "run":
            target = func.args[0]  # asyncio.to_thread: partial(context.run, function, ...)
        label = getattr(target, "__name__", "work")
        created_at = rec.site_of_frame(rec.user_frame(sys._getframe(1)))
        lane = rec.trace.add_task(label, "thread", rec.current, rec.trace.frame(label, created_at, created_at),
                                  created_at, rec.now(), None)
        times = {"lane": lane}
        rec.thread_lanes.append(times)

        def work(*work_args):
            times["start"] = rec.now()
            try:
                return func(*work_args)
            except BaseException as error:
                times["error"] = repr(error)
                raise
            finally:
                times["end"] = rec.now()
        return original_run_in_executor(self, executor, work, *args)
    asyncio.base_events.BaseEventLoop.run_in_executor = run_in_executor

    real_sleep = time.sleep

    def sleep(seconds):
        frame = rec.user_frame(sys._getframe(1))
        on_loop = threading.get_ident() == rec.loop_thread and rec.current is not None
        if on_loop:
            block = rec.trace.block(rec.site_of_frame(frame), "sleep", "time.sleep")
            rec.trace.event(rec.current, [rec.now(), "block", block])
            rec.step_blocked = True
        try:
            real_sleep(seconds)
        finally:
            if on_loop:
                rec.trace.event(rec.current, [rec.now(), "unblock", block])
    time.sleep = sleep

    original_cancel_all = asyncio.runners._cancel_all_tasks

    def cancel_all_tasks(loop):
        now = rec.now()
        for task in asyncio.tasks.all_tasks(loop):
            if not task.done() and hasattr(task, "_awaitscope_id"):
                rec.trace.pending_at_exit.append({"t": now, "task": task._awaitscope_id})
        return original_cancel_all(loop)
    asyncio.runners._cancel_all_tasks = cancel_all_tasks

    original_handler = asyncio.base_events.BaseEventLoop.call_exception_handler

    def call_exception_handler(self, context):
        future = context.get("future")
        if context.get("message") == "Task exception was never retrieved" and hasattr(future, "_awaitscope_id"):
            rec.trace.unretrieved.append({"t": rec.now(), "task": future._awaitscope_id,
                                          "text": rec.trace.string(repr(context.get("exception")))})
        return original_handler(self, context)
    asyncio.base_events.BaseEventLoop.call_exception_handler = call_exception_handler

    original_unawaited = warnings._warn_unawaited_coroutine
    sys.set_coroutine_origin_tracking_depth(2)  # the frame that made the coroutine, and its caller

    def warn_unawaited_coroutine(coro):
        origin = coro.cr_origin or ()
        site = 0
        for filename, line, function in origin:  # most recent call first
            if not _is_library(filename):
                site = rec.trace.site(filename, function, line)
                break
        now = rec.now()
        rec.trace.never_awaited.append({"created": now, "dropped": now, "task": rec.current,
                                        "name": rec.trace.string(coro.__qualname__), "site": site})
        # CPython's own warning, word for word as without origin tracking: output stays unchanged.
        warnings.warn(f"coroutine '{coro.__qualname__}' was never awaited", category=RuntimeWarning,
                      stacklevel=2, source=coro)
    warnings._warn_unawaited_coroutine = warn_unawaited_coroutine

    sys.stdout = _OutputTee(sys.stdout, rec)
    _start_sampler(rec)
    return original_unawaited


def _open_scope(rec, kind):
    creator = rec.user_frame(sys._getframe(2))
    scope = {"id": len(rec.trace.scopes)}
    rec.trace.scopes.append({"kind": kind, "owner": rec.current, "site": rec.site_of_frame(creator),
                             "begin": rec.now(), "end": rec.now()})
    rec.scope_stack.append(scope)
    return scope


def _close_scope(rec, scope):
    rec.trace.scopes[scope["id"]]["end"] = rec.now()


class _OutputTee:
    """sys.stdout as it was, plus a record of every printed line with its task and time."""

    def __init__(self, stream, rec):
        self._stream = stream
        self._rec = rec
        self._partial = ""

    def write(self, text):
        written = self._stream.write(text)
        if threading.get_ident() == self._rec.loop_thread:
            self._partial += text
            while "\n" in self._partial:
                line, self._partial = self._partial.split("\n", 1)
                frame = self._rec.user_frame(sys._getframe(1))
                self._rec.trace.output.append({"t": self._rec.now(), "task": self._rec.current,
                                               "site": self._rec.site_of_frame(frame),
                                               "text": self._rec.trace.string(line)})
        return written

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _start_sampler(rec):
    """Looks at the loop thread while a step runs long, to name what holds the loop."""
    def sample():
        long_step = False
        while True:
            # Every 20 ms while steps are short (cheap: the program barely notices); every 5 ms
            # inside a long step, so that the line named is the one seen most, not a lucky look.
            rec.real_sleep(0.005 if long_step else 0.02)
            samples = rec.samples  # this step's list: a sample taken as the step ends goes nowhere
            long_step = rec.current is not None and rec.now() - rec.step_started >= rec.threshold_ns // 2
            if not long_step:
                continue
            frame = sys._current_frames().get(rec.loop_thread)
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


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="awaitscope_record.py",
        description="Run a Python asyncio program and record it as an Awaitscope trace.")
    parser.add_argument("-o", "--output", required=True, help="trace file to write (.json or .json.gz)")
    parser.add_argument("-m", dest="module", help="run a module, like python -m")
    parser.add_argument("--embed-source", action="store_true", help="put the program's source into the trace")
    parser.add_argument("--threshold", type=float, default=0.1,
                        help="seconds a step may hold the loop before it counts as frozen (default 0.1)")
    parser.add_argument("program", nargs="?", help="the script to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="the script's arguments")
    options = parser.parse_args(argv)
    if not options.module and not options.program:
        parser.error("give a program to run, or -m module")

    global _recorder
    _recorder = rec = Recorder(int(options.threshold * 1e9))
    _install(rec)
    if options.module:
        target = options.module
        sys.argv = [options.module] + ([options.program] if options.program else []) + options.args
    else:
        target = options.program
        sys.argv = [options.program] + options.args
        sys.path.insert(0, os.path.dirname(os.path.abspath(options.program)))

    exit_code = 0
    try:
        if options.module:
            runpy.run_module(options.module, run_name="__main__", alter_sys=True)
        else:
            runpy.run_path(os.path.abspath(options.program), run_name="__main__")  # as python does: __file__ is absolute
    except SystemExit as stop:
        exit_code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException as error:
        text = _program_traceback(error)
        rec.trace.script_errors.append({"t": rec.now(), "task": rec.current, "site": 0, "text": rec.trace.string(text)})
        sys.stdout.flush()
        sys.stderr.write(text)
        exit_code = 1
    finally:
        sys.stdout.flush()
        _write(rec, options, target)
    return exit_code


# Frames a traceback shows only because the recorder is there: itself, runpy, and the
# pure-Python Future and Task that stand in for asyncio's C ones (whose frames are invisible).
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_HIDDEN_FRAMES = {(os.path.join(_ASYNCIO_DIR, "futures.py"), "result"),
                  (os.path.join(_ASYNCIO_DIR, "futures.py"), "__await__"),
                  (os.path.join(_ASYNCIO_DIR, "tasks.py"), "__wakeup"),
                  (os.path.join(_ASYNCIO_DIR, "tasks.py"), "__step")}


def _program_traceback(error):
    """The traceback text the program would print without the recorder."""
    import traceback
    report = traceback.TracebackException.from_exception(error)
    seen = set()
    pending = [report]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.stack = traceback.StackSummary.from_list(
            [f for f in current.stack
             if f.filename != __file__ and f.filename != "<frozen runpy>" and (f.filename, f.name) not in _HIDDEN_FRAMES])
        pending += [current.__cause__, current.__context__] + list(getattr(current, "exceptions", None) or [])
    return "".join(report.format())


def _write(rec, options, target):
    source_file, source_text = "", ""
    if options.program and not options.module:
        source_file = os.path.abspath(options.program)
    elif options.module:
        import importlib.util
        spec = importlib.util.find_spec(options.module)
        source_file = spec.origin if spec and spec.origin else ""
    if options.embed_source and source_file and os.path.exists(source_file):
        with open(source_file, encoding="utf-8", errors="replace") as f:
            source_text = f.read()
    for lane in rec.thread_lanes:
        if "start" in lane:
            rec.trace.event(lane["lane"], [lane["start"], "resume"])
            end = lane.get("end", rec.now())
            if "error" in lane:
                rec.trace.event(lane["lane"], [end, "finish", "failed", rec.trace.string(lane["error"])])
            else:
                rec.trace.event(lane["lane"], [end, "finish", "done"])
    metadata = {"title": os.path.basename(str(target)), "clock": "wall",
                "recorder": f"awaitscope_record.py (CPython {sys.version.split()[0]})",
                "sourceFile": source_file, "scenario": "", "sourceText": source_text}
    document = rec.trace.document(metadata)
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    temporary = options.output + ".tmp"
    opener = gzip.open if options.output.endswith(".gz") else open
    with opener(temporary, "wb") as f:
        f.write(data)
    os.replace(temporary, options.output)


if __name__ == "__main__":
    sys.exit(main())
