# Ints past 64 bits where a sequence wants an index: repetition raises CPython's OverflowError,
# a slice bound or step is clamped as CPython clamps it.
B = 2 ** 100
for bad in [lambda: 'ab' * B, lambda: B * 'ab', lambda: [1] * B, lambda: (1,) * B, lambda: b'a' * B, lambda: bytearray(b'a') * B,
            lambda: 'ab' * -B, lambda: [1] * -B, lambda: (2 ** 64) * (1, 2), lambda: 'ab' * 2.0]:
    try:
        bad()
    except (OverflowError, TypeError) as error:
        print(type(error).__name__ + ':', error)
x = [1]
try:
    x *= B
except OverflowError as error:
    print('OverflowError:', error, x)
print('ab' * True, [0] * False, 'ab' * -3)
B = 2 ** 100
print([1, 2, 3][B:], [1, 2, 3][-B:], [1, 2, 3][:B], [1, 2, 3][::B], [1, 2, 3][::-B], 'abc'[-B::-1], [1, 2, 3][1:-B:-1])
print(b'abc'[B:], b'abc'[::B], (1, 2, 3)[-B:B:2 ** 70], 'abcdef'[2::2 ** 62], [1, 2, 3][2::2 ** 63 - 1])
x = [1, 2, 3]
x[B:] = [9]
print(x)
del x[:B]
print(x)


def assign_extended():
    empty = []
    empty[::B] = [1]


for bad in [lambda: [1, 2][B], lambda: 'ab'[-B], lambda: b'ab'[B], lambda: bytearray(b'ab')[-B], assign_extended]:
    try:
        bad()
    except (IndexError, ValueError) as error:
        print(type(error).__name__ + ':', error)
