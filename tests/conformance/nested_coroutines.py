"""Awaiting a coroutine runs it inside the current task; values and errors travel back."""
import asyncio


async def leaf(n):
    await asyncio.sleep(0.01)
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n * 2


async def middle(n):
    value = await leaf(n)
    return value + 1


async def top(values):
    results = []
    for v in values:
        try:
            results.append(await middle(v))
        except ValueError as error:
            results.append(f"error({error})")
    return results


async def recurse(depth):
    if depth == 0:
        return [asyncio.current_task().get_name()]
    return [depth] + await recurse(depth - 1)


async def main():
    print(await top([1, -2, 3]))
    print(await recurse(4))
    task = asyncio.create_task(middle(10))
    print(await task)
    try:
        await asyncio.create_task(leaf(-1))
    except ValueError as error:
        print("task error:", error)


asyncio.run(main())
