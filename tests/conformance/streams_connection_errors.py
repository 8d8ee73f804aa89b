# Connection errors over local streams: a refused connection raised inside a task and caught
# there, the errno form of OSError, and a port that is already taken.
import asyncio


async def fetch(port):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as error:
        print("task caught:", type(error).__name__, error.errno, error.strerror.startswith("Connect call failed"))
        print("  is ConnectionError:", isinstance(error, ConnectionError), "is OSError:", isinstance(error, OSError))
        return "refused"
    writer.close()
    await writer.wait_closed()
    return "connected"


async def echo(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("serving:", server.is_serving())
    results = await asyncio.gather(fetch(port), asyncio.create_task(fetch(port)))
    print("while serving:", results)
    try:
        await asyncio.start_server(echo, "127.0.0.1", port)
    except OSError as error:
        print("second bind:", error.errno, "address already in use" in str(error))
    server.close()
    await server.wait_closed()
    print("serving:", server.is_serving(), server.sockets)
    task = asyncio.create_task(fetch(port))
    print("after close:", await task)
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except OSError as error:
        print("awaited in main:", type(error).__name__, error.args[0])
    error = OSError(2, "No such file or directory", "missing.txt")
    print(error, "|", error.errno, error.strerror, error.filename)
    print(ConnectionResetError(104, "Connection reset by peer"))
    print(OSError("plain message"), OSError("plain message").errno)
    print(BrokenPipeError.__mro__[1].__name__, ConnectionAbortedError.__mro__[1].__name__)
    print(issubclass(asyncio.IncompleteReadError, EOFError), EOFError.__mro__[1].__name__)


asyncio.run(main())
