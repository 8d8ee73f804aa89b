# time.sleep holds the loop: the heartbeat due at 0.5 s only runs when the loop is free again.
import asyncio
import time


async def heartbeat(loop, start):
    for _ in range(3):
        await asyncio.sleep(0.5)
        print(f"beat at {loop.time() - start:.1f}")


async def blocker():
    await asyncio.sleep(0.2)
    print("blocking for 1.5 s")
    time.sleep(1.5)
    print("unblocked")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(heartbeat(loop, start), blocker())
    print(f"total {loop.time() - start:.1f}")


asyncio.run(main())
