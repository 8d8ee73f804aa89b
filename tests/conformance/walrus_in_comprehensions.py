"""Assignment expressions inside comprehensions bind in the enclosing scope (PEP 572),
and `while (line := await reader.readline())` loops."""
import asyncio


class FakeReader:
    """Lines arriving from a connection, the way StreamReader.readline returns them."""

    def __init__(self, lines):
        self.lines = list(lines)

    async def readline(self):
        await asyncio.sleep(0.05)
        return self.lines.pop(0) if self.lines else ""


def scores(values):
    best = None
    kept = [best := v for v in values if best is None or v > best]
    return kept, best


data = [3, 8, 1, 9]
running = 0
totals = [running := running + x for x in data]
print(totals, running)
print([y for x in data if (y := x * 2) > 5], y)
print(scores([4, 2, 7, 5]))
print({(last := k): k * 2 for k in "ab"}, last)
print(any((hit := n) > 5 for n in data), hit)


def nested():
    rows = [[(cell := r * c) for c in range(3)] for r in range(3)]
    return rows, cell


print(nested())


async def main():
    reader = FakeReader(["GET /a\n", "GET /b\n", "QUIT\n"])
    while (line := await reader.readline()) != "QUIT\n":
        print("request", line.strip())
    print("last line", line.strip())

    reader = FakeReader(["x\n", "y\n"])
    count = 0
    while line := await reader.readline():
        count += 1
        print(count, line.strip())

    chunks = [c for w in ["ab", "", "cd"] if (c := w.upper())]
    print(chunks, c)


asyncio.run(main())
