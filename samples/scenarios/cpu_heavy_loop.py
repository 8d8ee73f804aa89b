"""A CPU-heavy loop freezes the event loop

Pure computation never yields: a coroutine that crunches numbers keeps the loop
busy until it finishes, exactly like time.sleep would. Here a tokenizer-style
loop runs for a few tenths of a second while a progress ticker is due every
0.1 s; the ticks cannot run until the computation ends.

What to notice in the timeline:
- The Loop lane is red while count_tokens runs: a frozen stretch with no await inside.
- The ticker's timer falls due during the freeze; its next steps run late and bunch up.
- Splitting the work (await asyncio.sleep(0) now and then) or asyncio.to_thread avoids it.
"""
import asyncio
import time


def count_tokens(text, rounds):
    total = 0
    for _ in range(rounds):
        for word in text.split():
            total += len(word) % 7 + 1
    return total


async def ticker(log):
    for _ in range(5):
        await asyncio.sleep(0.1)
        log.append(time.perf_counter())


async def crunch():
    await asyncio.sleep(0.05)
    text = "the quick brown fox jumps over the lazy dog " * 20
    tokens = count_tokens(text, 24000)
    print("tokens counted:", tokens)


async def main():
    start = time.perf_counter()
    ticks = []
    await asyncio.gather(ticker(ticks), crunch())
    gaps = [b - a for a, b in zip([start] + ticks, ticks)]
    print("the ticker was held back:", max(gaps) > 0.15)
    print("ticks delivered:", len(ticks))


asyncio.run(main())
