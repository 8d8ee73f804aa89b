"""copy, after CPython 3.11's Lib/copy.py: copy and deepcopy of the builtin containers, of
their subclasses, and of a script's instances (their attributes copied into a new instance of
the class, __init__ not run), with the __copy__ and __deepcopy__ hooks."""
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


def _reconstruct(x, memo):
    """A subclass of list, tuple or dict, rebuilt as CPython's object.__reduce_ex__ and
    _reconstruct do it: cls.__new__ (a tuple's with its items), then the instance's __dict__,
    then the list's items appended or the dict's items stored."""
    deep = memo is not None
    cls = type(x)
    if isinstance(x, tuple):
        getnewargs = getattr(x, '__getnewargs__', None)
        args = getnewargs() if getnewargs is not None else (tuple(x),)
        if deep:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args)
    else:
        y = cls.__new__(cls)
    if deep:
        memo[id(x)] = y
    state = x.__dict__
    if state:
        y.__dict__.update(deepcopy(state, memo) if deep else state)
    if isinstance(x, list):
        for item in x:
            y.append(deepcopy(item, memo) if deep else item)
    elif isinstance(x, dict):
        for key, value in x.items():
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y


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
    if isinstance(x, (list, tuple, dict)):
        return _reconstruct(x, None)
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
        elif isinstance(x, (list, tuple, dict)):
            return _reconstruct(x, memo)
        else:
            y = _new_instance(x)
            memo[d] = y
            state = y.__dict__
            for key, value in x.__dict__.items():
                state[key] = deepcopy(value, memo)
            return y
    memo[d] = y
    return y
