"""Async generators on their own: yield in async def, anext, asend, athrow, aclose."""
import asyncio


async def countdown(n):
    while n > 0:
        await asyncio.sleep(0.01)
        yield n
        n -= 1
    print("countdown done")


async def echo():
    received = None
    try:
        while True:
            received = yield f"got {received}"
            if received == "stop":
                return
    except ValueError as error:
        print("echo caught", repr(error))
        yield "recovered"
    finally:
        print("echo finally")


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def leaky():
    yield 1
    raise StopAsyncIteration


async def empty():
    return
    yield


async def main():
    gen = countdown(3)
    print(type(gen).__name__, type(gen.__anext__()).__name__)
    print(gen.__aiter__() is gen, aiter(gen) is gen)
    print(await anext(gen), await gen.__anext__(), await anext(gen))
    try:
        await anext(gen)
    except StopAsyncIteration as stop:
        print("StopAsyncIteration", repr(stop), stop.args)
    print(await anext(gen, "default"))
    print(await anext(countdown(0), None))

    e = echo()
    print(await e.asend(None))
    print(await e.asend("hello"))
    print(await e.asend(42))
    print(await e.athrow(ValueError("bad input")))
    try:
        await anext(e)
    except StopAsyncIteration:
        print("echo exhausted")
    print(await e.aclose())

    e2 = echo()
    print(await anext(e2))
    try:
        await e2.asend("stop")
    except StopAsyncIteration:
        print("return ends the generator")

    e3 = echo()
    print(await anext(e3))
    await e3.aclose()
    print("closed; anext now:", await anext(e3, "nothing"))

    e4 = echo()
    try:
        await e4.asend("too early")
    except TypeError as error:
        print("TypeError:", error)
    await e4.aclose()

    s = stubborn()
    await anext(s)
    try:
        await s.aclose()
    except RuntimeError as error:
        print("RuntimeError:", error)

    lk = leaky()
    await anext(lk)
    try:
        await anext(lk)
    except RuntimeError as error:
        print("RuntimeError:", error, "| cause:", repr(error.__cause__))

    t = countdown(2)
    await anext(t)
    try:
        await t.athrow(KeyError, "k")
    except KeyError as error:
        print("athrow raised through:", repr(error))
    print(await t.athrow(ValueError) if False else "after athrow", await anext(t, "finished"))

    print([x async for x in empty()])
    print([x async for x in countdown(4)])


asyncio.run(main())
