"""as_completed hands results back in the order the work finishes."""
import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return name, seconds


async def main():
    start = time.perf_counter()
    jobs = [download("big", 0.3), download("small", 0.1), download("medium", 0.2)]
    for next_done in asyncio.as_completed(jobs):
        name, seconds = await next_done
        print(f"{name} ({seconds}s) ready at {time.perf_counter() - start:.1f}s")
    try:
        for next_done in asyncio.as_completed([download("late", 1.0), download("early", 0.1)], timeout=0.5):
            print("got", await next_done)
    except TimeoutError:
        print(f"as_completed timed out at {time.perf_counter() - start:.1f}s")


asyncio.run(main())
