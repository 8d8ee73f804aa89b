# An agent that reads tool calls out of a fake LLM reply with a regular expression (named
# groups for the tool and its arguments), runs them concurrently as asyncio tasks, and prints
# the results as JSON. Malformed calls are reported, not run.
import asyncio
import json
import re
import time

REPLY = """I'll look this up for you.
<tool name="search" id="c1">{"query": "asyncio TaskGroup", "limit": 2}</tool>
Meanwhile, the weather:
<tool name="weather" id="c2">{"city": "Zürich", "units": "metric"}</tool>
<tool name="calculator" id="c3">{"expression": "12 * (3 + 4)"}</tool>
<tool name="search" id="c4">{"query": broken json}</tool>
<tool name="unknown-tool" id="c5">{}</tool>
Done planning."""

CALL = re.compile(
    r"""<tool\s+name="(?P<name>[\w-]+)"\s+id="(?P<id>c\d+)">  # the opening tag
        (?P<args>.*?)                                      # the JSON arguments, lazily
        </tool>""",
    re.VERBOSE | re.DOTALL,
)
NUMBER = re.compile(r"\d+")
LATENCY = {"search": 0.3, "weather": 0.2, "calculator": 0.1}


def evaluate(expression):
    # Only numbers, + and * with parentheses: tokenized with findall, evaluated by hand.
    tokens = re.findall(r"\d+|[()+*]", expression)
    position = 0

    def term():
        nonlocal position
        token = tokens[position]
        position += 1
        if token == "(":
            value = total()
            position += 1
            return value
        return int(token)

    def product():
        nonlocal position
        value = term()
        while position < len(tokens) and tokens[position] == "*":
            position += 1
            value *= term()
        return value

    def total():
        nonlocal position
        value = product()
        while position < len(tokens) and tokens[position] == "+":
            position += 1
            value += product()
        return value

    return total()


async def run_tool(call_id, name, arguments):
    await asyncio.sleep(LATENCY[name])
    if name == "search":
        words = re.split(r"\W+", arguments["query"].lower())
        return [f"{'-'.join(words)} result {i}" for i in range(1, arguments["limit"] + 1)]
    if name == "weather":
        slug = re.sub(r"[^a-z]", "", arguments["city"].lower())
        return {"city": arguments["city"], "slug": slug, "temperature": 14.5}
    return evaluate(arguments["expression"])


async def main():
    start = time.perf_counter()
    calls, problems = [], []
    for match in CALL.finditer(REPLY):
        line = REPLY[:match.start()].count("\n") + 1
        name, call_id = match.group("name", "id")
        if name not in LATENCY:
            problems.append({"id": call_id, "line": line, "error": f"unknown tool {name!r}"})
            continue
        try:
            arguments = json.loads(match["args"])
        except json.JSONDecodeError as error:
            problems.append({"id": call_id, "line": line, "error": error.msg})
            continue
        calls.append((call_id, name, arguments))
        print(f"parsed {call_id}: {name} {match.span('args')} id#{NUMBER.search(call_id).group()}")
    async with asyncio.TaskGroup() as group:
        tasks = {call_id: group.create_task(run_tool(call_id, name, args), name=call_id)
                 for call_id, name, args in calls}
    results = {call_id: task.result() for call_id, task in tasks.items()}
    prose = CALL.sub(lambda m: f"[{m['id']}]", REPLY)
    print(re.sub(r"\n+", " / ", prose))
    print(json.dumps({"results": results, "problems": problems}, indent=2, ensure_ascii=False))
    print(f"{len(calls)} calls in {time.perf_counter() - start:.1f}s")


asyncio.run(main())
