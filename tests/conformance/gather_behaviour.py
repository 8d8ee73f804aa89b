"""gather keeps argument order, takes tasks and coroutines, and reports failures."""
import asyncio


async def fetch(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} failed")
    print(f"{name} done")
    return name


async def main():
    print(await asyncio.gather(fetch("slow", 0.3), fetch("fast", 0.1), fetch("mid", 0.2)))
    task = asyncio.create_task(fetch("task", 0.1))
    print(await asyncio.gather(task, fetch("coro", 0.2)))
    print(await asyncio.gather())
    print(await asyncio.gather(*[fetch(f"n{i}", 0.05 * i) for i in range(3)]))
    results = await asyncio.gather(fetch("ok", 0.1), fetch("bad", 0.2, fail=True), return_exceptions=True)
    print(results, [type(r).__name__ for r in results])
    try:
        await asyncio.gather(fetch("x", 0.3), fetch("boom", 0.1, fail=True))
    except ValueError as error:
        print("gather raised", repr(error))
    await asyncio.sleep(0.5)
    inner = asyncio.gather(fetch("i1", 0.1), fetch("i2", 0.1))
    outer = await asyncio.gather(inner, fetch("o", 0.2))
    print(outer)


asyncio.run(main())
