# Builtin containers subscripted in hints (PEP 585): list[int] is a types.GenericAlias that
# prints as written, makes a list when called, and shows in __annotations__.
import asyncio
from dataclasses import dataclass, field
from typing import Any, Optional


def tally(words: list[str], weights: dict[str, float] | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return counts


print(list[int])
print(dict[str, list[int]])
print(tuple[int, ...], tuple[()], set[str], type[Exception])
print(list[int] | None)
print(tally.__annotations__)
print(list[int]("abc") if False else list[int]((1, 2, 3)), dict[str, int](a=1))
alias = dict[str, int]
print(alias.__origin__, alias.__args__, alias.__parameters__)
print(list[int] == list[int], list[int] == list[str], list[int] == list)
print(type(list[int]).__name__, hash(list[int]) == hash(list[int]))
print(list[int].__name__ if hasattr(list[int], "__name__") else "no name")

try:
    isinstance([], list[int])
except TypeError as error:
    print("TypeError:", error)

try:
    list[int][str]
except TypeError as error:
    print("TypeError:", error)


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    retries: Optional[int] = None


print(ToolCall.__annotations__["arguments"], ToolCall.__annotations__["tags"])
print(ToolCall("search", {"q": "weather"}))


async def gather_all(calls: list[ToolCall]) -> list[str]:
    async def run(call: ToolCall) -> str:
        await asyncio.sleep(0.1)
        return f"{call.name}({', '.join(f'{k}={v!r}' for k, v in call.arguments.items())})"

    return list(await asyncio.gather(*(run(call) for call in calls)))


print(asyncio.run(gather_all([ToolCall("search", {"q": "pune"}), ToolCall("weather", {"city": "Pune"})])))
print(gather_all.__annotations__)


class Registry:
    def __class_getitem__(cls, item):
        return f"{cls.__name__} of {item.__name__}"


class Pool:
    @classmethod
    def __class_getitem__(cls, item):
        return (cls.__name__, item)


print(Registry[int], Pool["workers"])
