# int.to_bytes and int.from_bytes past 64 bits: any length, both byte orders, signed or not,
# the 3.11 defaults (length 1, 'big') and CPython's OverflowError texts.
n = 2 ** 100 + 12345
for order in ('big', 'little'):
    data = n.to_bytes(13, order)
    print(order, data.hex(), int.from_bytes(data, order) == n)
print((2 ** 64).to_bytes(9), (2 ** 128 - 1).to_bytes(16, 'little').hex(), (0).to_bytes(20).hex())
print((-(2 ** 71)).to_bytes(9, 'big', signed=True).hex(), (-(2 ** 100) - 1).to_bytes(16, 'little', signed=True).hex())
print((2 ** 71 - 1).to_bytes(9, signed=True).hex(), (-1).to_bytes(12, signed=True).hex(), (-1).to_bytes(0, signed=True))
print((5).to_bytes(), (255).to_bytes(byteorder='little'), (300).to_bytes(length=3, byteorder='little', signed=True))
print(int.from_bytes(b'\x01' + b'\x00' * 16), int.from_bytes(b'\xff' * 20, 'little'), int.from_bytes(b'\xff' * 20, signed=True))
print(int.from_bytes(b'\x80' + b'\x00' * 15, 'big', signed=True), int.from_bytes(b'\x00' * 15 + b'\x80', 'little', signed=True))
print(int.from_bytes(bytearray(b'\x7f' + b'\xff' * 10), signed=True), int.from_bytes([1] * 12, 'little'), int.from_bytes(b''))
big = 3 ** 200
size = (big.bit_length() + 7) // 8
print(size, int.from_bytes(big.to_bytes(size, 'little'), 'little') == big, int.from_bytes((-big).to_bytes(size + 1, signed=True), signed=True) == -big)
for value, length, signed in [(2 ** 64, 8, False), (2 ** 71, 9, True), (-(2 ** 71) - 1, 9, True), (-(2 ** 100), 20, False),
                              (1, 0, True), (-2, 0, True), (2 ** 200, 2 ** 100, False)]:
    try:
        value.to_bytes(length, 'big', signed=signed)
    except OverflowError as error:
        print('OverflowError:', error)
