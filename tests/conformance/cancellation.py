"""Cancellation is an exception raised at the await; finally blocks run; tasks report cancelled()."""
import asyncio


async def long_job(name):
    try:
        print(f"{name} working")
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name} got CancelledError")
        raise
    finally:
        print(f"{name} cleanup")


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn swallows the cancellation")
    return "finished anyway"


async def main():
    task = asyncio.create_task(long_job("download"))
    await asyncio.sleep(0.1)
    print("cancel() returned", task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print("main saw the cancellation", task.cancelled(), task.done())
    print("second cancel() returns", task.cancel())

    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    s.cancel()
    print(await s, s.cancelled())

    m = asyncio.create_task(long_job("with message"))
    await asyncio.sleep(0)
    m.cancel("user pressed stop")
    try:
        await m
    except asyncio.CancelledError as error:
        print("message:", error.args)

    early = asyncio.create_task(long_job("never started"))
    early.cancel()
    try:
        await early
    except asyncio.CancelledError:
        print("cancelled before it ran", early.cancelled())
    print(issubclass(asyncio.CancelledError, Exception), issubclass(asyncio.CancelledError, BaseException))


asyncio.run(main())
