"""copy: shallow and deep copies of an agent's state (lists, dicts, sets, tuples, dataclasses,
a script's classes with shared and cyclic references), and the __copy__/__deepcopy__ hooks."""
import asyncio
import copy
from collections import Counter, deque
from dataclasses import dataclass, field


@dataclass
class Memory:
    facts: list = field(default_factory=list)
    scores: dict = field(default_factory=dict)


class Agent:
    def __init__(self, name):
        self.name = name
        self.memory = Memory()
        self.history = deque(maxlen=3)
        self.counts = Counter()
        print("init", name)


state = {"messages": [{"role": "user", "content": "hi"}], "tags": {"a", "b"}, "pair": (1, [2, 3])}
shallow = copy.copy(state)
deep = copy.deepcopy(state)
state["messages"].append({"role": "assistant", "content": "hello"})
state["pair"][1].append(4)
print(len(shallow["messages"]), len(deep["messages"]), shallow["pair"], deep["pair"], deep["tags"] == state["tags"])
print(shallow is state, shallow["messages"] is state["messages"], deep["messages"] is state["messages"])

agent = Agent("planner")
agent.memory.facts.append("sky is blue")
agent.history.append("step 1")
agent.counts.update("aab")
clone = copy.deepcopy(agent)
clone.memory.facts.append("grass is green")
clone.history.append("step 2")
clone.counts["c"] += 1
print(agent.memory, clone.memory)
print(agent.history, clone.history, agent.counts, clone.counts)
print(type(clone).__name__, clone.name, clone is agent, clone.memory is agent.memory)
twin = copy.copy(agent)
print(twin.memory is agent.memory, twin.name)

shared = [1, 2]
pair = [shared, shared]
copied = copy.deepcopy(pair)
print(copied[0] is copied[1], copied[0] is shared)
loop = []
loop.append(loop)
loop_copy = copy.deepcopy(loop)
print(loop_copy[0] is loop_copy, loop_copy is not loop)
t = (1, "a", None)
print(copy.deepcopy(t) is t, copy.copy([1, 2]), copy.deepcopy(3.5), copy.copy(len) is len)


class Token:
    def __init__(self, value):
        self.value = value

    def __copy__(self):
        print("custom copy")
        return Token(self.value + "-copy")

    def __deepcopy__(self, memo):
        print("custom deepcopy")
        return Token(self.value + "-deep")


print(copy.copy(Token("t")).value, copy.deepcopy([Token("u")])[0].value)


async def job():
    return 1


async def main():
    task = asyncio.create_task(job())
    try:
        copy.deepcopy({"task": task})
    except TypeError as e:
        print("TypeError", str(e).startswith("cannot pickle"), str(e).endswith("Task' object"))
    await task


asyncio.run(main())
