// asyncio.timeout and timeout_at (CPython's timeouts.py): a deadline over an `async with` block.
#include "script/modules/asyncio/Asyncio.h"

#include <cmath>

namespace awaitscope::script {

Value asyncioTimeout(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "timeout", {"delay"}, 1);
    Loop& loop = runningLoop(interp);
    interp.flushCost();
    std::optional<TimeNs> when;
    if (!a[0].isNone())
        when = loop.now() + secondsToNs(interp, a[0], "delay");
    return Value(interp.heap().make<TimeoutObject>(when, true, 0));
}

Value asyncioTimeoutAt(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "timeout_at", {"when"}, 1);
    runningLoop(interp);
    std::optional<TimeNs> when;
    if (!a[0].isNone()) {
        if (!a[0].isNumber())
            interp.typeError("when must be a number or None");
        when = static_cast<TimeNs>(std::llround(a[0].toDouble() * 1e9));
    }
    return Value(interp.heap().make<TimeoutObject>(when, false, 0));
}

namespace {

Value timeoutWhen(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "when", {"self"}, 1);
    std::optional<TimeNs> when = static_cast<TimeoutObject*>(a[0].object())->timeout.when();
    return when ? Value::real(static_cast<double>(*when) / 1e9) : Value::none();
}

Value timeoutReschedule(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "reschedule", {"self", "when"}, 2);
    std::optional<TimeNs> when;
    if (!a[1].isNone())
        when = static_cast<TimeNs>(std::llround(interp.toDouble(a[1], "when") * 1e9));
    static_cast<TimeoutObject*>(a[0].object())->timeout.reschedule(when);
    return Value::none();
}

Value timeoutExpired(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "expired", {"self"}, 1);
    return Value::boolean(static_cast<TimeoutObject*>(a[0].object())->timeout.expired());
}

Value timeoutEnter(Interpreter& interp, const Value& manager) {
    auto* timeout = static_cast<TimeoutObject*>(manager.object());
    interp.flushCost();
    timeout->timeout.enter();
    timeout->entered = true;
    return readyOp(interp, manager);
}

// Leaving the block: the runtime's error becomes TimeoutError when the deadline cancelled it.
Value timeoutExit(Interpreter& interp, const Value& manager, const Value& error) {
    const std::exception_ptr errorPtr = error.empty() ? nullptr : interp.toExceptionPtr(error);
    interp.flushCost();
    std::exception_ptr replacement = static_cast<TimeoutObject*>(manager.object())->timeout.exit(errorPtr);
    if (replacement)
        return raisingOp(interp, "__aexit__", interp.exceptionFrom(replacement));
    return readyOp(interp, Value::boolean(false));
}

std::string timeoutRepr(Interpreter&, const Value&) { return "<Timeout>"; }

constexpr TypeSlots kTimeoutSlots{.repr = timeoutRepr, .asyncEnter = timeoutEnter, .asyncExit = timeoutExit};

} // namespace

void installTimeoutType(Interpreter& interp) {
    auto& t = interp.types;
    t.timeoutType =
        interp.makeClass("Timeout", {t.object}, BuiltinType::Runtime, kTimeoutSlots, nullptr, "asyncio.timeouts");
    interp.addMethod(t.timeoutType, "when", timeoutWhen);
    interp.addMethod(t.timeoutType, "reschedule", timeoutReschedule);
    interp.addMethod(t.timeoutType, "expired", timeoutExpired);
}

} // namespace awaitscope::script
