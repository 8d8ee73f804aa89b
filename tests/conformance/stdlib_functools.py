"""functools: wraps, partial, lru_cache, cache, reduce, cached_property, total_ordering."""
import asyncio
import functools
from functools import wraps, partial, lru_cache, reduce, cached_property, total_ordering


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} with {args} {kwargs}")
        return func(*args, **kwargs)
    return wrapper


@logged
def add(a, b=2):
    """Adds two numbers."""
    return a + b


print(add(1), add(1, b=5))
print(add.__name__, add.__doc__, add.__qualname__)
print(add.__wrapped__(10, 20))
print(add.__wrapped__.__name__)


def tagged(tag):
    def decorator(func):
        @functools.wraps(func)
        async def wrapper(*args):
            print(f"[{tag}] start {func.__name__}")
            result = await func(*args)
            print(f"[{tag}] end {func.__name__}")
            return result
        return wrapper
    return decorator


@tagged("tool")
async def fetch(name):
    """Fetches a thing."""
    await asyncio.sleep(0.01)
    return name.upper()


print(asyncio.run(fetch("weather")), fetch.__name__, fetch.__doc__)


def power(base, exponent, *, scale=1):
    return scale * base ** exponent


square = partial(power, exponent=2)
cube = partial(power, exponent=3, scale=10)
print(square(4), cube(2), square(3, scale=2))
print(square.func is power, square.args, square.keywords)
twice = partial(partial(power, 2), 5)
print(twice(), twice.args, twice.func.__name__)
print(list(map(partial(power, exponent=2), [1, 2, 3])))

calls = []


@lru_cache(maxsize=2)
def slow_square(n):
    calls.append(n)
    return n * n


for n in [1, 2, 1, 3, 2, 1]:
    print(n, slow_square(n))
print(calls)
print(slow_square.cache_info())
info = slow_square.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
slow_square.cache_clear()
print(slow_square.cache_info())


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(50), fib.cache_info())


@functools.cache
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(10), fact.cache_info())
print(fact.__name__, fact.__wrapped__.__name__)

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(max, ["pear", "fig", "apple"]))
try:
    reduce(lambda a, b: a + b, [])
except TypeError as e:
    print("TypeError:", e)


class Report:
    def __init__(self, rows):
        self.rows = rows

    @cached_property
    def total(self):
        print("computing total")
        return sum(self.rows)


r = Report([1, 2, 3])
print(r.total, r.total)
r.rows.append(4)
print(r.total)
del r.total
print(r.total)


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(sorted([Version(2, 0), a, b]), max(a, b))
print(sorted(["b", "a", "c"], key=functools.cmp_to_key(lambda x, y: (x > y) - (x < y))))


@functools.singledispatch
def render(value):
    return f"<{type(value).__name__}>"


@render.register(int)
def _(value):
    return f"int {value}"


@render.register(list)
def _(value):
    return "[" + ", ".join(render(v) for v in value) + "]"


render.register(str, lambda value: repr(value))
print(render(3), render(True), render("hi"), render([1, "a", 2.5]), render(None))
print(render.dispatch(bool) is render.dispatch(int), render.__name__)
