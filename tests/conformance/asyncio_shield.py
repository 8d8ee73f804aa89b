"""asyncio.shield: cancelling the waiter does not cancel the shielded work."""
import asyncio
import time

start = 0.0


async def save(record):
    print("saving", record)
    await asyncio.sleep(0.3)
    print("saved", record, f"{time.perf_counter() - start:.1f}")
    return f"{record} ok"


async def handler(record):
    return await asyncio.shield(save(record))


async def main():
    global start
    start = time.perf_counter()
    inner = asyncio.create_task(save("alpha"))
    waiter = asyncio.create_task(handler("beta"))
    outer = asyncio.shield(inner)
    await asyncio.sleep(0.1)
    waiter.cancel()
    outer.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print("handler cancelled", waiter.cancelled())
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled", outer.cancelled(), "inner", inner.cancelled())
    print(await inner)
    await asyncio.sleep(0.3)
    print("shield of a finished task:", await asyncio.shield(inner))
    print(f"elapsed {time.perf_counter() - start:.1f}")


asyncio.run(main())
