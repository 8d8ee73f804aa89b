"""sys.setrecursionlimit is honoured, and class hierarchies without a consistent order are refused."""
import sys

print(sys.getrecursionlimit())


def depth(n):
    return depth(n + 1) if n < 300 else n


sys.setrecursionlimit(100)
try:
    depth(0)
except RecursionError as error:
    print("RecursionError:", error)
sys.setrecursionlimit(400)
print(sys.getrecursionlimit(), depth(0))
sys.setrecursionlimit(5000)
print(depth(0))

for bad in (0, -3, 2.5, "100"):
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as error:
        print(type(error).__name__ + ":", error)


def too_deep():
    sys.setrecursionlimit(3)


try:
    too_deep()
except RecursionError as error:
    print("RecursionError:", error)


class Base:
    pass


class Derived(Base):
    pass


try:
    class Wrong(Base, Derived):
        pass
except TypeError as error:
    print("TypeError:", error)


class X:
    pass


class Y:
    pass


class XY(X, Y):
    pass


class YX(Y, X):
    pass


try:
    class Both(XY, YX):
        pass
except TypeError as error:
    print("TypeError:", error)

try:
    class Twice(X, X):
        pass
except TypeError as error:
    print("TypeError:", error)


class Fine(Derived, X):
    pass


print([c.__name__ for c in Fine.__mro__])
