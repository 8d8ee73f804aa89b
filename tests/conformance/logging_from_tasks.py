"""Logging from several tasks: each agent task logs through its own child logger, a handler
on stdout formats the records, and a queue hands jobs between the tasks."""
import asyncio
import logging
import sys

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s [%(name)s] %(message)s")
logging.getLogger("agents.executor").setLevel(logging.DEBUG)


async def planner(queue, goals):
    log = logging.getLogger("agents.planner")
    for goal in goals:
        log.debug("never shown: the planner inherits INFO")
        log.info("planning %r", goal)
        await asyncio.sleep(0.01)
        await queue.put(goal)
    await queue.put(None)
    log.info("all %d goals queued", len(goals))


async def executor(queue, name):
    log = logging.getLogger(f"agents.executor.{name}")
    done = 0
    while True:
        goal = await queue.get()
        if goal is None:
            await queue.put(None)
            break
        log.debug("picked %s", goal)
        await asyncio.sleep(0.025 if name == "slow" else 0.01)
        if "fail" in goal:
            log.error("goal %s failed", goal)
        else:
            done += 1
            log.info("finished %s", goal)
    log.warning("stopping after %d goals", done)
    return done


async def main():
    queue = asyncio.Queue()
    goals = ["search docs", "fail on purpose", "write summary", "send email"]
    results = await asyncio.gather(planner(queue, goals), executor(queue, "fast"), executor(queue, "slow"))
    logging.getLogger("agents").info("done: %s", results[1:])


asyncio.run(main())
