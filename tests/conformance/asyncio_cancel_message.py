"""cancel(msg) puts the message in CancelledError.args; cancelling() and uncancel() count requests."""
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("inside:", e.args)
        raise


async def counter():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("cancelling()", me.cancelling())
        print("uncancel()", me.uncancel(), me.cancelling())
    return "recovered"


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("shutting down")
    try:
        await t
    except asyncio.CancelledError as e:
        print("outside:", e.args)
    t2 = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError as e:
        print("no message:", e.args)
    t3 = asyncio.create_task(counter())
    await asyncio.sleep(0)
    t3.cancel()
    t3.cancel("again")
    print("t3 cancelling", t3.cancelling())
    print(await t3, t3.cancelled())


asyncio.run(main())
