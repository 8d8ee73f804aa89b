"""asyncio.Event: waiters sleep until set(); clear() makes them wait again."""
import asyncio
import time


async def waiter(name, event, start):
    print(f"{name} waiting (set={event.is_set()})")
    await event.wait()
    print(f"{name} released at {time.perf_counter() - start:.1f}s")


async def main():
    start = time.perf_counter()
    ready = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ready, start)) for n in ("first", "second")]
    await asyncio.sleep(0.5)
    print("setting the event")
    ready.set()
    await asyncio.gather(*tasks)
    print("is_set:", ready.is_set(), "wait on a set event returns", await ready.wait())
    ready.clear()
    late = asyncio.create_task(waiter("late", ready, start))
    await asyncio.sleep(0.2)
    print("late still waiting:", not late.done())
    ready.set()
    await late


asyncio.run(main())
