# str.encode and bytes.decode: utf-8, ascii and latin-1 with their aliases and error handlers,
# and UnicodeDecodeError / UnicodeEncodeError with CPython's texts and attributes.
text = 'naïve café – 東京 😀'
encoded = text.encode()
print(encoded, len(text), len(encoded))
print(encoded.decode(), encoded.decode('utf-8') == text, text.encode('utf8') == text.encode('UTF-8') == text.encode('utf_8'))
print('plain'.encode('ascii'), 'café'.encode('latin-1'), 'café'.encode('iso-8859-1'), 'café'.encode('latin1'))
print(b'caf\xe9'.decode('latin-1'), bytes(range(0xe0, 0xe6)).decode('latin1'), b'ascii only'.decode('ascii'))
print(text.encode('ascii', 'ignore'), text.encode('ascii', 'replace'), text.encode('ascii', errors='backslashreplace'))
print(text.encode('latin-1', 'replace'), 'a€b'.encode('ascii', 'xmlcharrefreplace'))
print(b'ok \xff\xfe end'.decode('utf-8', 'replace'), b'ok \xff\xfe end'.decode('utf-8', 'ignore'))
print(b'\xe2\x82 x'.decode('utf-8', 'replace'), b'caf\xc3'.decode(errors='replace'), b'a\x80b'.decode('ascii', 'backslashreplace'))
print(b'\xf0\x9f\x98'.decode('utf-8', 'replace'), b'\xed\xa0\x80'.decode('utf-8', 'replace'), b'\xc0\xaf'.decode('utf-8', 'replace'))
print(bytearray('ü', 'utf-8').decode(), str(b'\xc3\xbc', 'utf-8'), str(b'abc', encoding='ascii'))
print(issubclass(UnicodeDecodeError, UnicodeError), issubclass(UnicodeEncodeError, ValueError))

cases = [lambda: b'\xff'.decode(), lambda: b'ab\xc3'.decode('utf-8'), lambda: b'\xe2\x82x'.decode(),
         lambda: b'\xe0\x80\x80'.decode(), lambda: b'abc\x80'.decode('ascii'), lambda: 'é'.encode('ascii'),
         lambda: 'aé€😀b'.encode('ascii'), lambda: '€'.encode('latin-1'), lambda: 'x😀'.encode('latin-1'),
         lambda: 'x'.encode('no-such-codec'), lambda: b'\xff'.decode('utf-8', 'bogus')]
for case in cases:
    try:
        case()
    except UnicodeError as error:
        print(type(error).__name__ + ':', error)
        print('   ', error.encoding, error.object, error.start, error.end, error.reason, error.args)
    except LookupError as error:
        print(type(error).__name__ + ':', error)

try:
    b'caf\xc3(x'.decode()
except ValueError as error:
    print('caught as ValueError:', error, isinstance(error, UnicodeDecodeError))
made = UnicodeDecodeError('utf-8', b'\x80abc', 0, 1, 'invalid start byte')
print(made, repr(made.object), made.start, made.end)
print(UnicodeEncodeError('ascii', 'héllo', 1, 3, 'ordinal not in range(128)'))
