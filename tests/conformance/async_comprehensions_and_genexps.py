"""Async comprehensions and async generator expressions, with await inside them."""
import asyncio


async def tokens(text):
    for word in text.split():
        await asyncio.sleep(0.01)
        yield word


async def length(word):
    await asyncio.sleep(0.01)
    return len(word)


async def main():
    print([w async for w in tokens("stream the reply")])
    print(sorted({w[0] async for w in tokens("alpha beta alpha gamma")}))
    print({w: i async for w in tokens("x y") for i in range(2)})
    print([w.upper() async for w in tokens("a bb ccc dddd") if len(w) % 2 == 0])
    print([await length(w) async for w in tokens("one three five")])
    print([(w, n) async for w in tokens("ab cd") for n in range(2) if n])
    print([[c async for c in tokens(w)] for w in ["p q", "r"]])

    lengths = (await length(w) async for w in tokens("hello async world"))
    print(type(lengths).__name__)
    print([n async for n in lengths])

    squares = (n * n for n in range(4))
    print(type(squares).__name__, list(squares))

    doubled = (await length(w) * 2 for w in ["ab", "cde"])
    print(type(doubled).__name__, [x async for x in doubled])

    total = sum([n async for n in (len(w) async for w in tokens("aa bbb c"))])
    print("total", total)

    first = await anext(w async for w in tokens("only first"))
    print("first", first)


def sync_function():
    # An async generator expression may be made anywhere, even outside async functions.
    return (w async for w in tokens("made in sync code"))


async def consume():
    print([w async for w in sync_function()])


asyncio.run(main())
asyncio.run(consume())
