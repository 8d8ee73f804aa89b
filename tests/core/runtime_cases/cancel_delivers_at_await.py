# cancel() raises CancelledError at the await where the task is suspended; finally runs,
# and a task may catch it and carry on.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("caught cancellation, carrying on")
    await asyncio.sleep(0.1)
    return "finished anyway"


async def polite():
    try:
        await asyncio.sleep(1)
    finally:
        print("polite finally")


async def main():
    s = asyncio.create_task(stubborn())
    p = asyncio.create_task(polite())
    await asyncio.sleep(0.1)
    s.cancel()
    p.cancel()
    print(await s)
    try:
        await p
    except asyncio.CancelledError:
        print("polite was cancelled:", p.cancelled())


asyncio.run(main())
