"""List, dict and set comprehensions, generator expressions and generator functions."""
nums = range(10)
print([n * n for n in nums], [n for n in nums if n % 3 == 0], [(x, y) for x in range(3) for y in range(x)])
print({n: n % 3 for n in nums}, {c.upper() for c in "hello"} == {"H", "E", "L", "O"}, [[i * j for j in range(3)] for i in range(3)])
print(sum(n * n for n in nums), max(len(w) for w in ["a", "abc", "ab"]), any(n > 8 for n in nums), all(n >= 0 for n in nums))
print(list(n for n in nums if n % 2), tuple(c for c in "abc"), ", ".join(str(n) for n in range(3)))


def countdown(n):
    print("start countdown")
    while n > 0:
        yield n
        n -= 1
    print("done counting")


for value in countdown(3):
    print("got", value)
gen = countdown(2)
print(next(gen))
print(next(gen))
print(next(gen, "exhausted"))


def squares():
    for i in range(5):
        print("computing", i)
        yield i * i


lazy = (s + 1 for s in squares())
print("nothing computed yet")
print(next(lazy), next(lazy))
print(list(lazy))


def pairs(items):
    for i, item in enumerate(items):
        yield i, item


print(dict(pairs("xyz")), list(zip(*[(1, "a"), (2, "b")])))
matrix = [[1, 2], [3, 4], [5, 6]]
print([x for row in matrix for x in row], [row[::-1] for row in matrix], {i: row for i, row in enumerate(matrix)})
words = ["apple", "bob", "kayak", "tool"]
print([w for w in words if w == w[::-1]], {w: len(w) for w in words if len(w) > 3})
print(sorted({n % 4 for n in range(20)}), [n if n % 2 else -n for n in range(5)])
print(sum(1 for _ in range(1000)), min((abs(n - 5), n) for n in [1, 4, 9]))
