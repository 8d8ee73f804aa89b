"""Sets print, iterate and pop in CPython's order: a set of ints is laid out by hash as
setobject.c lays it out (probes, dummies left by removals, growth), so the same program shows
the same order. Realistic uses first, then a seeded run of every operation against each other."""
import random

# Deduplicating ids from several tool calls, the way learners write it.
seen_ids = [1042, 7, 88, 7, 1042, 15, 300, 88, 2]
print(set(seen_ids), list(set(seen_ids)), {3, 1, 2}, {-1, -2, 0, 64, 8, 16})
retries = {attempt * 17 % 11 for attempt in range(12)}
print(retries, sorted(retries) == list(retries), len(retries))
pending = {101, 202, 303, 404, 505}
done = {202, 404, 606}
print(pending - done, pending & done, pending | done, pending ^ done, done - pending)
while pending:
    print("finished", pending.pop(), "left", pending)
print({(1, 2), (3, 4), (0, 0)}, {0.5, 1.5, 2.25, 7.0, -3.0}, {True, 2, 3.0}, hash((1, 2)), hash(2.5))
print({10**20, 2**64, -(2**70), 5}, set(dict.fromkeys([9, 8, 7, 100, 1000])))

rng = random.Random(2024)
a, b = set(), {5, 9, 13}
span = 40
for step in range(200):
    if step % 40 == 0:
        span = rng.choice([10, 50, 1000, 10**6, 2**40])
    r = rng.randrange(20)
    x = rng.randint(-span, span)
    items = [rng.randint(-span, span) for _ in range(rng.randrange(12))]
    if r < 5:
        a.add(x)
    elif r == 5:
        a.discard(x)
    elif r == 6 and a:
        a.discard(next(iter(a)))
    elif r == 7 and a:
        a.pop()
    elif r == 8:
        a.update(items)
    elif r == 9:
        b = a | set(items)
    elif r == 10:
        b = a & b if rng.random() < 0.5 else a.intersection(items)
    elif r == 11:
        b = a - b if rng.random() < 0.5 else a.difference(items, b)
    elif r == 12:
        b = a ^ b if rng.random() < 0.5 else a.symmetric_difference(items)
    elif r == 13:
        a |= b
    elif r == 14:
        a &= b if rng.random() < 0.3 else a | set(items)
    elif r == 15:
        a -= set(items)
    elif r == 16:
        a ^= set(items)
    elif r == 17:
        a.difference_update(items) if rng.random() < 0.5 else a.intersection_update(items + list(a)[:5])
    elif r == 18:
        a = {*a, *items} if rng.random() < 0.5 else set(b)
    else:
        a = {y * 3 for y in a} if len(a) < 200 else set()
    if step % 20 == 19:
        print(step, len(a), list(a)[:12], list(b)[:8], a <= b, a.isdisjoint(b))
print(a, b)
