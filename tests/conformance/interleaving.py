"""sleep(0) yields to every other ready task exactly once: strict round robin."""
import asyncio


async def player(name, rounds, log):
    for i in range(rounds):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)


async def chatter(name, delays):
    for d in delays:
        await asyncio.sleep(d)
        print(name, d)


async def main():
    log = []
    await asyncio.gather(player("a", 3, log), player("b", 2, log), player("c", 3, log))
    print(log)
    await asyncio.gather(chatter("x", [0.1, 0.1, 0.1]), chatter("y", [0.15, 0.2]))
    order = []

    async def mark(n):
        order.append(n)

    tasks = [asyncio.create_task(mark(i)) for i in range(4)]
    order.append("creator continues")
    await asyncio.sleep(0)
    order.append("after yield")
    await asyncio.gather(*tasks)
    print(order)


asyncio.run(main())
