# A Semaphore(2) lets two calls run at a time; the rest wait in order.
import asyncio


async def call(i, sem, loop, start):
    async with sem:
        print(f"call {i} starts at {loop.time() - start:.1f}")
        await asyncio.sleep(1)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(call(i, sem, loop, start) for i in range(5)))
    print(f"all done at {loop.time() - start:.1f}")


asyncio.run(main())
