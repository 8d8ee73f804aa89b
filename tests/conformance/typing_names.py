# The typing names tutorials import are there and inert where CPython's are; cast returns
# its value; TYPE_CHECKING is False at run time.
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import (TYPE_CHECKING, Annotated, Any, AsyncGenerator, ClassVar, Final, Iterable, Literal, Optional,
                    Protocol, Self, TypeVar, Union, cast)

if TYPE_CHECKING:
    print("never printed")

T = TypeVar("T")
MAX_RETRIES: Final = 3


class Tool(Protocol):
    name: str


class Registry:
    tools: ClassVar[dict[str, Any]] = {}

    def add(self, name: str, fn: Callable[..., Awaitable[Any]]) -> Self:
        self.tools[name] = fn
        return self


async def search(query: Annotated[str, "the query"], limit: Optional[int] = None) -> Union[list[str], None]:
    await asyncio.sleep(0.1)
    return [f"{query} {i}" for i in range(limit or 2)]


def first(items: Iterable[T]) -> T | None:
    for item in items:
        return item
    return None


async def main() -> None:
    registry = Registry().add("search", search)
    mode: Literal["fast", "slow"] = "fast"
    results = cast(list[str], await registry.tools["search"]("asyncio", limit=3))
    print(mode, results, first(results), first([]), MAX_RETRIES, cast(int, "not checked"))


asyncio.run(main())
