# __annotations__ as CPython 3.11 keeps them without `from __future__ import annotations`: the
# evaluated annotation objects, on classes, functions and the module.
import asyncio
from dataclasses import dataclass, field, fields, KW_ONLY
from typing import Any, ClassVar, Optional

retries: int = 3
timeout: float
print(__annotations__)


class Node:
    name: str
    children: list["Node"]
    parent: Optional["Node"] = None
    weight: int | None = None
    counter: ClassVar[int] = 0
    lookup: dict[str, int]


print(Node.__annotations__["name"], Node.__annotations__["weight"])
print(list(Node.__annotations__))
print(Node.parent, hasattr(Node, "name"))


def fetch(url: str, *, timeout: float = 1.0, retries: int | None = None, **headers: str) -> dict:
    return {}


async def worker(queue: "asyncio.Queue[int]", *jobs: int) -> None:
    pass


def plain(a, b=2):
    return a


print(fetch.__annotations__)
print(worker.__annotations__)
print(plain.__annotations__, plain.__annotations__ is plain.__annotations__)
print((lambda x: x).__annotations__)


@dataclass
class Job:
    name: str
    priority: int = 0
    tags: list[str] = field(default_factory=list)
    registry: ClassVar[dict] = {}
    _: KW_ONLY
    owner: str | None = None


print([(f.name, f.type) for f in fields(Job) if f.name != "tags"])
print(Job("build", owner="ana"))
print(Job.__annotations__["registry"] is not None, "registry" in [f.name for f in fields(Job)])

# `X | Y` between classes makes a union, as isinstance and annotations use it.
Number = int | float
print(Number, type(Number).__name__, Number.__args__)
print(isinstance(3, Number), isinstance("3", Number), isinstance(None, int | None))
print(int | None | str, int | int, (int | str) | (str | float))
print(str | Node, Node | None)


def check(value: Any) -> str:
    match value:
        case int() | float():
            return "number"
    return "other"


print(check(2.5), check.__annotations__["return"], list(check.__annotations__))

# Annotations are evaluated where they stand: an unknown name fails at once, as in CPython.
try:
    def broken(x: Missing) -> None:  # noqa: F821
        pass
except NameError as error:
    print("NameError:", error)


def local_annotations():
    count: int = 0
    later: UnknownButFine  # noqa: F821  (a function's local annotations are not evaluated)
    return count


print(local_annotations())
