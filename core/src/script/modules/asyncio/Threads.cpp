// asyncio.to_thread: a function run in a worker thread of the runtime, drawn on a thread lane;
// asyncio.wrap_future: a concurrent.futures.Future as an asyncio Future.
#include "script/modules/asyncio/Asyncio.h"

namespace awaitscope::script {

detail::Op<Value> toThreadOp(Interpreter* interp, Value function, std::vector<Value> arguments, Value kwNames,
                             std::string label, SourceLocation where) {
    auto work = [interp, function, arguments, kwNames]() -> Value {
        const int kw = kwNames.empty() ? 0 : static_cast<int>(kwNames.as<TupleObject>()->items.size());
        const int count = static_cast<int>(arguments.size()) - kw;
        return interp->call(function, arguments.data(), count, kwNames.empty() ? nullptr : kwNames.as<TupleObject>());
    };
    // Bound to a local first: GCC 12 destroys lambda temporaries inside co_await twice.
    detail::Op<Value> inner = toThread(std::move(work), std::move(label), where);
    co_return co_await std::move(inner);
}

std::string callableName(Interpreter& interp, const Value& function) {
    Value name;
    if (interp.findAttr(function, interp.intern("__name__"), name) && name.is(Kind::Str))
        return name.as<StrObject>()->text;
    return "work";  // a callable without a name (functools.partial): as the CPython recorder names its lane
}

Value asyncioToThread(Interpreter& interp, CallArgs& args) {
    if (args.count < 1)
        interp.typeError("to_thread() missing 1 required positional argument: 'func'");
    std::vector<Value> arguments(args.args + 1, args.args + args.count);
    std::vector<Value> names;
    for (int k = 0; k < args.kwCount(); ++k) {
        names.push_back(args.kwNames->items[static_cast<std::size_t>(k)]);
        arguments.push_back(args.kwValues[k]);
    }
    Value kwNames = names.empty() ? Value() : interp.newTuple(std::move(names));
    return makeOp(interp, "to_thread",
                  toThreadOp(&interp, args[0], std::move(arguments), kwNames, callableName(interp, args[0]),
                             interp.currentLocation()),
                  args[0]);
}

Value wrapFuture(Interpreter& interp, const Value& future) {
    if (future.is(Kind::Task) || future.is(Kind::Future))
        return future;
    // concurrent.futures.Future (modules/python/concurrent.futures.py) hands its outcome over.
    Value wrap;
    if (!interp.findAttr(future, interp.intern("_awaitscope_wrap"), wrap))
        interp.raise(interp.exc.assertionError, "concurrent.futures.Future is expected, got " + interp.repr(future));
    CallArgs noArguments;
    return interp.call(wrap, {asyncioGetRunningLoop(interp, noArguments)});
}

Value asyncioWrapFuture(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wrap_future", {"future", "loop"}, 1);
    return wrapFuture(interp, a[0]);
}

} // namespace awaitscope::script
