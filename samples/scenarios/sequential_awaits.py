"""Awaiting one call after another

An agent needs three tool results. Awaiting them one by one is correct but
slow: each await waits for its call to finish before the next one even starts,
so the total time is the sum of all three (0.8 + 0.5 + 0.7 = 2.0 s).

What to notice in the timeline:
- One lane (Task-1) with three nested frames, one after the other, never overlapping.
- Between the calls the loop is idle: it has nothing else to run.
- The total is the sum of the three waits. Compare with taskgroup_concurrency.
"""
import asyncio
import time


async def call_tool(name, seconds):
    print(f"{name}: request sent")
    await asyncio.sleep(seconds)  # waiting on the network
    print(f"{name}: response after {seconds}s")
    return f"{name} result"


async def main():
    start = time.perf_counter()
    weather = await call_tool("weather", 0.8)
    news = await call_tool("news", 0.5)
    stocks = await call_tool("stocks", 0.7)
    print([weather, news, stocks])
    print(f"total: {time.perf_counter() - start:.1f}s (the sum of the three)")


asyncio.run(main())
