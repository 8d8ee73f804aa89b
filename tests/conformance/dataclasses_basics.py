# dataclasses: generated __init__, __repr__, __eq__, ordering, frozen instances, fields,
# asdict/astuple/replace, __post_init__, kw_only and __match_args__.
from dataclasses import KW_ONLY, FrozenInstanceError, asdict, astuple, dataclass, field, fields, replace
import dataclasses
from typing import Any, Optional


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    call_id: Optional[str] = None
    retries: int = 0


call = ToolCall("search", {"query": "asyncio"})
print(call)
print(ToolCall(name="weather", call_id="c2"), ToolCall("noop").arguments)
print(call == ToolCall("search", {"query": "asyncio"}), call == ToolCall("search"), call != ToolCall("x"))
print(asdict(call))
print(astuple(call))
print(replace(call, retries=2, call_id="c1"))
print([f.name for f in fields(call)], fields(ToolCall)[0].name)
print(ToolCall.__match_args__, ToolCall.retries, ToolCall.call_id)
print(dataclasses.is_dataclass(call), dataclasses.is_dataclass(ToolCall), dataclasses.is_dataclass(3))
a, b = ToolCall("a"), ToolCall("b")
a.arguments["x"] = 1
print(a.arguments, b.arguments)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0


versions = [Version(1, 2), Version(0, 9, 9), Version(1, 2, 1), Version(1)]
print(sorted(versions))
print(Version(1, 2) < Version(1, 3), Version(2) >= Version(1, 9), max(versions))
print(hash(Version(1, 2)) == hash(Version(1, 2)), len({Version(1), Version(1), Version(2)}))
try:
    Version(1).major = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e, isinstance(e, AttributeError))
try:
    del Version(1).minor
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)


@dataclass
class Message:
    role: str
    content: str
    tokens: int = field(init=False, repr=False, default=0)
    secret: str = field(default="hidden", repr=False, compare=False)

    def __post_init__(self):
        self.tokens = len(self.content.split())


m = Message("user", "what is the weather today")
print(m, m.tokens, m == Message("user", "what is the weather today", secret="other"))


@dataclass(kw_only=True)
class Options:
    model: str = "small"
    temperature: float = 0.7


@dataclass
class Request:
    prompt: str
    _: KW_ONLY
    stream: bool = False
    max_tokens: int = 256


print(Options(temperature=0.2), Request("hi", stream=True), Request.__match_args__)


@dataclass
class Base:
    id: int
    tags: list = field(default_factory=list)


@dataclass
class Derived(Base):
    extra: str = "x"


print(Derived(7), [f.name for f in fields(Derived)])


@dataclass(eq=False, repr=False)
class Plain:
    value: int


p = Plain(3)
print(p.value, p == Plain(3), p == p)

for bad in (lambda: ToolCall(), lambda: ToolCall("a", {}, None, 0, 5), lambda: ToolCall("a", nope=1),
            lambda: Request(), lambda: Request("a", True), lambda: fields(3), lambda: asdict(ToolCall)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    @dataclass
    class Broken:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    @dataclass
    class Broken2:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
