# A Lock is handed to waiters in the order they asked.
import asyncio


async def user(name, lock):
    print(f"{name} wants the lock")
    async with lock:
        print(f"{name} has the lock")
        await asyncio.sleep(0.1)
    print(f"{name} released")


async def main():
    lock = asyncio.Lock()
    async with asyncio.TaskGroup() as tg:
        for name in ("a", "b", "c"):
            tg.create_task(user(name, lock))


asyncio.run(main())
