"""An AI agent's turn, as real code runs it: one model call, then tool calls in parallel.

Recorded with tools/awaitscope_record.py under CPython. Two bugs are left in on purpose,
the two most common in agent code:
- search_docs calls a synchronous SDK (time.sleep stands in for it): the loop freezes and
  every other tool waits;
- log_usage() is called without await: the coroutine is created and never runs.
fetch_weather shows the fix for blocking calls: asyncio.to_thread.
"""
import asyncio
import time

MODEL_LIMIT = asyncio.Semaphore(2)  # the provider allows two requests at a time


async def call_model(prompt):
    async with MODEL_LIMIT:
        await asyncio.sleep(0.30)  # network round trip
        return f"plan for {prompt!r}: weather, docs, calendar"


def blocking_weather_api(city):
    time.sleep(0.25)  # a synchronous HTTP client, run on a worker thread below
    return f"{city}: 18 C"


async def fetch_weather(city):
    return await asyncio.to_thread(blocking_weather_api, city)


async def search_docs(query):
    time.sleep(0.40)  # BUG: a synchronous SDK call on the event loop
    return f"3 documents about {query}"


async def read_calendar():
    await asyncio.sleep(0.15)
    return "2 meetings today"


async def log_usage(tokens):
    await asyncio.sleep(0.01)
    print("logged", tokens, "tokens")


async def summarize(results):
    async with MODEL_LIMIT:
        await asyncio.sleep(0.20)
        return " | ".join(results)


async def main():
    start = time.perf_counter()
    plan = await call_model("what should I know today?")
    print(plan)
    async with asyncio.TaskGroup() as tools:
        weather = tools.create_task(fetch_weather("Lisbon"), name="weather")
        docs = tools.create_task(search_docs("release notes"), name="docs")
        calendar = tools.create_task(read_calendar(), name="calendar")
    log_usage(1234)  # BUG: never awaited
    answer = await summarize([weather.result(), docs.result(), calendar.result()])
    print(answer)
    print(f"turn took {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
