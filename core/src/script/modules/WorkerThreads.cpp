// _awaitscope_threads: what concurrent.futures and threading (modules/python/) are built on.
// A job submitted to a pool runs at once, on the virtual clock, on a thread lane of its own
// named for the function it runs (as to_thread's work and the CPython recorder's lanes are);
// its Future then knows when it ends, and a thread that waits for it blocks until then.
#include "awaitscope/runtime/ToThread.h"
#include "script/modules/Modules.h"
#include "script/modules/asyncio/Asyncio.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

struct PoolObject final : TypedObject {
    PoolObject(Value cls_, std::size_t maxWorkers, std::string prefix)
        : TypedObject(std::move(cls_)), pool(maxWorkers, std::move(prefix)) {}
    ThreadPool pool;
};

PoolObject* poolOf(Interpreter& interp, const Value& v) {
    auto* pool = v.is(Kind::Runtime) ? dynamic_cast<PoolObject*>(static_cast<RuntimeObject*>(v.object())) : nullptr;
    if (!pool)
        interp.typeError("a worker pool is required");
    return pool;
}

Value poolConstruct(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Pool", {"cls", "max_workers", "prefix"}, 3);
    if (!a[1].isIntLike() || !a[2].is(Kind::Str))
        interp.typeError("Pool(max_workers: int, prefix: str)");
    return Value(interp.heap().make<PoolObject>(a[0], static_cast<std::size_t>(std::max<std::int64_t>(1, a[1].asInt())),
                                                a[2].as<StrObject>()->text));
}

// pool.run(fn, *args, **kwargs) -> (start_ns, end_ns, ok, result or exception)
Value poolRun(Interpreter& interp, CallArgs& args) {
    if (args.count < 2)
        interp.typeError("run() missing 1 required positional argument: 'fn'");
    PoolObject* self = poolOf(interp, args[0]);
    Value function = args[1];
    std::vector<Value> arguments(args.args + 2, args.args + args.count);
    const int positional = static_cast<int>(arguments.size());
    for (int k = 0; k < args.kwCount(); ++k)
        arguments.push_back(args.kwValues[k]);
    Value result = Value::none();
    auto work = [&] { result = interp.call(function, arguments.data(), positional, args.kwNames); };
    interp.flushCost();
    Loop& loop = interp.loop();
    ThreadWorker& worker = self->pool.workerFor(loop.now(), [&loop] { return loop.newThreadIdent(); });
    detail::VirtualThreadJob job = detail::runOnVirtualWorker(loop, worker, work, callableName(interp, function),
                                                                interp.currentLocation());
    bool ok = true;
    if (job.error) {
        try {
            std::rethrow_exception(job.error);
        } catch (const ScriptError& error) {  // anything else (an abort) ends the run
            ok = false;
            result = error.exception;
        }
    }
    return interp.newTuple({Value::integer(job.start), Value::integer(job.end), Value::boolean(ok), result});
}

// When the pool's last job ends (shutdown(wait=True) waits for it).
Value poolBusyUntil(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "busy_until", {"self"}, 1);
    TimeNs until = 0;
    for (const ThreadWorker& worker : poolOf(interp, a[0])->pool.workers())
        until = std::max(until, worker.freeAt);
    return Value::integer(until);
}

Value threadsNow(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "now", {}, 0);
    interp.flushCost();
    return Value::integer(interp.loop().now());
}

// block_until(ns, what): the calling thread waits (a blocking call) until the clock reads ns.
Value threadsBlockUntil(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "block_until", {"until", "what"}, 2);
    if (!a[0].isIntLike() || !a[1].is(Kind::Str))
        interp.typeError("block_until(until: int, what: str)");
    interp.flushCost();
    Loop& loop = interp.loop();
    const TimeNs wait = a[0].asInt() - loop.now();
    if (wait > 0)
        loop.block(wait, BlockKind::Sleep, a[1].as<StrObject>()->text, interp.currentLocation());
    interp.checkBudget(interp.currentLine());
    return Value::none();
}

// current() -> (name, ident) of the thread running now.
Value threadsCurrent(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "current", {}, 0);
    const Loop::ThreadContext* context = interp.hasLoop() ? interp.loop().threadContext() : nullptr;
    if (context && context->worker)
        return interp.newTuple({interp.str(context->worker->name), Value::integer(static_cast<std::int64_t>(context->worker->ident))});
    return interp.newTuple({interp.str("MainThread"), Value::integer(static_cast<std::int64_t>(threadIdent(0)))});
}

// not_supported(what): NotImplementedError naming `what` and the script line that asked for it.
Value threadsNotSupported(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "not_supported", {"what"}, 1);
    notSupported(interp, interp.toStr(a[0]));
}

std::string poolRepr(Interpreter&, const Value& value) { return "<_awaitscope_threads.Pool object at " + pointerText(value.object()) + ">"; }

constexpr TypeSlots kPoolSlots{.repr = poolRepr};

} // namespace

Value makeWorkerThreadsModule(Interpreter& interp) {
    ClassObject* cls = interp.makeClass("Pool", {interp.types.object}, BuiltinType::Runtime, kPoolSlots, poolConstruct,
                                        "_awaitscope_threads");
    interp.addMethod(cls, "run", poolRun);
    interp.addMethod(cls, "busy_until", poolBusyUntil);
    Value module = newModule(interp, "_awaitscope_threads");
    addValue(interp, module, "Pool", Value(cls));
    addFunction(interp, module, "now", threadsNow);
    addFunction(interp, module, "block_until", threadsBlockUntil);
    addFunction(interp, module, "current", threadsCurrent);
    addFunction(interp, module, "not_supported", threadsNotSupported);
    addValue(interp, module, "MAIN_IDENT", Value::integer(static_cast<std::int64_t>(threadIdent(0))));
    addValue(interp, module, "CPU_COUNT", Value::integer(kAssumedCpuCount));
    return module;
}

} // namespace awaitscope::script
