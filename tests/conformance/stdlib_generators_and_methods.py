"""functools on methods (lru_cache, cached_property), generator send/throw/close, wraps keeping
__module__, partial of a builtin, contextmanager beside ExitStack in one with statement."""
import asyncio
import functools
import itertools
from collections import deque
from contextlib import contextmanager, asynccontextmanager, ExitStack


class Agent:
    def __init__(self, name):
        self.name = name

    @functools.lru_cache(maxsize=None)
    def plan(self, goal):
        print("planning", goal)
        return goal.split()

    @functools.cached_property
    def tools(self):
        print("loading tools")
        return ["search", "calc"]


a = Agent("x")
print(a.plan("find the docs"), a.plan("find the docs"), Agent.plan.cache_info())
print(a.tools, a.tools)

gen = (i * i for i in range(5))
print(list(itertools.islice(gen, 2)), next(gen))

def numbers():
    received = yield 1
    print("got", received)
    try:
        yield 2
    except KeyError as e:
        print("caught", e)
        yield 3
    finally:
        print("cleanup")

g = numbers()
print(next(g), g.send("hello"), g.throw(KeyError("k")))
g.close()
g2 = numbers()
next(g2)
g2.close()
print("closed")
try:
    g3 = numbers()
    g3.send(5)
except TypeError as e:
    print(e)


def deco(f):
    @functools.wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner

@deco
def documented(x: int) -> int:
    "Doc here."
    return x

print(documented.__module__, documented.__doc__, documented.__name__, repr(documented).split(" at ")[0])
print(documented.__wrapped__ is not documented)
p = functools.partial(print, "a", sep="-")
p("b")
print(repr(functools.partial(int, base=2)).split(" at ")[0] if False else functools.partial(int, base=2)("101"))

@contextmanager
def ctx():
    yield 1

with ctx() as v, ExitStack() as st:
    st.callback(print, "bye")
    print("v", v)
