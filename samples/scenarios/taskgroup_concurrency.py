"""Running calls concurrently with a TaskGroup

The same three tool calls as sequential_awaits, but each becomes a task inside
`async with asyncio.TaskGroup()`. The tasks wait on the network at the same
time, so the whole block takes as long as the slowest call (0.8 s) instead of
the sum (2.0 s). Leaving the block waits for every task.

What to notice in the timeline:
- Three new lanes (weather, news, stocks: `name=` names each task) start together, under main.
- Their waits overlap; main (Task-1) waits at the end of the `async with` block.
- Total time is the longest call, less than half of the sequential version.
"""
import asyncio
import time


async def call_tool(name, seconds):
    print(f"{name}: request sent")
    await asyncio.sleep(seconds)
    print(f"{name}: response after {seconds}s")
    return f"{name} result"


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        weather = group.create_task(call_tool("weather", 0.8), name="weather")
        news = group.create_task(call_tool("news", 0.5), name="news")
        stocks = group.create_task(call_tool("stocks", 0.7), name="stocks")
        print("all three started; the block now waits for them")
    print([weather.result(), news.result(), stocks.result()])
    print(f"total: {time.perf_counter() - start:.1f}s (the slowest call)")


asyncio.run(main())
