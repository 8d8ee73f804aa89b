# With `from __future__ import annotations` annotations stay text, unevaluated.
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

limit: int = 5


class Tree:
    left: Tree | None
    right: "Tree"
    size: dict[str, list[int]]


def walk(node: Tree, depth: int = 0, *rest: Unknown, **options: str) -> list[Tree]:  # noqa: F821
    return []


@dataclass
class Point:
    x: float
    y: float = 0.0
    origin: ClassVar[Point | None] = None


print(__annotations__)
print(Tree.__annotations__)
print(walk.__annotations__)
print([(f.name, f.type) for f in fields(Point)], Point(1.0))
