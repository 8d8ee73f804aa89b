# A server's life: async with server, serve_forever cancelled, writer.close() and
# wait_closed(), the peer's address from get_extra_info, is_closing, write_eof.
import asyncio


async def greet(reader, writer):
    name = (await reader.readline()).decode().strip()
    peer = writer.get_extra_info("peername")
    sock = writer.get_extra_info("sockname")
    print(f"server: hello {name} from {peer[0]}, on {sock[0]}")
    print("server: unknown info ->", writer.get_extra_info("no-such-thing", "fallback"))
    writer.write(f"hello {name}\n".encode())
    await writer.drain()
    print("server: peer done ->", await reader.read())
    writer.close()
    print("server: closing", writer.is_closing())
    await writer.wait_closed()


async def client(port, name):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    peer = writer.get_extra_info("peername")
    print(f"client {name}: peer is {peer[0]}, same port {peer[1] == port}")
    writer.write(f"{name}\n".encode())
    print(f"client {name}: can write eof {writer.can_write_eof()}")
    print(f"client {name}: got", await reader.readline())
    writer.write_eof()
    print(f"client {name}: rest", await reader.read())
    writer.close()
    await writer.wait_closed()
    print(f"client {name}: closed {writer.is_closing()}")


async def main():
    server = await asyncio.start_server(greet, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        serving = asyncio.create_task(server.serve_forever())
        await asyncio.sleep(0)
        print("serving:", server.is_serving())
        await client(port, "ada")
        await client(port, "alan")
        serving.cancel()
        try:
            await serving
        except asyncio.CancelledError:
            print("serve_forever cancelled; serving:", server.is_serving())
    print("after async with:", server.is_serving(), len(server.sockets))
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        print("refused after close")

    async with await asyncio.start_server(greet, "127.0.0.1", 0) as second:
        print("second serving:", second.is_serving(), second.get_loop() is asyncio.get_running_loop())
        waiter = asyncio.create_task(second.serve_forever())
        await asyncio.sleep(0.1)
        second.close()
        try:
            await waiter
        except asyncio.CancelledError:
            print("close() cancelled serve_forever:", waiter.cancelled())
        try:
            await asyncio.gather(second.serve_forever(), second.serve_forever())
        except RuntimeError as error:
            print("RuntimeError:", str(error).endswith("is closed"))


asyncio.run(main())
