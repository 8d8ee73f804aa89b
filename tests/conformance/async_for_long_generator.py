"""async for over an async generator of many items: each item is a step coroutine awaited and
finished, and a long loop must not grow the stack (a debug build once ended it in RecursionError)."""
import asyncio


async def numbers(n):
    for i in range(n):
        yield i


async def pairs(n):
    async for i in numbers(n):
        yield i, i * i


async def main():
    total = 0
    async for i in numbers(100_000):
        total += i
    print("sum", total)
    squares = [s async for _, s in pairs(50_000) if s % 7 == 1]
    print("squares", len(squares), squares[-1])


asyncio.run(main())
