"""A crawler: a TaskGroup of many short fetch() calls, the shape of a batch of agent tool
calls. One of them blocks the loop with time.sleep, and every 50th prints what it parsed.
The benchmarks and the tests run it with TASKS replaced; run as it is, it makes 2,000."""
import asyncio
import time

TASKS = 2000


async def parse(i, body):
    await asyncio.sleep(0.005)
    if i % 50 == 0:
        print("parsed", i, len(body))


async def fetch(i):
    await asyncio.sleep(0.01 + (i * 37 % 50) / 1000)  # 10 to 59 ms, spread
    if i == 7:
        time.sleep(0.2)
    await parse(i, "x" * (i % 40))


async def heartbeat():
    await asyncio.sleep(0.05)


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(heartbeat())
        for i in range(TASKS):
            tg.create_task(fetch(i))
    print("fetched", TASKS)


asyncio.run(main())
