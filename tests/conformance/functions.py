"""Functions: defaults, keywords, *args, **kwargs, keyword-only, closures, recursion, lambdas."""


def greet(name, greeting="Hello", punctuation="!"):
    return f"{greeting}, {name}{punctuation}"


print(greet("Ada"), greet("Bob", "Hi"), greet("Cy", punctuation="?"), greet(greeting="Yo", name="Di"))


def total(*numbers, start=0):
    return start + sum(numbers)


print(total(), total(1, 2, 3), total(1, 2, start=10), total(*[4, 5]), total(*range(4), start=1))


def describe(**fields):
    return ", ".join(f"{k}={v}" for k, v in fields.items())


print(describe(a=1, b="two"), describe(**{"x": 1}), describe())


def mixed(a, b=2, *rest, flag=False, **extra):
    return (a, b, rest, flag, extra)


print(mixed(1), mixed(1, 3, 5, 7, flag=True, color="red"), mixed(*(9, 8), **{"flag": 1}))


def only_keywords(*, limit, verbose=False):
    return limit, verbose


print(only_keywords(limit=3), only_keywords(verbose=True, limit=1))


def make_counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


counter = make_counter()
print(counter(), counter(), counter(10))


def make_multipliers():
    return [lambda x, i=i: x * i for i in range(3)]


print([m(10) for m in make_multipliers()])
late = [lambda: i for i in range(3)]
print([f() for f in late])


def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


print(factorial(10), factorial(20))


def fib_memo(n, cache={}):
    if n in cache:
        return cache[n]
    result = n if n < 2 else fib_memo(n - 1) + fib_memo(n - 2)
    cache[n] = result
    return result


print(fib_memo(80))


def divide(a, b):
    """Returns quotient and remainder."""
    return a // b, a % b


q, r = divide(17, 5)
print(q, r, divide(b=3, a=10))
square = lambda x: x * x
print(square(7), (lambda a, b=1: a + b)(2), sorted([3, -1, 2], key=lambda v: abs(v)))
print(greet.__name__, square.__name__, callable(greet), callable(5))


def apply_twice(f, value):
    return f(f(value))


print(apply_twice(square, 3), apply_twice(lambda s: s + "!", "hi"))
calls = 0


def tracked():
    global calls
    calls += 1
    return calls


tracked()
tracked()
print("calls", calls)


def outer():
    x = "outer"

    def inner():
        return x

    x = "changed"
    return inner()


print(outer())
