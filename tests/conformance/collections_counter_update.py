"""Counter counting an iterable: a string, a generator, a subclass whose __setitem__ sees every count, and a bad argument."""
from collections import Counter
c = Counter("abracadabra")
c.update(x for x in "aab")
print(c, c.most_common(2))
class C(Counter):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
C("ab")
try:
    Counter(5)
except TypeError as e:
    print(e)
