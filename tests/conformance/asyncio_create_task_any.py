"""create_task accepts any coroutine, asyncio's own included (sleep, wait_for)."""
import asyncio
import time


async def work(n):
    await asyncio.sleep(0.1 * n)
    return n * 10


async def main():
    start = time.perf_counter()
    nap = asyncio.create_task(asyncio.sleep(0.5, result="rested"))
    bounded = asyncio.create_task(asyncio.wait_for(work(2), timeout=1))
    print("created", asyncio.isfuture(nap), nap.done())
    print("nap", await nap, f"{time.perf_counter() - start:.1f}")
    print("bounded", await bounded)
    late = asyncio.create_task(asyncio.sleep(5), name="long-nap")
    print(late.get_name(), late.done())
    await asyncio.sleep(0.1)
    late.cancel()
    try:
        await late
    except asyncio.CancelledError:
        print("long nap cancelled", late.cancelled())
    print(f"elapsed {time.perf_counter() - start:.1f}")


asyncio.run(main())
