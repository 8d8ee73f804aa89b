# A JSON-RPC-style tool server and an agent client over asyncio streams on 127.0.0.1.
import asyncio
import json


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    print("server: client connected from", peer[0])
    async for line in reader:
        request = json.loads(line.decode())
        await asyncio.sleep(0.1 * request["id"])
        reply = {"id": request["id"], "result": request["params"]["text"].upper()}
        writer.write((json.dumps(reply) + "\n").encode())
        await writer.drain()
    print("server: client closed")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        print("client: connected")
        for i in (1, 2, 3):
            writer.write((json.dumps({"id": i, "params": {"text": f"tool call {i}"}}) + "\n").encode())
        await writer.drain()
        for _ in range(3):
            line = await reader.readline()
            print("client got:", json.loads(line))
        writer.write_eof()
        print("client: eof", await reader.read(), reader.at_eof())
        writer.close()
        await writer.wait_closed()
        data = b"abcdefgh"
        r = asyncio.StreamReader()
        r.feed_data(data)
        r.feed_eof()
        print(await r.readexactly(3), await r.readuntil(b"f"))
        try:
            await r.readexactly(5)
        except asyncio.IncompleteReadError as error:
            print("incomplete:", error, error.partial, error.expected)
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as error:
        print("refused:", error.errno, "Connect call failed" in str(error))


asyncio.run(main())
