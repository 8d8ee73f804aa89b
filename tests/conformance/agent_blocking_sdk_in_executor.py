"""An agent whose LLM SDK only has a blocking client: each call holds its thread. Run through
loop.run_in_executor on a 3-worker pool, five prompts overlap and the loop stays free for the
progress spinner; called directly, they would run one after another and freeze the loop."""
import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

start = time.perf_counter()


def elapsed():
    return time.perf_counter() - start


class BlockingLLMClient:
    """Stands in for a synchronous SDK (an HTTP request under the hood)."""

    def __init__(self, latencies):
        self.latencies = latencies
        self.calls = 0

    def complete(self, prompt):
        self.calls += 1
        time.sleep(self.latencies[prompt])  # the network round trip blocks this thread
        return {"prompt": prompt, "text": prompt.upper(), "worker": threading.current_thread().name}


PROMPTS = ["summarise the ticket", "draft a reply", "classify urgency", "extract the order id", "suggest a refund"]
LATENCIES = dict(zip(PROMPTS, [0.4, 0.6, 0.5, 0.3, 0.7]))


async def spinner(stop):
    beats = 0
    while not stop.is_set():
        await asyncio.sleep(0.25)
        beats += 1
    return beats


async def ask(loop, pool, client, prompt):
    reply = await loop.run_in_executor(pool, client.complete, prompt)
    return reply


async def main():
    client = BlockingLLMClient(LATENCIES)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    spin = asyncio.create_task(spinner(stop))
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="llm") as pool:
        pending = [asyncio.create_task(ask(loop, pool, client, prompt)) for prompt in PROMPTS]
        for finished in asyncio.as_completed(pending):
            reply = await finished
            print(f"{elapsed():.1f}s {reply['worker']:6} {reply['prompt']!r} -> {reply['text']!r}")
    total = elapsed()
    stop.set()
    beats = await spin
    sequential = sum(LATENCIES.values())
    print(f"{client.calls} calls in {total:.1f}s (one after another: {sequential:.1f}s), "
          f"speed-up {sequential / total:.1f}x")
    print(f"the spinner kept turning: {beats} beats")


asyncio.run(main())
