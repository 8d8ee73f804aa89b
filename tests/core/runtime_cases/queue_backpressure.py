# A bounded queue makes the producer wait while it is full.
import asyncio


async def producer(queue):
    for i in range(4):
        print(f"put {i}")
        await queue.put(i)
        print(f"put {i} done")
    await queue.put(None)


async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"got {item}")
        await asyncio.sleep(0.1)


async def main():
    queue = asyncio.Queue(maxsize=1)
    await asyncio.gather(producer(queue), consumer(queue))


asyncio.run(main())
