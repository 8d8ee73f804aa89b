"""Calling a coroutine runs nothing

`ask_llm("hello")` does not call the model: it only builds a coroutine object,
a paused function waiting to be driven. Nothing happens until someone awaits it
(or wraps it in a task). Beginners often expect the call itself to do the work.

What to notice in the timeline:
- The line that calls ask_llm() without await creates no lane and no frame: the
  coroutine object is born and thrown away (a ghost marker: never awaited).
- The awaited call shows up as a nested ask_llm frame inside main's lane, taking 1 s.
- Only one task exists (Task-1, the one asyncio.run created).
"""
import asyncio
import time


async def ask_llm(prompt):
    print(f"  model starts thinking about {prompt!r}")
    await asyncio.sleep(1.0)  # stands in for the network round trip
    return f"answer to {prompt!r}"


async def main():
    start = time.perf_counter()
    pending = ask_llm("hello")
    print("called ask_llm() without await; got a", type(pending).__name__)
    print(f"nothing ran yet: {time.perf_counter() - start:.1f}s elapsed")
    del pending  # dropped unawaited: Python warns "coroutine 'ask_llm' was never awaited"

    answer = await ask_llm("hello again")
    print(answer)
    print(f"awaiting it took {time.perf_counter() - start:.1f}s")


asyncio.run(main())
