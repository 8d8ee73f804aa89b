# An agent's tool dispatcher: the model's replies arrive as JSON, are matched on their shape
# (dicts from json.loads, then dataclasses built from them), and each tool call runs as an
# async task with its own simulated latency.
import asyncio
import json
from dataclasses import dataclass, field


@dataclass
class ToolCall:
    name: str
    args: dict
    call_id: str


@dataclass
class FinalAnswer:
    text: str
    citations: list = field(default_factory=list)


@dataclass
class Failure:
    reason: str
    retry: bool = False


REPLIES = [
    '{"type": "tool_call", "id": "c1", "tool": "search", "args": {"query": "asyncio match", "limit": 2}}',
    '{"type": "tool_call", "id": "c2", "tool": "weather", "args": {"city": "Pune"}}',
    '{"type": "tool_calls", "calls": [{"id": "c3", "tool": "add", "args": {"a": 2, "b": 40}},'
    ' {"id": "c4", "tool": "weather", "args": {"city": "Oslo", "units": "F"}}]}',
    '{"type": "tool_call", "id": "c5", "tool": "rm", "args": {"path": "/"}}',
    '{"type": "error", "error": {"code": 429, "message": "rate limited"}}',
    '{"type": "error", "error": {"code": 500}}',
    '{"type": "final", "text": "Done.", "citations": ["doc1", "doc2"]}',
    '{"type": "final", "text": "No sources."}',
    '[1, 2, 3]',
    '{"type": "tool_call", "id": "c6", "tool": "add", "args": {"a": "2", "b": 1}}',
]


def parse(raw):
    match json.loads(raw):
        case {"type": "tool_call", "id": str(call_id), "tool": str(name), "args": dict(args)}:
            return [ToolCall(name, args, call_id)]
        case {"type": "tool_calls", "calls": [*calls]}:
            return [ToolCall(c["tool"], c["args"], c["id"]) for c in calls]
        case {"type": "error", "error": {"code": 429 | 503 as code, **details}}:
            return [Failure(f"transient {code}: {details.get('message', '?')}", retry=True)]
        case {"type": "error", "error": {"code": int(code)}}:
            return [Failure(f"server error {code}")]
        case {"type": "final", "text": text, **rest}:
            return [FinalAnswer(text, rest.get("citations", []))]
        case other:
            return [Failure(f"unexpected reply of type {type(other).__name__}")]


async def search(query, limit=5):
    await asyncio.sleep(0.3)
    return [f"{query} result {i}" for i in range(1, limit + 1)]


async def weather(city, units="C"):
    await asyncio.sleep(0.2 if city == "Pune" else 0.5)
    temperature = {"Pune": 31, "Oslo": 4}[city]
    if units == "F":
        temperature = temperature * 9 // 5 + 32
    return f"{temperature}°{units} in {city}"


async def add(a, b):
    await asyncio.sleep(0.05)
    return a + b


async def run_tool(call):
    match call:
        case ToolCall("search", {"query": str(q), **options}):
            return await search(q, **options)
        case ToolCall(name="weather", args={"city": city, "units": "C" | "F" as units}):
            return await weather(city, units)
        case ToolCall("weather", {"city": city}):
            return await weather(city)
        case ToolCall("add", {"a": int(a), "b": int(b)}):
            return await add(a, b)
        case ToolCall("add", args):
            raise TypeError(f"add wants ints, got {args}")
        case ToolCall(name, _, call_id):
            raise LookupError(f"no tool named {name!r} ({call_id})")


async def dispatch(step, raw):
    loop = asyncio.get_running_loop()
    started = loop.time()
    for message in parse(raw):
        match message:
            case ToolCall(call_id=cid) as call:
                try:
                    result = await run_tool(call)
                except (LookupError, TypeError) as error:
                    print(f"step {step} {cid}: {type(error).__name__}: {error}")
                else:
                    print(f"step {step} {cid}: {result} after {loop.time() - started:.1f}s")
            case Failure(reason, retry=True):
                print(f"step {step}: will retry ({reason})")
            case Failure(reason):
                print(f"step {step}: giving up ({reason})")
            case FinalAnswer(text, []):
                print(f"step {step}: answer {text!r} without citations")
            case FinalAnswer(text, [first, *others]):
                print(f"step {step}: answer {text!r} citing {first} and {len(others)} more")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    async with asyncio.TaskGroup() as group:
        for step, raw in enumerate(REPLIES):
            group.create_task(dispatch(step, raw))
    print(f"all replies handled in {loop.time() - start:.1f}s")


asyncio.run(main())
