"""Generator expressions are lazy: any() stops at the first match."""
checked = []


def expensive_check(n):
    checked.append(n)
    return n > 2


print(any(expensive_check(n) for n in range(10)), checked)
checked.clear()
print(all(expensive_check(n) for n in [5, 6, 1, 7]), checked)


def numbers():
    n = 0
    while True:
        yield n
        n += 1


first_squares = []
for n in numbers():
    if n > 4:
        break
    first_squares.append(n * n)
print(first_squares)
gen = (x * 10 for x in range(3))
print(list(gen), list(gen))


def pipeline(lines):
    stripped = (line.strip() for line in lines)
    nonempty = (line for line in stripped if line)
    return [line.upper() for line in nonempty]


print(pipeline(["  a ", "", " b", "   "]))
total = sum(x for x in range(1000) if x % 7 == 0)
print(total, max((len(w), w) for w in "one three eleven".split()))
