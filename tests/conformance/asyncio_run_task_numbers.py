"""Each asyncio.run spends two task numbers on its shutdown, so later runs name their tasks as CPython does."""
import asyncio


async def name():
    return asyncio.current_task().get_name()


async def boom():
    raise ValueError(asyncio.current_task().get_name())


async def stream():
    yield 1
    yield 2


async def leaves_a_generator():
    global left
    left = stream()
    async for x in left:
        break
    return asyncio.current_task().get_name()


print(asyncio.run(name()))
print(asyncio.run(name()))
try:
    asyncio.run(boom())
except ValueError as e:
    print("failed in", e)
print(asyncio.run(name()))
print(asyncio.run(leaves_a_generator()))
print(asyncio.run(name()))
