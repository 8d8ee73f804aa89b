"""uuid: UUID and uuid4. The random bits come from a generator of the run's own, seeded the same
on every run (CPython reads os.urandom): a lesson shows the same ids each time, and the random
module's sequence is left as CPython leaves it."""
import random as _random

_generator = _random.Random(0x5EED)

RESERVED_NCS, RFC_4122, RESERVED_MICROSOFT, RESERVED_FUTURE = [
    'reserved for NCS compatibility', 'specified in RFC 4122',
    'reserved for Microsoft compatibility', 'reserved for future definition']


class UUID:
    def __init__(self, hex=None, *, version=None):
        if hex is None:
            raise TypeError('one of the hex, bytes, bytes_le, fields, or int arguments must be given')
        text = hex.replace('urn:', '').replace('uuid:', '').strip('{}').replace('-', '').lower()
        if len(text) != 32 or any(c not in '0123456789abcdef' for c in text):
            raise ValueError('badly formed hexadecimal UUID string')
        if version is not None:
            text = text[:12] + '%x' % version + text[13:16] + '%x' % (8 | (int(text[16], 16) & 3)) + text[17:]
        self.hex = text

    def __str__(self):
        h = self.hex
        return f'{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}'

    def __repr__(self):
        return f"UUID('{self}')"

    def __eq__(self, other):
        return isinstance(other, UUID) and self.hex == other.hex

    def __lt__(self, other):
        return self.hex < other.hex

    def __hash__(self):
        return hash(self.hex)

    @property
    def urn(self):
        return 'urn:uuid:' + str(self)

    @property
    def version(self):
        if self.variant == RFC_4122:
            return int(self.hex[12], 16)
        return None

    @property
    def variant(self):
        top = int(self.hex[16], 16)
        if not top & 8:
            return RESERVED_NCS
        if not top & 4:
            return RFC_4122
        if not top & 2:
            return RESERVED_MICROSOFT
        return RESERVED_FUTURE


def uuid4():
    parts = ['%08x' % _generator.getrandbits(32) for _ in range(4)]
    return UUID(''.join(parts), version=4)


NAMESPACE_DNS = UUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8')
NAMESPACE_URL = UUID('6ba7b811-9dad-11d1-80b4-00c04fd430c8')
