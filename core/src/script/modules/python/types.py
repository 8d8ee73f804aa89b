"""types, after CPython 3.11's Lib/types.py: SimpleNamespace, and the types of functions,
methods, generators and coroutines for isinstance checks."""

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
