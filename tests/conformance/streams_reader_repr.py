"""A StreamReader fed by hand prints as CPython prints it, and refuses a limit that is not positive."""
import asyncio
async def main():
    r = asyncio.StreamReader()
    print(repr(r))
    r.feed_data(b"abc")
    print(repr(r))
    r.feed_eof()
    print(repr(r))
    print(await r.read(2), repr(r))
    print(await r.read(), repr(r))
    r2 = asyncio.StreamReader(limit=100)
    print(repr(r2))
asyncio.run(main())
async def errors():
    for limit in (0, -5, "x"):
        try:
            asyncio.StreamReader(limit=limit)
        except Exception as e:
            print(type(e).__name__, e)
asyncio.run(errors())
