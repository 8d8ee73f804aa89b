"""perf_counter, monotonic, time and loop.time all measure the same passage of time."""
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    p0, m0, t0, l0 = time.perf_counter(), time.monotonic(), time.time(), loop.time()
    await asyncio.sleep(1.5)
    time.sleep(0.25)
    p1, m1, t1, l1 = time.perf_counter(), time.monotonic(), time.time(), loop.time()
    print(f"{p1 - p0:.1f} {m1 - m0:.1f} {t1 - t0:.1f} {l1 - l0:.1f}")
    print(type(p0).__name__, type(time.perf_counter_ns()).__name__, p1 > p0, round(m1 - m0, 1))
    ns0 = time.monotonic_ns()
    await asyncio.sleep(0.2)
    print(f"{(time.monotonic_ns() - ns0) / 1e9:.1f}")


asyncio.run(main())
