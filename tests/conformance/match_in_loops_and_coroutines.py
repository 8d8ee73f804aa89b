# match inside loops (break, continue), coroutines (await in a guard), generators, and the
# corners of equality, singletons and mapping rests.
import asyncio
from dataclasses import dataclass


@dataclass
class Msg:
    kind: str
    body: object = None


async def ready(x):
    await asyncio.sleep(0.01)
    return x > 1


async def consume(items):
    out = []
    for item in items:
        match item:
            case Msg("stop"):
                break
            case Msg("skip"):
                continue
            case Msg("num", int(n)) if await ready(n):
                out.append(n)
            case Msg(kind, body=[*xs]) if xs:
                out.append((kind, len(xs)))
            case (x, 1) | (1, x):
                out.append(("pair", x))
            case _:
                out.append("?")
    return out


def gen(values):
    for v in values:
        match v:
            case {"k": [1, [2, [3, [4, deep]]]]}:
                yield deep
            case [1, *rest] if len(rest) > 3:
                yield sum(rest)
            case _:
                yield None


print(asyncio.run(consume([Msg("num", 5), Msg("num", 1), Msg("skip"), Msg("x", [1, 2]), (7, 1), (1, 8), Msg("stop"), Msg("num", 9)])))
print(list(gen([{"k": [1, [2, [3, [4, "bottom"]]]]}, list(range(1, 100)), 5])))


class NoArgs:
    pass


try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print(e)

match Msg("a", 1):
    case Msg(kind="a", body=1, missing=2):
        print("no")
    case Msg(body=b, kind=k):
        print(k, b)

match 1.0:
    case 1:
        print("1.0 == 1")
match 0:
    case False:
        print("no: False is a singleton")
    case _:
        print("0 is not False")
match (1, 2, 3):
    case [a, b, *_, c]:
        print(a, b, c)
match "text":
    case [*_]:
        print("no")
    case str() as s if s.startswith("t"):
        print("str as", s)
for subject in [{1: "one", 2: "two"}, {True: "t"}]:
    match subject:
        case {1: v, **others}:
            print(v, others)
match {"a": 1}:
    case {"a": 1, **rest} if not rest:
        print("exact")
