"""A one-shot script does not need asyncio

Async pays off when many waits can overlap. A script that does one thing after
another (read a config, call one service, write a report) gains nothing from
it. Here is such a script written with asyncio anyway: it takes exactly as
long as the plain version would, and the loop has nothing to do while the one
call waits. Plain functions would be simpler. Reach for asyncio when there
are several independent waits to overlap.

What to notice in the timeline:
- One lane, main: the steps follow each other, and no other task ever runs.
- The loop is idle for the whole 0.5 s wait of fetch_forecast: there is nothing to overlap.
- The total is the sum of the steps, 0.5 s: what the plain script takes too.
- Compare with taskgroup_concurrency, where concurrency actually helps.
"""
import asyncio
import time


async def load_config():
    return {"city": "Lisbon", "units": "metric"}


async def fetch_forecast(city):
    await asyncio.sleep(0.5)  # one HTTP call; nothing else to do meanwhile
    return {"city": city, "high": 24, "low": 16}


def write_report(forecast, units):
    return f"{forecast['city']}: {forecast['low']}-{forecast['high']} degrees ({units})"


async def main():
    start = time.perf_counter()
    config = await load_config()
    forecast = await fetch_forecast(config["city"])
    print(write_report(forecast, config["units"]))
    print(f"done in {time.perf_counter() - start:.1f}s")


asyncio.run(main())
