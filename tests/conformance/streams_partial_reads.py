# Partial reads over a local connection: read(n) takes what is there, readexactly and
# readuntil raise IncompleteReadError at the end of the stream, readline gives what is left.
import asyncio


async def send_in_pieces(reader, writer):
    for piece in (b"HEAD", b"ER:12\n", b"body-", b"bytes", b"tail without newline"):
        writer.write(piece)
        await writer.drain()
        await asyncio.sleep(0.05)
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(send_in_pieces, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    first = await reader.read(100)
    print("read(100) ->", first)
    rest_of_header = await reader.readuntil(b"\n")
    print("readuntil ->", rest_of_header)
    body = await reader.readexactly(10)
    print("readexactly(10) ->", body, len(body))
    print("read(0) ->", await reader.read(0))
    try:
        await reader.readexactly(100)
    except asyncio.IncompleteReadError as error:
        print("IncompleteReadError:", error)
        print("  partial:", error.partial, "expected:", error.expected)
        print("  is EOFError:", isinstance(error, EOFError))
    print("at_eof:", reader.at_eof())
    print("readline at eof ->", await reader.readline())
    print("read at eof ->", await reader.read())
    print("read(5) at eof ->", await reader.read(5))
    try:
        await reader.readuntil(b"!")
    except asyncio.IncompleteReadError as error:
        print("readuntil at eof:", repr(error.partial), error.expected, str(error))
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()

    fed = asyncio.StreamReader()
    fed.feed_data(b"alpha\nbeta\ngam")
    fed.feed_eof()
    print(await fed.readline(), await fed.readline(), await fed.readline(), await fed.readline())
    fed = asyncio.StreamReader()
    fed.feed_data(b"no separator here")
    fed.feed_eof()
    try:
        await fed.readuntil(b"::")
    except asyncio.IncompleteReadError as error:
        print(type(error).__name__, error.args)
    try:
        await fed.readexactly(-1)
    except ValueError as error:
        print("ValueError:", error)
    try:
        await asyncio.StreamReader().readuntil(b"")
    except ValueError as error:
        print("ValueError:", error)


asyncio.run(main())
