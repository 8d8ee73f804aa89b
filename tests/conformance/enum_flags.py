"""enum.Flag and IntFlag: members combined with | & ^ ~, composites named as 3.11 names them, iteration, in, auto() powers of two and IntFlag as an int. (A value outside a Flag is a
bad-script row: Debian's 3.11.2 returned an empty member where later 3.11 releases raise.)"""
from enum import Flag, IntFlag, auto


class Perm(Flag):
    R = 4
    W = 2
    X = 1


class Tool(Flag):
    SEARCH = auto()
    CALC = auto()
    FETCH = auto()
    ALL = SEARCH | CALC | FETCH


class Mode(IntFlag):
    READ = 1
    WRITE = 2


rw = Perm.R | Perm.W
print(Perm.R, repr(Perm.R), rw, repr(rw), Perm(6), repr(Perm(0)), str(Perm(0)))
print(Perm.R in rw, Perm.X in rw, bool(Perm(0)), bool(rw), list(rw), len(rw), len(Perm))
print(~Perm.R, repr(~rw), rw & Perm.W, rw ^ Perm.R, rw.value, rw.name, Perm(0).name)
print(list(Perm), list(Tool), Tool.ALL, repr(Tool.ALL), [t.value for t in Tool])
print(Tool.SEARCH | Tool.FETCH, Tool(3), Tool.ALL in Tool.ALL, Tool.CALC in Tool.ALL)
print(Mode.READ, repr(Mode.READ), Mode.READ | Mode.WRITE, repr(Mode.READ | Mode.WRITE), Mode.READ | 4, repr(Mode.READ | 4))
print(Mode.READ + 1, Mode.WRITE == 2, int(Mode.READ | Mode.WRITE), f"{Mode.WRITE}", f"{Perm.R}", format(rw))
print(Perm["W"], Perm(1) is Perm.X, isinstance(rw, Perm), type(rw).__name__, rw == Perm(6), hash(rw) == hash(Perm(6)))
for p in Perm.R | Perm.X:
    print("member", p.name)
