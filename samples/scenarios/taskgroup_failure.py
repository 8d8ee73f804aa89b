"""A failing task cancels its siblings

In a TaskGroup, the first task that raises makes the group cancel every other
task still running (and the block's body), then re-raise all the failures
together as an ExceptionGroup. The cancelled tasks get CancelledError at
their current await, so their `finally` blocks still run. `except*` picks the
failures you can handle out of the group.

What to notice in the timeline:
- The "translate" task fails at 0.3 s (red end).
- "summarize" and "classify" are cancelled right after, long before their 2 s wait ends.
- The whole block ends at 0.3 s: nobody waits for work that would be thrown away.
"""
import asyncio
import time


async def step(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
        if fail:
            raise RuntimeError(f"{name} failed: model overloaded")
        return name
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
    finally:
        print(f"{name}: cleanup")


async def main():
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(step("summarize", 2.0), name="summarize")
            group.create_task(step("translate", 0.3, fail=True), name="translate")
            group.create_task(step("classify", 2.0), name="classify")
    except* RuntimeError as errors:
        for error in errors.exceptions:
            print("handled:", error)
    print(f"group ended after {time.perf_counter() - start:.1f}s")


asyncio.run(main())
