"""copy, after CPython 3.11's Lib/copy.py: copy and deepcopy of the builtin containers and of a
script's instances (their attributes copied into a new instance of the class, __init__ not
run), with the __copy__ and __deepcopy__ hooks."""
from _collections import new_instance as _new_instance


class Error(Exception):
    pass


error = Error

_atomic_names = {'NoneType', 'int', 'float', 'bool', 'complex', 'str', 'bytes', 'type', 'range', 'function',
                 'builtin_function_or_method', 'method', 'module', 'ellipsis', 'NotImplementedType', 'property',
                 'slice'}
# What deepcopy refuses, named as CPython's pickling error names them.
_uncopyable_names = {'generator': 'generator', 'coroutine': 'coroutine', 'async_generator': 'async_generator',
                     'Task': '_asyncio.Task', 'Future': '_asyncio.Future', '_GatheringFuture': '_asyncio.Future',
                     'TextIOWrapper': '_io.TextIOWrapper'}


def _kind(x):
    name = type(x).__name__
    if name in _atomic_names or isinstance(x, type):
        return 'atomic'
    if name in _uncopyable_names:
        raise TypeError(f"cannot pickle '{_uncopyable_names[name]}' object")
    return name


def copy(x):
    kind = _kind(x)
    if kind == 'atomic':
        return x
    cls = type(x)
    if cls is list:
        return list(x)
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if cls is tuple or cls is frozenset:
        return x
    hook = getattr(x, '__copy__', None)
    if hook is not None:
        return hook()
    if isinstance(x, BaseException):
        return x
    y = _new_instance(x)
    y.__dict__.update(x.__dict__)
    return y


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    d = id(x)
    if d in memo:
        return memo[d]
    kind = _kind(x)
    if kind == 'atomic':
        return x
    cls = type(x)
    if cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for item in x:
            y.add(deepcopy(item, memo))
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        if d in memo:
            return memo[d]
        same = True
        for a, b in zip(x, items):
            if a is not b:
                same = False
                break
        y = x if same else tuple(items)
    else:
        hook = getattr(x, '__deepcopy__', None)
        if hook is not None:
            y = hook(memo)
        elif isinstance(x, BaseException):
            return x
        else:
            y = _new_instance(x)
            memo[d] = y
            state = y.__dict__
            for key, value in x.__dict__.items():
                state[key] = deepcopy(value, memo)
            return y
    memo[d] = y
    return y
