"""Exceptions in tasks: result() and exception(), awaiting a failed task, done callbacks."""
import asyncio


async def fail(message, delay=0.1):
    await asyncio.sleep(delay)
    raise KeyError(message)


async def succeed(delay=0.1):
    await asyncio.sleep(delay)
    return "fine"


async def main():
    bad = asyncio.create_task(fail("missing"))
    good = asyncio.create_task(succeed())
    seen = []
    good.add_done_callback(lambda t: seen.append(("good", t.result())))
    bad.add_done_callback(lambda t: seen.append(("bad", type(t.exception()).__name__)))
    await asyncio.sleep(0.2)
    print(bad.done(), good.done(), seen)
    print(repr(bad.exception()), good.exception(), good.result())
    try:
        bad.result()
    except KeyError as error:
        print("result() raised", repr(error))
    try:
        await bad
    except KeyError as error:
        print("await raised", repr(error))
    pending = asyncio.create_task(succeed(1))
    try:
        pending.result()
    except asyncio.InvalidStateError as error:
        print("InvalidStateError:", error)
    pending.cancel()
    await asyncio.sleep(0)
    try:
        pending.exception()
    except asyncio.CancelledError:
        print("exception() on a cancelled task raises CancelledError")


asyncio.run(main())
