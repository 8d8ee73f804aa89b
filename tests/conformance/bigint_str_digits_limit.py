# sys.set_int_max_str_digits: the limit on decimal text of ints, set for the rest of the run
# (0: none), with CPython's errors for a limit it refuses; bases that are powers of two are
# never limited.
import sys

print(sys.get_int_max_str_digits())
big = 10 ** 5000
try:
    str(big)
except ValueError as error:
    print(error)
sys.set_int_max_str_digits(0)
print(sys.get_int_max_str_digits(), len(str(big)), len(repr(-big)), int('9' * 6000) % 1000, len(f'{big:,}'))
sys.set_int_max_str_digits(640)
print(sys.get_int_max_str_digits(), len(str(10 ** 639)), len(str(int('7' * 640))))
for convert in [lambda: str(10 ** 640), lambda: int('7' * 641), lambda: '%d' % (10 ** 700), lambda: f'{10 ** 700}', lambda: int('1' * 700, 7)]:
    try:
        convert()
    except ValueError as error:
        print(error)
print(len(hex(10 ** 700)), int('f' * 2000, 16) == 16 ** 2000 - 1, len(bin(big)))
sys.set_int_max_str_digits(maxdigits=5000)
print(sys.get_int_max_str_digits(), len(str(10 ** 4999)))
for bad in [lambda: sys.set_int_max_str_digits(639), lambda: sys.set_int_max_str_digits(-1), lambda: sys.set_int_max_str_digits(1),
            lambda: sys.set_int_max_str_digits('a'), lambda: sys.set_int_max_str_digits(1.5), lambda: sys.set_int_max_str_digits(2 ** 100),
            lambda: sys.set_int_max_str_digits(2 ** 40)]:
    try:
        bad()
    except (ValueError, TypeError, OverflowError) as error:
        print(type(error).__name__ + ':', error)
print(sys.get_int_max_str_digits())
