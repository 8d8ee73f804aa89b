"""await inside comprehensions and gather over comprehensions."""
import asyncio
import time


async def score(name):
    await asyncio.sleep(0.1)
    return len(name)


async def main():
    names = ["ada", "grace", "linus"]
    start = time.perf_counter()
    sequential = [await score(n) for n in names]
    print(sequential, f"{time.perf_counter() - start:.1f}s")
    start = time.perf_counter()
    concurrent = await asyncio.gather(*[score(n) for n in names])
    print(concurrent, f"{time.perf_counter() - start:.1f}s")
    by_name = {n: await score(n) for n in names if n != "grace"}
    print(by_name)
    tasks = {n: asyncio.create_task(score(n)) for n in names}
    print({n: await t for n, t in tasks.items()})


asyncio.run(main())
