"""contextlib: contextmanager, asynccontextmanager, suppress, closing, aclosing, nullcontext,
ExitStack, AsyncExitStack."""
import asyncio
import contextlib
from contextlib import (AsyncExitStack, ExitStack, aclosing, asynccontextmanager, closing, contextmanager,
                        nullcontext, suppress)


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("p") as value:
    print("inside", value)

try:
    with tag("div"):
        raise ValueError("broken")
except ValueError as e:
    print("caught", e)


@contextmanager
def swallow(kind):
    try:
        yield
    except kind as e:
        print("swallowed", type(e).__name__, e)


with swallow(KeyError):
    {}["missing"]
print("after swallow")


@contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)


@tag("decorated")
def work():
    print("working")


work()

with suppress(FileNotFoundError, KeyError):
    raise KeyError("k")
print("suppressed")
try:
    with suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("ValueError", e)


class Connection:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closing", self.name)


with closing(Connection("db")) as conn:
    print("using", conn.name)

with nullcontext(42) as answer:
    print("answer", answer)
with nullcontext() as nothing:
    print("nothing", nothing)


class Resource:
    def __init__(self, name, log):
        self.name, self.log = name, log

    def __enter__(self):
        self.log.append(f"open {self.name}")
        return self.name

    def __exit__(self, *exc):
        self.log.append(f"close {self.name}")
        return False


log = []
with ExitStack() as stack:
    names = [stack.enter_context(Resource(n, log)) for n in ["a", "b", "c"]]
    stack.callback(log.append, "callback")
    print("entered", names)
print(log)

log = []
try:
    with ExitStack() as stack:
        stack.enter_context(Resource("x", log))
        stack.push(lambda *exc: log.append(f"push saw {exc[0].__name__}"))
        raise RuntimeError("in block")
except RuntimeError as e:
    print("RuntimeError", e, log)

with ExitStack() as stack:
    stack.push(lambda *exc: True)
    raise ValueError("suppressed by push")
print("suppressed by exit stack")

stack = ExitStack()
stack.callback(print, "closed later")
moved = stack.pop_all()
stack.close()
print("before moved close")
moved.close()


@asynccontextmanager
async def session(name):
    print("open session", name)
    await asyncio.sleep(0.01)
    try:
        yield f"session-{name}"
    finally:
        await asyncio.sleep(0.01)
        print("close session", name)


class Stream:
    def __init__(self):
        self.items = [1, 2, 3]

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)

    async def aclose(self):
        print("stream closed")


async def ticker():
    for i in range(10):
        yield i


async def main():
    async with AsyncExitStack() as stack:
        sessions = [await stack.enter_async_context(session(n)) for n in ["a", "b"]]
        stack.push_async_callback(asyncio.sleep, 0)
        stack.callback(print, "sync callback")
        print("sessions", sessions)
    async with aclosing(Stream()) as stream:
        async for item in stream:
            print("item", item)
    async with aclosing(ticker()) as t:
        async for i in t:
            if i == 2:
                break
    print("ticker stopped")
    async with nullcontext("async null") as v:
        print(v)
    try:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(session("c"))
            raise KeyError("boom")
    except KeyError as e:
        print("KeyError", e)


asyncio.run(main())
print(isinstance(suppress(), contextlib.AbstractContextManager))
