# Tool base classes as agent tutorials write them (abc.ABC with @abstractmethod): a class that
# still has abstract methods refuses to be made, with CPython's message; and __new__ written by
# the script (a singleton, a constructor that returns something else).
from abc import ABC, abstractmethod, ABCMeta


class Tool(ABC):
    name = "tool"

    @abstractmethod
    async def run(self, query: str) -> str:
        ...

    @abstractmethod
    def describe(self):
        """What the tool does."""

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"


class Search(Tool):
    name = "search"

    async def run(self, query):
        return f"results for {query}"


class FullSearch(Search):
    def describe(self):
        return "searches the web"

    def __init__(self, limit=3):
        self.limit = limit


for cls in (Tool, Search, FullSearch):
    try:
        tool = cls()
        print("made", tool, sorted(cls.__abstractmethods__))
    except TypeError as e:
        print("TypeError:", e)
print(FullSearch(limit=5).limit, isinstance(FullSearch(), Tool), issubclass(FullSearch, ABC), Tool.run.__isabstractmethod__)


class Plugin(ABC):
    @abstractmethod
    def load(self): ...


try:
    Plugin()
except TypeError as e:
    print("TypeError:", e)


class Loaded(Plugin):
    def load(self):
        return "loaded"


print(Loaded().load())
import asyncio
print(asyncio.run(FullSearch().run("asyncio")))


class Singleton:
    _instance = None
    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            print("made one")
        return cls._instance
    def __init__(self, name="x"):
        self.name = name
a = Singleton("a"); b = Singleton("b")
print(a is b, a.name)
class Other:
    def __new__(cls, value):
        if value < 0:
            return "negative"
        obj = object.__new__(cls)
        obj.value = value
        return obj
    def __init__(self, value):
        print("init", value)
print(Other(-1), Other(3).value)
class Sub(Singleton):
    pass
print(type(Sub()).__name__)
