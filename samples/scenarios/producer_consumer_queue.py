"""A producer/consumer queue for a batch of documents

A loader puts documents on an asyncio.Queue; three workers take them off and
embed them. The bounded queue (maxsize=2) applies back-pressure: the loader
waits when the workers fall behind. queue.join() returns when every document
has been marked task_done().

What to notice in the timeline:
- The loader (a frame in Task-1's lane) waits on "Queue.put" whenever the queue is full,
  until a worker takes a document; it is done at 0.6 s.
- Workers embed documents back to back, 0.3 s each: a document is always waiting, so
  "Queue.get" (idle) shows only once the documents run out, from 0.9 s.
- Three workers embed ten documents in 1.2 s (w0 four, w1 and w2 three each) instead of
  the sequential 3.0 s.
"""
import asyncio
import time

start = time.perf_counter()


async def loader(queue, count):
    for i in range(count):
        await queue.put(f"doc-{i}")
    print(f"loader finished at {time.perf_counter() - start:.1f}s")


async def worker(name, queue, done):
    while True:
        doc = await queue.get()
        await asyncio.sleep(0.3)  # embedding call
        done.append((doc, name))
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    done = []
    workers = [asyncio.create_task(worker(f"w{i}", queue, done), name=f"w{i}") for i in range(3)]
    await loader(queue, 10)
    await queue.join()
    for task in workers:
        task.cancel()
    print(len(done), "documents embedded")
    print("by worker:", {name: sum(1 for _, n in done if n == name) for name in ["w0", "w1", "w2"]})
    print(f"total: {time.perf_counter() - start:.1f}s (sequential would be 3.0s)")


asyncio.run(main())
