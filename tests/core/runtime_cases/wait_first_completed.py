"""asyncio.wait wakes its waiter through a done-callback: one iteration after the first finisher."""
import asyncio
import time


async def racer(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished")
    if name == "fast":
        asyncio.create_task(bystander())
    return name


async def bystander():
    for i in range(4):
        print("bystander", i)
        await asyncio.sleep(0)


async def main():
    start = time.perf_counter()
    fast = asyncio.create_task(racer("fast", 0.1))
    slow = asyncio.create_task(racer("slow", 0.3))
    done, pending = await asyncio.wait([fast, slow], return_when=asyncio.FIRST_COMPLETED)
    print("done", [t is fast for t in done], "pending", len(pending), f"{time.perf_counter() - start:.1f}")
    done, pending = await asyncio.wait([slow], timeout=0.1)
    print("after timeout", len(done), len(pending), f"{time.perf_counter() - start:.1f}")
    done, pending = await asyncio.wait([slow])
    print("all", len(done), len(pending), f"{time.perf_counter() - start:.1f}")


asyncio.run(main())
