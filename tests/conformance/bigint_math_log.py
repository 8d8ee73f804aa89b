# math.log, log2 and log10 take ints of any size, past float range too, as CPython does.
import math

B = 2 ** 100
print(math.log(10 ** 400), math.log2(2 ** 5000), math.log10(10 ** 1000), math.log(2 ** 1024), math.log(2 ** 1023))
print(math.log(10 ** 400, 10), math.log(2 ** 2000, 2 ** 1000), math.log(3 ** 1000, 3.0), math.log(B), math.log10(B), math.log2(B + 1))
print(math.log(10 ** 400 + 1) == math.log(10 ** 400), math.log2(2 ** 100000), math.log10(7 ** 3000))
for bad in [lambda: math.log(-(10 ** 400)), lambda: math.log2(-(2 ** 2000)), lambda: math.log10(0), lambda: math.log(10 ** 400, 1)]:
    try:
        bad()
    except (ValueError, ZeroDivisionError) as error:
        print(type(error).__name__ + ':', error)
