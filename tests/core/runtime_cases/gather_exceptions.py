# Without return_exceptions the first failure reaches the awaiter while the others keep
# running; with it, failures take their place in the results.
import asyncio


async def ok(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done")
    return name


async def bad(delay):
    await asyncio.sleep(delay)
    raise ValueError("bad input")


async def main():
    try:
        await asyncio.gather(ok("x", 0.2), bad(0.1), ok("y", 0.3))
    except ValueError as e:
        print("gather raised", repr(e))
    await asyncio.sleep(0.5)
    results = await asyncio.gather(ok("p", 0.1), bad(0.2), return_exceptions=True)
    print([repr(r) for r in results])


asyncio.run(main())
