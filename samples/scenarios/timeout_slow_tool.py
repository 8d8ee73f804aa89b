"""A timeout on a slow tool

Agents should not wait forever for one tool. `async with asyncio.timeout(1.0)`
(or asyncio.wait_for) cancels the work inside when time runs out and raises
TimeoutError, which the agent can catch and work around with a fallback.

What to notice in the timeline:
- The slow search is cancelled exactly 1.0 s after it starts, at 1.3 s (a cancelled end,
  not a failure).
- Its `finally` block still runs: cleanup happens even on timeout.
- The fast tool under the same limit finishes normally; the agent moves on at 1.3 s.
"""
import asyncio
import time


async def search(engine, seconds):
    try:
        await asyncio.sleep(seconds)
        return f"{engine}: 10 results"
    finally:
        print(f"{engine}: connection closed")


async def with_deadline(engine, seconds):
    try:
        async with asyncio.timeout(1.0):
            return await search(engine, seconds)
    except TimeoutError:
        return f"{engine}: timed out, using cached results"


async def main():
    start = time.perf_counter()
    print(await with_deadline("fast-engine", 0.3))
    print(await with_deadline("slow-engine", 5.0))
    print(f"elapsed {time.perf_counter() - start:.1f}s")
    try:
        await asyncio.wait_for(search("legacy-engine", 3.0), timeout=0.5)
    except TimeoutError:
        print(f"wait_for gave up at {time.perf_counter() - start:.1f}s")


asyncio.run(main())
