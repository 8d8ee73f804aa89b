# An exception raised in a nested coroutine or in a task reaches whoever awaits it.
import asyncio


async def level2():
    await asyncio.sleep(0.1)
    raise KeyError("missing")


async def level1():
    return await level2()


async def main():
    try:
        await level1()
    except KeyError as e:
        print("nested:", repr(e))
    t = asyncio.create_task(level2())
    try:
        await t
    except KeyError as e:
        print("task:", repr(e), t.done())


asyncio.run(main())
