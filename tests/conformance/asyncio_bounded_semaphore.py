"""BoundedSemaphore refuses a release beyond its initial value; Semaphore allows it."""
import asyncio


async def main():
    bounded = asyncio.BoundedSemaphore(2)
    async with bounded:
        print("inside", bounded.locked())
    try:
        bounded.release()
    except ValueError as e:
        print("ValueError:", e)
    plain = asyncio.Semaphore(1)
    plain.release()
    print("plain semaphore can grow", plain.locked())
    await plain.acquire()
    await plain.acquire()
    print("acquired twice", plain.locked())
    print(type(bounded).__name__, isinstance(bounded, asyncio.Semaphore))


asyncio.run(main())
