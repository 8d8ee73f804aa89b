"""iscoroutine, iscoroutinefunction, current_task, all_tasks, get_running_loop, get_event_loop."""
import asyncio


async def helper():
    await asyncio.sleep(0.1)


def plain():
    return 1


async def main():
    coro = helper()
    print(asyncio.iscoroutine(coro), asyncio.iscoroutine(plain()))
    print(asyncio.iscoroutinefunction(helper), asyncio.iscoroutinefunction(plain))
    coro.close()
    s = asyncio.sleep(0)
    print("sleep is a coroutine", asyncio.iscoroutine(s))
    await s
    me = asyncio.current_task()
    print(me.get_name(), me is asyncio.current_task())
    others = [asyncio.create_task(helper(), name=f"helper-{i}") for i in range(2)]
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    loop = asyncio.get_running_loop()
    print(loop is asyncio.get_event_loop(), loop.is_running(), loop.is_closed())
    await asyncio.gather(*others)
    print(sorted(t.get_name() for t in asyncio.all_tasks()))


try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    asyncio.current_task()
except RuntimeError as e:
    print("RuntimeError:", e)
asyncio.run(main())
