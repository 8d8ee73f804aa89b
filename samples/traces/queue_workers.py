"""A crawler-style pipeline: a producer, a bounded queue, three workers, and a bad job.

The producer fills an asyncio.Queue(maxsize=4) and waits when it is full (back-pressure);
three workers take jobs until the queue is drained (queue.join()), then they are
cancelled. One job raises, in a task nobody awaits: its exception is never retrieved, and
asyncio can only complain about it when the task is destroyed.

Recorded with tools/awaitscope_record.py under CPython.
"""
import asyncio
import random


async def producer(queue, count):
    for n in range(count):
        await queue.put(n)  # waits while the queue is full
    print("producer: all", count, "jobs queued")


async def worker(name, queue, rng):
    while True:
        job = await queue.get()
        try:
            await asyncio.sleep(rng.uniform(0.02, 0.08))
        finally:
            queue.task_done()


async def flaky_report():
    await asyncio.sleep(0.05)
    raise ValueError("report service unavailable")


async def main():
    rng = random.Random(7)
    queue = asyncio.Queue(maxsize=4)
    workers = [asyncio.create_task(worker(f"worker-{i}", queue, rng), name=f"worker-{i}") for i in range(3)]
    report = asyncio.create_task(flaky_report(), name="report")  # never awaited: its error is lost
    await producer(queue, 20)
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print("done; the report task failed:", report.done())


if __name__ == "__main__":
    asyncio.run(main())
