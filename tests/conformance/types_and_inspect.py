# types and inspect as a tool registry uses them: coroutine functions told from plain ones,
# awaitables awaited, docstrings cleaned, and a SimpleNamespace for settings.
import asyncio
import inspect
import types
from types import SimpleNamespace


class Registry:
    """Tools by name.

    Each tool is a function or a coroutine function.
    """

    def __init__(self):
        self.tools = {}

    def tool(self, fn):
        self.tools[fn.__name__] = fn
        return fn

    async def call(self, name, *args):
        fn = self.tools[name]
        result = fn(*args)
        if inspect.isawaitable(result):
            result = await result
        return result


registry = Registry()


@registry.tool
def add(a, b):
    """Adds two numbers."""
    return a + b


@registry.tool
async def fetch(url):
    """Fetches a page.

        Slowly.
    """
    await asyncio.sleep(0.1)
    return f"<html>{url}</html>"


async def main():
    for name, fn in registry.tools.items():
        print(name, inspect.iscoroutinefunction(fn), inspect.isfunction(fn), repr(inspect.getdoc(fn)))
    print(await registry.call("add", 2, 3), await registry.call("fetch", "example.com"))
    coro = fetch("x")
    print(inspect.iscoroutine(coro), isinstance(coro, types.CoroutineType), inspect.isawaitable(coro))
    await coro
    print(inspect.isclass(Registry), inspect.ismethod(registry.call), inspect.isfunction(registry.call), inspect.getdoc(Registry))
    config = SimpleNamespace(model="small", retries=3)
    config.timeout = 1.5
    print(config, config.model, config == SimpleNamespace(model="small", retries=3, timeout=1.5), vars(config))
    print(isinstance(add, types.FunctionType), isinstance(len, types.BuiltinFunctionType), isinstance((i for i in []), types.GeneratorType))
    try:
        SimpleNamespace(1)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
