"""User classes as context managers: __enter__/__exit__ and __aenter__/__aexit__."""
import asyncio


class Timer:
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        print(f"enter {self.label}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"exit {self.label}: {exc_type.__name__ if exc_type else None}")
        return exc_type is KeyError


class Session:
    def __init__(self, name):
        self.name = name
        self.open = False

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        self.open = True
        print(f"{self.name} opened")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        self.open = False
        print(f"{self.name} closed ({exc_type.__name__ if exc_type else 'clean'})")
        return False

    async def query(self, q):
        await asyncio.sleep(0.1)
        return f"{self.name}:{q}"


async def main():
    with Timer("block") as t:
        print("inside", t.label)
    with Timer("suppressing"):
        raise KeyError("swallowed")
    print("KeyError was suppressed")
    try:
        with Timer("not suppressing"):
            raise ValueError("escapes")
    except ValueError as error:
        print("escaped:", error)
    async with Session("db") as session:
        print(await session.query("select"), session.open)
    print("after", session.open)
    try:
        async with Session("api") as s:
            await s.query("x")
            raise RuntimeError("query failed")
    except RuntimeError as error:
        print("propagated:", error)
    for i in range(3):
        with Timer(f"loop {i}"):
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)


asyncio.run(main())
