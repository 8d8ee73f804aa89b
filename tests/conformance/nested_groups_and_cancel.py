"""Nested TaskGroups, cancelling a gather, and a task that awaits a task."""
import asyncio
import time

start = time.perf_counter()


def stamp():
    return f"{time.perf_counter() - start:.1f}s"


async def leaf(name, seconds):
    try:
        await asyncio.sleep(seconds)
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled at {stamp()}")
        raise


async def branch(name):
    async with asyncio.TaskGroup() as group:
        a = group.create_task(leaf(f"{name}.a", 0.2))
        b = group.create_task(leaf(f"{name}.b", 0.4))
    return [a.result(), b.result()]


async def main():
    async with asyncio.TaskGroup() as group:
        left = group.create_task(branch("left"))
        right = group.create_task(branch("right"))
    print(left.result(), right.result(), stamp())

    gathering = asyncio.gather(leaf("g1", 1.0), leaf("g2", 1.0))
    await asyncio.sleep(0.3)
    gathering.cancel()
    try:
        await gathering
    except asyncio.CancelledError:
        print("gather cancelled:", gathering.cancelled(), stamp())

    worker = asyncio.create_task(leaf("inner", 2.0))

    async def supervisor():
        return await worker

    boss = asyncio.create_task(supervisor())
    await asyncio.sleep(0.1)
    boss.cancel()
    try:
        await boss
    except asyncio.CancelledError:
        print("supervisor cancelled; inner cancelled too:", worker.cancelled(), stamp())


asyncio.run(main())
