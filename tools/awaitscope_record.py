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
import asyncio.runners
import asyncio.taskgroups
import asyncio.tasks
import asyncio.threads
import collections
import functools
import gzip
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
        self.rows = []      # per task: its event rows, each as JSON text
        self.last = []      # per task: the time of its last row
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
        # A tuple, not a dict: a recording keeps one per task, and the garbage collector stops
        # looking at a tuple of numbers and strings.
        self.tasks.append((self.string(name), kind, parent, coroutine, created_at, created, scope))
        self.rows.append([])
        self.last.append(created)
        return task_id

    def rename_task(self, task_id, name):
        self.tasks[task_id] = (self.string(name),) + self.tasks[task_id][1:]

    def task_coroutine(self, task_id):
        return self.tasks[task_id][3]

    def task_created_at(self, task_id):
        return self.tasks[task_id][4]

    def event(self, task_id, time, fields):
        """One row of a task's events: its time, then `fields` as JSON text ('"enter",3')."""
        # Rows of a task must be in time order; a row noted late (frames entered as a step
        # began, found once it ended) takes the time of the row before it.
        last = self.last[task_id]
        if time < last:
            time = last
        self.rows[task_id].append(f"[{time},{fields}]")
        self.last[task_id] = time

    def json_text(self, metadata):
        """The native format's JSON. Event rows are kept as JSON text from the start: they are
        most of a trace, and as text they cost the garbage collector nothing while recording
        and the encoder nothing here."""
        document = {"format": FORMAT, "version": VERSION, "metadata": metadata, "strings": self.strings,
                    "sites": self.sites, "awaits": self.awaits, "frames": self.frames, "blocks": self.blocks,
                    "scopes": self.scopes, "tasks": "\0TASKS\0",
                    "output": sorted(self.output, key=lambda o: o["t"]),
                    "neverAwaited": self.never_awaited, "unretrievedErrors": self.unretrieved,
                    "pendingAtExit": self.pending_at_exit, "scriptErrors": self.script_errors}
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        def null(value):
            return "null" if value is None else value
        tasks = ",".join(
            f'{{"id":{task_id},"name":{name},"kind":"{kind}","parent":{null(parent)},"coroutine":{coroutine},'
            f'"createdAt":{created_at},"created":{created},"scope":{null(scope)},"events":[{",".join(rows)}]}}'
            for task_id, ((name, kind, parent, coroutine, created_at, created, scope), rows)
            in enumerate(zip(self.tasks, self.rows)))
        before, _, after = text.rpartition('"\\u0000TASKS\\u0000"')  # the last: only numbers follow
        return before + "[" + tasks + "]" + after


class Recorder:
    def __init__(self, threshold_ns):
        self.trace = TraceBuilder()
        self.threshold_ns = threshold_ns
        self.origin_ns = time.monotonic_ns()
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
        self.await_ids = {}               # (code, line, kind, label, target) -> await id, likewise
        self.creations = {}               # (coroutine code, creator code, line) -> (site, frame) ids
        self.timer_future = None          # id() of the future of the last timer asyncio.sleep armed
        self.timer_due = None             # and when that timer is due, in trace time

    def now(self):
        return time.monotonic_ns() - self.origin_ns

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


_recorder = None


# Tasks asyncio.run makes for its own shutdown: not part of the program.
_SHUTDOWN_COROUTINES = {"shutdown_asyncgens", "shutdown_default_executor"}

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

# Wake-ups whose future no task completed: the step that set it (Event.set, a lock's release,
# a queue's put...) is the waker: the running one, or else the one that ran last.
_WOKEN_BY_LAST_STEP = frozenset(("event", "lock", "semaphore", "queue", "taskgroup", "gather"))

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

    __slots__ = ("id", "rows", "stack", "links", "wait", "due", "yielded")

    def __init__(self, task_id, rows):
        self.id = task_id
        self.rows = rows       # the task's event rows in the trace
        # Tuples where they can be: a recording keeps one of these per task, and the garbage
        # collector stops looking at a tuple of numbers.
        self.stack = ()        # frame ids of the coroutine chain at the last suspend
        self.links = []        # the coroutine objects of that chain
        self.wait = "future"   # the kind of the current await
        self.due = None        # when its timer is due (timer waits)
        self.yielded = False   # the running step yielded (asyncio.sleep(0)): ready once it suspends


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
    now = _monotonic_ns() - rec.origin_ns
    scope = rec.scope_stack[-1]["id"] if rec.scope_stack else None
    task_id = trace.add_task(name, "task", parent, coroutine, created_at, now, scope)
    track = _TaskTrack(task_id, trace.rows[task_id])
    task._awaitscope = track
    track.rows.append(f'[{now},"ready","start",{"null" if parent is None else parent}]')
    trace.last[task_id] = now
    return track


def _task_ready(rec, track, future):
    """A task was scheduled to run: a wake-up by `future`, or (no future) a plain step."""
    now = _monotonic_ns() - rec.origin_ns
    task_id = track.id
    if future is None:
        # A step scheduled without a future: a bare yield (asyncio.sleep(0)). The task asks for
        # it from inside its step; it is ready from the moment that step suspends.
        if rec.current == task_id:
            track.yielded = True
            return
        track.rows.append(f'[{now},"ready","yield"]')
    else:
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
                now = max(track.due, rec.trace.last[task_id])
            elif kind in ("thread", "future"):
                thread = getattr(future, "_awaitscope_thread", None)
                if thread is not None:  # work on a thread: ready once it ended, loop frozen or not
                    kind = "thread"
                    if thread.get("end", now) < now:
                        now = max(thread["end"], rec.trace.last[task_id])
        track.rows.append(f'[{now},"ready","{kind}"]' if waker is None else f'[{now},"ready","{kind}",{waker}]')
    rec.trace.last[task_id] = now


def _run_step(rec, task, track, run, argument):
    """One step of a followed task, which run(argument) takes, observed."""
    task_id = track.id
    started = _monotonic_ns() - rec.origin_ns
    previous = rec.current
    rec.current, rec.step_started, rec.step_blocked, rec.samples = task_id, started, False, []
    rows = track.rows
    rows.append(f'[{started},"resume"]')
    if not track.stack:
        root = rec.trace.task_coroutine(task_id)
        if root:  # the task runs a coroutine (its frame was recorded at creation)
            rows.append(f'[{started},"enter",{root}]')
            track.stack = (root,)
    rec.trace.last[task_id] = started
    try:
        run(argument)
    finally:
        ended = _monotonic_ns() - rec.origin_ns
        rec.current = previous
        rec.last_stepped = task_id
        if task.done():
            _task_finished(rec, task, track, started, ended)
        else:
            _task_suspended(rec, task, track, started, ended)


def _task_finished(rec, task, track, started, ended):
    trace = rec.trace
    task_id = track.id
    _record_blocking(rec, track, started, ended)
    for frame_id in reversed(track.stack):
        trace.event(task_id, ended, f'"exit",{frame_id}')
    track.stack = ()
    track.links = ()  # the finished task no longer holds its coroutines, as without the recorder
    # The private fields, not exception(): retrieving it would silence asyncio's
    # "Task exception was never retrieved".
    if task.cancelled():
        trace.event(task_id, ended, '"finish","cancelled"')
    elif task._exception is not None:
        trace.event(task_id, ended, f'"finish","failed",{trace.string(repr(task._exception))}')
    else:
        trace.event(task_id, ended, '"finish","done"')


def _task_suspended(rec, task, track, started, ended):
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
    if user != track.links:
        _update_frames(rec, track, user, started)
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
    track.rows.append(f'[{ended},"suspend",{await_id}]')
    if track.yielded:
        track.yielded = False
        track.rows.append(f'[{ended},"ready","yield"]')
    rec.trace.last[track.id] = ended


def _update_frames(rec, track, user, started):
    """Frames that left or came during this step: the step is attributed to the new ones."""
    trace = rec.trace
    task_id = track.id
    stack = []
    call_site = trace.task_created_at(task_id)
    for link in user:
        code = _code_of(link)
        stack.append(trace.frame(code.co_qualname, rec.definition_site(code), call_site))
        call_site = rec.site_of_frame(_frame_of(link))
    common = 0
    while common < min(len(stack), len(track.stack)) and stack[common] == track.stack[common]:
        common += 1
    for frame_id in reversed(track.stack[common:]):
        trace.event(task_id, started, f'"exit",{frame_id}')
    for frame_id in stack[common:]:
        trace.event(task_id, started, f'"enter",{frame_id}')
    track.stack = tuple(stack)
    track.links = user


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
        rec.trace.event(track.id, started, f'"block",{block}')
        rec.trace.event(track.id, ended, f'"unblock",{block}')


_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType


def _code_of(link):
    return link.cr_code if type(link) is _CoroutineType else link.gi_code


def _frame_of(link):
    return link.cr_frame if type(link) is _CoroutineType else link.gi_frame


# ---- wrappers: none of them awaits or schedules anything the program would not ----

def _install(rec):
    # Tasks stay asyncio's own (the C Task where there is one): every step of a task is a
    # callback the loop runs through Handle._run, and every wake-up or step is scheduled
    # through loop.call_soon, with the task as the callback's __self__. Watching those two
    # sees each task's creation, readiness and steps without touching how it runs.
    task_type = asyncio.Task

    class Task(task_type):
        """asyncio's Task, unchanged but for set_name, which the trace follows, and its hash.
        (A subclass: the C Task's methods cannot be wrapped one by one.)"""

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
                outer = rec.step_started, rec.step_blocked, rec.samples
                _run_step(rec, self, track, lambda _: start(), None)
                rec.step_started, rec.step_blocked, rec.samples = outer
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
        if task is not None and isinstance(task, task_type):
            track = getattr(task, "_awaitscope", None)
            if track is not None:
                # A wake-up gets the future it waited for; a step, nothing or an exception.
                _task_ready(rec, track, args[0] if args and not isinstance(args[0], BaseException) else None)
            elif not args:
                _track_new_task(rec, task, task.get_coro(), task.get_name())  # __init__ schedules step 1
        return original_call_soon(self, callback, args, context)
    asyncio.base_events.BaseEventLoop._call_soon = call_soon

    def run(self):
        try:
            task = getattr(self._callback, "__self__", None)
        except Exception:
            task = None
        if task is not None and isinstance(task, task_type):
            track = getattr(task, "_awaitscope", None)
            if track is not None:
                return _run_step(rec, task, track, original_run, self)
        return original_run(self)
    asyncio.events.Handle._run = run

    original_call_at = asyncio.base_events.BaseEventLoop.call_at
    sleep_timer_callback = asyncio.futures._set_result_unless_cancelled

    def call_at(self, when, callback, *args, context=None):
        if callback is sleep_timer_callback:  # asyncio.sleep's timer, armed just before it suspends
            rec.timer_future, rec.timer_due = id(args[0]), int(when * 1e9) - rec.origin_ns
        return original_call_at(self, when, callback, *args, context=context)
    asyncio.base_events.BaseEventLoop.call_at = call_at

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
        future = original_run_in_executor(self, executor, work, *args)
        future._awaitscope_thread = times  # whoever awaits it is ready from the work's end
        return future
    asyncio.base_events.BaseEventLoop.run_in_executor = run_in_executor

    real_sleep = time.sleep

    def sleep(seconds):
        frame = rec.user_frame(sys._getframe(1))
        on_loop = threading.get_ident() == rec.loop_thread and rec.current is not None
        if on_loop:
            block = rec.trace.block(rec.site_of_frame(frame), "sleep", "time.sleep")
            rec.trace.event(rec.current, rec.now(), f'"block",{block}')
            rec.step_blocked = True
        try:
            real_sleep(seconds)
        finally:
            if on_loop:
                rec.trace.event(rec.current, rec.now(), f'"unblock",{block}')
    time.sleep = sleep

    original_cancel_all = asyncio.runners._cancel_all_tasks

    def cancel_all_tasks(loop):
        now = rec.now()
        for task in asyncio.tasks.all_tasks(loop):
            task_id = _tracked_id(task)
            if not task.done() and task_id is not None:
                rec.trace.pending_at_exit.append({"t": now, "task": task_id})
        return original_cancel_all(loop)
    asyncio.runners._cancel_all_tasks = cancel_all_tasks

    original_handler = asyncio.base_events.BaseEventLoop.call_exception_handler

    def call_exception_handler(self, context):
        future = context.get("future")
        task_id = _tracked_id(future) if isinstance(future, asyncio.Task) else None
        if context.get("message") == "Task exception was never retrieved" and task_id is not None:
            rec.trace.unretrieved.append({"t": rec.now(), "task": task_id,
                                          "text": rec.trace.string(repr(context.get("exception")))})
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
        if stop.code is not None and not isinstance(stop.code, int):
            sys.stdout.flush()
            sys.stderr.write(f"{stop.code}\n")  # as CPython prints sys.exit("message")
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


# Frames a traceback shows only because the recorder is there: its own and runpy's.
_HIDDEN_FILES = {os.path.abspath(__file__), __file__, "<frozen runpy>"}


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
             if f.filename not in _HIDDEN_FILES])
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
            rec.trace.event(lane["lane"], lane["start"], '"resume"')
            end = lane.get("end", rec.now())
            if "error" in lane:
                rec.trace.event(lane["lane"], end, f'"finish","failed",{rec.trace.string(lane["error"])}')
            else:
                rec.trace.event(lane["lane"], end, '"finish","done"')
    metadata = {"title": os.path.basename(str(target)), "clock": "wall",
                "recorder": f"awaitscope_record.py (CPython {sys.version.split()[0]})",
                "sourceFile": source_file, "scenario": "", "sourceText": source_text}
    data = rec.trace.json_text(metadata).encode("utf-8")
    temporary = options.output + ".tmp"
    opener = gzip.open if options.output.endswith(".gz") else open
    with opener(temporary, "wb") as f:
        f.write(data)
    os.replace(temporary, options.output)


if __name__ == "__main__":
    sys.exit(main())
