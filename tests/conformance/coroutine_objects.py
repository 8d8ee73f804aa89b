"""Calling an async function makes a coroutine object and runs nothing until it is awaited."""
import asyncio

calls = []


async def fetch(name):
    calls.append(name)
    await asyncio.sleep(0.1)
    return f"{name} data"


async def main():
    coroutine = fetch("a")
    print(type(coroutine).__name__, calls, asyncio.iscoroutine(coroutine), asyncio.iscoroutinefunction(fetch))
    result = await coroutine
    print(result, calls)
    try:
        await coroutine
    except RuntimeError as error:
        print("RuntimeError:", error)
    try:
        await 42
    except TypeError as error:
        print("TypeError:", error)
    unused = fetch("never")
    unused.close()
    print(calls)


asyncio.run(main())
