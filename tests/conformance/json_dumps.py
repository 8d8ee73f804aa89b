# json.dumps: CPython's separators, indentation, escaping, float reprs and errors.
import json

data = {"name": "search", "args": {"query": "weather in Paris", "limit": 5}, "score": 0.1 + 0.2,
        "tags": ["fast", "cheap"], "ok": True, "missing": None, "empty": [], "nothing": {}}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=4, sort_keys=True))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, indent="\t"))
print(json.dumps([1, [2, [3, []]]], indent=0))
print(json.dumps((1, 2.5, -3, 1e16, 1e-7, 123456789.125, 2.0, -0.0)))
print(json.dumps([float("nan"), float("inf"), float("-inf")]))
print(json.dumps({"café": "naïve ☕", "emoji": "🤖", "ctrl": "a\tb\nc\"d\\e\x01\x7f"}))
print(json.dumps({"café": "naïve ☕", "emoji": "🤖"}, ensure_ascii=False))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none"}))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True))
print(json.dumps("just a string"), json.dumps(42), json.dumps(None), json.dumps(False), json.dumps(3.14))
print(json.dumps({(1, 2): "tuple key", "kept": 1}, skipkeys=True))

try:
    json.dumps({"when": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({(1, 2): "x"})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps([float("nan")], allow_nan=False)
except ValueError as e:
    print("ValueError:", e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
try:
    json.dumps({"b": 1, 2: 3}, sort_keys=True)
except TypeError as e:
    print("TypeError:", e)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def encode_point(obj):
    if isinstance(obj, Point):
        return {"x": obj.x, "y": obj.y}
    raise TypeError(f"cannot encode {type(obj).__name__}")


print(json.dumps({"points": [Point(1, 2), Point(3.5, -1)]}, default=encode_point))
print(json.dumps([Point(0, 0)], default=lambda o: o.__dict__, indent=1))


class PointEncoder(json.JSONEncoder):
    def default(self, obj):
        if isinstance(obj, Point):
            return [obj.x, obj.y]
        return super().default(obj)


print(json.dumps({"p": Point(5, 6)}, cls=PointEncoder))
print(json.dumps({"p": Point(5, 6), "q": [Point(7, 8)]}, cls=PointEncoder, indent=2, sort_keys=True))
print(PointEncoder().encode([Point(1, 1)]))
try:
    json.dumps({"p": object()}, cls=PointEncoder)
except TypeError as e:
    print("TypeError:", e)

import sys

json.dump({"streamed": [1, 2.5, None], "to": "stdout"}, sys.stdout, indent=2, sort_keys=True)
print()


class Reply:
    def read(self):
        return '{"choices": [{"message": {"content": "hi", "tool_calls": []}}]}'


print(json.load(Reply())["choices"][0]["message"])
