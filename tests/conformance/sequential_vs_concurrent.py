"""Awaiting one by one adds the times up; running tasks together takes as long as the slowest."""
import asyncio
import time


async def call_api(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def main():
    start = time.perf_counter()
    first = await call_api("weather", 0.5)
    second = await call_api("news", 0.3)
    print(first, second, f"sequential: {time.perf_counter() - start:.1f}s")

    start = time.perf_counter()
    task_a = asyncio.create_task(call_api("weather", 0.5))
    task_b = asyncio.create_task(call_api("news", 0.3))
    print(await task_a, await task_b, f"concurrent: {time.perf_counter() - start:.1f}s")

    start = time.perf_counter()
    results = await asyncio.gather(call_api("a", 0.2), call_api("b", 0.4), call_api("c", 0.1))
    print(results, f"gather: {time.perf_counter() - start:.1f}s")


asyncio.run(main())
