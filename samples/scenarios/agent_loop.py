"""An agent loop: plan, call tools in parallel, answer

A typical AI agent: the LLM plans which tools to use (one slow call), the
three tool calls run concurrently in a TaskGroup, then the LLM writes the
answer from their results (another slow call). The two LLM calls must be
sequential because each needs the previous result; the tools need not be.

What to notice in the timeline:
- Task-1 spends most of its time inside the two `llm` frames (planning, answering).
- Between them, three tool lanes run side by side; the slowest sets the pace.
- The tools stage takes 0.9 s, not 0.9 + 0.6 + 0.4 = 1.9 s.
"""
import asyncio
import time


async def llm(prompt, seconds):
    await asyncio.sleep(seconds)  # model latency
    return f"LLM({prompt})"


async def web_search(query):
    await asyncio.sleep(0.9)
    return f"3 pages about {query}"


async def calculator(a, b):
    await asyncio.sleep(0.4)
    return f"{a} x {b} = {a * b}"


async def read_calendar(day):
    await asyncio.sleep(0.6)
    return f"2 meetings on {day}"


async def run_agent(question):
    start = time.perf_counter()
    plan = await llm(f"plan: {question}", 1.0)
    print(f"planned at {time.perf_counter() - start:.1f}s: {plan}")
    async with asyncio.TaskGroup() as tools:
        search = tools.create_task(web_search("train times"))
        math = tools.create_task(calculator(45, 2))
        calendar = tools.create_task(read_calendar("friday"))
    print(f"tools done at {time.perf_counter() - start:.1f}s")
    observations = [search.result(), math.result(), calendar.result()]
    for item in observations:
        print("  observed:", item)
    answer = await llm("answer using " + "; ".join(observations), 0.8)
    print(f"answered at {time.perf_counter() - start:.1f}s")
    return answer


async def main():
    answer = await run_agent("Can I catch the 5pm train on Friday?")
    print(answer[:40] + "...")


asyncio.run(main())
