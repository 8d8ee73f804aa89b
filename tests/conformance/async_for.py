"""async for: else, break, continue, nested loops, classes with __aiter__/__anext__, errors."""
import asyncio
import time


class Ticks:
    """An async iterator written as a class, as SDKs wrap their streams."""

    def __init__(self, count, delay):
        self.count = count
        self.delay = delay
        self.sent = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.sent >= self.count:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        self.sent += 1
        return self.sent


class Source:
    """An async iterable whose __aiter__ returns an async generator."""

    def __init__(self, words):
        self.words = words

    def __aiter__(self):
        return self.stream()

    async def stream(self):
        for word in self.words:
            await asyncio.sleep(0)
            yield word


async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0.1)
        yield i


async def main():
    start = time.perf_counter()
    async for i in numbers(3):
        print("item", i, f"{time.perf_counter() - start:.1f}s")
    else:
        print("else runs when the stream ends")

    async for i in numbers(10):
        if i % 2:
            continue
        if i > 4:
            print("break at", i)
            break
        print("even", i)
    else:
        print("not printed")

    async for t in Ticks(3, 0.1):
        async for w in Source(["a", "b"]):
            print(t, w)
    print(f"elapsed {time.perf_counter() - start:.1f}s")

    it = aiter(Ticks(2, 0))
    print(await anext(it), await anext(it), await anext(it, "end"))

    async for a, b in Source([(1, 2), (3, 4)]):
        print("unpacked", a + b)

    total = 0
    async for value in numbers(4):
        try:
            if value == 2:
                raise ValueError(value)
            total += value
        except ValueError as error:
            print("handled", error)
    print("total", total)

    for bad in (5, [1, 2]):
        try:
            async for _ in bad:
                pass
        except TypeError as error:
            print("TypeError:", error)

    class NoNext:
        def __aiter__(self):
            return 42

    try:
        async for _ in NoNext():
            pass
    except TypeError as error:
        print("TypeError:", error)

    for bad in (5, "text"):
        try:
            aiter(bad)
        except TypeError as error:
            print("TypeError:", error)
        try:
            anext(bad)
        except TypeError as error:
            print("TypeError:", error)

    async def failing():
        yield 1
        raise KeyError("lost connection")

    try:
        async for item in failing():
            print("got", item)
    except KeyError as error:
        print("stream failed:", error)


asyncio.run(main())
