"""re.finditer hands out matches one at a time (a loop that stops early pays for no more), a
pattern's groupindex is a read-only mappingproxy, and types.MappingProxyType is the same view."""
import re
import types

reply = "call search(q=cats) then call fetch(url=x) STOP call delete(all=yes)"
CALL = re.compile(r"call (?P<tool>\w+)\((?P<key>\w+)=(?P<value>\w+)\)|(?P<stop>STOP)")

calls = CALL.finditer(reply)
print(type(calls).__name__ in ("callable_iterator", "generator"), iter(calls) is calls)
for match in calls:
    if match.group("stop"):
        print("stopped at", match.start())
        break
    print(match.lastgroup, match.group("tool"), match.groupdict())
print("left unread:", [m.group(0) for m in calls])

print(CALL.groupindex, repr(CALL.groupindex), len(CALL.groupindex), list(CALL.groupindex))
print(CALL.groupindex["value"], "tool" in CALL.groupindex, CALL.groupindex.get("nope", 0))


def rename_group():
    CALL.groupindex["x"] = 9


def forget_group():
    del CALL.groupindex["tool"]


for change in [rename_group, forget_group, lambda: CALL.finditer(42)]:
    try:
        change()
    except TypeError as error:
        print("TypeError:", error)

settings = types.MappingProxyType({"model": "small", "temperature": 0.2})
print(settings, repr(settings), type(settings), settings == {"model": "small", "temperature": 0.2})
print(settings | {"seed": 1}, sorted(settings.items()), settings.copy())
try:
    settings["model"] = "large"
except TypeError as error:
    print("TypeError:", error)
try:
    types.MappingProxyType([1, 2])
except TypeError as error:
    print("TypeError:", error)


# CPython words a refused deletion by the path it took: an index into a sequence-like object
# "doesn't", anything else "does not".
class Empty:
    pass


for target, key in [((1, 2), 0), ("ab", 0), (5, 0), (Empty(), 0), (Empty(), "k"), (settings, "model"),
                    (None, 0), (range(3), 1), ((1,), "x")]:
    try:
        del target[key]
    except TypeError as error:
        print("TypeError:", error)
