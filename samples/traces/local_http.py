"""Real network I/O: a tiny HTTP server and its clients on one event loop.

The server (asyncio.start_server on 127.0.0.1) answers each path after a delay that
stands in for its own work; six clients fetch at once through asyncio.open_connection,
at most three in flight (a Semaphore). One more request goes through urllib, a blocking
client, on a worker thread (asyncio.to_thread), so the loop keeps serving meanwhile.

Recorded with tools/awaitscope_record.py under CPython: every lane is a real task, and the
server's handler tasks appear next to the clients that caused them.
"""
import asyncio
import time
import urllib.request

DELAYS = {"/fast": 0.05, "/medium": 0.15, "/slow": 0.35}


async def handle(reader, writer):
    request = await reader.readuntil(b"\r\n\r\n")
    path = request.split(b" ")[1].decode()
    await asyncio.sleep(DELAYS.get(path, 0.1))
    body = f"you asked for {path}".encode()
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def fetch(port, path, limit):
    async with limit:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
        await writer.drain()
        response = await reader.read()
        writer.close()
        await writer.wait_closed()
        return response.split(b"\r\n\r\n", 1)[1].decode()


def blocking_get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
        return response.read().decode()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    limit = asyncio.Semaphore(3)
    start = time.perf_counter()
    async with server:
        paths = ["/slow", "/fast", "/medium", "/fast", "/slow", "/medium"]
        results = await asyncio.gather(*(fetch(port, p, limit) for p in paths),
                                       asyncio.to_thread(blocking_get, port, "/medium"))
        for text in results:
            print(text)
    print(f"7 requests in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
