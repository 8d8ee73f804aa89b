# Implicit exception chaining: an exception raised while another is handled keeps it as
# __context__, and the traceback says "During handling of the above exception".
import asyncio
import json
import traceback


def parse_arguments(text):
    try:
        return json.loads(text)
    except ValueError:
        raise RuntimeError("tool arguments are not JSON")


def lookup(table, key):
    try:
        return table[key]
    except KeyError as error:
        raise LookupError(f"no tool named {key}") from error


def quiet(table, key):
    try:
        return table[key]
    except KeyError:
        raise LookupError("hidden") from None


for call in (lambda: parse_arguments("{oops"), lambda: lookup({}, "search"), lambda: quiet({}, "x")):
    try:
        call()
    except Exception as error:
        context = error.__context__
        print(type(error).__name__, error)
        print("  context:", type(context).__name__ if context is not None else None)
        print("  cause:", type(error.__cause__).__name__ if error.__cause__ is not None else None)
        print("  suppress_context:", error.__suppress_context__)

# An error inside an except block (not a raise statement) is chained too.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        {}["missing"]
except KeyError as error:
    print(repr(error), "during", repr(error.__context__))

# A bare re-raise keeps the context it had; re-raising the handled one adds none.
try:
    try:
        raise ValueError("first")
    except ValueError as error:
        raise
except ValueError as error:
    print("bare raise:", error.__context__)

try:
    try:
        raise ValueError("inner")
    except ValueError as inner:
        raise inner
except ValueError as error:
    print("raise the handled one:", error.__context__)

# Setting __cause__ hides the context; setting __context__ by hand works.
error = ValueError("made")
print(error.__context__, error.__cause__, error.__suppress_context__)
error.__context__ = KeyError("k")
print(repr(error.__context__))
error.__cause__ = TypeError("t")
print(error.__suppress_context__)

# A cycle is cut, not followed forever.
a = ValueError("a")
try:
    try:
        raise a
    except ValueError:
        try:
            raise KeyError("b")
        except KeyError:
            raise a
except ValueError as error:
    print("cycle:", repr(error.__context__), repr(error.__context__.__context__))


# Chaining in a task: the retry wrapper fails while handling the tool's error.
async def flaky_tool():
    await asyncio.sleep(0.1)
    raise ConnectionError("tool timed out")


async def with_retry():
    try:
        return await flaky_tool()
    except ConnectionError:
        await asyncio.sleep(0.1)
        raise RuntimeError("giving up after one retry")


async def main():
    task = asyncio.create_task(with_retry())
    try:
        await task
    except RuntimeError as error:
        print("task:", error, "<-", repr(error.__context__))
        text = traceback.format_exception_only(type(error), error)
        print("".join(text), end="")
        print("chain printed:", "During handling of the above exception" in traceback.format_exc())


asyncio.run(main())

try:
    try:
        raise ValueError("the tool's reply")
    except ValueError:
        raise RuntimeError("the agent gave up")
except RuntimeError:
    lines = traceback.format_exc().splitlines()
    print([line for line in lines if not line.startswith("  ")])

# Once a handler is left, however it is left, nothing counts as handled any more.
import sys


class Closing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b")
except ValueError:
    pass
print("after a handler that raised:", sys.exc_info())
for attempt in range(3):
    try:
        raise ConnectionError(attempt)
    except ConnectionError:
        if attempt == 1:
            break
        continue
print("after break and continue:", sys.exc_info())
try:
    with Closing():
        raise TimeoutError("slow")
except TimeoutError:
    pass
try:
    try:
        raise OSError("disk")
    finally:
        print("in finally:", repr(sys.exc_info()[1]))
except OSError:
    pass
try:
    raise KeyError("unmatched")
except (KeyError, TypeError) if False else TypeError:
    pass
except KeyError:
    pass
print("after with, finally and no match:", sys.exc_info())
try:
    raise ValueError("fresh")
except ValueError as error:
    print("fresh:", error.__context__)
