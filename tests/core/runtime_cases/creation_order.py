# Tasks created in one go start in creation order, after their creator yields,
# and each sleep(0) sends a task to the back of the ready queue.
import asyncio


async def worker(name):
    print(f"{name} starts")
    await asyncio.sleep(0)
    print(f"{name} resumes")


async def main():
    tasks = [asyncio.create_task(worker(n)) for n in ("a", "b", "c")]
    print("main created all three")
    await asyncio.sleep(0)
    print("main after one yield")
    for t in tasks:
        await t
    print("main done")


asyncio.run(main())
