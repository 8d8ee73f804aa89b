"""A retry decorator built with functools.wraps around async tool calls: flaky tools fail a
few times, the decorator backs off exponentially and gives up after its attempts."""
import asyncio
import functools
import random
import time

random.seed(7)
START = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - START:.1f}s"


class ToolError(Exception):
    pass


def retry(attempts=3, base_delay=0.1, retry_on=(ToolError,)):
    def decorator(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    result = await func(*args, **kwargs)
                except retry_on as error:
                    if attempt == attempts:
                        print(f"[{elapsed()}] {func.__name__}{args}: giving up after {attempt} attempts ({error})")
                        raise
                    delay = base_delay * 2 ** (attempt - 1)
                    print(f"[{elapsed()}] {func.__name__}{args}: attempt {attempt} failed ({error}), retrying in {delay:.1f}s")
                    await asyncio.sleep(delay)
                else:
                    wrapper.calls += 1
                    return result
        wrapper.calls = 0
        return wrapper
    return decorator


failures = {"search": 2, "weather": 0, "stocks": 5}


@retry(attempts=3, base_delay=0.1)
async def call_tool(name, query):
    """Calls a simulated remote tool."""
    await asyncio.sleep(0.05 + random.random() / 20)
    if failures[name] > 0:
        failures[name] -= 1
        raise ToolError(f"{name} unavailable")
    return f"{name}({query}) -> ok"


async def main():
    print(call_tool.__name__, "|", call_tool.__doc__, "|", call_tool.__wrapped__.__name__)
    results = await asyncio.gather(
        call_tool("search", "asyncio retries"),
        call_tool("weather", "Pune"),
        call_tool("stocks", "ACME"),
        return_exceptions=True,
    )
    for result in results:
        print(type(result).__name__, result)
    print(f"[{elapsed()}] successful calls: {call_tool.calls}")


asyncio.run(main())
