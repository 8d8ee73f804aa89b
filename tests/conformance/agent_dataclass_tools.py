# Tool calls kept in @dataclasses, sent as JSON arguments, run concurrently with seeded
# random latencies; the transcript is printed with json.dumps(indent=2) via asdict.
import asyncio
import json
import random
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

rng = random.Random(7)


@dataclass
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass
class ToolResult:
    call_id: str
    output: Optional[str] = None
    error: Optional[str] = None
    latency: float = 0.0


@dataclass(frozen=True, order=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int

    @property
    def total(self):
        return self.prompt_tokens + self.completion_tokens


async def run_tool(call: ToolCall) -> ToolResult:
    latency = round(rng.uniform(0.1, 0.5), 2)
    await asyncio.sleep(latency)
    args = json.loads(json.dumps(call.arguments))
    if call.name == "divide":
        try:
            return ToolResult(call.id, str(args["a"] / args["b"]), latency=latency)
        except ZeroDivisionError as e:
            return ToolResult(call.id, error=f"{type(e).__name__}: {e}", latency=latency)
    return ToolResult(call.id, output=f"{call.name}({', '.join(f'{k}={v!r}' for k, v in args.items())})", latency=latency)


async def main():
    model_reply = '''{"tool_calls": [
        {"id": "call_1", "name": "search", "arguments": {"query": "dataclasses vs pydantic"}},
        {"id": "call_2", "name": "divide", "arguments": {"a": 10, "b": 4}},
        {"id": "call_3", "name": "divide", "arguments": {"a": 1, "b": 0}}
    ]}'''
    calls = [ToolCall(**raw) for raw in json.loads(model_reply)["tool_calls"]]
    for call in calls:
        print(call)
    start = time.perf_counter()
    results = await asyncio.gather(*(run_tool(call) for call in calls))
    print(f"all tools done after {time.perf_counter() - start:.1f}s")
    print(json.dumps([asdict(r) for r in results], indent=2))
    usages = [Usage(rng.randint(50, 150), rng.randint(5, 40)) for _ in range(3)]
    print(sorted(usages), max(usages).total, Usage(1, 2) == Usage(1, 2))
    print(json.dumps({"usage": asdict(min(usages)), "ok": all(r.error is None for r in results)}, sort_keys=True))


asyncio.run(main())
