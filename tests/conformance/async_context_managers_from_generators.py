"""@contextlib.asynccontextmanager: a session opened and closed around an `async with`."""
import asyncio
import contextlib
from contextlib import asynccontextmanager


@asynccontextmanager
async def llm_session(model, log):
    log.append(f"open {model}")
    await asyncio.sleep(0.1)
    try:
        yield f"session<{model}>"
    except ValueError as error:
        log.append(f"handled {error}")
    finally:
        await asyncio.sleep(0.05)
        log.append(f"close {model}")


@contextlib.asynccontextmanager
async def rate_limited(name, limiter):
    async with limiter:
        print(f"{name} acquired")
        yield name
    print(f"{name} released")


@asynccontextmanager
async def no_yield():
    if False:
        yield


async def main():
    log = []
    async with llm_session("small", log) as session:
        print("using", session)
    print(log)

    log.clear()
    async with llm_session("large", log) as session:
        raise ValueError("bad prompt")
    print("suppressed:", log)

    log.clear()
    try:
        async with llm_session("broken", log):
            raise KeyError("missing")
    except KeyError as error:
        print("propagated", repr(error), log)

    limiter = asyncio.Semaphore(1)

    async def worker(name):
        async with rate_limited(name, limiter) as who:
            await asyncio.sleep(0.1)
            print(f"{who} done")

    await asyncio.gather(worker("a"), worker("b"))

    try:
        async with no_yield():
            pass
    except RuntimeError as error:
        print("RuntimeError:", error)


asyncio.run(main())
