# ExceptionGroup and BaseExceptionGroup: split, subgroup and derive (by type, tuple of types or
# predicate), nested groups, their repr and str, and how except* takes nested groups apart.


def show(label, value):
    print(f"{label}: {value!r}")


leaf_value = ValueError("bad value")
leaf_type = TypeError("bad type")
leaf_key = KeyError("missing")
inner = ExceptionGroup("inner", [ValueError("nested value"), leaf_key])
eg = ExceptionGroup("outer", [leaf_value, leaf_type, inner])

show("eg", eg)
print("str:", str(eg))
print("message:", eg.message)
print("exceptions:", eg.exceptions)
print("args:", eg.args)
print("is Exception:", isinstance(eg, Exception), "is BaseExceptionGroup:", isinstance(eg, BaseExceptionGroup))

match, rest = eg.split(ValueError)
show("split ValueError match", match)
show("split ValueError rest", rest)
print("leaves kept:", match.exceptions[0] is leaf_value, rest.exceptions[0] is leaf_type)
print("nesting kept:", type(match.exceptions[1]).__name__, match.exceptions[1].message)

match, rest = eg.split((TypeError, KeyError))
show("split tuple match", match)
show("split tuple rest", rest)

match, rest = eg.split(lambda e: "nested" in str(e))
show("split predicate match", match)
show("split predicate rest", rest)

show("split everything", eg.split(Exception))
print("whole group returned:", eg.split(Exception)[0] is eg)
show("split nothing", eg.split(OSError))
print("untouched group returned:", eg.split(OSError)[1] is eg)

show("subgroup ValueError", eg.subgroup(ValueError))
show("subgroup predicate", eg.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner"))
show("subgroup none", eg.subgroup(ZeroDivisionError))

derived = eg.derive([TypeError("t")])
show("derive", derived)
print("derive keeps message:", derived.message)
show("derive base", eg.derive([KeyboardInterrupt()]))

base = BaseExceptionGroup("base", [ValueError(1), KeyboardInterrupt()])
show("base", base)
print("base split:", base.split(KeyboardInterrupt))
show("BaseExceptionGroup of Exceptions", BaseExceptionGroup("b", [ValueError(2)]))

for bad in [1, "x", (ValueError, 3)]:
    try:
        eg.split(bad)
    except TypeError as error:
        print(f"split({bad!r}):", error)

try:
    ExceptionGroup("nope", [KeyboardInterrupt()])
except TypeError as error:
    print(error)
try:
    ExceptionGroup("nope", [1])
except ValueError as error:
    print(error)


# except* on nested groups: the ValueError inside the nested group is caught, and the rest is
# raised again as a group with the same nesting.
def handle(group):
    try:
        raise group
    except* ValueError as caught:
        show("  caught ValueErrors", caught)
    except* TypeError as caught:
        show("  caught TypeErrors", caught)


try:
    handle(eg)
except ExceptionGroup as left:
    show("left over", left)
    print("left over nesting:", type(left.exceptions[0]).__name__, left.exceptions[0].message)
    print("same leaf:", left.exceptions[0].exceptions[0] is leaf_key)

try:
    handle(ExceptionGroup("deep", [ExceptionGroup("l1", [ExceptionGroup("l2", [ValueError("v"), OSError("o")])])]))
except ExceptionGroup as left:
    show("deep left over", left)

try:
    try:
        raise ExceptionGroup("all", [ValueError(1), TypeError(2)])
    except* Exception as whole:
        show("whole group", whole)
        print("same object:", whole.exceptions[0].args)
except Exception as error:
    print("not reached", error)


class TaggedGroup(ExceptionGroup):
    def derive(self, excs):
        return TaggedGroup(self.message + "+", excs)


tg = TaggedGroup("tagged", [ValueError(1), TypeError(2)])
match, rest = tg.split(ValueError)
print(type(match).__name__, match.message, type(rest).__name__, rest.message)
try:
    handle(TaggedGroup("t", [ValueError("x"), ZeroDivisionError("z")]))
except ExceptionGroup as left:
    print("tagged left over:", type(left).__name__, repr(left))

cause = RuntimeError("cause")
try:
    try:
        raise ExceptionGroup("with cause", [ValueError(1), OSError(2)]) from cause
    except* ValueError:
        pass
except ExceptionGroup as left:
    print("cause kept:", left.__cause__ is cause, repr(left))

# What except* raises again is always a new group cut from the original, even when no
# clause matched, made by the original's derive().
original = ExceptionGroup("x", [OSError(), ExceptionGroup("y", [KeyError()])])
try:
    try:
        raise original
    except* ValueError:
        pass
except ExceptionGroup as left:
    print("new group:", left is not original, repr(left))
    print("nested group new too:", left.exceptions[1] is not original.exceptions[1])
    print("leaves the same:", left.exceptions[0] is original.exceptions[0])


class Noisy(ExceptionGroup):
    def derive(self, excs):
        print("  derive", excs)
        return Noisy(self.message + "+", excs)


try:
    try:
        raise Noisy("n", [ValueError("x"), ZeroDivisionError("z"), TypeError()])
    except* ValueError:
        print("  values")
    except* TypeError:
        print("  types")
except ExceptionGroup as left:
    print("noisy left over:", type(left).__name__, repr(left))


# A clause that raises does not stop the later clauses; what they raised comes out together
# with the unhandled rest, and a bare `raise` gives back the clause's own part.
def clauses(group):
    try:
        raise group
    except* ValueError:
        print("  value clause raises KeyError")
        raise KeyError("from the value clause")
    except* TypeError as types:
        print("  type clause re-raises", repr(types))
        raise
    except* OSError:
        print("  os clause handles it")


for group in [
    ExceptionGroup("g1", [ValueError(1), TypeError(2), OSError(3)]),
    ExceptionGroup("g2", [TypeError(2), ExceptionGroup("sub", [TypeError(3), ZeroDivisionError()])]),
    ExceptionGroup("g3", [OSError(1)]),
    ExceptionGroup("g4", [ValueError(1), ZeroDivisionError()]),
]:
    try:
        clauses(group)
        print(group.message, "fully handled")
    except BaseException as left:
        print(group.message, "->", repr(left))

for naked in [ValueError("naked value"), TypeError("naked type"), OSError("naked os"), KeyError("naked key")]:
    try:
        clauses(naked)
        print(repr(naked), "handled")
    except BaseException as left:
        print(repr(naked), "->", repr(left))


async def fetch(name, delay, error=None):
    import asyncio
    await asyncio.sleep(delay)
    if error:
        raise error
    return name


async def crawl():
    import asyncio
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch("a", 0.1, ValueError("bad page a")))
            group.create_task(fetch("b", 0.2, ConnectionError("reset b")))
            group.create_task(fetch("c", 0.3))
    except* ValueError as bad:
        print("bad pages:", [str(e) for e in bad.exceptions])
    except* ConnectionError as lost:
        print("lost connections:", lost.exceptions)


import asyncio

asyncio.run(crawl())
