"""Streaming an LLM reply: tokens arrive while a tool call runs

Chat models stream their answer token by token, and an agent prints each token
as soon as it arrives with `async for`. The stream is an async generator: every
token is one network chunk the model sends. Meanwhile the agent has started a
tool call (a weather lookup) in a task of its own.

What to notice in the timeline:
- The consumer and the producer take turns at each token: Task-1 waits at the
  `async for` line, the `stream_reply` frame nested inside it sleeps until the
  next chunk, yields the token, and the loop body prints it.
- The generator is not a task: its frames sit inside Task-1's lane, one 0.1 s
  frame per token, then an instant one that ends the stream.
- The tool's lane runs beside the stream. Its 0.25 s wait overlaps the tokens,
  so the reply and the tool together take 0.7 s, not 0.7 + 0.25 s.
"""
import asyncio
import time

REPLY = ["It", " is", " sunny", " in", " Paris", " today", "."]


async def stream_reply(prompt):
    """What a model SDK's stream does: one token per chunk from the network."""
    for token in REPLY:
        await asyncio.sleep(0.1)  # the next chunk arrives
        yield token


async def weather_tool(city):
    await asyncio.sleep(0.25)  # the weather API answers
    print(f"  [tool] weather for {city} is ready")
    return f"{city}: 21 C, clear sky"


async def main():
    start = time.perf_counter()
    tool = asyncio.create_task(weather_tool("Paris"))
    reply = ""
    async for token in stream_reply("What is the weather in Paris?"):
        reply += token
        print(f"{time.perf_counter() - start:.1f}s {token!r}")
    print(f"reply: {reply}")
    print(f"tool: {await tool}")
    print(f"total: {time.perf_counter() - start:.1f}s")


asyncio.run(main())
