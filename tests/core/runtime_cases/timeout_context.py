# asyncio.timeout cancels the block when the deadline passes and raises TimeoutError.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(0.3):
            try:
                await asyncio.sleep(1)
            finally:
                print(f"inner finally at {loop.time() - start:.1f}")
    except TimeoutError:
        print("timeout raised")
    async with asyncio.timeout(1):
        await asyncio.sleep(0.2)
    print(f"done at {loop.time() - start:.1f}")


asyncio.run(main())
