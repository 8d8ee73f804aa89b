"""The recorder benchmark's program: 10,000 tasks that each await a few times, as an agent
fanning out requests would (sleep(0) steps, an Event, a short timer, a Semaphore)."""
import asyncio

TASKS = 10_000


async def request(n, limit, ready):
    async with limit:
        await asyncio.sleep(0)
    await ready.wait()
    await asyncio.sleep(0.001 * (n % 5))
    return n % 7


async def main():
    limit = asyncio.Semaphore(100)
    ready = asyncio.Event()
    tasks = [asyncio.create_task(request(n, limit, ready)) for n in range(TASKS)]
    await asyncio.sleep(0)
    ready.set()
    results = await asyncio.gather(*tasks)
    print("tasks:", len(results), "sum:", sum(results))


asyncio.run(main())
