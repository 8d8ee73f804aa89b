"""A TaskGroup of many short fetch() calls: the shape of a crawler or a batch of agent tool
calls. The benchmarks run it with TASKS replaced (200,000 and 1,000,000) to get traces of
that many lanes; run as it is, it makes 2,000."""
import asyncio
import random

TASKS = 2000

random.seed(7)


async def parse(body):
    await asyncio.sleep(0)
    return len(body)


async def fetch(i):
    await asyncio.sleep(random.uniform(0.01, 0.2))
    return await parse("x" * (i % 50))


async def main():
    async with asyncio.TaskGroup() as tg:
        for i in range(TASKS):
            tg.create_task(fetch(i))
    print("fetched", TASKS)


asyncio.run(main())
