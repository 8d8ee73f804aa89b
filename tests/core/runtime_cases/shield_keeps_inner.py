"""A shielded task keeps running when its waiter is cancelled."""
import asyncio
import time


async def commit():
    await asyncio.sleep(0.2)
    print("committed")
    return 7


async def caller(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("caller cancelled")
        raise


async def main():
    start = time.perf_counter()
    inner = asyncio.create_task(commit())
    outer = asyncio.create_task(caller(inner))
    await asyncio.sleep(0.1)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled", inner.done())
    print("inner result", await inner, f"{time.perf_counter() - start:.1f}")


asyncio.run(main())
