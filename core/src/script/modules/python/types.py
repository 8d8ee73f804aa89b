"""types, after CPython 3.11's Lib/types.py: SimpleNamespace, MappingProxyType, and the types
of functions, methods, generators and coroutines for isinstance checks."""

import sys as _sys


class SimpleNamespace:
    def __init__(self, *args, **kwargs):
        if args:
            raise TypeError('no positional arguments expected')
        self.__dict__.update(kwargs)

    def __repr__(self):
        name = 'namespace' if type(self) is SimpleNamespace else type(self).__name__
        return f"{name}({', '.join(f'{key}={value!r}' for key, value in self.__dict__.items())})"

    def __eq__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


class MappingProxyType:
    """A read-only view of a mapping (a class's namespace, a pattern's groupindex)."""
    __module__ = 'builtins'

    def __init__(self, mapping):
        if not hasattr(mapping, 'keys') or not hasattr(mapping, '__getitem__') or isinstance(mapping, (list, tuple)):
            raise TypeError(f"mappingproxy() argument must be a mapping, not {type(mapping).__name__}")
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __eq__(self, other):
        return self._mapping == other

    def __or__(self, other):
        return dict(self._mapping) | other

    def __str__(self):
        return str(self._mapping)

    def __repr__(self):
        return f'mappingproxy({self._mapping!r})'

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()


MappingProxyType.__name__ = MappingProxyType.__qualname__ = 'mappingproxy'


def _function():
    pass


async def _coroutine_function():
    pass


async def _async_generator_function():
    yield


class _Class:
    def _method(self):
        pass


FunctionType = LambdaType = type(_function)
MethodType = type(_Class()._method)
BuiltinFunctionType = BuiltinMethodType = type(len)
GeneratorType = type(x for x in ())
ModuleType = type(_sys)
NoneType = type(None)
_coroutine = _coroutine_function()
CoroutineType = type(_coroutine)
_coroutine.close()
AsyncGeneratorType = type(_async_generator_function())
del _coroutine
