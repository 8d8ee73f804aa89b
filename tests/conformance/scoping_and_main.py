"""Docstrings, type annotations, imports, global state and the __main__ guard."""
from __future__ import annotations

import asyncio
import time
from asyncio import sleep as async_sleep
from typing import Any, Optional

MAX_RETRIES: int = 3
registry: dict[str, Any] = {}
counter = 0


def register(name: str, handler: Optional[Any] = None) -> str:
    """Adds a handler to the registry."""
    registry[name] = handler
    return name


def bump() -> int:
    global counter
    counter += 1
    return counter


class Config:
    """Settings with annotated class attributes."""

    timeout: float = 1.5
    retries: int = MAX_RETRIES

    def summary(self) -> str:
        return f"timeout={self.timeout} retries={self.retries}"


async def main() -> None:
    register("search")
    register("fetch", handler=print)
    bump()
    bump()
    await async_sleep(0)
    value: int = 5
    print(sorted(registry), counter, Config().summary(), value, __name__)


if __name__ == "__main__":
    print(__doc__.splitlines()[0] if __doc__ else "no doc")
    print(register.__doc__)
    asyncio.run(main())
    print(type(time.perf_counter()).__name__)
