# bytes where the rest of the language meets them: unpacking, reversed, sorted, ord, match,
# dict keys, sets, sum's refusal, json.loads of bytes, and str(bytes, encoding).
import json

a, b, c = b'xyz'
print(a, b, c, list(reversed(b'abc')), sorted(b'cab'), max(b'az'), ord(b'A'), ord(bytearray(b'\xff')))
print(list(enumerate(b'hi')), dict.fromkeys(b'ab'), {b'k': 'v', b'k2': 'w'}, len({b'x', b'x', bytes(1)}))
print(json.loads(b'{"name": "caf\xc3\xa9", "n": [1, 2]}'), json.loads(bytearray(b'[true]')))
print(str(b'caf\xc3\xa9', 'utf-8'), str(b'\xff', 'utf-8', 'replace'), str(b'abc'))


def describe(message):
    match message:
        case b'PING':
            return 'ping'
        case bytes(raw) if raw.startswith(b'\x00'):
            return f'binary {raw.hex()}'
        case bytearray():
            return 'mutable buffer'
        case [first, *rest]:
            return f'sequence starting {first}'
        case _:
            return 'other'


for message in [b'PING', b'\x00\x01', bytearray(b'buf'), b'text', [1, 2]]:
    print(describe(message))
for bad in [lambda: sum([b'a'], b''), lambda: ord(b'ab'), lambda: str(5, 'utf-8')]:
    try:
        bad()
    except TypeError as error:
        print('TypeError:', error)
