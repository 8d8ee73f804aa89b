"""inspect, the part tool registries use: telling coroutine functions and coroutines from
plain ones, classes, functions and methods, and docstrings. signature() is not there yet."""

import asyncio as _asyncio
import types as _types


def iscoroutinefunction(obj):
    return _asyncio.iscoroutinefunction(obj)


def iscoroutine(obj):
    return isinstance(obj, _types.CoroutineType)


def isawaitable(obj):
    return iscoroutine(obj) or isinstance(obj, _asyncio.Future) or hasattr(type(obj), '__await__')


def isfunction(obj):
    return isinstance(obj, _types.FunctionType)


def ismethod(obj):
    return isinstance(obj, _types.MethodType)


def isclass(obj):
    return isinstance(obj, type)


def isgenerator(obj):
    return isinstance(obj, _types.GeneratorType)


def isasyncgen(obj):
    return isinstance(obj, _types.AsyncGeneratorType)


def isbuiltin(obj):
    return isinstance(obj, _types.BuiltinFunctionType)


def _expandtabs(line):
    out = ''
    for char in line:
        out += ' ' * (8 - len(out) % 8) if char == '\t' else char
    return out


def cleandoc(doc):
    lines = [_expandtabs(line) for line in doc.split('\n')]
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def getdoc(obj):
    doc = getattr(obj, '__doc__', None)
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


def signature(obj, *args, **kwargs):
    raise NotImplementedError("inspect.signature() is not supported by Awaitscope's interpreter yet")
