"""concurrent.futures.Future settled by hand: set_result, set_exception, and InvalidStateError once settled."""
from concurrent.futures import Future, InvalidStateError
f = Future()
f.set_result(3)
print(f.result(), f.exception(), f.done())
try:
    f.set_exception(ValueError("x"))
except InvalidStateError as e:
    print("invalid:", type(e).__name__)
g = Future()
g.set_exception(KeyError("k"))
print(repr(g.exception()))
try:
    g.result()
except KeyError as e:
    print("raised", e)
