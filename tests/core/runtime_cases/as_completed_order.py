# as_completed yields results as tasks finish.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    for next_done in asyncio.as_completed([job("c", 0.3), job("a", 0.1), job("b", 0.2)]):
        name = await next_done
        print(name, f"{loop.time() - start:.1f}")


asyncio.run(main())
