"""Forgetting `await`

`get_weather("Pune")` without `await` returns a coroutine object that is never
run. The program continues as if the weather had been fetched; the result is a
coroutine, not data, and Python only warns on stderr ("RuntimeWarning:
coroutine 'get_weather' was never awaited") when the object is thrown away.

What to notice in the timeline:
- A ghost marker at the line with the missing await: a coroutine created, never awaited.
- No get_weather frame runs for Pune; the Mumbai call (with await) shows a 0.5 s frame.
- Main finishes almost instantly for the broken call: no time was spent "fetching".
"""
import asyncio
import time


async def get_weather(city):
    await asyncio.sleep(0.5)  # pretend HTTP request
    return {"city": city, "temp": 31}


async def main():
    start = time.perf_counter()
    report = get_weather("Pune")  # BUG: missing await
    print("got:", type(report).__name__, "- not a dict!")
    print(f"after the buggy call: {time.perf_counter() - start:.1f}s")
    del report  # the coroutine is destroyed here, never having run

    report = await get_weather("Mumbai")
    print("got:", report)
    print(f"after the fixed call: {time.perf_counter() - start:.1f}s")


asyncio.run(main())
