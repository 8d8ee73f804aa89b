"""Condition.notify wakes the oldest waiters; each takes the lock again in turn."""
import asyncio


async def waiter(name, cond):
    async with cond:
        print(name, "waits")
        await cond.wait()
        print(name, "woken")


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(n, cond)) for n in ("a", "b", "c")]
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify(2)
        print("notified two")
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify_all()
        print("notified all")
    await asyncio.gather(*tasks)


asyncio.run(main())
