"""A CPU-heavy loop freezes the event loop

Pure computation never yields: a coroutine that crunches numbers keeps the loop
busy until it finishes, exactly like time.sleep would. Here a tokenizer-style
loop runs for a few tenths of a second while a progress ticker is due every
0.1 s; the ticks cannot run until the computation ends.

What to notice in the timeline:
- The Loop lane is red while count_tokens runs: a frozen stretch with no await inside.
- The ticker's first tick falls due during the freeze and runs only when it ends; every
  later tick is late by the same amount, because each waits 0.1 s from the one before.
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


async def crunch(span):
    await asyncio.sleep(0.05)
    text = "the quick brown fox jumps over the lazy dog " * 20
    tokens = count_tokens(text, 24000)
    span.append(time.perf_counter())
    print("tokens counted:", tokens)


async def main():
    ticks = []
    crunch_ended = []
    await asyncio.gather(ticker(ticks), crunch(crunch_ended))
    # The first tick was due at 0.1 s, while count_tokens ran: it could only run after.
    print("the first tick waited for the crunch:", ticks[0] >= crunch_ended[0])
    print("ticks delivered:", len(ticks))


asyncio.run(main())
