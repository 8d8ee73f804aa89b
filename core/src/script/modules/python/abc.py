"""abc, after CPython 3.11's Lib/abc.py: ABC, abstractmethod and the refusal to make an
instance of a class that still has abstract methods, with CPython's message. The interpreter
has no metaclasses, so ABC's work is done by its __init_subclass__ (which methods stay
abstract) and __new__ (the refusal); `metaclass=ABCMeta` is not supported (subclass ABC)."""


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    return getattr(value, '__isabstractmethod__', False)


class ABC:
    __abstractmethods__ = frozenset()

    def __init_subclass__(cls, **kwargs):
        abstracts = {name for name, value in cls.__dict__.items() if _is_abstract(value)}
        for base in cls.__mro__[1:]:
            for name in getattr(base, '__abstractmethods__', ()):
                if _is_abstract(getattr(cls, name, None)):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)

    def __new__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            names = sorted(abstracts)
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract "
                            f"method{'s' if len(names) > 1 else ''} {', '.join(names)}")
        return object.__new__(cls)


# For isinstance checks and annotations; `class C(metaclass=ABCMeta)` itself is not supported.
ABCMeta = type


def get_cache_token():
    return 0
