"""PriorityQueue pops the smallest (heap order), LifoQueue the newest; a getter waits for a put."""
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for n in [5, 1, 4, 1, 3, 9, 2, 6]:
        pq.put_nowait(n)
    print("priority", [pq.get_nowait() for _ in range(8)])
    lq = asyncio.LifoQueue()
    for n in [1, 2, 3]:
        lq.put_nowait(n)
    print("lifo", [lq.get_nowait() for _ in range(3)])

    async def late():
        await asyncio.sleep(0.1)
        pq.put_nowait(42)
        print("put 42")

    asyncio.create_task(late())
    print("got", await pq.get())


asyncio.run(main())
