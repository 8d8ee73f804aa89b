# An agent that fakes tool latencies with a seeded random, passes tool arguments as JSON,
# retries flaky tools with jittered backoff, and prints its transcript with json.dumps.
import asyncio
import json
import random
import time

random.seed(2024)

TOOLS = {
    "search": {"description": "Search the web", "parameters": {"query": "string"}},
    "weather": {"description": "Current weather", "parameters": {"city": "string", "units": "string"}},
    "calculator": {"description": "Evaluate arithmetic", "parameters": {"expression": "string"}},
}


class ToolError(Exception):
    pass


async def call_tool(name, arguments_json):
    arguments = json.loads(arguments_json)
    latency = random.uniform(0.05, 0.25)
    await asyncio.sleep(latency)
    if random.random() < 0.3:
        raise ToolError(f"{name} timed out after {latency:.2f}s")
    if name == "search":
        return {"results": [f"{arguments['query']} result {i}" for i in range(1, random.randint(2, 4))]}
    if name == "weather":
        return {"city": arguments["city"], "temperature": round(random.gauss(18, 4), 1), "units": arguments["units"]}
    return {"value": sum(int(part) for part in arguments["expression"].split("+"))}


async def with_retries(name, arguments, attempts=4):
    payload = json.dumps(arguments, sort_keys=True)
    for attempt in range(1, attempts + 1):
        try:
            result = await call_tool(name, payload)
            return {"tool": name, "attempts": attempt, "result": result}
        except ToolError as error:
            backoff = 0.1 * 2 ** (attempt - 1) + random.uniform(0, 0.05)
            print(f"  retry {name} ({error}); waiting {backoff:.3f}s")
            await asyncio.sleep(backoff)
    return {"tool": name, "attempts": attempts, "error": "gave up"}


async def main():
    print(json.dumps(TOOLS, indent=2))
    plan = [
        ("search", {"query": "asyncio TaskGroup"}),
        ("weather", {"city": "Lyon", "units": "metric"}),
        ("calculator", {"expression": "19+23"}),
        ("search", {"query": "json in agents"}),
    ]
    random.shuffle(plan)
    print("plan:", [name for name, _ in plan])
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(with_retries(name, args)) for name, args in plan]
    transcript = [task.result() for task in tasks]
    print(json.dumps(transcript, indent=2))
    print("picked:", random.choice(transcript)["tool"], random.sample(range(100), 4))
    print(f"took about {time.perf_counter() - start:.1f}s")
    reply = json.loads(json.dumps({"role": "assistant", "content": "done", "calls": len(transcript)}))
    print(reply["role"], reply["calls"])


asyncio.run(main())
