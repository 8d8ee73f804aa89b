# wait_for cancels the inner work when time runs out; its finally runs before TimeoutError.
import asyncio


async def slow_tool():
    try:
        print("tool starts")
        await asyncio.sleep(5)
        print("tool finished")
        return "result"
    finally:
        print("tool finally")


async def quick_tool():
    await asyncio.sleep(0.1)
    return "quick"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        await asyncio.wait_for(slow_tool(), timeout=0.5)
    except TimeoutError:
        print(f"timed out after {loop.time() - start:.1f}")
    print(await asyncio.wait_for(quick_tool(), timeout=1))
    print(f"total {loop.time() - start:.1f}")


asyncio.run(main())
