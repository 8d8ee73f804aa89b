# An agent that talks to a tool server over a byte stream: each message is JSON encoded as
# UTF-8 behind a 4-byte big-endian length, written to a bytearray buffer and read back in
# chunks as a socket would deliver them; a hex dump shows the wire bytes.
import asyncio
import json


def frame(message):
    body = json.dumps(message, ensure_ascii=False).encode('utf-8')
    return len(body).to_bytes(4, 'big') + body


def hexdump(data, width=16):
    for offset in range(0, len(data), width):
        chunk = data[offset:offset + width]
        text = ''.join(chr(b) if 32 <= b < 127 else '.' for b in chunk)
        print(f'{offset:04x}  {chunk.hex(" "):<{width * 3}} {text}')


class Reader:
    def __init__(self):
        self.buffer = bytearray()

    def feed(self, chunk):
        self.buffer += chunk
        messages = []
        while len(self.buffer) >= 4:
            size = int.from_bytes(self.buffer[:4], 'big')
            if len(self.buffer) < 4 + size:
                break
            body = bytes(self.buffer[4:4 + size])
            del self.buffer[:4 + size]
            messages.append(json.loads(body.decode('utf-8')))
        return messages


async def server(requests, replies):
    while True:
        wire = await requests.get()
        if wire is None:
            break
        await asyncio.sleep(0.1)
        for message in Reader().feed(wire):
            answer = {'id': message['id'], 'result': message['params']['text'].upper(), 'bytes': len(wire)}
            await replies.put(frame(answer))
    await replies.put(None)


async def agent():
    requests, replies = asyncio.Queue(), asyncio.Queue()
    task = asyncio.create_task(server(requests, replies))
    texts = ['héllo wörld', 'naïve café', '東京 → 大阪', 'plain ascii']
    first = frame({'id': 0, 'method': 'shout', 'params': {'text': texts[0]}})
    print('first frame:', len(first), 'bytes, body', int.from_bytes(first[:4], 'big'))
    hexdump(first)
    for i, text in enumerate(texts):
        await requests.put(frame({'id': i, 'method': 'shout', 'params': {'text': text}}))
    await requests.put(None)
    reader = Reader()
    stream = bytearray()
    while (wire := await replies.get()) is not None:
        stream += wire
    print('reply stream:', len(stream), 'bytes', stream[:4], stream[-3:])
    # Deliver the stream in awkward 7-byte chunks, as a socket might.
    for start in range(0, len(stream), 7):
        for reply in reader.feed(stream[start:start + 7]):
            print(reply['id'], reply['result'], reply['bytes'], len(reply['result'].encode()), reply['result'].encode('ascii', 'replace'))
    print('left over:', reader.buffer, len(reader.buffer))
    await task
    broken = frame({'id': 9, 'params': {'text': 'ü'}})[:-3] + b'\xff"}}'
    try:
        Reader().feed(broken)
    except UnicodeDecodeError as error:
        print('bad frame:', error.reason, 'at', error.start, '-', error.end)
    try:
        json.dumps({'raw': b'\x00\x01'})
    except TypeError as error:
        print('TypeError:', error)
    print(json.dumps({'hex': b'\x00\x01'.hex(), 'text': b'caf\xc3\xa9'.decode()}))


asyncio.run(agent())
