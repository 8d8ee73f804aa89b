# An agent that calls tools concurrently, counts tokens per tool with Counter, keeps each tool's
# call history in a defaultdict(list), and reports the results as namedtuples serialised to JSON.
import asyncio
import copy
import json
import time
from collections import Counter, OrderedDict, defaultdict, namedtuple
from typing import NamedTuple

ToolResult = namedtuple("ToolResult", "tool tokens latency", defaults=[0.0])


class Summary(NamedTuple):
    tool: str
    calls: int
    tokens: int = 0


TOOLS = OrderedDict([("search", 0.3), ("calc", 0.1), ("fetch", 0.2)])
tokens_by_tool = Counter()
words = Counter()
history = defaultdict(list)


async def call_tool(tool, prompt):
    started = time.monotonic()
    await asyncio.sleep(TOOLS[tool])
    used = len(prompt.split()) * 3
    tokens_by_tool[tool] += used
    words.update(prompt.split())
    result = ToolResult(tool, used, round(time.monotonic() - started, 1))
    history[tool].append(result)
    return result


async def agent(name, prompts):
    results = []
    for tool, prompt in prompts:
        results.append(await call_tool(tool, prompt))
    print(f"{name} done: {[r.tool for r in results]}")
    return results


async def main():
    start = time.monotonic()
    plans = {
        "planner": [("search", "find the weather in paris"), ("calc", "add two and two")],
        "coder": [("fetch", "get the repo readme"), ("search", "find the weather docs"), ("calc", "two times three")],
        "writer": [("fetch", "get the style guide")],
    }
    async with asyncio.TaskGroup() as tg:
        tasks = {name: tg.create_task(agent(name, prompts)) for name, prompts in plans.items()}
    print(f"all agents done at {time.monotonic() - start:.1f}s")

    print(tokens_by_tool)
    print(tokens_by_tool.most_common(2), tokens_by_tool.total(), tokens_by_tool["unknown"])
    print(words.most_common(3))
    print(isinstance(tokens_by_tool, dict), isinstance(history, dict), dict(tokens_by_tool))
    print(json.dumps(tokens_by_tool, sort_keys=True))
    print(sorted(history), len(history["search"]), history["never"], "never" in history)
    print(history["calc"])

    first = tasks["planner"].result()[0]
    print(first, first.tool, first[1], first._fields, first._asdict())
    tool, used, latency = first
    print(tool, used, latency, first == ("search", 15, 0.3), isinstance(first, tuple))
    print(first._replace(tokens=0), ToolResult._make(["calc", 1, 0.5]), ToolResult("x", 2))
    print(json.dumps(first), json.dumps(first._asdict()))

    summaries = [Summary(tool, len(calls), sum(r.tokens for r in calls)) for tool, calls in sorted(history.items())]
    print(summaries)
    print(json.dumps([s._asdict() for s in summaries]))
    print(max(summaries, key=lambda s: s.tokens), Summary("idle", 0))

    merged = tokens_by_tool + Counter(search=1, extra=5)
    print(merged, merged - tokens_by_tool, tokens_by_tool & Counter(calc=3))
    snapshot = copy.deepcopy(history)
    snapshot["calc"].clear()
    print(type(snapshot).__name__, len(history["calc"]), len(snapshot["calc"]), snapshot.default_factory)
    ranked = OrderedDict(tokens_by_tool.most_common())
    ranked.move_to_end("calc", last=False)
    print(ranked, list(ranked), ranked == dict(ranked), isinstance(ranked, dict))
    print(dict(history), end="\n\n")
    try:
        first.tool = "other"
    except AttributeError as e:
        print("AttributeError:", e)


asyncio.run(main())
