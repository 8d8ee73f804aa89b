# collections.deque: both ends, maxlen windows, rotation, indexing, copying and the errors
# CPython gives, then a sliding-window rate limiter over a large deque.
from collections import deque
d = deque([1,2,3], maxlen=3)
for f in [lambda: deque().pop(), lambda: deque().popleft(), lambda: d[5], lambda: d.remove(9), lambda: d.index(9), lambda: d.insert(0, 1), lambda: d["a"], lambda: d[0:1], lambda: deque(maxlen=-1), lambda: deque(maxlen="a"), lambda: d + [1], lambda: d.rotate("x"), lambda: hash(d)]:
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
print(repr(deque()), repr(deque([1], maxlen=2)), d == deque([1,2,3]), d == [1,2,3], deque([1,2]) < deque([1,3]), d * 2, deque([1,2]) * 2)
e = deque([1,2,3]); e += [4]; print(e, e.maxlen, d.maxlen, list(reversed(e)), e.copy(), e.count(1), 2 in e, e.index(3), e.index(3, 1, 4))
e.rotate(-1); print(e); e.extendleft([9, 8]); print(e); e.reverse(); print(e, len(e), bool(deque()))
e.rotate(2); print(e); e.rotate(-8); print(e); e.rotate(0); print(e)
del e[0]; e[0] = 'x'; print(e, e[-1]); e.clear(); print(e)
import copy; print(copy.copy(d), copy.deepcopy(deque([[1]])))
s = deque([1]); s.append(s); print(s)
print(type(d).__name__, isinstance(d, deque), deque('abc'), deque(range(5), 2), sorted(deque([3,1,2])))
w = deque(maxlen=2); w.append(1); w.append(2); w.append(3); w.appendleft(0); print(w, list(w), sum(w), max(w))
z = deque(maxlen=0); z.append(1); print(z, len(z))
q = deque(); q.extend(q); q.extend([1,2]); q.extend(q); print(q, q.pop(), q.popleft(), q)
print([x * 2 for x in deque([1, 2])], *deque([7, 8]), dict.fromkeys(deque('ab')))
t = deque([1, 2, 3]); t *= 2; print(t, t[3], t[-6])

import asyncio


class SlidingWindowLimiter:
    """At most `limit` calls in any `window` seconds: a deque of the calls' times."""

    def __init__(self, limit, window):
        self.limit, self.window = limit, window
        self.calls = deque()

    async def acquire(self):
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            while self.calls and self.calls[0] <= now - self.window:
                self.calls.popleft()
            if len(self.calls) < self.limit:
                self.calls.append(now)
                return
            await asyncio.sleep(0.1)  # full: try again a little later


async def call_tool(limiter, admitted):
    await limiter.acquire()
    admitted.append(round(asyncio.get_running_loop().time() - admitted[0], 1))


async def main():
    limiter = SlidingWindowLimiter(limit=20, window=0.5)
    admitted = deque([asyncio.get_running_loop().time()])
    await asyncio.gather(*(call_tool(limiter, admitted) for _ in range(50)))
    admitted.popleft()
    waves = {}
    for t in admitted:
        waves[t] = waves.get(t, 0) + 1
    print("admitted per moment:", sorted(waves.items()), "in the last window:", len(limiter.calls))


asyncio.run(main())
