"""A synchronous HTTP call inside a coroutine

Libraries like `requests` are synchronous: `requests.get(url)` holds the thread
until the response arrives. Called from a coroutine it blocks the event loop,
so three "concurrent" fetches run one after another. (Here
`blocking_http_get` stands in for requests.get: it waits with time.sleep.)

What to notice in the timeline:
- Three fetch tasks exist, but their blocking calls run back to back: the loop is
  frozen for 0.6 s three times in a row.
- The total is the sum (1.8 s), as if there were no concurrency at all.
- Fix: see to_thread_fix (or use an async HTTP client).
"""
import asyncio
import time


def blocking_http_get(url):
    """Like requests.get(url): holds the thread for the whole round trip."""
    time.sleep(0.6)
    return f"<html of {url}>"


async def fetch(url):
    print(f"fetching {url}")
    page = blocking_http_get(url)  # blocks the event loop
    print(f"got {len(page)} characters from {url}")
    return page


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        for url in ["https://a.example", "https://b.example", "https://c.example"]:
            group.create_task(fetch(url), name=url)
    print(f"total: {time.perf_counter() - start:.1f}s for three 0.6 s calls")


asyncio.run(main())
