"""except* splits exception groups; what no clause matches is raised again."""


def check(group):
    try:
        raise group
    except* ValueError as eg:
        print("values:", repr(eg))
    except* TypeError as eg:
        print("types:", repr(eg))


check(ExceptionGroup("batch", [ValueError(1), TypeError(2), ValueError(3)]))
check(ExceptionGroup("only values", [ValueError("v")]))
try:
    check(ExceptionGroup("mixed", [ValueError(1), KeyError("k")]))
except ExceptionGroup as rest:
    print("left over:", repr(rest))
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("wrapped:", repr(eg), eg.message == "")
try:
    try:
        raise KeyError("plain")
    except* ValueError:
        print("not reached")
except KeyError as error:
    print("unmatched naked error passes through:", repr(error))
eg = ExceptionGroup("outer", [ValueError("a"), TypeError("b")])
print(str(eg), eg.message, eg.exceptions, repr(eg))
try:
    ExceptionGroup("empty", [])
except ValueError as error:
    print(error)
