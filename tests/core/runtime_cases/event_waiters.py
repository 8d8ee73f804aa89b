# Event.set wakes every waiter, in the order they started waiting.
import asyncio


async def waiter(name, event):
    print(f"{name} waits")
    await event.wait()
    print(f"{name} woke")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, event)) for n in ("a", "b", "c")]
    await asyncio.sleep(0.1)
    print("setting")
    event.set()
    await asyncio.gather(*tasks)
    print("is_set", event.is_set())


asyncio.run(main())
