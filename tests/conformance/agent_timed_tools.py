"""A timing decorator for sync and async tools (functools.wraps), stats in a dataclass of a
defaultdict and a bounded deque, an async context manager counting tokens, zip_longest
batches and groupby, logged through basicConfig on stdout."""
import asyncio
import functools
import itertools
import logging
import random
import time
import sys
from collections import defaultdict, deque, Counter
from dataclasses import dataclass, field
from contextlib import asynccontextmanager, suppress

random.seed(1)
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(funcName)s: %(message)s", stream=sys.stdout)
log = logging.getLogger(__name__)


@dataclass
class Stats:
    calls: defaultdict = field(default_factory=lambda: defaultdict(int))
    latencies: deque = field(default_factory=lambda: deque(maxlen=3))


stats = Stats()


def timed(func):
    if asyncio.iscoroutinefunction(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return await func(*args, **kwargs)
            finally:
                stats.calls[func.__name__] += 1
                stats.latencies.append(round(time.perf_counter() - start, 2))
    else:
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            stats.calls[func.__name__] += 1
            return func(*args, **kwargs)
    return wrapper


@timed
async def llm(prompt):
    await asyncio.sleep(random.choice([0.1, 0.2, 0.3]))
    return f"answer to {prompt!r}"


@timed
def tokenize(text):
    return text.split()


@asynccontextmanager
async def budget(name, limit):
    log.info("open %s (limit %d)", name, limit)
    try:
        yield Counter()
    finally:
        log.info("close %s", name)


async def main():
    print(asyncio.iscoroutinefunction(llm), llm.__name__, tokenize.__wrapped__.__name__)
    async with budget("session", 3) as spent:
        prompts = ["plan", "search", "write", "review", "ship"]
        for batch in itertools.zip_longest(*[iter(prompts)] * 2):
            batch = [p for p in batch if p]
            results = await asyncio.gather(*(llm(p) for p in batch))
            for r in results:
                spent.update(tokenize(r))
        log.info("spent %s", spent.most_common(2))
    with suppress(ZeroDivisionError):
        1 / 0
    print(stats)
    print(dict(stats.calls), list(stats.latencies))
    groups = {k: [x for x in g] for k, g in itertools.groupby(sorted(prompts, key=len), key=len)}
    print(groups)


asyncio.run(main())
