# bytearray: the mutable bytes, changed in place by item and slice assignment, deletion,
# its list-like methods and +=; everything bytes has, returning bytearrays.
buf = bytearray(b'hello')
print(buf, len(buf), buf[0], buf[-1], buf[1:3], type(buf[1:3]).__name__)
buf[0] = 72
buf[-1] = ord('O')
print(buf)
buf[1:3] = b'EY'
print(buf)
buf[1:3] = b'abcdef'
print(buf)
buf[::2] = b'XXXXX'
print(buf)
buf[2:2] = [33, 34]
print(buf)
del buf[0]
del buf[-2:]
del buf[::3]
print(buf)
buf.append(0x41)
buf.extend(b'BC')
buf.extend([68, 69])
buf.extend(bytearray(b'F'))
buf.insert(0, 0x5f)
buf.insert(-1, 0x2d)
buf.insert(100, 0x2e)
print(buf)
print(buf.pop(), buf.pop(0), buf)
buf.remove(0x41)
print(buf)
buf += b'++'
buf += bytearray(b'ba')
print(buf)
alias = buf
alias *= 2
print(buf, buf is alias)
buf.reverse()
print(buf)
copy = buf.copy()
buf.clear()
print(buf, copy, len(buf), bool(buf))
print(bytearray(), bytearray(3), bytearray([1, 2, 255]), bytearray('é', 'utf-8'), bytearray(b'it\'s "x"'))
print(bytearray(b'ab') + b'cd', b'ab' + bytearray(b'cd'), bytearray(b'xy') * 2, bytearray(b'ab') == b'ab', b'ab' == bytearray(b'ab'))
print(bytearray(b'abc') < b'abd', bytearray(b'a b').split(), bytearray(b'x').join([b'1', b'2']), bytearray(b'Hi').upper())
print(bytearray(b'  s ').strip(), bytearray(b'a=b').partition(b'='), bytearray(b'abc').replace(b'b', b'B'), bytearray(b'\x10\x20').hex())
print(list(bytearray(b'\x01\x02')), 2 in bytearray(b'\x01\x02'), bytearray(b'caf\xc3\xa9').decode(), isinstance(bytearray(), bytearray))
print(bytes(bytearray(b'frozen')), bytearray(b'a') in [b'a'], {b'k': 1}.get(bytes(bytearray(b'k'))))
print(bytearray(b'%s-%d') % (b'n', 5), str(bytearray(b'q')), f'{bytearray(b"r")!r}')
index = 'x'


def store(target, key, value):
    target[key] = value


for bad in [lambda: hash(bytearray(b'x')), lambda: {bytearray(b'x'): 1}, lambda: store(bytearray(b'ab'), 0, 256),
            lambda: store(bytearray(b'ab'), 5, 1), lambda: bytearray(b'ab')[index], lambda: bytearray().pop(),
            lambda: bytearray(b'a').remove(98), lambda: bytearray(b'a').append(-1), lambda: bytearray(b'a').append('b'),
            lambda: bytearray(b'a') + 'b', lambda: bytearray(1.5), lambda: store(bytearray(b'abcd'), slice(None, None, 2), b'xyz'),
            lambda: store(bytearray(b'ab'), slice(0, 1), 5), lambda: bytearray(b'x').extend('ab'), lambda: store(b'ab', 0, 1),
            lambda: store(bytearray(b'ab'), 0, 'a')]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as error:
        print(type(error).__name__ + ':', error)
try:
    b = b'immutable'
    b[0] = 1
except TypeError as error:
    print('TypeError:', error)
try:
    b = b'immutable'
    del b[0]
except TypeError as error:
    print('TypeError:', error)
