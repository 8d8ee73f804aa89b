# An agent talks to a local tool server that streams its progress as lines: the client reads
# them with `async for line in reader` while a second client runs alongside; a tool that fails
# reports an error line, and the server counts the sessions it served.
import asyncio
import json

TOOLS = {"search": 0.3, "summarize": 0.2, "translate": 0.1}


async def tool_server(reader, writer):
    request = json.loads(await reader.readline())
    name = asyncio.current_task().get_name()
    print(f"[{name}] {request['agent']} asked for {request['tool']}")
    delay = TOOLS.get(request["tool"])
    if delay is None:
        writer.write((json.dumps({"error": f"no tool {request['tool']!r}"}) + "\n").encode())
    else:
        for step in range(1, 4):
            await asyncio.sleep(delay)
            writer.write(f"progress {request['tool']} {step}/3\n".encode())
            await writer.drain()
        writer.write((json.dumps({"result": request["tool"].upper()}) + "\n").encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    sessions.append(request["agent"])


async def agent(port, agent_name, tool):
    loop = asyncio.get_running_loop()
    start = loop.time()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((json.dumps({"agent": agent_name, "tool": tool}) + "\n").encode())
    await writer.drain()
    lines = 0
    async for line in reader:
        lines += 1
        text = line.decode().rstrip("\n")
        if text.startswith("{"):
            reply = json.loads(text)
            print(f"{agent_name}: final {reply} at {loop.time() - start:.1f}s")
        else:
            print(f"{agent_name}: {text} at {loop.time() - start:.1f}s")
    writer.close()
    await writer.wait_closed()
    return agent_name, lines


sessions = []


async def main():
    server = await asyncio.start_server(tool_server, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(agent(port, "planner", "search"))
            b = tg.create_task(agent(port, "writer", "translate"))
            c = tg.create_task(agent(port, "critic", "paint"))
        print("lines read:", [t.result() for t in (a, b, c)])
    print("sessions:", sorted(sessions))


asyncio.run(main())
