# The re module's functions, Pattern attributes and Match methods, one at a time.
import re

print(re.match(r"\d+", "123abc"))
print(re.match(r"\d+", "abc123"))
print(re.search(r"\d+", "abc123def"))
print(re.fullmatch(r"[a-z]+", "hello"), re.fullmatch(r"[a-z]+", "hello!"))
print(re.findall(r"\w+", "one, two;three"))
print(re.findall(r"(\w)(\d)", "a1 b2 c"))
print(re.findall(r"(\w+)=(\d+)?", "x=1 y= z=3"))
print([m.span() for m in re.finditer(r"o", "foo boo")])
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@home you@work"))
print(re.sub(r"(?P<word>\w+)", r"<\g<word>>", "a bc"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c9"))
print(re.sub(r"a", "-", "banana", count=2))
print(re.subn(r"a", "-", "banana"))
print(re.split(r",\s*", "a, b,c,   d"))
print(re.split(r"(,)", "a,b,c"))
print(re.split(r",", "a,b,c,d", maxsplit=2))
print(re.escape("1+1=2? (yes) [a-z] $5.00"))
print(re.sub(r"\\n", "\\\\t", r"line\nline"))

pattern = re.compile(r"(?P<key>\w+):\s*(?P<value>[^;]+)", re.IGNORECASE)
print(pattern)
print(repr(re.compile("a+")), repr(re.compile("x", re.M | re.S)))
print(pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex)
print(pattern.search("Name: Ada; Age: 36"))
print(pattern.search("Name: Ada; Age: 36", 10))
print(pattern.match("Name: Ada; Age: 36", 11))
print(pattern.match("Name: Ada; Age: 36", 0, 4))
print(pattern.findall("Name: Ada; Age: 36"))
print(re.compile(r"\d").findall("1a2b3c", 1, 4))

m = re.search(r"(?P<first>\w+) (?P<last>\w+)(?P<title>, \w+)?", "Ada Lovelace")
print(m.group(), m.group(0), m.group(1), m.group("last"))
print(m.group(1, "last", 0))
print(m.groups(), m.groups("-"))
print(m.groupdict(), m.groupdict(default="none"))
print(m.start(), m.end(), m.span(), m.start(2), m.end("first"), m.span("title"))
print(m[0], m[1], m["last"], m[3])
print(m.expand(r"\g<last>, \1 (\g<2>)"))
print(m.lastindex, m.lastgroup)
print(m.string, m.re.pattern, m.pos, m.endpos)
print(bool(m), m.re is re.compile(r"(?P<first>\w+) (?P<last>\w+)(?P<title>, \w+)?"))
m = re.match(r"(a)(b)?", "ac")
print(m.lastindex, m.lastgroup, m.regs)
m = re.match(r"(a(b))", "ab")
print(m.lastindex)
if re.match(r"x", "y") is None:
    print("no match is None")
try:
    m.group(5)
except IndexError as e:
    print("IndexError:", e)
try:
    m.group("nope")
except IndexError as e:
    print("IndexError:", e)
try:
    re.compile("(a")
except re.error as e:
    print("re.error:", e, "|", e.msg, e.pos, e.pattern, e.lineno, e.colno)
try:
    re.compile("a\n(b")
except re.error as e:
    print("re.error:", e, "|", e.lineno, e.colno)
print(re.IGNORECASE == 2, re.M | re.S == 24, re.X == re.VERBOSE, re.A == 256, re.I == re.IGNORECASE)
re.purge()
print(re.compile("z", re.A).flags, re.compile("z").flags, re.compile("(?i)z").flags)
print(type(re.compile("a")), type(re.match("a", "a")), re.error.__name__, issubclass(re.error, Exception))
