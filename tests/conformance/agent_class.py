"""An agent as a class with async methods, a tool registry and retries."""
import asyncio
import time


class ToolFailed(Exception):
    pass


class Agent:
    def __init__(self, name, tools):
        self.name = name
        self.tools = tools
        self.history = []
        self.attempts = {}

    async def call(self, tool, argument):
        self.attempts[tool] = self.attempts.get(tool, 0) + 1
        handler = self.tools[tool]
        result = await handler(argument, self.attempts[tool])
        self.history.append((tool, result))
        return result

    async def call_with_retry(self, tool, argument, retries=3):
        for attempt in range(1, retries + 1):
            try:
                return await self.call(tool, argument)
            except ToolFailed as error:
                print(f"  {tool} attempt {attempt} failed: {error}")
                await asyncio.sleep(0.1 * attempt)
        return None

    async def run(self, question):
        start = time.perf_counter()
        plan = await self.call("think", question)
        async with asyncio.TaskGroup() as group:
            lookups = [group.create_task(self.call_with_retry(t, question)) for t in plan]
        answers = [task.result() for task in lookups]
        print(f"{self.name} answered in {time.perf_counter() - start:.1f}s: {answers}")
        return answers


async def think(question, attempt):
    await asyncio.sleep(0.5)
    return ["search", "flaky"]


async def search(question, attempt):
    await asyncio.sleep(0.3)
    return f"found {len(question.split())} words"


async def flaky(question, attempt):
    await asyncio.sleep(0.2)
    if attempt < 3:
        raise ToolFailed(f"timeout #{attempt}")
    return "finally worked"


async def main():
    agent = Agent("helper", {"think": think, "search": search, "flaky": flaky})
    await agent.run("how many words are here")
    print(agent.attempts, len(agent.history), agent.history[-1])


asyncio.run(main())
