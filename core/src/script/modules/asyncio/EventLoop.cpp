// The event loop object (get_running_loop): its clock, create_task, create_future,
// call_soon / call_later / call_at with their handles, and run_in_executor.
#include "script/modules/asyncio/Asyncio.h"

#include <algorithm>
#include <cmath>

namespace awaitscope::script {

LoopObject::LoopObject(Interpreter& interp_) : RuntimeObject(RuntimeKind::Loop), interp(&interp_) {
    interp->loopObject = this;
}

LoopObject::~LoopObject() {
    if (interp->loopObject == this)
        interp->loopObject = nullptr;
}

Value asyncioGetRunningLoop(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_running_loop", {}, 0);
    runningLoop(interp);
    if (interp.loopObject)
        return Value(interp.loopObject);
    return Value(interp.heap().make<LoopObject>(interp));
}

namespace {

Value loopTime(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "time", {"self"}, 1);
    interp.flushCost();
    return Value::real(static_cast<double>(interp.loop().now()) / 1e9);
}

Value loopCreateTask(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "create_task", {"self", "coro", "name", "context"}, 2);
    return createTaskOf(interp, a[1], a.has(2) ? a[2] : Value());
}

Value loopCreateFuture(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "create_future", {"self"}, 1);
    return newPlainFuture(interp);
}

Value loopIsRunning(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "is_running", {"self"}, 1);
    return Value::boolean(interp.loopRunning());
}

Value loopIsClosed(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "is_closed", {"self"}, 1);
    return Value::boolean(false);
}

// call_soon(callback, *args) and friends: the callback and its arguments after `skip` leading ones.
std::function<void()> loopCallback(Interpreter& interp, CallArgs& args, int skip, const char* name) {
    if (args.kwCount() > 0)
        interp.typeError(std::string(name) + "() got an unexpected keyword argument '" +
                         args.kwNames->items[0].as<StrObject>()->text + "'");
    if (args.count <= skip)
        interp.typeError(std::string(name) + "() missing a required argument: 'callback'");
    Value callback = args[skip];
    std::vector<Value> arguments(args.args + skip + 1, args.args + args.count);
    Interpreter* self = &interp;
    return [self, callback, arguments = std::move(arguments)] {
        runLoopCallback(*self, callback, arguments.data(), static_cast<int>(arguments.size()));
    };
}

Value newHandle(Interpreter& interp, detail::Ref<detail::CancelToken> token, std::optional<TimeNs> when, Value callback) {
    auto* handle = interp.heap().make<HandleObject>(std::move(token), when);
    handle->callback = std::move(callback);
    if (when)
        handle->subclass = interp.types.timerHandleType;
    return Value(handle);
}

Value loopCallSoon(Interpreter& interp, CallArgs& args) {
    std::function<void()> callback = loopCallback(interp, args, 1, "call_soon");
    Loop& loop = runningLoop(interp);
    interp.flushCost();
    return newHandle(interp, loop.callSoon(std::move(callback)), std::nullopt, args[1]);
}

Value loopCallAt(Interpreter& interp, CallArgs& args) {
    if (args.count < 2)
        interp.typeError("call_at() missing 2 required positional arguments: 'when' and 'callback'");
    if (!args[1].isNumber())
        interp.typeError("'<' not supported between instances of 'TimerHandle' and 'TimerHandle'");
    std::function<void()> callback = loopCallback(interp, args, 2, "call_at");
    Loop& loop = runningLoop(interp);
    interp.flushCost();
    const TimeNs when = static_cast<TimeNs>(std::llround(args[1].toDouble() * 1e9));
    return newHandle(interp, loop.callAt(std::max(when, loop.now()), std::move(callback)), when, args[2]);
}

Value loopCallLater(Interpreter& interp, CallArgs& args) {
    if (args.count < 2)
        interp.typeError("call_later() missing 2 required positional arguments: 'delay' and 'callback'");
    if (!args[1].isNumber())
        interp.typeError("unsupported operand type(s) for +: 'float' and '" + interp.typeName(args[1]) + "'");
    std::function<void()> callback = loopCallback(interp, args, 2, "call_later");
    Loop& loop = runningLoop(interp);
    interp.flushCost();
    const TimeNs delay = static_cast<TimeNs>(std::llround(std::max(0.0, args[1].toDouble()) * 1e9));
    return newHandle(interp, loop.callLater(delay, std::move(callback)), loop.now() + delay, args[2]);
}

Value loopRunInExecutor(Interpreter& interp, CallArgs& args) {
    if (args.count < 3)
        interp.typeError("run_in_executor() missing 2 required positional arguments: 'executor' and 'func'");
    if (!args[1].isNone()) {
        // As CPython: wrap_future(executor.submit(func, *args)).
        Value submit = interp.getAttr(args[1], interp.intern("submit"));
        return wrapFuture(interp, interp.call(submit, args.args + 2, args.count - 2));
    }
    std::vector<Value> arguments(args.args + 3, args.args + args.count);
    return makeOp(interp, "run_in_executor",
                  toThreadOp(&interp, args[2], std::move(arguments), Value(), callableName(interp, args[2]),
                             interp.currentLocation()),
                  args[2], false);
}

HandleObject& handleOf(const Value& v) { return *static_cast<HandleObject*>(v.object()); }

Value handleCancel(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cancel", {"self"}, 1);
    handleOf(a[0]).token->cancelled = true;
    return Value::none();
}

Value handleCancelled(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cancelled", {"self"}, 1);
    return Value::boolean(handleOf(a[0]).token->cancelled);
}

Value timerHandleWhen(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "when", {"self"}, 1);
    return Value::real(static_cast<double>(handleOf(a[0]).when.value_or(0)) / 1e9);
}

std::string loopRepr(Interpreter&, const Value&) { return "<_UnixSelectorEventLoop running=True closed=False debug=False>"; }

std::string handleRepr(Interpreter& interp, const Value& value) {
    const HandleObject& h = handleOf(value);
    std::string text = "<" + interp.typeName(value);
    if (h.token->cancelled)
        text += " cancelled";
    if (h.when)
        text += " when=" + interp.repr(Value::real(static_cast<double>(*h.when) / 1e9));
    if (!h.token->cancelled)
        text += " " + callableName(interp, h.callback) + "()";
    return text + ">";
}

constexpr TypeSlots kLoopSlots{.repr = loopRepr};
constexpr TypeSlots kHandleSlots{.repr = handleRepr};

} // namespace

void installLoopType(Interpreter& interp) {
    auto& t = interp.types;
    t.loopType =
        interp.makeClass("_UnixSelectorEventLoop", {t.object}, BuiltinType::Runtime, kLoopSlots, nullptr, "asyncio.unix_events");
    interp.addMethod(t.loopType, "time", loopTime);
    interp.addMethod(t.loopType, "create_task", loopCreateTask);
    interp.addMethod(t.loopType, "create_future", loopCreateFuture);
    interp.addMethod(t.loopType, "call_soon", loopCallSoon);
    interp.addMethod(t.loopType, "call_later", loopCallLater);
    interp.addMethod(t.loopType, "call_at", loopCallAt);
    interp.addMethod(t.loopType, "is_running", loopIsRunning);
    interp.addMethod(t.loopType, "is_closed", loopIsClosed);
    interp.addMethod(t.loopType, "run_in_executor", loopRunInExecutor);
    t.handleType = interp.makeClass("Handle", {t.object}, BuiltinType::Runtime, kHandleSlots, nullptr, "asyncio.events");
    t.timerHandleType =
        interp.makeClass("TimerHandle", {t.handleType}, BuiltinType::Runtime, kHandleSlots, nullptr, "asyncio.events");
    interp.addMethod(t.handleType, "cancel", handleCancel);
    interp.addMethod(t.handleType, "cancelled", handleCancelled);
    interp.addMethod(t.timerHandleType, "when", timerHandleWhen);
}

} // namespace awaitscope::script
