"""concurrent.futures, after CPython 3.11's Lib/concurrent/futures/_base.py and thread.py:
ThreadPoolExecutor, Future, wait and as_completed.

A job runs when it is submitted, at once, on a thread lane of its own (_awaitscope_threads):
its worker is chosen as CPython's pool chooses it, and it starts when that worker is free, on
a clock of its own. Its Future then knows when it starts and ends, so done(), running() and
the rest read the clock, and a thread that waits for it (result(), wait(), as_completed(),
shutdown()) blocks until then, as a blocking call. So a job's own prints come out when it is
submitted, and a job cannot wait for another thread (a Lock it holds, an Event it sets)."""

import _awaitscope_threads as _t
import collections

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'
FINISHED = 'FINISHED'

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    FINISHED: "finished",
}


class Error(Exception):
    """Base class for all future-related exceptions."""


class CancelledError(Error):
    """The Future was cancelled."""


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""


class BrokenExecutor(RuntimeError):
    """Raised when a executor has become non-functional after a severe failure."""


class BrokenThreadPool(BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


# Done-callbacks of jobs that have not ended yet on the caller's clock: CPython calls them in
# the worker when the job ends; here they run the next time a thread looks at a future after
# that (and at shutdown), in the order the jobs end.
_waiting_callbacks = []
_submitted = [0]


def _run_due_callbacks():
    if not _waiting_callbacks:
        return
    now = _t.now()
    due = [entry for entry in _waiting_callbacks if entry[0] <= now]
    if not due:
        return
    for entry in due:
        _waiting_callbacks.remove(entry)
    due.sort(key=lambda entry: (entry[0], entry[1]))
    for entry in due:
        entry[2]._invoke_callbacks()


def _seconds_to_ns(seconds):
    return int(round(seconds * 1e9))


class Future(object):
    """Represents the result of an asynchronous computation."""

    def __init__(self):
        self._state = PENDING
        self._result = None
        self._exception = None
        self._done_callbacks = []
        # A submitted job's times on the virtual clock, in ns (None: no job, set_result decides).
        self._start = None
        self._end = None
        _submitted[0] += 1
        self._order = _submitted[0]

    def _now_state(self):
        if self._end is None or self._state == CANCELLED:
            return self._state
        now = _t.now()
        if now >= self._end:
            return FINISHED
        if now >= self._start:
            return RUNNING
        return PENDING

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                pass  # CPython logs it (logger 'concurrent.futures') and goes on

    def __repr__(self):
        state = self._now_state()
        if state == FINISHED:
            if self._exception:
                return '<%s at %#x state=%s raised %s>' % (
                    self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[state],
                    self._exception.__class__.__name__)
            return '<%s at %#x state=%s returned %s>' % (
                self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[state],
                self._result.__class__.__name__)
        return '<%s at %#x state=%s>' % (self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[state])

    def cancel(self):
        _run_due_callbacks()
        state = self._now_state()
        if state in [RUNNING, FINISHED]:
            return False
        if state == CANCELLED:
            return True
        # A queued job already ran (at submit); cancelling it drops what it returned.
        self._state = CANCELLED
        self._end = None
        self._result = None
        self._exception = None
        self._invoke_callbacks()
        return True

    def cancelled(self):
        return self._now_state() == CANCELLED

    def running(self):
        return self._now_state() == RUNNING

    def done(self):
        _run_due_callbacks()
        return self._now_state() in [CANCELLED, FINISHED]

    def __get_result(self):
        if self._exception:
            raise self._exception
        return self._result

    def add_done_callback(self, fn):
        _run_due_callbacks()
        state = self._now_state()
        if state not in [CANCELLED, FINISHED]:
            self._done_callbacks.append(fn)
            if self._end is not None and len(self._done_callbacks) == 1:
                _waiting_callbacks.append((self._end, self._order, self))
            return
        try:
            fn(self)
        except Exception:
            pass  # CPython logs it (logger 'concurrent.futures') and goes on

    def _wait(self, timeout, what):
        # Blocks the calling thread until the job ends or the timeout passes.
        state = self._now_state()
        if state in [CANCELLED, FINISHED]:
            return
        if self._end is None:
            if timeout is None:
                raise RuntimeError('Awaitscope: %s would wait forever: this Future has no job, and no '
                                   'other thread can complete it meanwhile' % what)
            _t.block_until(_t.now() + _seconds_to_ns(max(timeout, 0)), what)
            return
        until = self._end
        if timeout is not None:
            until = min(until, _t.now() + _seconds_to_ns(max(timeout, 0)))
        _t.block_until(until, what)

    def _settled(self, timeout, what):
        # Waits as result() and exception() do; raises unless the job finished.
        self._wait(timeout, what)
        _run_due_callbacks()
        state = self._now_state()
        if state == CANCELLED:
            raise CancelledError()
        elif state != FINISHED:
            raise TimeoutError()

    def result(self, timeout=None):
        self._settled(timeout, 'Future.result')
        return self.__get_result()

    def exception(self, timeout=None):
        self._settled(timeout, 'Future.exception')
        return self._exception

    def set_running_or_notify_cancel(self):
        if self._state == CANCELLED:
            return False
        elif self._state == PENDING and self._end is None:
            self._state = RUNNING
            return True
        raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        self._finish(result, None)

    def set_exception(self, exception):
        self._finish(None, exception)

    def _finish(self, result, exception):
        if self._now_state() in {CANCELLED, FINISHED}:
            raise InvalidStateError('{}: {!r}'.format(self._now_state(), self))
        self._result = result
        self._exception = exception
        self._state = FINISHED
        self._invoke_callbacks()

    def _awaitscope_wrap(self, loop):
        # asyncio.wrap_future: an asyncio Future that takes this one's outcome on the loop,
        # when the job ends (CPython hands it over with call_soon_threadsafe).
        destination = loop.create_future()

        def copy_state():
            if destination.cancelled():
                return
            if self._state == CANCELLED:
                destination.cancel()
            elif self._exception is not None:
                destination.set_exception(self._exception)
            else:
                destination.set_result(self._result)

        def check_cancel(future):
            if future.cancelled():
                self.cancel()

        destination.add_done_callback(check_cancel)
        if self._now_state() in [CANCELLED, FINISHED] or self._end is None:
            loop.call_soon(copy_state)
        else:
            loop.call_at(self._end / 1e9, copy_state)
        return destination


def _finished_or_cancelled(f):
    return f._now_state() in [CANCELLED, FINISHED]


def _end_of(f):
    # When a future completes, for ordering: a job's end, or never (no job).
    if f._end is None:
        return None
    return f._end


def as_completed(fs, timeout=None):
    """An iterator over the given futures that yields each as it completes."""
    if timeout is not None:
        end_time = _t.now() + _seconds_to_ns(timeout)
    fs = list(dict.fromkeys(fs))
    total_futures = len(fs)
    _run_due_callbacks()
    finished = [f for f in fs if _finished_or_cancelled(f)]
    pending = [f for f in fs if not _finished_or_cancelled(f)]
    for f in finished:
        yield f
    while pending:
        now = _t.now()
        due = [f for f in pending if _finished_or_cancelled(f)]
        if not due:
            ends = [f._end for f in pending if f._end is not None]
            next_end = min(ends) if ends else None
            if timeout is not None and (next_end is None or next_end > end_time):
                _t.block_until(end_time, 'as_completed')
                raise TimeoutError('%d (of %d) futures unfinished' % (len(pending), total_futures))
            if next_end is None:
                raise RuntimeError('Awaitscope: as_completed() would wait forever: these Futures '
                                   'have no job, and no other thread can complete them meanwhile')
            _t.block_until(next_end, 'as_completed')
            _run_due_callbacks()
            continue
        due.sort(key=lambda f: (f._end if f._end is not None else now, f._order))
        for f in due:
            pending.remove(f)
        for f in due:
            yield f


DoneAndNotDoneFutures = collections.namedtuple('DoneAndNotDoneFutures', 'done not_done')


def _wait_reached(fs, return_when, time=None):
    # Whether wait() may return now, or (given a time) once the jobs that end by then have.
    def done_at(f):
        if time is None:
            return _finished_or_cancelled(f)
        return f._now_state() in [CANCELLED, FINISHED] or (f._end is not None and f._end <= time)
    done = [f for f in fs if done_at(f)]
    if return_when == FIRST_COMPLETED and done:
        return True
    if return_when == FIRST_EXCEPTION and any(
            f for f in done if not f.cancelled() and f._exception is not None):
        return True
    return len(done) == len(fs)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures in the given sequence to complete."""
    fs = set(fs)
    _run_due_callbacks()
    if not _wait_reached(fs, return_when):
        # The first moment at which the condition holds: the ends of the jobs, in order.
        ends = sorted(f._end for f in fs if f._end is not None and not _finished_or_cancelled(f))
        until = None
        for end in ends:
            if _wait_reached(fs, return_when, end):
                until = end
                break
        if timeout is not None:
            limit = _t.now() + _seconds_to_ns(max(timeout, 0))
            until = limit if until is None else min(until, limit)
        if until is None:
            raise RuntimeError('Awaitscope: wait() would wait forever: these Futures have no job, '
                               'and no other thread can complete them meanwhile')
        _t.block_until(until, 'concurrent.futures.wait')
        _run_due_callbacks()
    done = set(f for f in fs if _finished_or_cancelled(f))
    return DoneAndNotDoneFutures(done, fs - done)



def _result_or_cancel(fut, timeout=None):
    try:
        return fut.result(timeout)
    finally:
        fut.cancel()


class Executor(object):
    """This is an abstract base class for concrete asynchronous executors."""

    def submit(self, fn, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if timeout is not None:
            end_time = timeout + _t.now() / 1e9

        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        # Yield must be hidden in closure so that the futures are submitted
        # before the first iterator value is required.
        def result_iterator():
            try:
                # reverse to keep finishing order
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - _t.now() / 1e9)
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class ThreadPoolExecutor(Executor):

    # Numbers the executors that are not given a thread_name_prefix, as CPython's class counter.
    _executors_named = [0]

    def __init__(self, max_workers=None, thread_name_prefix='',
                 initializer=None, initargs=()):
        if max_workers is None:
            # os.cpu_count() is the fixed _t.CPU_COUNT, so a default pool is the same size everywhere.
            max_workers = min(32, _t.CPU_COUNT + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")

        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")

        self._max_workers = max_workers
        if not thread_name_prefix:
            thread_name_prefix = "ThreadPoolExecutor-%d" % ThreadPoolExecutor._executors_named[0]
            ThreadPoolExecutor._executors_named[0] += 1
        self._thread_name_prefix = thread_name_prefix
        self._pool = _t.Pool(max_workers, thread_name_prefix)
        self._broken = False
        self._shutdown = False
        self._futures = []
        self._initializer = initializer
        self._initargs = initargs
        self._initialized = set()

    def _run_initialized(self, fn, args, kwargs):
        # Inside the job: a worker's first job runs the initializer first, as its thread did.
        name = _t.current()[0]
        if name not in self._initialized:
            self._initialized.add(name)
            try:
                self._initializer(*self._initargs)
            except BaseException:
                self._broken = ('A thread initializer failed, the thread pool '
                                'is not usable anymore')
                raise BrokenThreadPool(self._broken)
        return fn(*args, **kwargs)

    def submit(self, fn, *args, **kwargs):
        if self._broken:
            raise BrokenThreadPool(self._broken)
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        _run_due_callbacks()
        f = Future()
        if self._initializer is not None:
            start, end, ok, value = self._pool.run(self._run_initialized, fn, args, kwargs)
        else:
            start, end, ok, value = self._pool.run(fn, *args, **kwargs)
        f._start = start
        f._end = end
        if ok:
            f._result = value
        else:
            f._exception = value
        self._futures.append(f)
        return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if cancel_futures:
            for f in self._futures:
                if f._now_state() == PENDING:
                    f.cancel()
        if wait:
            _t.block_until(self._pool.busy_until(), 'ThreadPoolExecutor.shutdown')
        _run_due_callbacks()
