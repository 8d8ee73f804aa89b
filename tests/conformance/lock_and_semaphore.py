"""Lock gives one holder at a time, in FIFO order; Semaphore allows a fixed number."""
import asyncio
import time

start = time.perf_counter()


def stamp():
    return f"{time.perf_counter() - start:.1f}s"


async def write(name, lock, log):
    async with lock:
        log.append(f"{name} in")
        await asyncio.sleep(0.1)
        log.append(f"{name} out")


async def limited(i, sem):
    async with sem:
        print(f"call {i} starts at {stamp()} (locked={sem.locked()})")
        await asyncio.sleep(0.3)


async def manual(lock):
    await lock.acquire()
    try:
        print("manual acquire, locked:", lock.locked())
    finally:
        lock.release()
    print("released, locked:", lock.locked())


async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(*(write(n, lock, log) for n in "abc"))
    print(log, stamp())
    await manual(lock)
    try:
        lock.release()
    except RuntimeError as error:
        print("RuntimeError:", error)
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(limited(i, sem) for i in range(5)))
    print("all done at", stamp())


asyncio.run(main())
