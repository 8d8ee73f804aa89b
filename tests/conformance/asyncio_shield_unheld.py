"""asyncio.shield of work nobody else holds: each shielded save finishes and hands back its result."""
import asyncio


async def save(record):
    await asyncio.sleep(0.05)
    return f"saved {record}"


async def main():
    results = []
    for record in ("draft", "final", "backup"):
        results.append(await asyncio.shield(save(record)))
    print(results)
    print(await asyncio.shield(asyncio.sleep(0.01, result="slept")))
    task = asyncio.create_task(save("task"))
    outer = asyncio.shield(task)
    del task
    print(await outer)


asyncio.run(main())
