// The event loop object (get_running_loop): its clock, create_task and run_in_executor.
#include "script/modules/asyncio/Asyncio.h"

namespace awaitscope::script {

Value asyncioGetRunningLoop(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_running_loop", {}, 0);
    runningLoop(interp);
    return Value(interp.heap().make<LoopObject>());
}

namespace {

Value loopTime(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "time", {"self"}, 1);
    interp.flushCost();
    return Value::real(static_cast<double>(interp.loop().now()) / 1e9);
}

Value loopCreateTask(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "create_task", {"self", "coro", "name", "context"}, 2);
    runningLoop(interp);
    if (!a[1].is(Kind::Coroutine))
        interp.typeError("a coroutine was expected, got " + interp.repr(a[1]));
    interp.flushCost();
    TaskOptions options;
    if (a.has(2) && !a[2].isNone())
        options.name = interp.toStr(a[2]);
    const CodeObject* code = a[1].as<CoroutineObject>()->code;
    TaskHandle<Value> handle = createTask(a[1].as<CoroutineObject>()->take(), options, interp.currentLocation());
    return taskObjectFor(interp, std::move(handle), code);
}

Value loopRunInExecutor(Interpreter& interp, CallArgs& args) {
    if (args.count < 3)
        interp.typeError("run_in_executor() missing 2 required positional arguments: 'executor' and 'func'");
    if (!args[1].isNone())
        interp.typeError("Awaitscope supports only the default executor (None)");
    std::vector<Value> arguments(args.args + 3, args.args + args.count);
    return makeOp(interp, "run_in_executor",
                  toThreadOp(&interp, args[2], std::move(arguments), Value(), callableName(interp, args[2]),
                             interp.currentLocation()),
                  args[2], false);
}

std::string loopRepr(Interpreter&, const Value&) { return "<_UnixSelectorEventLoop running=True closed=False debug=False>"; }

constexpr TypeSlots kLoopSlots{.repr = loopRepr};

} // namespace

void installLoopType(Interpreter& interp) {
    auto& t = interp.types;
    t.loopType =
        interp.makeClass("_UnixSelectorEventLoop", {t.object}, BuiltinType::Runtime, kLoopSlots, nullptr, "asyncio.unix_events");
    interp.addMethod(t.loopType, "time", loopTime);
    interp.addMethod(t.loopType, "create_task", loopCreateTask);
    interp.addMethod(t.loopType, "run_in_executor", loopRunInExecutor);
}

} // namespace awaitscope::script
