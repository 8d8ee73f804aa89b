"""A priority job queue: workers take the most urgent job first; a Condition reports progress."""
import asyncio
import time

start = 0.0


def stamp():
    return f"{time.perf_counter() - start:.1f}"


async def worker(name, jobs, progress, results):
    while True:
        priority, seq, job, cost = await jobs.get()
        try:
            print(f"{stamp()} {name} runs {job} (priority {priority})")
            await asyncio.sleep(cost)
            results.append(job)
            async with progress:
                progress.notify_all()
        finally:
            jobs.task_done()


async def watcher(progress, results, target):
    async with progress:
        await progress.wait_for(lambda: len(results) >= target)
        print(f"{stamp()} watcher: {target} jobs done: {results[:target]}")


async def main():
    global start
    start = time.perf_counter()
    jobs = asyncio.PriorityQueue()
    progress = asyncio.Condition()
    results = []
    backlog = [(3, "reindex", 0.3), (1, "refund", 0.1), (2, "email", 0.2), (1, "fraud-check", 0.2), (5, "report", 0.1)]
    for seq, (priority, job, cost) in enumerate(backlog):
        jobs.put_nowait((priority, seq, job, cost))
    watch = asyncio.create_task(watcher(progress, results, 3))
    workers = [asyncio.create_task(worker(f"w{i}", jobs, progress, results)) for i in range(2)]
    await asyncio.sleep(0.16)
    jobs.put_nowait((0, 99, "outage-page", 0.03))
    print(f"{stamp()} urgent job queued, {jobs.qsize()} waiting")
    await jobs.join()
    await watch
    for w in workers:
        w.cancel()
    outcome = await asyncio.gather(*workers, return_exceptions=True)
    print("workers stopped:", [type(x).__name__ for x in outcome])
    print("order:", results)
    print("total", stamp())


asyncio.run(main())
