"""Every operator and protocol as each builtin type and a script's own classes answer it.

The interpreter asks each value's type for its operators (a file per type); this script
goes through them: arithmetic and its reflected forms, comparison, membership, subscripts,
hashing, truth, len, iteration, attributes and descriptors, with and async with.
"""
import asyncio


def show(label, thunk):
    try:
        print(label, repr(thunk()))
    except Exception as error:
        print(label, type(error).__name__, error)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        return Money(self.cents + (other.cents if isinstance(other, Money) else other))

    def __radd__(self, other):
        return Money(other + self.cents)

    def __mul__(self, k):
        return NotImplemented if isinstance(k, str) else Money(self.cents * k)

    def __eq__(self, other):
        return isinstance(other, Money) and other.cents == self.cents

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self.cents < (other.cents if isinstance(other, Money) else other)

    def __gt__(self, other):
        return self.cents > (other.cents if isinstance(other, Money) else other)

    def __hash__(self):
        return hash(self.cents)

    def __repr__(self):
        return f"Money({self.cents})"


class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __contains__(self, item):
        return item in self.items

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, value):
        self.items[i] = value

    def __delitem__(self, i):
        del self.items[i]

    def __iter__(self):
        return iter(self.items)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


print("-- arithmetic")
show("int", lambda: (7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 1 << 4, -9 >> 1, 6 & 3, 6 | 3, 6 ^ 3))
show("bool", lambda: (True + True, True & False, True | False, True ^ True))
show("float", lambda: (7.5 // 2, -7.5 % 2, 2 ** 0.5, 1 / 4))
show("mixed", lambda: (1 + 2.5, 3 * 0.5, 7 // 2.0))
show("div0", lambda: 1 / 0)
show("mod0", lambda: 1 % 0)
show("matmul", lambda: 2 @ 3)
show("str", lambda: ("ab" + "cd", "ab" * 3, 3 * "ab", "%s=%d" % ("x", 4), "%(a)s" % {"a": 1}))
show("str+int", lambda: "a" + 1)
show("str*str", lambda: "a" * "b")
show("list", lambda: ([1] + [2], [0] * 3, 2 * [1, 2]))
show("list+tuple", lambda: [1] + (2,))
show("tuple", lambda: ((1,) + (2,), (1, 2) * 2))
show("dict|", lambda: {"a": 1} | {"b": 2, "a": 3})
show("sets", lambda: (sorted({1, 2} | {3}), sorted({1, 2} & {2}), sorted({1, 2} - {2}), sorted({1, 2} ^ {2, 3})))
show("set-int", lambda: {1} - 1)
show("money", lambda: (Money(5) + Money(7), Money(5) + 1, 1 + Money(5), Money(5) * 3))
show("money*str", lambda: Money(5) * "x")
show("money-", lambda: Money(5) - 1)
show("neg", lambda: -Money(1))
bag = [1, 2]
bag += (3,)
bag *= 2
print("in place", bag)

print("-- comparison and hashing")
show("numbers", lambda: (1 < 2.5, 2 == 2.0, 3 >= 3, 1 != 1.0))
show("strs", lambda: ("apple" < "banana", "b" > "abc", "é" > "z"))
show("sequences", lambda: ([1, 2] < [1, 3], (1, 2) <= (1,), [1, [2]] == [1, [2]], (1, 2) == [1, 2]))
show("sets", lambda: ({1} < {1, 2}, {1, 2} <= {1, 2}, {1, 2} > {1}, {1} == {1}))
show("ranges", lambda: (range(0) == range(2, 2), range(0, 3) == range(3), range(1, 5, 2) == range(1, 6, 2)))
show("money", lambda: (Money(1) == Money(1), Money(1) != Money(2), Money(1) < 2, 2 < Money(1), Money(3) > Money(2)))
show("mixed order", lambda: 1 < "a")
show("none order", lambda: None < None)
show("hash", lambda: (hash(7) == hash(7.0), hash((1, "a")) == hash((1, "a")), hash(Money(3)) == hash(Money(3))))
show("unhashable", lambda: hash([1]))
show("unhashable key", lambda: {[]: 1})
show("dict keys", lambda: {Money(1): "a", Money(1): "b"})

print("-- truth, len, membership")
show("truth", lambda: [bool(x) for x in (0, 1, 0.0, "", "a", [], [0], (), {}, {1: 2}, set(), range(0), range(2), None, Bag(), Bag(1))])
show("len", lambda: (len("héllo"), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}), len(range(1, 10, 3)), len(Bag(1, 2))))
show("len int", lambda: len(5))
show("in", lambda: ("ell" in "hello", 2 in [1, 2], 3 in (1,), "a" in {"a": 1}, 2 in {2}, 4 in range(0, 10, 2), 5 in range(0, 10, 2), 2.0 in range(3)))
show("in bag", lambda: (2 in Bag(1, 2), 3 in Bag(1, 2)))
show("in countdown", lambda: 1 in Countdown(3))
show("in str", lambda: 1 in "abc")
show("in int", lambda: 1 in 5)

print("-- subscripts")
letters = ["a", "b", "c", "d"]
show("list", lambda: (letters[0], letters[-1], letters[1:3], letters[::-1], letters[::2]))
show("list out", lambda: letters[4])
show("list neg out", lambda: letters[-5])
show("list str index", lambda: letters["x"])
show("tuple", lambda: ((1, 2, 3)[-2], (1, 2, 3)[1:]))
show("tuple out", lambda: (1,)[1])
show("str", lambda: ("héllo"[1], "héllo"[-1], "héllo"[1:4], "abc"[::-1]))
show("str out", lambda: "abc"[3])
show("range", lambda: (range(10)[3], range(10)[-1], range(0, 20, 2)[2:5]))
show("range out", lambda: range(3)[3])
show("dict", lambda: {"a": 1}["a"])
show("dict missing", lambda: {"a": 1}["b"])
five = 5
show("int", lambda: five[0])
show("bag", lambda: Bag("x", "y")[1])
grid = [[0] * 3 for _ in range(2)]
grid[1][2] = 5
grid[0][-1] = 7
print("grid", grid)
numbers = list(range(8))
numbers[1:3] = ["x"]
numbers[::3] = [0, 0, 0]
del numbers[0]
del numbers[::2]
print("numbers", numbers)


def assign_out():
    numbers[9] = 1


def assign_extended():
    numbers[::2] = [1]


show("list assign out", assign_out)
show("extended slice size", assign_extended)
show("pop", lambda: ([1, 2, 3].pop(), [1, 2, 3].pop(0), [1, 2, 3].pop(-1)))
show("pop out", lambda: [1].pop(5))
show("pop empty", lambda: [].pop())
b = Bag(1, 2, 3)
b[0] = "one"
del b[1]
print("bag", b.items)
counts = {}
counts["a"] = 1
del counts["a"]


def delete_missing():
    del counts["a"]


show("del missing", delete_missing)

print("-- iteration")
show("iterables", lambda: (list("ab"), list((1, 2)), list({"k": 1}), list(range(3)), list(Bag(4, 5)), list(Countdown(3))))
show("builtins", lambda: (list(enumerate("ab", 1)), list(zip("ab", [1, 2, 3])), list(map(abs, [-1, 2])), list(filter(None, [0, 1, 2])), list(reversed([1, 2, 3]))))
show("views", lambda: (list({"a": 1}.values()), list({"a": 1}.items()), {"a": 1}.keys() == {"a": 2}.keys()))
show("iter int", lambda: iter(5))
show("next list", lambda: next([1]))
it = iter([1, 2])
show("next", lambda: (next(it), next(it), next(it, "done")))
show("unpack", lambda: [(a, b) for a, b in [(1, 2), "xy"]])
first, *rest = range(4)
print("starred", first, rest)
show("unpack too many", lambda: [a for a, b in [(1, 2, 3)]])

print("-- attributes")


class Account:
    kind = "basic"

    def __init__(self):
        self._balance = 10

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        self._balance = max(0, value)

    @property
    def owner(self):
        return "nobody"

    @classmethod
    def make(cls):
        return cls.__name__

    @staticmethod
    def rate():
        return 0.5


class Savings(Account):
    kind = "savings"

    def describe(self):
        return f"{super().make()} {self.kind} {Account.kind}"


acct = Savings()
acct.balance = -5
print("property", acct.balance, acct.owner)
show("read-only property", lambda: setattr(acct, "owner", "me"))
print("methods", acct.make(), Savings.make(), acct.rate(), Savings.rate(), acct.describe())
print("class attributes", Savings.__name__, [c.__name__ for c in Savings.__mro__], Savings.__bases__[0].__name__)
show("missing", lambda: acct.missing)
show("missing class", lambda: Savings.missing)
show("missing module", lambda: asyncio.missing)
show("int attribute", lambda: setattr(1, "x", 2))
show("read-only method", lambda: setattr([], "append", 2))
acct.extra = 1
del acct.extra
show("deleted", lambda: acct.extra)
show("del missing", lambda: delattr(acct, "extra"))
error = KeyError("key")
show("exception", lambda: (error.args, str(error), repr(error), str(ValueError("a", 1)), str(ValueError())))
error.args = ["other"]
print("exception args", error.args)

print("-- with and async with")


class Managed:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, kind, value, traceback):
        print("exit", self.name, kind.__name__ if kind else None)
        return kind is ValueError


with Managed("a") as upper:
    print("inside", upper)
with Managed("b"):
    raise ValueError("swallowed")
try:
    with Managed("c"):
        raise KeyError("kept")
except KeyError as e:
    print("caught", e)
try:
    with 3:
        pass
except TypeError as e:
    print(e)


class Session:
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("session open")
        return self

    async def __aexit__(self, *exc):
        print("session closed")
        return False


async def main():
    async with Session() as session:
        print("using", type(session).__name__)
    lock = asyncio.Lock()
    async with lock:
        print("locked", lock.locked())
    print("unlocked", lock.locked())
    try:
        async with Managed("sync"):
            pass
    except TypeError as e:
        print(e)


asyncio.run(main())
