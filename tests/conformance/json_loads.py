# json.loads: every JSON value, hooks, and JSONDecodeError with CPython's msg, pos, lineno
# and colno.
import json

doc = '''
{
  "tool": "get_weather",
  "arguments": {"city": "Z\\u00fcrich", "days": 3, "units": null, "alerts": true, "ratio": 0.5},
  "history": [1, -2, 3.25, 1e3, 2E-2, -0.0, 12345678901234, "\\ud83e\\udd16", "tab\\tnew\\nline \\"q\\" \\\\ \\/"],
  "nested": [[[]], {}, [{"a": [false]}]]
}
'''
call = json.loads(doc)
print(call)
print(call["arguments"]["city"], type(call["history"][3]).__name__, type(call["history"][0]).__name__)
print(json.loads("[NaN, Infinity, -Infinity]"))
print(json.loads('{"a": 1, "a": 2, "b": 3}'))
print(json.loads('  "plain"  '), json.loads("17"), json.loads("-4.5e-1"), json.loads("true"), json.loads("null"))
print(json.loads('{"x": 1.5, "y": 2}', parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads('{"x": {"y": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=list))
print(json.loads("[NaN]", parse_constant=lambda name: "constant " + name))
print(json.loads('"a\tb"', strict=False))
text = json.dumps({"round": [0.1, 1 / 3, 1e300, 5e-324]})
print(text, json.loads(text) == {"round": [0.1, 1 / 3, 1e300, 5e-324]})

bad = ["", "   ", "[", "[1,", "[1,]", "[1 2]", "{", '{"a"', '{"a":', '{"a":1,}', '{"a" 1}', "{1: 2}",
       '"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '"a\tb"', "nul", "-", "-x", "01", "1.", "1e", "[1] x",
       ' \n  [\n1,\n  ]', '{"é": "ü" x}', "[true, fals]", '\ufeff[]', '{"tool": "search", "args": {"q": "x",}}']
for text in bad:
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        print(json.dumps(text), "->", e, "|", repr(e.msg), e.pos, e.lineno, e.colno, e.doc == text)

try:
    json.loads("{oops}")
except ValueError as e:
    print(type(e).__name__, isinstance(e, json.JSONDecodeError), e.args)
try:
    json.loads(42)
except TypeError as e:
    print("TypeError:", e)
try:
    json.loads(None)
except TypeError as e:
    print("TypeError:", e)
