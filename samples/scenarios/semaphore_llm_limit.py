"""Limiting concurrent LLM calls with a Semaphore

Providers rate-limit: sending 8 requests at once may get you errors. An
asyncio.Semaphore(3) lets at most three coroutines inside `async with sem:` at
a time; the others wait in line (FIFO) and enter as soon as a slot frees up.

What to notice in the timeline:
- Eight task lanes start at once, but only three are inside the semaphore at any moment.
- The waiting lanes show "Semaphore.acquire" until a running call finishes.
- Calls start in waves: 0.0 s, 0.5 s, 1.0 s; the batch takes 1.5 s instead of 0.5 s or 4.0 s.
"""
import asyncio
import time

start = time.perf_counter()


async def summarize(doc_id, limit):
    async with limit:
        print(f"doc {doc_id}: call starts at {time.perf_counter() - start:.1f}s")
        await asyncio.sleep(0.5)  # the LLM call
    return f"summary {doc_id}"


async def main():
    limit = asyncio.Semaphore(3)
    summaries = await asyncio.gather(*(summarize(i, limit) for i in range(8)))
    print(len(summaries), "summaries")
    print(f"total: {time.perf_counter() - start:.1f}s")


asyncio.run(main())
