"""PriorityQueue hands out the smallest item first, LifoQueue the newest."""
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
        pq.put_nowait(item)
    print(pq.qsize(), pq.empty(), pq.full())
    while not pq.empty():
        print(await pq.get())
        pq.task_done()

    lq = asyncio.LifoQueue(maxsize=2)
    await lq.put("first")
    await lq.put("second")
    print(lq.full())
    try:
        lq.put_nowait("third")
    except asyncio.QueueFull:
        print("QueueFull")
    print(lq.get_nowait(), lq.get_nowait())
    try:
        lq.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

    async def late_put():
        await asyncio.sleep(0.1)
        await pq.put((5, "arrives later"))

    asyncio.create_task(late_put())
    print("waited for", await pq.get())


asyncio.run(main())
