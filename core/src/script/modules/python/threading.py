"""threading, after CPython 3.11's Lib/threading.py: current_thread, main_thread, get_ident,
Lock, RLock and Event.

The threads there are are the main thread and the workers of thread pools
(concurrent.futures.ThreadPoolExecutor, asyncio's default executor), whose jobs run at once
when submitted (see concurrent.futures): so a thread never waits here for another to release a
lock or set an event. A wait with a timeout blocks for the timeout; one without would wait
forever, and raises RuntimeError saying so. Idents are fixed numbers, the same on every run.
Thread (to start one), Condition, Semaphore, Barrier, Timer and local are not supported."""

import _awaitscope_threads as _t

TIMEOUT_MAX = 9223372036.0


def get_ident():
    return _t.current()[1]


_made_here = object()


class Thread:
    """A thread of the run: the main thread or a pool's worker."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None,
                 _awaitscope=None, _ident=None):
        if _awaitscope is not _made_here:
            _t.not_supported('threading.Thread (use concurrent.futures.ThreadPoolExecutor or asyncio.to_thread)')
        self._name = name
        self._ident = _ident
        self._daemonic = False

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def daemon(self):
        return self._daemonic

    def getName(self):
        return self._name

    def is_alive(self):
        return True

    def isDaemon(self):
        return self._daemonic

    def start(self):
        raise RuntimeError("threads can only be started once")

    def __repr__(self):
        status = "started %s" % self._ident
        if self._daemonic:
            status += " daemon"
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)


class _MainThread(Thread):
    pass


_threads = {}


def current_thread():
    name, ident = _t.current()
    thread = _threads.get(ident)
    if thread is None:
        cls = _MainThread if name == 'MainThread' else Thread
        thread = cls(name=name, _awaitscope=_made_here, _ident=ident)
        _threads[ident] = thread
    return thread


def main_thread():
    thread = current_thread()
    if isinstance(thread, _MainThread):
        return thread
    for thread in _threads.values():
        if isinstance(thread, _MainThread):
            return thread
    thread = _MainThread(name='MainThread', _awaitscope=_made_here, _ident=_t.MAIN_IDENT)
    _threads[_t.MAIN_IDENT] = thread
    return thread


def _check_timeout(blocking, timeout):
    if timeout != -1 and not blocking:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be positive")


def _wait_instead(what, timeout):
    # Nothing else runs while this thread waits: a timeout passes, and no wait ends otherwise.
    if timeout is None or timeout == -1:
        raise RuntimeError('Awaitscope: %s would wait forever: no other thread runs while this one '
                           'waits' % what)
    _t.block_until(_t.now() + int(round(timeout * 1e9)), what)


class lock:
    """threading.Lock(): a lock with no owner (CPython's _thread.lock)."""

    def __init__(self):
        self._locked = False

    def acquire(self, blocking=True, timeout=-1):
        _check_timeout(blocking, timeout)
        if not self._locked:
            self._locked = True
            return True
        if blocking:
            _wait_instead('Lock.acquire()', timeout)
        return False

    acquire_lock = acquire

    def release(self):
        if not self._locked:
            raise RuntimeError('release unlocked lock')
        self._locked = False

    release_lock = release

    def locked(self):
        return self._locked

    def __enter__(self):
        return self.acquire()

    def __exit__(self, t, v, tb):
        self.release()

    def __repr__(self):
        return "<%s _thread.lock object at %#x>" % ("locked" if self._locked else "unlocked", id(self))


Lock = lock


class RLock:
    """threading.RLock(): the thread that holds it may acquire it again (CPython's _thread.RLock)."""

    def __init__(self):
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        _check_timeout(blocking, timeout)
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if self._owner is None:
            self._owner = me
            self._count = 1
            return True
        if blocking:
            _wait_instead('RLock.acquire()', timeout)
        return False

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None

    def _is_owned(self):
        return self._owner == get_ident()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, t, v, tb):
        self.release()

    def __repr__(self):
        return "<%s _thread.RLock object owner=%d count=%d at %#x>" % (
            "locked" if self._owner is not None else "unlocked",
            self._owner or 0, self._count, id(self))


class Event:
    """Class implementing event objects."""

    def __init__(self):
        self._flag = False

    def __repr__(self):
        cls = self.__class__
        status = 'set' if self._flag else 'unset'
        return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: {status}>"

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        self._flag = True

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        if self._flag:
            return True
        _wait_instead('Event.wait()', timeout)
        return self._flag


def _unsupported(name):
    def make(*args, **kwargs):
        _t.not_supported('threading.' + name)
    make.__name__ = name
    return make


Condition = _unsupported('Condition')
Semaphore = _unsupported('Semaphore')
BoundedSemaphore = _unsupported('BoundedSemaphore')
Barrier = _unsupported('Barrier')
Timer = _unsupported('Timer')
local = _unsupported('local')
