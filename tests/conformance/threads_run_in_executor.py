"""asyncio with a ThreadPoolExecutor: run_in_executor, wrap_future, the threads' names, and a
blocking Future.result() that freezes the loop."""
import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

start = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - start:.1f}s"


def blocking_io(name, seconds):
    time.sleep(seconds)
    return f"{name} ran on {threading.current_thread().name}"


def crash(seconds):
    time.sleep(seconds)
    raise ConnectionError("socket closed")


async def ticker(label, count):
    for _ in range(count):
        await asyncio.sleep(0.1)
        print(label, elapsed())


async def main():
    global start
    loop = asyncio.get_running_loop()
    print("loop runs on", threading.current_thread().name)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="io") as pool:
        results = await asyncio.gather(
            loop.run_in_executor(pool, blocking_io, "a", 0.25),
            loop.run_in_executor(pool, blocking_io, "b", 0.15),
            loop.run_in_executor(pool, blocking_io, "c", 0.1),
            ticker("tick", 3))
        print(results[:3], elapsed())
        try:
            await loop.run_in_executor(pool, crash, 0.1)
        except ConnectionError as e:
            print("executor job raised", repr(e), elapsed())

    start = time.perf_counter()
    print(await asyncio.to_thread(blocking_io, "d", 0.1), elapsed())
    await asyncio.sleep(0.01)
    print(await loop.run_in_executor(None, blocking_io, "e", 0.1), elapsed())

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1) as pool:
        job = pool.submit(blocking_io, "f", 0.2)
        future = asyncio.wrap_future(job)
        print(asyncio.isfuture(future), future.done())
        print(await future, job.done(), elapsed())

        start = time.perf_counter()
        ticks = asyncio.create_task(ticker("late tick", 2))
        await asyncio.sleep(0)
        job = pool.submit(blocking_io, "g", 0.3)
        print("blocking wait:", job.result(), elapsed())
        await ticks

        start = time.perf_counter()
        waiting = asyncio.wrap_future(pool.submit(blocking_io, "h", 0.2))
        try:
            await asyncio.wait_for(waiting, timeout=0.1)
        except TimeoutError:
            print("wait_for gave up", elapsed(), waiting.cancelled())


asyncio.run(main())
