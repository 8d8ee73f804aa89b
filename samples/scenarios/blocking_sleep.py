"""Blocking the loop with time.sleep

`time.sleep()` does not yield to the event loop: it freezes the whole thread.
While one coroutine sleeps that way, no other task can run, even tasks whose
timers are long due. `await asyncio.sleep()` waits without blocking.

What to notice in the timeline:
- The Loop lane turns red for 1.5 s: a frozen stretch caused by time.sleep.
- The heartbeat's first beat was due at 0.5 s but runs only when the freeze ends at 1.7 s;
  every later beat is late by the same 1.2 s, because each waits 0.5 s from the one before.
- With asyncio.sleep (the second half) the beats keep their rhythm.
"""
import asyncio
import time

start = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - start:.1f}s"


async def heartbeat(beats):
    for i in range(beats):
        await asyncio.sleep(0.5)
        print(f"  beat {i + 1} at {elapsed()}")


async def slow_step_blocking():
    await asyncio.sleep(0.2)
    print(f"blocking sleep starts at {elapsed()}")
    time.sleep(1.5)  # BUG: blocks the event loop
    print(f"blocking sleep ends at {elapsed()}")


async def slow_step_async():
    await asyncio.sleep(0.2)
    print(f"async sleep starts at {elapsed()}")
    await asyncio.sleep(1.5)
    print(f"async sleep ends at {elapsed()}")


async def main():
    global start
    await asyncio.gather(heartbeat(4), slow_step_blocking())
    print("--- now with asyncio.sleep ---")
    start = time.perf_counter()
    await asyncio.gather(heartbeat(4), slow_step_async())


asyncio.run(main())
