// The sys module: exit, the recursion limit, the int digit limit, argv and version, and
// sys.stdout / sys.stderr, whose writes are the script's output like print's.
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

Value sysExit(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "exit", {"status"}, 0);
    std::vector<Value> exitArgs;
    if (a.has(0))
        exitArgs.push_back(a[0]);
    interp.raise(interp.newException(interp.exc.systemExit, std::move(exitArgs)));
}

Value sysGetRecursionLimit(Interpreter& interp, CallArgs&) { return Value::integer(interp.limits().recursionLimit); }

Value sysSetRecursionLimit(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "setrecursionlimit", {"limit"}, 1);
    interp.setRecursionLimit(interp.toIndex(a[0], "setrecursionlimit"));
    return Value::none();
}

Value sysGetIntMaxStrDigits(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_int_max_str_digits", {}, 0);
    return Value::integer(static_cast<std::int64_t>(interp.limits().maxStrDigits));
}

// 0 lifts the limit; the run's memory and instruction budgets still bound a conversion.
Value sysSetIntMaxStrDigits(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set_int_max_str_digits", {"maxdigits"}, 1);
    if (a[0].isBigInt())
        interp.raise(interp.exc.overflowError, "Python int too large to convert to C int");
    const std::int64_t digits = interp.toIndex(a[0], "maxdigits");
    if (digits > INT32_MAX || digits < INT32_MIN)
        interp.raise(interp.exc.overflowError, "Python int too large to convert to C int");
    if (digits != 0 && digits < static_cast<std::int64_t>(kStrDigitsCheckThreshold))
        interp.valueError("maxdigits must be 0 or larger than " + std::to_string(kStrDigitsCheckThreshold));
    interp.setMaxStrDigits(static_cast<std::size_t>(digits));
    return Value::none();
}

Value sysExcInfo(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "exc_info", {}, 0);
    const Value error = interp.handledException();
    if (error.isNone())
        return interp.newTuple({Value::none(), Value::none(), Value::none()});
    return interp.newTuple({Value(interp.typeOf(error)), error, Value::none()});
}

Value sysException(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "exception", {}, 0);
    return interp.handledException();
}

Value streamWrite(Interpreter& interp, CallArgs& args) {
    if (args.count != 2 || !args[1].is(Kind::Str))
        interp.typeError("write() argument must be str");
    const std::string& text = args[1].as<StrObject>()->text;
    interp.flushCost();
    if (static_cast<StreamObject*>(args[0].object())->error) {
        interp.writeStderr(text);
    } else {
        interp.writeStdout(text);
        interp.recordOutput(text);
    }
    return Value::integer(static_cast<std::int64_t>(countCodePoints(text)));
}

Value streamFlush(Interpreter&, CallArgs&) { return Value::none(); }

std::string streamRepr(Interpreter&, const Value& value) {
    return static_cast<StreamObject*>(value.object())->error ? "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>"
                                                             : "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>";
}

constexpr TypeSlots kStreamSlots{.repr = streamRepr};

} // namespace

Value makeSysModule(Interpreter& interp) {
    if (!interp.types.streamType) {
        interp.types.streamType =
            interp.makeClass("TextIOWrapper", {interp.types.object}, BuiltinType::Runtime, kStreamSlots, nullptr, "_io");
        interp.addMethod(interp.types.streamType, "write", streamWrite);
        interp.addMethod(interp.types.streamType, "flush", streamFlush);
    }
    Value module = newModule(interp, "sys");
    addValue(interp, module, "stdout", Value(interp.heap().make<StreamObject>(false)));
    addValue(interp, module, "stderr", Value(interp.heap().make<StreamObject>(true)));
    addFunction(interp, module, "exit", sysExit);
    addFunction(interp, module, "exc_info", sysExcInfo);
    addFunction(interp, module, "exception", sysException);
    addFunction(interp, module, "getrecursionlimit", sysGetRecursionLimit);
    addFunction(interp, module, "setrecursionlimit", sysSetRecursionLimit);
    addFunction(interp, module, "get_int_max_str_digits", sysGetIntMaxStrDigits);
    addFunction(interp, module, "set_int_max_str_digits", sysSetIntMaxStrDigits);
    addValue(interp, module, "argv", interp.newList({interp.str(interp.program().fileName)}));
    addValue(interp, module, "version", interp.str("3.11.7 (Awaitscope)"));
    addValue(interp, module, "version_info", interp.newTuple({Value::integer(3), Value::integer(11), Value::integer(7)}));
    addValue(interp, module, "platform", interp.str("linux"));
    addValue(interp, module, "maxsize", Value::integer(INT64_MAX));
    return module;
}

} // namespace awaitscope::script
