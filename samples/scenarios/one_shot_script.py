"""A one-shot script does not need asyncio

Async pays off when many waits can overlap. A script that does one thing after
another (read a config, call one service, write a report) gains nothing from
it: plain functions are simpler and just as fast. Reach for asyncio when
there are several independent waits to overlap.

What to notice in the timeline:
- There are no tasks at all: no asyncio.run, no event loop work.
- Output lines simply follow each other; the blocking call takes its 0.5 s.
- Compare with taskgroup_concurrency, where concurrency actually helps.
"""
import time


def load_config():
    return {"city": "Lisbon", "units": "metric"}


def fetch_forecast(city):
    time.sleep(0.5)  # one HTTP call; nothing else to do meanwhile
    return {"city": city, "high": 24, "low": 16}


def write_report(forecast, units):
    return f"{forecast['city']}: {forecast['low']}-{forecast['high']} degrees ({units})"


start = time.perf_counter()
config = load_config()
forecast = fetch_forecast(config["city"])
print(write_report(forecast, config["units"]))
print(f"done in {time.perf_counter() - start:.1f}s")
