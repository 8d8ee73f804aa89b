"""create_task: tasks start when the creator yields; names, done(), result(), current_task()."""
import asyncio


async def worker(name, delay):
    me = asyncio.current_task()
    print(f"{name} starts in {me.get_name()}")
    await asyncio.sleep(delay)
    print(f"{name} finishes")
    return name.upper()


async def main():
    print("main in", asyncio.current_task().get_name())
    t1 = asyncio.create_task(worker("one", 0.2))
    t2 = asyncio.create_task(worker("two", 0.1), name="second")
    print("created", t1.get_name(), t2.get_name(), t1.done())
    await asyncio.sleep(0)
    print("after one yield")
    print(await t2, t2.done(), t1.done())
    print(await t1, t1.result(), t1.cancelled())
    t2.set_name("renamed")
    print(t2.get_name())
    tasks = [asyncio.create_task(worker(f"w{i}", 0.1 * (3 - i))) for i in range(3)]
    for task in tasks:
        print("joined", await task)
    loop = asyncio.get_running_loop()
    t3 = loop.create_task(worker("looped", 0))
    print(await t3, isinstance(t3, asyncio.Task))


asyncio.run(main())
