# bytes: literals and their escapes, repr, indexing, slicing, iteration, operators and methods.
print(b'abc', B"abc", rb'a\nb', Rb"x\\y", bR'\x41')
print(b'\x00\x01\n\t\r\\\'"', b"it's", b'say "hi"', b'both \' and "')
print(b'\101\0\7\177\200\xff', b'\q\u00e9\N{DASH}')
print(b'abc' b'def', (b'multi'
                       b'line'))
print(b'''triple
quoted''', len(b''), bool(b''), bool(b'\x00'))
data = b'hello world'
print(data[0], data[-1], data[1:5], data[::2], data[::-1], data[100:])
print(list(b'abc'), [c for c in b'\x00\xff'], sum(b'\x01\x02\x03'))
print(b'o' in data, 111 in data, b'xyz' in data, 0 in data, b'' in data)
print(b'ab' + b'cd', b'ab' * 3, 2 * b'xy', b'ab' * 0, b'ab' * -1)
print(b'abc' == b'abc', b'abc' != b'abd', b'abc' < b'abd', b'ab' < b'abc', b'b' > b'abc', b'a' <= b'a', b'a' >= b'b')
print(b'abc' == 'abc', b'1' == 1, b'abc' == bytearray(b'abc'))
print(hash(b'abc') == hash(b'abc'), {b'k': 1}[b'k'], len({b'a', b'a', b'b'}))
print(str(b'x'), repr(b'x'), f'{b"x"}', '%s' % b'y', '%r' % b'z', type(b'').__name__)
print(isinstance(b'', bytes), isinstance(b'', str), isinstance(bytearray(), bytes), type(b'ab') is bytes)
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes(b'copy'), bytes('é', 'utf-8'), bytes('x', encoding='ascii'))
print(bytes((1, 2)), bytes(bytearray(b'ba')), bytes(x for x in [104, 105]))
print(b'a,b,,c'.split(b','), b'  two  words '.split(), b'a b c'.split(None, 1), b'a,b,c'.rsplit(b',', 1))
print(b'x'.join([b'a', b'b', b'c']), b', '.join([b'one', bytearray(b'two')]), b''.join([]))
print(b'hello'.replace(b'l', b'L'), b'hello'.replace(b'l', b'L', 1), b'ab'.replace(b'', b'-'))
print(b'  pad  '.strip(), b'  pad  '.lstrip(), b'  pad  '.rstrip(), b'xxpadxx'.strip(b'x'))
print(b'Hello'.upper(), b'Hello'.lower(), b'123'.isdigit(), b'12a'.isdigit(), b'abc'.isalpha(), b'ab1'.isalnum())
print(b' \t\n'.isspace(), b''.isspace(), b'ok'.isascii(), b'\x80'.isascii(), b''.isascii(), b'ABC'.isupper(), b'abc'.islower(), b'\xe9'.isalpha())
print(data.find(b'o'), data.find(b'o', 5), data.rfind(b'o'), data.find(b'z'), data.find(111), data.index(b'world'))
print(data.count(b'o'), data.count(b'l', 3), data.count(b''), data.startswith(b'hell'), data.endswith((b'x', b'ld')))
print(data.startswith(b'world', 6), data.partition(b' '), data.rpartition(b'o'), data.partition(b'#'))
print(b'a\nb\r\nc\rd'.splitlines(), b'a\nb\n'.splitlines(True), b'prefix_x'.removeprefix(b'prefix_'), b'x.py'.removesuffix(b'.py'))
print(b'\x01\xab\xff'.hex(), b'\x01\xab\xff'.hex(':'), b'\x01\x02\x03\x04\x05'.hex(' ', 2), b'\x01\x02\x03'.hex('-', -2), b''.hex())
print(bytes.fromhex('de ad be ef'), bytes.fromhex('00FF'), bytearray.fromhex('4142'))
print(b'%s=%d (%x, %r)' % (b'key', 42, 255, b'v'), b'%5s|%-4d|%03d' % (b'ab', 7, 9), b'%b and %%' % b'x', b'%c%c' % (65, b'B'))
print(b'%(k)s=%(n)d' % {b'k': b'v', b'n': 3}, bytearray(b'[%s]') % bytearray(b'in'))
print(int.from_bytes(b'\x01\x00', 'big'), int.from_bytes(b'\x01\x00', 'little'), int.from_bytes(b'\xff\xfe', 'big', signed=True))
print(int.from_bytes(b'', 'big'), int.from_bytes([1, 2], 'big'), int.from_bytes(b'\x00' * 12 + b'\x07', 'big'), int.from_bytes(b'\xff' * 10, 'little', signed=True))
print((1024).to_bytes(2, 'big'), (1024).to_bytes(4, 'little'), (-2).to_bytes(2, 'big', signed=True), (255).to_bytes(1, 'big'), (5).to_bytes(10, 'big'))
print((0).to_bytes(0, 'big'), (9223372036854775807).to_bytes(8, 'big'), (-9223372036854775807 - 1).to_bytes(8, 'big', signed=True), int.from_bytes((9223372036854775807).to_bytes(8, 'big'), 'big'))
key = 'x'
for bad in [lambda: b'a' + 'b', lambda: 'a' + b'b', lambda: b'a' * 'b', lambda: b'abc'[5], lambda: b'abc'[key],
            lambda: bytes('abc'), lambda: bytes([256]), lambda: bytes([-1]), lambda: bytes(['a']), lambda: bytes(-1),
            lambda: bytes(1.5), lambda: 'a' in b'abc', lambda: 300 in b'abc', lambda: b'a' < 'b', lambda: b'x'.find('x'),
            lambda: b'a,b'.split(','), lambda: b'a'.startswith('a'), lambda: b''.join(['a']), lambda: b'x'.index(b'y'),
            lambda: bytes.fromhex('zz'), lambda: bytes.fromhex('abc'), lambda: (256).to_bytes(1, 'big'),
            lambda: (-1).to_bytes(1, 'big'), lambda: (128).to_bytes(1, 'big', signed=True), lambda: (1).to_bytes(1, 'middle'),
            lambda: b'%d' % b'x', lambda: b'%s' % 5, lambda: b'abc'.decode('no-such-codec'), lambda: b'x'.replace('x', 'y'),
            lambda: b''.hex('::')]:
    try:
        bad()
    except (TypeError, ValueError, IndexError, OverflowError, LookupError) as error:
        print(type(error).__name__ + ':', error)
