"""concurrent.futures.ThreadPoolExecutor in a plain script: submit, map, with, worker names and
reuse, queued jobs, wait, as_completed, timeouts, cancel, and threading's locks and events."""
import concurrent.futures
import threading
import time
from concurrent.futures import (FIRST_COMPLETED, FIRST_EXCEPTION, CancelledError, ThreadPoolExecutor,
                                as_completed, wait)

start = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - start:.1f}s"


def restart():
    global start
    start = time.perf_counter()


def work(name, seconds):
    time.sleep(seconds)
    return f"{name} on {threading.current_thread().name}"


def fail(seconds):
    time.sleep(seconds)
    raise ValueError(f"bad input after {seconds}s")


main = threading.current_thread()
print(main.name, main is threading.main_thread(), threading.get_ident() == main.ident)
print(isinstance(main, threading.Thread), type(main).__name__)

print("--- submit and result")
with ThreadPoolExecutor(max_workers=2) as pool:
    a = pool.submit(work, "a", 0.3)
    b = pool.submit(work, "b", 0.1)
    time.sleep(0.05)
    print("running:", a.running(), b.running(), "done:", a.done(), b.done())
    print(b.result(), elapsed())
    print("a done yet?", a.done())
    print(a.result(), elapsed())
    print("a done now?", a.done(), a.running(), a.cancelled())
print("after with", elapsed())

print("--- idle workers are reused")
restart()
pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="fetch")
print(pool.submit(work, "x", 0.1).result())
time.sleep(0.05)
print(pool.submit(work, "y", 0.1).result())
time.sleep(0.05)
both = [pool.submit(work, "p", 0.1), pool.submit(work, "q", 0.1)]
# Which idle worker takes which job is a race in CPython; the set of workers is not.
print(sorted(f.result().split(" on ")[1] for f in both), elapsed())
pool.shutdown()
print("shut down", elapsed())

print("--- more jobs than workers queue")
restart()
with ThreadPoolExecutor(max_workers=2) as pool:
    jobs = {pool.submit(work, f"job{i}", s): i for i, s in enumerate([0.5, 0.2, 0.4, 0.2])}
    for future in as_completed(jobs):
        print(jobs[future], future.result(), elapsed())
print("all done", elapsed())

print("--- map keeps the input order")
restart()
with ThreadPoolExecutor(max_workers=3) as pool:
    for line in pool.map(work, ["m0", "m1", "m2", "m3"], [0.3, 0.1, 0.2, 0.1]):
        print(line, elapsed())
    print(list(pool.map(len, ["a", "bb", "ccc"])))

print("--- wait")
restart()
with ThreadPoolExecutor(max_workers=3) as pool:
    fs = [pool.submit(work, n, s) for n, s in [("slow", 0.6), ("quick", 0.2), ("mid", 0.4)]]
    done, not_done = wait(fs, return_when=FIRST_COMPLETED)
    print(sorted(f.result() for f in done), len(not_done), elapsed())
    done, not_done = wait(fs, timeout=0.1)
    print(len(done), len(not_done), elapsed())
    result = wait(fs, return_when=concurrent.futures.ALL_COMPLETED)
    print(len(result.done), len(result.not_done), elapsed())
    bad = [pool.submit(work, "ok", 0.1), pool.submit(fail, 0.2), pool.submit(work, "later", 0.5)]
    done, not_done = wait(bad, return_when=FIRST_EXCEPTION)
    print(len(done), len(not_done), elapsed())

print("--- failures, timeouts and cancel")
restart()
with ThreadPoolExecutor(max_workers=1) as pool:
    f = pool.submit(fail, 0.1)
    error = f.exception()
    print(type(error).__name__, error, elapsed())
    try:
        f.result()
    except ValueError as e:
        print("result raised", e)
    slow = pool.submit(work, "slow", 0.5)
    try:
        slow.result(timeout=0.2)
    except TimeoutError:
        print("timed out", elapsed(), slow.running())
    try:
        for _ in as_completed([slow], timeout=0.1):
            pass
    except concurrent.futures.TimeoutError as e:
        print("as_completed:", e, elapsed())
    queued = pool.submit(work, "queued", 0)
    print("cancel:", slow.cancel(), queued.cancel(), queued.cancelled(), queued.done())
    try:
        queued.result()
    except CancelledError:
        print("cancelled job has no result")
    print(slow.result(), elapsed())

print("--- done callbacks")
restart()
with ThreadPoolExecutor(max_workers=2) as pool:
    f = pool.submit(work, "cb", 0.2)
    f.add_done_callback(lambda fut: print("callback got", fut.result()))
    print("callback added", elapsed())
print("with left", elapsed())
f.add_done_callback(lambda fut: print("late callback runs at once", fut.done()))

print("--- locks and events")
lock = threading.Lock()
counter = 0


def add(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
    return n


with ThreadPoolExecutor(max_workers=4) as pool:
    print(sum(pool.map(add, [100, 200, 300, 400])))
print(counter, lock.locked())
print(lock.acquire(), lock.locked(), lock.acquire(blocking=False))
restart()
print(lock.acquire(timeout=0.2), elapsed())
lock.release()
rlock = threading.RLock()
with rlock:
    with rlock:
        print("re-entered the RLock")
print(rlock.acquire(), rlock.acquire(False))
rlock.release()
rlock.release()
event = threading.Event()
print(event.is_set(), event.wait(0.1), elapsed())
event.set()
print(event.is_set(), event.wait(), event.wait(5), elapsed())
event.clear()
print(event.is_set())
