"""asyncio.Queue: producers put, consumers get; task_done and join track the work."""
import asyncio
import time

start = time.perf_counter()


async def producer(queue, items):
    for item in items:
        await queue.put(item)
        print(f"put {item} (size {queue.qsize()}) at {time.perf_counter() - start:.1f}s")
    await queue.put(None)


async def consumer(name, queue, results):
    while True:
        item = await queue.get()
        if item is None:
            queue.task_done()
            break
        await asyncio.sleep(0.2)
        results.append(f"{name}:{item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    print("empty:", queue.empty(), "full:", queue.full(), "maxsize:", queue.maxsize)
    results = []
    await asyncio.gather(producer(queue, ["a", "b", "c", "d"]), consumer("worker", queue, results))
    print(results, f"{time.perf_counter() - start:.1f}s")

    jobs = asyncio.Queue()
    for n in range(6):
        jobs.put_nowait(n)
    done = []

    async def worker(name):
        while True:
            n = await jobs.get()
            await asyncio.sleep(0.1 * (n % 3 + 1))
            done.append((name, n))
            jobs.task_done()

    workers = [asyncio.create_task(worker(f"w{i}")) for i in range(2)]
    await jobs.join()
    for w in workers:
        w.cancel()
    print(sorted(done), len(done), f"{time.perf_counter() - start:.1f}s")
    try:
        jobs.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty raised")
    small = asyncio.Queue(1)
    small.put_nowait("x")
    try:
        small.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull raised")


asyncio.run(main())
