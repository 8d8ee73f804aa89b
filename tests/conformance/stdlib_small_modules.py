"""operator, string, textwrap, io.StringIO, os.getenv, uuid: the small modules tutorials use."""
import io
import operator
import os
import string
import sys
import textwrap
import uuid
from operator import attrgetter, itemgetter, methodcaller
from string import Template

rows = [{"name": "b", "score": 3}, {"name": "a", "score": 5}, {"name": "c", "score": 3}]
print(sorted(rows, key=itemgetter("score", "name")))
print(list(map(itemgetter(1), [(1, "x"), (2, "y")])), itemgetter(0, -1)("hello"))


class Tool:
    def __init__(self, name, owner):
        self.name, self.owner = name, owner


class Owner:
    def __init__(self, team):
        self.team = team


tools = [Tool("search", Owner("web")), Tool("calc", Owner("math"))]
print([attrgetter("name")(t) for t in tools], attrgetter("owner.team", "name")(tools[0]))
print(methodcaller("split", ",")("a,b,c"), methodcaller("replace", "a", b="x") if False else "skip")
print(operator.add(2, 3), operator.mul("ab", 2), operator.truediv(7, 2), operator.floordiv(7, 2),
      operator.neg(4), operator.not_(0), operator.eq(1, 1.0), operator.contains([1, 2], 2),
      operator.getitem({"k": 9}, "k"), operator.abs(-3), operator.pow(2, 10), operator.mod(7, 3))
print(itemgetter(1), attrgetter("a.b"))

print(string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits)
print(string.punctuation, len(string.printable), repr(string.whitespace))
print(string.capwords("hello   big world"), string.capwords("a-b-c", "-"))
t = Template("Hello $name, you have ${count} new $$messages from $sender")
print(t.substitute(name="Ada", count=3, sender="bot"))
print(t.substitute({"name": "Bob", "count": 0}, sender="me"))
print(t.safe_substitute(name="Cy"))
print(t.get_identifiers(), t.is_valid(), Template("$ 5").is_valid())
try:
    t.substitute(name="x")
except KeyError as e:
    print("KeyError", e)
try:
    Template("cost: $5").substitute()
except ValueError as e:
    print("ValueError", e)

prompt = """
    You are a helpful agent.
      Use tools when needed.

    Answer briefly.
"""
print(repr(textwrap.dedent(prompt)))
print(textwrap.indent("line one\nline two\n\nline four", "> "))
text = ("Awaitscope shows asyncio programs as timelines: every task, await and blocking call "
        "is recorded with its script line, so a long-running tool call stands out at once.")
print(textwrap.fill(text, width=40))
print(textwrap.wrap(text, 25)[:3])
print(textwrap.fill(text, width=30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, width=50))
print(textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello world", width=11))
print(textwrap.shorten(text, width=60, placeholder="..."))
print(textwrap.wrap("supercalifragilisticexpialidocious word", 10))

buffer = io.StringIO()
buffer.write("first line\n")
print("second line", file=buffer)
print("a", "b", sep="-", end="!\n", file=buffer)
print(repr(buffer.getvalue()), buffer.tell())
reader = io.StringIO("alpha\nbeta\ngamma")
print(reader.readline(), end="")
print(reader.read(3), reader.readlines())
reader.seek(0)
print([line.strip() for line in reader])
with io.StringIO("context") as s:
    print(s.read())
print(s.closed)

print(os.getenv("AWAITSCOPE_SURELY_UNSET", "default"), os.environ.get("AWAITSCOPE_SURELY_UNSET"))
print("AWAITSCOPE_SURELY_UNSET" in os.environ)

u = uuid.uuid4()
print(type(u).__name__, len(str(u)), str(u)[14], str(u)[19] in "89ab", u.version, len(u.hex))
print(u == uuid.UUID(str(u)), uuid.uuid4() != u)
fixed = uuid.UUID("12345678-1234-5678-1234-567812345678")
print(fixed, repr(fixed), fixed.hex, fixed.urn)
print(sys.version_info[0])

import os.path
from os.path import join, splitext
print(os.path.join("data", "runs", "run1.json"), join("/abs", "x", "/root", "y"), os.path.join("a/", "b"))
print(os.path.basename("/tmp/logs/agent.log"), os.path.dirname("/tmp/logs/agent.log"), os.path.split("a/b/c.txt"))
print(splitext("report.final.md"), splitext(".bashrc"), splitext("dir.d/file"), os.path.normpath("a//b/./c/../d"))
print(os.path.isabs("/x"), os.path.isabs("x"), os.path.commonprefix(["/usr/lib", "/usr/local"]), os.sep)
