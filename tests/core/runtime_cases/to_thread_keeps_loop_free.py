# to_thread moves the blocking call off the loop: the heartbeat keeps its rhythm.
import asyncio
import time


async def heartbeat(loop, start):
    for _ in range(3):
        await asyncio.sleep(0.5)
        print(f"beat at {loop.time() - start:.1f}")


def download():
    time.sleep(1.2)
    return "file"


async def fetcher(loop, start):
    result = await asyncio.to_thread(download)
    print(f"{result} at {loop.time() - start:.1f}")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(heartbeat(loop, start), fetcher(loop, start))
    print(f"total {loop.time() - start:.1f}")


asyncio.run(main())
