"""Closures, default arguments and shared state across tasks."""
import asyncio

results = []
counter = {"value": 0}


def make_job(name, delay):
    async def job():
        await asyncio.sleep(delay)
        counter["value"] += 1
        results.append((name, counter["value"]))

    return job


async def main():
    jobs = [make_job(f"job{i}", 0.1 * (3 - i)) for i in range(3)]
    await asyncio.gather(*(job() for job in jobs))
    print(results)
    lock = asyncio.Lock()
    total = 0

    async def add(n):
        nonlocal total
        async with lock:
            current = total
            await asyncio.sleep(0.01)
            total = current + n

    await asyncio.gather(*(add(n) for n in range(1, 6)))
    print("total with lock:", total)
    sleeping = await asyncio.sleep(0.1, result="sleep can return a value")
    print(sleeping)


asyncio.run(main())
