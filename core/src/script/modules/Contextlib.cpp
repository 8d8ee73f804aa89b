// _contextlib, the native half of contextlib (modules/python/contextlib.py is the rest):
// asynccontextmanager, which turns an async generator function into what `async with` takes:
// entering runs the generator to its `yield` (the value bound by `as`), leaving resumes it,
// or raises the block's exception at the `yield`.
#include "script/modules/Modules.h"
#include "script/objects/Awaitables.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

Task<Value> enterManager(Interpreter* interp, Value generator, SourceLocation where) {
    Value step = asyncGeneratorStep(*interp, generator, AsyncGenAction::Send, Value::none());
    bool stopped = false;
    Value result;
    try {
        auto located = at(where, step.as<CoroutineObject>()->take());
        result = co_await std::move(located);
    } catch (const ScriptError& e) {
        if (!interp->isInstance(e.exception, interp->exc.stopAsyncIteration))
            throw;
        stopped = true;
    }
    if (stopped)
        interp->raise(interp->exc.runtimeError, "generator didn't yield");
    co_return result;
}

Task<Value> exitManager(Interpreter* interp, Value generator, Value error, SourceLocation where) {
    const bool clean = error.empty() || error.isNone();
    Value step = clean ? asyncGeneratorStep(*interp, generator, AsyncGenAction::Send, Value::none())
                       : asyncGeneratorStep(*interp, generator, AsyncGenAction::Throw, error);
    Value raised;
    try {
        auto located = at(where, step.as<CoroutineObject>()->take());
        co_await std::move(located);
    } catch (const ScriptError& e) {
        raised = e.exception;
    }
    if (raised.empty())
        interp->raise(interp->exc.runtimeError, clean ? "generator didn't stop" : "generator didn't stop after athrow()");
    if (interp->isInstance(raised, interp->exc.stopAsyncIteration))
        co_return Value::boolean(!clean && !raised.identical(error));
    if (!clean && raised.identical(error))
        co_return Value::boolean(false);  // the generator let the block's exception through
    throw ScriptError(raised);
}

Value generatorOf(Interpreter& interp, const Value& self) {
    return interp.getAttr(self, interp.intern("gen"));
}

Value managerAenter(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__aenter__", {"self"}, 1);
    Value generator = generatorOf(interp, a[0]);
    const CodeObject* code = generator.as<AsyncGeneratorObject>()->code;
    return nativeCoroutine(interp, enterManager(&interp, generator, interp.currentLocation()), code, interp.types.coroutineType);
}

Value managerAexit(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__aexit__", {"self", "typ", "value", "traceback"}, 4);
    Value generator = generatorOf(interp, a[0]);
    const CodeObject* code = generator.as<AsyncGeneratorObject>()->code;
    return nativeCoroutine(interp, exitManager(&interp, generator, a[2], interp.currentLocation()), code, interp.types.coroutineType);
}

// The function asynccontextmanager returns: calls the generator function, wraps the generator.
Value callManagerFactory(Interpreter& interp, CallArgs& args) {
    const auto& data = args.native->data.as<TupleObject>()->items;
    std::vector<Value> all(args.args, args.args + args.count);
    for (int k = 0; k < args.kwCount(); ++k)
        all.push_back(args.kwValues[k]);
    Value generator = interp.call(data[0], all.data(), args.count, args.kwNames);
    if (!generator.is(Kind::AsyncGenerator))
        interp.typeError("asynccontextmanager expects an async generator function, and " + interp.repr(data[0]) +
                         " returned " + interp.typeName(generator));
    Value manager(interp.heap().make<InstanceObject>(data[1]));
    interp.setAttr(manager, interp.intern("gen"), generator);
    return manager;
}

Value contextlibAsyncContextManager(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "asynccontextmanager", {"func"}, 1);
    Value managerClass = interp.getAttr(interp.importModule("_contextlib"), interp.intern("_AsyncGeneratorContextManager"));
    return interp.newNative(callManagerFactory, "asynccontextmanager", Value(), interp.newTuple({a[0], managerClass}));
}

} // namespace

Value makeContextlibModule(Interpreter& interp) {
    Value module = newModule(interp, "_contextlib");
    ClassObject* manager =
        interp.makeClass("_AsyncGeneratorContextManager", {interp.types.object}, BuiltinType::None, instanceSlots(),
                         nullptr, "contextlib");
    interp.addMethod(manager, "__aenter__", managerAenter);
    interp.addMethod(manager, "__aexit__", managerAexit);
    addValue(interp, module, "_AsyncGeneratorContextManager", Value(manager));
    addFunction(interp, module, "asynccontextmanager", contextlibAsyncContextManager);
    return module;
}

} // namespace awaitscope::script
