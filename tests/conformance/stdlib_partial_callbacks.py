"""functools.partial as a loop callback (call_later, call_soon, a done callback), in
run_in_executor and to_thread; a deque through sorted and itertools.chain."""
import asyncio, functools, time, itertools, operator
from collections import deque


def report(tag, value):
    print("report", tag, value)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, functools.partial(report, "later", value=1))
    loop.call_soon(functools.partial(report, "soon"), 2)
    r = await loop.run_in_executor(None, functools.partial(sum, [1, 2, 3]))
    print("executor", r)
    await asyncio.to_thread(functools.partial(time.sleep, 0.05))
    await asyncio.sleep(0.2)
    fut = loop.create_future()
    fut.add_done_callback(functools.partial(report, "done"))
    fut.set_result(7)
    await asyncio.sleep(0)
    q = deque(range(5))
    print(sorted(q, key=operator.neg), max(itertools.chain(q, [9])))


asyncio.run(main())
