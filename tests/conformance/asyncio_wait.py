"""asyncio.wait: FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED and timeout."""
import asyncio
import time

start = 0.0


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} failed")
    return name


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    global start
    start = time.perf_counter()
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("a", 0.3), ("b", 0.1), ("c", 0.2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first completed", names(done), names(pending), f"{time.perf_counter() - start:.1f}")
    done, pending = await asyncio.wait(pending)
    print("all completed", names(done), names(pending), f"{time.perf_counter() - start:.1f}")
    print(sorted(t.result() for t in tasks))

    tasks = [asyncio.create_task(job(n, d, f), name=n) for n, d, f in [("x", 0.1, False), ("y", 0.2, True), ("z", 0.5, False)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("first exception", names(done), names(pending), f"{time.perf_counter() - start:.1f}")
    for t in sorted(done, key=lambda t: t.get_name()):
        print(t.get_name(), repr(t.exception()))

    done, pending = await asyncio.wait(pending, timeout=0.1)
    print("timeout", names(done), names(pending), f"{time.perf_counter() - start:.1f}")
    done, pending = await asyncio.wait(pending, timeout=1)
    print("in time", names(done), names(pending), f"{time.perf_counter() - start:.1f}")

    done, pending = await asyncio.wait([asyncio.create_task(job("q", 0.1))], return_when=asyncio.ALL_COMPLETED)
    print(len(done), len(pending), asyncio.ALL_COMPLETED, asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION)
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    try:
        await asyncio.wait(tasks, return_when="SOMETIMES")
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
