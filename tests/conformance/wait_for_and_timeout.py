"""wait_for and asyncio.timeout cancel slow work and raise TimeoutError."""
import asyncio
import time


async def tool(name, seconds):
    try:
        await asyncio.sleep(seconds)
        return f"{name} result"
    finally:
        print(f"{name} finally")


async def main():
    start = time.perf_counter()
    try:
        await asyncio.wait_for(tool("slow", 5), timeout=0.5)
    except TimeoutError:
        print(f"wait_for timed out after {time.perf_counter() - start:.1f}s")
    print(await asyncio.wait_for(tool("quick", 0.1), timeout=1))
    print(await asyncio.wait_for(tool("no limit", 0.2), timeout=None))
    task = asyncio.create_task(tool("task", 3))
    try:
        await asyncio.wait_for(task, 0.2)
    except asyncio.TimeoutError:
        print("task cancelled by wait_for:", task.cancelled())

    start = time.perf_counter()
    try:
        async with asyncio.timeout(0.3) as scope:
            await tool("block", 2)
    except TimeoutError:
        print(f"timeout block expired={scope.expired()} after {time.perf_counter() - start:.1f}s")
    async with asyncio.timeout(1) as scope:
        await tool("in time", 0.2)
    print("expired?", scope.expired(), scope.when() is not None)
    async with asyncio.timeout(None) as scope:
        await asyncio.sleep(0.1)
    print("no deadline:", scope.when())
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.2):
            await asyncio.sleep(1)
    except TimeoutError:
        print(f"timeout_at fired at {time.perf_counter() - start:.1f}s")


asyncio.run(main())
