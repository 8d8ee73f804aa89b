# Timers that fall due at the same moment fire in the order they were armed.
import asyncio


async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} woke")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(sleeper("first", 0.2))
        tg.create_task(sleeper("second", 0.1))
        tg.create_task(sleeper("third", 0.2))
        tg.create_task(sleeper("fourth", 0.1))
    print("all woke")


asyncio.run(main())
