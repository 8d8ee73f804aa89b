"""asyncio.Condition: wait, wait_for, notify(n) and notify_all, in FIFO order."""
import asyncio
import time

start = 0.0
items = []


async def consumer(name, cond):
    async with cond:
        await cond.wait_for(lambda: len(items) > 0)
        item = items.pop(0)
        print(f"{name} took {item} at {time.perf_counter() - start:.1f}")


async def listener(name, cond):
    async with cond:
        print(name, "waiting", cond.locked())
        result = await cond.wait()
        print(name, "woken", result)


async def main():
    global start
    start = time.perf_counter()
    cond = asyncio.Condition()
    listeners = [asyncio.create_task(listener(f"l{i}", cond)) for i in range(3)]
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*listeners)

    consumers = [asyncio.create_task(consumer(f"c{i}", cond)) for i in range(2)]
    for n in range(2):
        await asyncio.sleep(0.2)
        async with cond:
            items.append(f"item{n}")
            cond.notify()
    await asyncio.gather(*consumers)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)
    shared = asyncio.Lock()
    c2 = asyncio.Condition(shared)
    async with c2:
        print("shared lock held", shared.locked())


asyncio.run(main())
