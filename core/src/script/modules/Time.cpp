// The time module: sleep blocks the loop (a recorded blocking call); the clocks read the
// virtual clock.
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <cmath>

namespace awaitscope::script {

namespace {

double seconds(Interpreter& interp) {
    interp.flushCost();
    return interp.hasLoop() ? static_cast<double>(interp.loop().now()) / 1e9 : 0.0;
}

Value timePerfCounter(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "perf_counter", {}, 0);
    return Value::real(seconds(interp));
}

Value timeTime(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "time", {}, 0);
    return Value::real(1700000000.0 + seconds(interp));
}

Value timeNs(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "perf_counter_ns", {}, 0);
    interp.flushCost();
    return Value::integer(interp.hasLoop() ? interp.loop().now() : 0);
}

Value timeTimeNs(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "time_ns", {}, 0);
    interp.flushCost();
    return Value::integer(1700000000LL * 1000000000LL + (interp.hasLoop() ? interp.loop().now() : 0));
}

Value timeSleep(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "sleep", {"secs"}, 1);
    if (!a[0].isNumber())
        interp.typeError("'" + interp.typeName(a[0]) + "' object cannot be interpreted as an integer");
    const double secs = a[0].toDouble();
    if (std::isnan(secs))
        interp.valueError("Invalid value NaN (not a number)");
    if (secs < 0)
        interp.valueError("sleep length must be non-negative");
    if (secs > 1e7)
        interp.raise(interp.exc.overflowError, "sleep length is too large");
    interp.flushCost();
    if (interp.hasLoop())
        interp.loop().block(static_cast<TimeNs>(std::llround(secs * 1e9)), BlockKind::Sleep, "time.sleep",
                            interp.currentLocation());
    interp.checkBudget(interp.currentLine());
    return Value::none();
}

} // namespace

Value makeTimeModule(Interpreter& interp) {
    Value module = newModule(interp, "time");
    auto fn = [&](const char* name, NativeFn f) { addFunction(interp, module, name, f); };
    fn("sleep", timeSleep);
    fn("perf_counter", timePerfCounter);
    fn("monotonic", timePerfCounter);
    fn("process_time", timePerfCounter);
    fn("time", timeTime);
    fn("perf_counter_ns", timeNs);
    fn("monotonic_ns", timeNs);
    fn("time_ns", timeTimeNs);
    return module;
}

} // namespace awaitscope::script
