"""A realistic agent turn: the model streams its reply as events, asks for a tool call
midway, the tool runs in its own task while the text keeps streaming, and the agent
prints every token as it arrives."""
import asyncio
import time

START = [0.0]


def stamp():
    return f"{time.perf_counter() - START[0]:.1f}s"


class StreamEvent:
    def __init__(self, kind, data):
        self.kind = kind
        self.data = data

    def __repr__(self):
        return f"StreamEvent({self.kind!r}, {self.data!r})"


class FakeModel:
    """Stands in for an SDK client: `async with model.stream(prompt) as events`."""

    def __init__(self, latency):
        self.latency = latency
        self.open_streams = 0

    def stream(self, prompt):
        return ReplyStream(self, prompt)


class ReplyStream:
    def __init__(self, model, prompt):
        self.model = model
        self.prompt = prompt

    async def __aenter__(self):
        self.model.open_streams += 1
        await asyncio.sleep(self.model.latency)  # time to first token
        return self.events()

    async def __aexit__(self, *exc_info):
        self.model.open_streams -= 1
        return False

    async def events(self):
        yield StreamEvent("text", "Let me check")
        await asyncio.sleep(0.1)
        yield StreamEvent("tool_call", {"name": "get_weather", "args": {"city": "Oslo"}})
        for word in [" the", " forecast", " for", " you", "."]:
            await asyncio.sleep(0.1)
            yield StreamEvent("text", word)
        yield StreamEvent("done", None)


async def get_weather(city):
    print(f"tool get_weather({city!r}) started")
    await asyncio.sleep(0.25)
    print("tool get_weather finished")
    return {"city": city, "temp": -3}


TOOLS = {"get_weather": get_weather}


async def agent_turn(model, prompt):
    pending_tools = []
    text = []
    async with model.stream(prompt) as events:
        print(f"{stamp()} first token, {model.open_streams} stream open")
        async for event in events:
            if event.kind == "text":
                text.append(event.data)
                print(f"{stamp()} token {event.data!r}")
            elif event.kind == "tool_call":
                call = event.data
                tool = TOOLS[call["name"]]
                pending_tools.append(asyncio.create_task(tool(**call["args"]), name=call["name"]))
                print(f"{stamp()} tool call queued: {call['name']}")
            elif event.kind == "done":
                print(f"{stamp()} stream done")
                break
        else:
            print("stream ended without a done event")
    print(f"{stamp()} {model.open_streams} streams open")
    results = [await t for t in pending_tools]
    return "".join(text), results


async def count_tokens(model):
    async with model.stream("count") as events:
        return len([e async for e in events if e.kind == "text"])


async def main():
    START[0] = time.perf_counter()
    model = FakeModel(latency=0.1)
    reply, results = await agent_turn(model, "What's the weather in Oslo?")
    print(f"{stamp()} reply={reply!r}")
    print(f"{stamp()} tool results={results}")
    counts = await asyncio.gather(count_tokens(model), count_tokens(model))
    print(f"{stamp()} counted {counts} in parallel")


asyncio.run(main())
