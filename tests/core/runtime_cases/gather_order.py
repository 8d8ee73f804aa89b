# gather returns results in argument order, not finishing order.
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name.upper()


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    results = await asyncio.gather(fetch("slow", 0.3), fetch("fast", 0.1), fetch("mid", 0.2))
    print(results, f"{loop.time() - start:.1f}")


asyncio.run(main())
