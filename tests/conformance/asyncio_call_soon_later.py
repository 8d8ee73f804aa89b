"""loop.call_soon, call_later and call_at, with handles that cancel."""
import asyncio
import time

start = 0.0


def tick(label):
    print(f"{label} at {time.perf_counter() - start:.1f}")


async def main():
    global start
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    loop.call_soon(tick, "soon 1")
    loop.call_soon(tick, "soon 2")
    h = loop.call_soon(tick, "soon cancelled")
    h.cancel()
    print("handle cancelled", h.cancelled())
    t1 = loop.call_later(0.3, tick, "later 0.3")
    t2 = loop.call_later(0.1, tick, "later 0.1")
    t3 = loop.call_at(loop.time() + 0.2, tick, "at +0.2")
    gone = loop.call_later(0.15, tick, "never printed")
    print(type(t1).__name__, t1.cancelled())
    print("when is in the future", t2.when() > loop.time())
    gone.cancel()
    gone.cancel()
    print("timer cancelled", gone.cancelled(), t3.cancelled())
    print("main continues before any callback")
    await asyncio.sleep(0)
    print("after one yield")
    await asyncio.sleep(0.5)
    done = loop.create_future()
    loop.call_later(0.2, done.set_result, "wake")
    print(await done, f"{time.perf_counter() - start:.1f}")


asyncio.run(main())
