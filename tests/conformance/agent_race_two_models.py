"""Race two model backends with asyncio.wait(FIRST_COMPLETED); the loser is cancelled."""
import asyncio
import time

start = 0.0


def stamp():
    return f"{time.perf_counter() - start:.1f}s"


async def call_model(name, latency, answer):
    print(f"[{stamp()}] {name}: request sent")
    try:
        await asyncio.sleep(latency)
    except asyncio.CancelledError:
        print(f"[{stamp()}] {name}: cancelled, closing the stream")
        raise
    print(f"[{stamp()}] {name}: replied")
    return f"{name} says {answer}"


async def ask(question, backends, deadline):
    global start
    start = time.perf_counter()
    tasks = [asyncio.create_task(call_model(name, lat, ans), name=name) for name, lat, ans in backends]
    done, pending = await asyncio.wait(tasks, timeout=deadline, return_when=asyncio.FIRST_COMPLETED)
    for loser in sorted(pending, key=lambda t: t.get_name()):
        loser.cancel()
    if pending:
        await asyncio.wait(pending)
    if not done:
        return f"{question!r}: no model answered within {deadline}s"
    winner = done.pop()
    return f"{question!r}: {winner.result()} (winner {winner.get_name()})"


async def main():
    print(await ask("capital of France?", [("big-model", 0.8, "Paris"), ("small-model", 0.3, "Paris!")], 2))
    print(await ask("meaning of life?", [("big-model", 0.4, "42"), ("small-model", 0.6, "unknown")], 2))
    print(await ask("hard question", [("big-model", 3, "?"), ("small-model", 4, "??")], 0.5))


asyncio.run(main())
