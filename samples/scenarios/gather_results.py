"""Collecting results with asyncio.gather

gather() starts every coroutine as a task at once and hands back their results
in the order you passed them, not the order they finished. With
return_exceptions=True a failure takes its place in the list instead of
raising, so one broken source does not lose the others' results.

What to notice in the timeline:
- gather creates one task per coroutine immediately (a gather scope around them).
- "fast" finishes first, yet the result list keeps the argument order.
- In the second gather the failing task ends red; the others still complete.
"""
import asyncio
import time


async def fetch(source, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ConnectionError(f"{source} is down")
    print(f"{source} answered after {seconds}s")
    return f"{source}: 3 documents"


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(fetch("slow", 0.9), fetch("fast", 0.3), fetch("medium", 0.6))
    print(results)
    print(f"elapsed {time.perf_counter() - start:.1f}s")

    results = await asyncio.gather(
        fetch("wiki", 0.4), fetch("flaky", 0.2, fail=True), fetch("arxiv", 0.5), return_exceptions=True
    )
    for item in results:
        print("  ", repr(item))
    print(f"elapsed {time.perf_counter() - start:.1f}s")


asyncio.run(main())
