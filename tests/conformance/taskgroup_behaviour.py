"""TaskGroup waits for every task; a failure cancels the others and raises an ExceptionGroup."""
import asyncio
import time


async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise RuntimeError(f"{name} broke")
        return name
    except asyncio.CancelledError:
        print(f"{name} was cancelled")
        raise


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        a = group.create_task(job("a", 0.2))
        b = group.create_task(job("b", 0.4))
        print("body finished before the tasks")
    print(a.result(), b.result(), f"{time.perf_counter() - start:.1f}s")

    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("slow", 1.0))
            group.create_task(job("broken", 0.2, fail=True))
            group.create_task(job("other", 1.0))
    except* RuntimeError as eg:
        print("caught", eg.exceptions, f"{time.perf_counter() - start:.1f}s")

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("x", 0.1, fail=True))
            group.create_task(job("y", 0.1, fail=True))
    except ExceptionGroup as eg:
        print(type(eg).__name__, eg, len(eg.exceptions), sorted(str(e) for e in eg.exceptions))

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("z", 0.5))
            raise KeyError("body failed")
    except* KeyError as eg:
        print("body error", repr(eg.exceptions[0]))


asyncio.run(main())
