"""A shielded task that nobody else holds finishes, and its waiter gets the result."""
import asyncio
import time


async def lookup(delay, value):
    await asyncio.sleep(delay)
    print("looked up", value)
    return value


async def main():
    start = time.perf_counter()
    first = await asyncio.shield(asyncio.create_task(lookup(0.1, 3)))
    second = await asyncio.shield(lookup(0.1, 4))
    print("results", first, second, f"{time.perf_counter() - start:.1f}")


asyncio.run(main())
