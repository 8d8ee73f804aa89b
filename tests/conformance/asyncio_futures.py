"""asyncio.Future and loop.create_future: results, exceptions, done-callbacks, invalid states."""
import asyncio


def report(fut):
    if fut.cancelled():
        print("callback: cancelled")
    elif fut.exception() is not None:
        print("callback: exception", repr(fut.exception()))
    else:
        print("callback: result", fut.result())


def never(fut):
    print("this callback was removed")


async def resolve_later(fut, value, delay):
    await asyncio.sleep(delay)
    fut.set_result(value)
    print("set_result done; callbacks not run yet")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut.done(), fut.cancelled())
    fut.add_done_callback(report)
    fut.add_done_callback(never)
    print("removed", fut.remove_done_callback(never), fut.remove_done_callback(never))
    asyncio.create_task(resolve_later(fut, 42, 0.1))
    print("awaited", await fut)
    print(fut.done(), fut.result())
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)

    bad = asyncio.Future()
    bad.add_done_callback(report)
    try:
        bad.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    bad.set_exception(ValueError("model overloaded"))
    try:
        await bad
    except ValueError as e:
        print("await raised", repr(e))

    gone = loop.create_future()
    gone.add_done_callback(report)
    print("cancel", gone.cancel(), gone.cancelled())
    try:
        await gone
    except asyncio.CancelledError:
        print("awaiting a cancelled future raises CancelledError")

    both = [loop.create_future() for _ in range(3)]
    for i, f in enumerate(both):
        loop.call_later(0.1 * (3 - i), f.set_result, i)
    print("gathered", await asyncio.gather(*both))
    await asyncio.sleep(0)


asyncio.run(main())
