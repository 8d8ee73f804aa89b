# Big ints to and from text: str, repr, int(str, base), hex/oct/bin, format specs, json.
import json

n = 2 ** 128 - 1
print(str(n), repr(-n), hex(n), oct(n), bin(2 ** 70), hex(-(2 ** 80)))
print(int("123456789012345678901234567890"), int("-99999999999999999999"), int("  +1_000_000_000_000_000_000_000  "))
print(int("ffffffffffffffffffffffff", 16), int("0x" + "f" * 30, 0), int("1" * 70, 2), int("zzzzzzzzzzzzzzz", 36))
print(int("-0b" + "1" * 65, 0), int("777777777777777777777777", 8))
print(f"{n:d}", f"{n:,}", f"{n:_}", f"{n:x}", f"{n:#X}", f"{n:_x}", f"{-n:>50}", f"{n:050,}")
print(f"{2 ** 70:e}", f"{2 ** 70:.3f}", f"{2 ** 70:b}", format(10 ** 20, "+d"), "%d %x %s" % (10 ** 20, 2 ** 70, 3 ** 50))
print(len(str(10 ** 4299)), len(str(-(10 ** 4299))), str(2 ** 10000)[:20], hex(2 ** 20000)[-5:])
try:
    str(10 ** 4300)
except ValueError as e:
    print(e)
try:
    int("7" * 4301)
except ValueError as e:
    print(e)
print(len(str(int("7" * 4300))))
try:
    int("12x45678901234567890123", 10)
except ValueError as e:
    print(e)
print(json.dumps({"id": 2 ** 80, "list": [10 ** 25, -(10 ** 25)], 2 ** 70: 1}))
data = json.loads('{"big": 123456789012345678901234567890, "neg": -98765432109876543210, "small": 5}')
print(data, type(data["big"]).__name__, data["big"] + 1)
print(json.loads(json.dumps(2 ** 200)) == 2 ** 200)
print(0xFFFFFFFFFFFFFFFFFFFF, 0o7777777777777777777777777, 0b1_0000000000000000000000000000000000000000000000000000000000000000)
print(-9223372036854775808, 9223372036854775808, type(9223372036854775808 - 1).__name__)
