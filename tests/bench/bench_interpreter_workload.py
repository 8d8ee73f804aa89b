"""CPU-bound workload for bench_interpreter and the cost-model calibration.

Loops, calls, dict and list work, string building: the kinds of operations lesson
scripts do. It prints its results and, last, its own elapsed time (perf_counter).
"""
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def primes(limit):
    found = []
    for candidate in range(2, limit):
        is_prime = True
        for p in found:
            if p * p > candidate:
                break
            if candidate % p == 0:
                is_prime = False
                break
        if is_prime:
            found.append(candidate)
    return found


def word_counts(n):
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    counts = {}
    for i in range(n):
        word = words[i % 5]
        counts[word] = counts.get(word, 0) + 1
    return counts


class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def length2(self):
        return self.x * self.x + self.y * self.y


def vectors(n):
    v = Vector(0, 0)
    step = Vector(1, 2)
    for _ in range(n):
        v = v.add(step)
    return v.length2()


def strings(n):
    parts = []
    for i in range(n):
        parts.append(f"item-{i}:{i * 0.5:.1f}")
    return len(",".join(parts))


start = time.perf_counter()
total = 0
for i in range(1_000_000):
    total += i * i % 7
print(total)
print(fib(25))
print(len(primes(60_000)))
print(word_counts(300_000))
print(vectors(200_000))
print(strings(100_000))
print(sum([x * 2 for x in range(300_000) if x % 3]))
print(f"{time.perf_counter() - start:.3f}")
