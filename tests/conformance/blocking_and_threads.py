"""time.sleep holds the whole loop; asyncio.to_thread keeps it free."""
import asyncio
import time

start = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - start:.1f}s"


def slow_download(url, seconds=0.5):
    time.sleep(seconds)
    return f"content of {url}"


async def heartbeat(n):
    for _ in range(n):
        await asyncio.sleep(0.25)
        print("beat", elapsed())


async def blocking():
    await asyncio.sleep(0.1)
    print("blocking call starts", elapsed())
    data = slow_download("a.example", 1.0)
    print("blocking call returns", data, elapsed())


async def threaded():
    await asyncio.sleep(0.1)
    print("thread call starts", elapsed())
    data = await asyncio.to_thread(slow_download, "b.example", seconds=1.0)
    print("thread call returns", data, elapsed())


async def main():
    global start
    await asyncio.gather(heartbeat(4), blocking())
    print("---")
    start = time.perf_counter()
    await asyncio.gather(heartbeat(4), threaded())
    start = time.perf_counter()
    results = await asyncio.gather(*(asyncio.to_thread(slow_download, f"p{i}", 0.3) for i in range(3)))
    print(results, elapsed())
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, slow_download, "executor", 0.2), elapsed())


asyncio.run(main())
