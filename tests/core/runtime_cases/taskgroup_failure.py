# A failing child cancels its siblings: their except CancelledError and finally blocks run,
# then the group raises an ExceptionGroup holding the failure.
import asyncio


async def worker(name):
    try:
        print(f"{name} working")
        await asyncio.sleep(1)
        print(f"{name} finished")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise
    finally:
        print(f"{name} cleans up")


async def crash():
    await asyncio.sleep(0.1)
    print("crash raises")
    raise RuntimeError("tool failed")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("w1"))
            tg.create_task(crash())
            tg.create_task(worker("w2"))
            print("body done")
    except* RuntimeError as group:
        print("caught", [repr(e) for e in group.exceptions])
    print(f"elapsed {loop.time() - start:.1f}")


asyncio.run(main())
