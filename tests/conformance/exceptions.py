"""try/except/else/finally, raise, raise from, custom exceptions, assert."""


class ToolError(Exception):
    pass


class RateLimited(ToolError):
    def __init__(self, tool, retry_after):
        super().__init__(f"{tool} is rate limited")
        self.tool = tool
        self.retry_after = retry_after


def call(tool):
    if tool == "bad":
        raise ValueError(f"unknown tool {tool!r}")
    if tool == "busy":
        raise RateLimited(tool, 2.5)
    return f"{tool} ok"


for tool in ["search", "bad", "busy"]:
    try:
        result = call(tool)
    except RateLimited as error:
        print("rate limited:", error, error.tool, error.retry_after, repr(error))
    except (ValueError, KeyError) as error:
        print("value problem:", error)
    else:
        print("success:", result)
    finally:
        print("finally for", tool)


def nested():
    try:
        try:
            {}["missing"]
        except KeyError as error:
            raise ToolError("lookup failed") from error
    except ToolError as error:
        return f"{error} (cause: {error.__cause__!r})"


print(nested())


def reraise():
    try:
        1 / 0
    except ZeroDivisionError:
        print("logging and re-raising")
        raise


try:
    reraise()
except ZeroDivisionError as error:
    print("caught again:", error)


def finally_wins():
    try:
        return "from try"
    finally:
        print("finally runs before the return")


print(finally_wins())


def loop_with_finally():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("cleanup", i)


loop_with_finally()
errors = [ValueError("v"), KeyError("k"), IndexError(3), RuntimeError(), TypeError("a", 1), ZeroDivisionError("z")]
for error in errors:
    print(type(error).__name__, repr(error), str(error), error.args)
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as error:
    print("assertion:", error)
try:
    assert False
except AssertionError as error:
    print("bare assertion:", repr(error))
try:
    raise RuntimeError
except RuntimeError as error:
    print("raised a class:", repr(error))
try:
    int("abc")
except Exception as error:
    print(type(error).__name__, error)
try:
    [1, 2][5]
except LookupError as error:
    print("lookup error family:", type(error).__name__, error)
try:
    undefined_name
except NameError as error:
    print(error)
try:
    None.missing
except AttributeError as error:
    print(error)
try:
    "text" + 5
except TypeError as error:
    print(error)
print(issubclass(RateLimited, Exception), isinstance(KeyError(), LookupError), issubclass(TimeoutError, OSError))
