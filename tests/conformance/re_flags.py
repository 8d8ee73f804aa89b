# re flags print by their names (re.IGNORECASE) and combine as ints; and the reflected
# bitwise operators (__ror__, __rand__...) of IntFlag members and of a pipeline class written as
# agent frameworks write one (prompt | model | parser).
import re
print(re.I, repr(re.I), re.I | re.M, repr(re.I|re.M), int(re.I), re.I == 2, type(re.I).__name__, str(re.NOFLAG), repr(re.NOFLAG))
print(re.compile('a', re.I).flags, re.compile('a', re.I | re.X).flags, repr(re.compile('a', re.I|re.S)), re.I | 1024, repr(re.I|1024), f'{re.M}', re.A.name, re.I.value)
print(re.compile('(?i)a').flags, repr(re.compile('(?i)a')), re.U, re.compile('a', 0).flags, re.search("A", "xa", re.IGNORECASE).group())
print(re.findall(r"^\w+", "one\ntwo", re.M), re.sub("a", "b", "AaA", flags=re.I), re.split(r"\s+", "a  b", flags=re.A), bool(re.I & re.M), re.I in (re.I | re.M))
flags = 0
flags |= re.I
print(flags, re.match("x", "X", flags) is not None, sorted([re.M, re.I]), {re.I: 1}[2])
from enum import IntFlag, IntEnum
class P(IntFlag):
    R = 1
    W = 2
class N(IntEnum):
    A = 1
print(0 | P.R, 3 & P.W, 1 + N.A)
x = 0
x |= P.W
y = 5
y += N.A
print(x, y)


class Step:
    def __init__(self, name, fn):
        self.name, self.fn = name, fn

    def __or__(self, other):
        other = other if isinstance(other, Step) else Step(getattr(other, "__name__", "fn"), other)
        return Step(f"{self.name} | {other.name}", lambda x: other.fn(self.fn(x)))

    def __ror__(self, other):
        return Step(getattr(other, "__name__", "fn"), other) | self

    def __rand__(self, other):
        return f"{other!r} & {self.name}"

    def __rlshift__(self, other):
        return f"{self.name} fed {other!r}"

    def __call__(self, x):
        return self.fn(x)


def prompt(topic):
    return f"Tell me about {topic}"


model = Step("model", lambda text: {"text": text.upper()})
parser = Step("parser", lambda reply: reply["text"].split())
chain = prompt | model | parser
print(chain.name, chain("asyncio"), True & model, [1] << model)
try:
    print(2 ^ model)
except TypeError as e:
    print("TypeError:", e)
