"""How unfinished async generators are closed: when dropped, by a task of their own; the
ones still referenced when main returns, by asyncio.run (loop.shutdown_asyncgens)."""
import asyncio


async def stream(name, n, show_task=False):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    finally:
        where = f" in {asyncio.current_task().get_name()}" if show_task else ""
        print(f"{name}: finally runs{where}")


async def main():
    async for i in stream("dropped", 5, show_task=True):
        if i == 1:
            break
    print("after break")
    await asyncio.sleep(0)
    print("one iteration later")
    await asyncio.sleep(0)
    print("two iterations later")

    kept = stream("kept", 5)
    async for i in kept:
        if i == 0:
            break
    print("kept is still referenced")

    explicit = stream("explicit", 5, show_task=True)
    print(await anext(explicit))
    await explicit.aclose()
    print("aclose returned")

    pending = stream("pending", 3)
    await anext(pending)

    never_started = stream("never started", 3)
    print("main ends", type(never_started).__name__)


asyncio.run(main())
print("after asyncio.run")
