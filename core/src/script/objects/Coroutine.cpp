// coroutine: what calling an `async def` makes, and what asyncio's own coroutines are
// (sleep, Lock.acquire, Queue.get, ...: operations of the runtime). A script coroutine is
// exactly one runtime Task<Value>: its frame runs in the machine until it reaches `await`,
// then coroutineBody co_awaits the awaitable on the runtime and resumes the frame with the
// result, or raises the exception into it.
#include "script/objects/Awaitables.h"

#include "script/objects/Types.h"
#include "script/vm/CostModel.h"
#include "script/vm/Interpreter.h"
#include "awaitscope/trace/Recorder.h"

namespace awaitscope::script {

namespace {

struct FrameOwner {
    Interpreter* interp = nullptr;
    Frame* frame = nullptr;
    FrameOwner(Interpreter* i, Frame* f) : interp(i), frame(f) {}
    FrameOwner(FrameOwner&& other) noexcept : interp(other.interp), frame(std::exchange(other.frame, nullptr)) {}
    FrameOwner(const FrameOwner&) = delete;
    FrameOwner& operator=(const FrameOwner&) = delete;
    FrameOwner& operator=(FrameOwner&&) = delete;
    ~FrameOwner() { release(); }
    void release() noexcept {
        if (frame)
            interp->freeFrame(std::exchange(frame, nullptr));
    }
};

// The generator a step runs, and what the step was asked to do.
struct GeneratorStep {
    Value generator;  // an AsyncGeneratorObject, or Empty for a plain coroutine
    AsyncGenAction action = AsyncGenAction::Send;
};

[[noreturn]] void raiseAlreadyRunning(Interpreter* interp, AsyncGenAction action) {
    const char* name = action == AsyncGenAction::Send ? "anext" : action == AsyncGenAction::Throw ? "athrow" : "aclose";
    interp->raise(interp->exc.runtimeError, std::string(name) + "(): asynchronous generator is already running");
}

// One Python coroutine = one runtime coroutine: run the frame until it awaits, await on the
// runtime, resume the frame with the result (or raise the exception into it). An async
// generator's step is the same, except that it ends at the body's next `yield` (its result)
// and that running off the end of the body raises StopAsyncIteration.
Task<Value> coroutineBody(Interpreter* interp, FrameOwner owner, GeneratorStep step, Value sent, bool throwIn) {
    Frame* frame = owner.frame;
    AsyncGeneratorObject* generator = step.generator.empty() ? nullptr : step.generator.as<AsyncGeneratorObject>();
    const bool closing = step.action == AsyncGenAction::Close;
    if (generator) {
        if (generator->running)
            raiseAlreadyRunning(interp, step.action);
        frame = generator->frame;
        if (!frame) {
            if (step.action == AsyncGenAction::Send)
                interp->raise(interp->newException(interp->exc.stopAsyncIteration, std::vector<Value>{}));
            co_return Value::none();  // athrow and aclose of a finished generator do nothing
        }
        if (frame->pc == 0) {
            if (closing) {
                generator->finish();
                co_return Value::none();
            }
            if (!throwIn && !sent.isNone())
                interp->typeError("can't send non-None value to a just-started async generator");
        }
        generator->running = true;
    }
    while (true) {
        Value awaitable;
        Interpreter::Status status;
        if (!generator) {
            // A finished coroutine lets go of its locals at once, as CPython clears the frame
            // on return: an async generator it held is finalised now, not when the task goes.
            try {
                status = interp->execute(frame, std::move(sent), throwIn, awaitable);
            } catch (...) {
                owner.release();
                throw;
            }
            if (status == Interpreter::Status::Returned) {
                owner.release();
                co_return awaitable;
            }
        } else {
            Value error;
            try {
                status = interp->execute(frame, std::move(sent), throwIn, awaitable);
            } catch (const ScriptError& e) {
                error = e.exception;
            } catch (...) {
                generator->running = false;
                generator->finish();
                throw;
            }
            if (!error.empty() || status == Interpreter::Status::Returned) {
                generator->running = false;
                generator->finish();
                if (closing && (error.empty() || interp->isInstance(error, interp->exc.generatorExit) ||
                                interp->isInstance(error, interp->exc.stopAsyncIteration)))
                    co_return Value::none();
                if (error.empty())
                    interp->raise(interp->newException(interp->exc.stopAsyncIteration, std::vector<Value>{}));
                if (interp->isInstance(error, interp->exc.stopAsyncIteration)) {
                    Value replaced = interp->newException(interp->exc.runtimeError, "async generator raised StopAsyncIteration");
                    interp->exceptionData(replaced)->cause = error;
                    interp->raise(std::move(replaced));
                }
                interp->raise(std::move(error));
            }
            if (status == Interpreter::Status::Yielded) {
                generator->running = false;
                if (closing)
                    interp->raise(interp->exc.runtimeError, "async generator ignored GeneratorExit");
                co_return awaitable;
            }
        }
        const SourceLocation where = Interpreter::locationOf(frame);
        throwIn = false;
        sent = Value();
        try {
            switch (awaitable.object()->kind()) {
            case Kind::Coroutine: {
                auto* coroutine = awaitable.as<CoroutineObject>();
                if (coroutine->frame) {
                    coroutine->frame->nesting = frame->nesting + 1;
                    coroutine->frame->awaiter = frame;
                }
                if (frame->nesting + 1 > interp->limits().recursionLimit) {
                    coroutine->close();
                    interp->raiseRecursionError();
                }
                // Awaitables are bound to locals: GCC 12 mishandles non-trivial temporaries in co_await.
                auto located = at(where, coroutine->take());
                interp->flushCost();
                sent = co_await std::move(located);
                break;
            }
            case Kind::Task: {
                TaskHandle<Value> handle = awaitable.as<TaskObject>()->handle;
                interp->flushCost();
                sent = co_await at(where, handle);
                break;
            }
            case Kind::Future: {
                Future<Value> future = awaitable.as<FutureObject>()->future;
                interp->flushCost();
                sent = co_await at(where, future);
                break;
            }
            case Kind::Sleep: {
                auto* sleepObject = awaitable.as<SleepObject>();
                sleepObject->awaited = true;
                interp->flushCost();
                SleepAwaiter sleeper = sleepNs(sleepObject->delay);
                co_await at(where, sleeper);
                sent = sleepObject->result;
                break;
            }
            case Kind::Op: {
                auto* op = awaitable.as<OpObject>();
                op->awaited = true;
                if (!op->op)
                    interp->raise(interp->exc.runtimeError, "cannot reuse already awaited coroutine");
                auto located = at(where, std::move(*op->op));
                op->op.reset();
                interp->flushCost();
                sent = co_await std::move(located);
                break;
            }
            default:
                interp->typeError("object " + interp->typeName(awaitable) + " can't be used in 'await' expression");
            }
        } catch (const ScriptAbort&) {
            throw;
        } catch (...) {
            sent = interp->exceptionFrom(std::current_exception());
            throwIn = true;
        }
    }
}

// anext(iterator, default): the item, or the default once the iterator is exhausted.
Task<Value> defaultOnStop(Interpreter* interp, Task<Value> inner, SourceLocation where, Value fallback) {
    bool stopped = false;
    Value result;
    try {
        auto located = at(where, std::move(inner));
        result = co_await std::move(located);
    } catch (const ScriptError& e) {
        if (!interp->isInstance(e.exception, interp->exc.stopAsyncIteration))
            throw;
        stopped = true;
    }
    co_return stopped ? fallback : result;
}

} // namespace

Value nativeCoroutine(Interpreter& interp, Task<Value> task, const CodeObject* code, ClassObject* type) {
    const SourceLocation creation = interp.currentLocation();
    task.describe(code->qualname.c_str(), code->isLibrary ? creation : code->definition(), creation);
    auto* object = interp.heap().make<CoroutineObject>(interp, std::move(task), nullptr, code, creation);
    object->nativeType = type;
    return Value(object);
}

Value Interpreter::makeCoroutine(FunctionObject* function, Frame* frame) {
    (void)function;
    const SourceLocation creation = currentLocation();
    Task<Value> task = coroutineBody(this, FrameOwner(this, frame), GeneratorStep{}, Value(), false);
    CodeObject* code = frame->code;
    // A library module's coroutine (contextlib's, a functools wrapper's) is placed at the
    // script line that made it: the code panel shows the script, not the module.
    task.describe(code->qualname.c_str(), code->isLibrary ? creation : code->definition(), creation);
    return Value(heap_.make<CoroutineObject>(*this, std::move(task), frame, code, creation));
}

CoroutineObject::~CoroutineObject() {
    if (task.valid() && !task.started()) {
        if (interp->loopDestroyed || nativeType) {
            auto handle = task.release();
            handle.promise().started = true;
            handle.destroy();
            return;
        }
        interp->warnNeverAwaited(code->qualname.c_str(), creation);
    }
}

void CoroutineObject::clearReferences() {
    if (task.valid() && !task.started() && interp->loopDestroyed) {
        auto handle = task.release();
        handle.promise().started = true;
        handle.destroy();
    }
}

Task<Value> CoroutineObject::take() {
    if (!task.valid() || task.started() || consumed)
        interp->raise(interp->exc.runtimeError, "cannot reuse already awaited coroutine");
    consumed = true;
    return std::move(task);
}

void CoroutineObject::close() {
    if (task.valid() && !task.started()) {
        auto handle = task.release();
        handle.promise().started = true;
        handle.destroy();
        frame = nullptr;
    }
    consumed = true;
}

SleepObject::~SleepObject() {
    if (awaited || interp->loopDestroyed)
        return;
    interp->warnNeverAwaited("sleep", created);
    if (Recorder* recorder = interp->recorder(); recorder && interp->hasLoop())
        recorder->neverAwaited(createdAt, interp->loop().now(), interp->loop().currentTaskId(), "sleep", created);
}

void OpObject::discard() {
    if (op) {
        op.reset();
    }
}

OpObject::~OpObject() {
    if (op && !op->started() && warn && !awaited && !interp->loopDestroyed) {
        interp->warnNeverAwaited(name, created);
        if (Recorder* recorder = interp->recorder(); recorder && interp->hasLoop())
            recorder->neverAwaited(createdAt, interp->loop().now(), interp->loop().currentTaskId(), name, created);
    }
    discard();
}

Value makeOp(Interpreter& interp, const char* name, detail::Op<Value> op, Value keep, bool warn) {
    auto* object = interp.heap().make<OpObject>(interp, name, interp.currentLocation());
    Value value(object);
    object->op.emplace(std::move(op));
    object->keep = std::move(keep);
    object->warn = warn;
    object->createdAt = interp.hasLoop() ? interp.loop().now() : 0;
    return value;
}

Value readyOp(Interpreter& interp, Value result) {
    auto* object = interp.heap().make<OpObject>(interp, "ready", interp.currentLocation());
    Value value(object);
    object->ready = std::move(result);
    object->warn = false;
    return value;
}

Value raisingOp(Interpreter& interp, const char* name, Value error) {
    auto* op = interp.heap().make<OpObject>(interp, name, interp.currentLocation());
    Value result(op);
    op->raiseInstead = std::move(error);
    op->warn = false;
    return result;
}

Value asyncGeneratorStep(Interpreter& interp, const Value& generator, AsyncGenAction action, Value argument) {
    auto* object = generator.as<AsyncGeneratorObject>();
    interp.chargeOps(cost::AsyncGenStepOps);
    // The loop's firstiter hook: from now on, asyncio.run closes it if it is left unfinished.
    if (!object->hooked && object->frame && interp.loopRunning()) {
        object->hooked = true;
        interp.asyncGenerators.push_back(object);
    }
    const bool throwIn = action != AsyncGenAction::Send;
    if (action == AsyncGenAction::Close)
        argument = interp.newException(interp.exc.generatorExit, std::vector<Value>{});
    Task<Value> task = coroutineBody(&interp, FrameOwner(&interp, nullptr), GeneratorStep{generator, action},
                                     std::move(argument), throwIn);
    return nativeCoroutine(interp, std::move(task), object->code,
                           action == AsyncGenAction::Send ? interp.types.asyncGenAsendType : interp.types.asyncGenAthrowType);
}

Value awaitOrDefault(Interpreter& interp, Value awaitable, Value fallback) {
    if (!awaitable.is(Kind::Coroutine))
        interp.typeError("anext(): '" + interp.typeName(awaitable) + "' object is not awaitable with a default in Awaitscope");
    auto* coroutine = awaitable.as<CoroutineObject>();
    const CodeObject* code = coroutine->code;
    Task<Value> task = defaultOnStop(&interp, coroutine->take(), interp.currentLocation(), std::move(fallback));
    return nativeCoroutine(interp, std::move(task), code, interp.types.anextAwaitableType);
}

namespace {

Value coroutineClose(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "close", {"self"}, 1);
    if (a[0].is(Kind::Coroutine))
        a[0].as<CoroutineObject>()->close();
    else if (a[0].is(Kind::Sleep))
        a[0].as<SleepObject>()->awaited = true;
    else if (a[0].is(Kind::Op)) {
        a[0].as<OpObject>()->awaited = true;
        a[0].as<OpObject>()->discard();
    }
    return Value::none();
}

std::string coroutineText(const std::string& name, const Value& value) {
    return "<coroutine object " + name + " at " + pointerText(value.object()) + ">";
}

std::string coroutineRepr(Interpreter& interp, const Value& value) {
    switch (value.object()->kind()) {
    case Kind::Coroutine:
        if (ClassObject* type = value.as<CoroutineObject>()->nativeType; type && type != interp.types.coroutineType)
            return "<" + type->nameText() + " object at " + pointerText(value.object()) + ">";
        return coroutineText(value.as<CoroutineObject>()->code->qualname, value);
    case Kind::Sleep: return coroutineText("sleep", value);
    default: return coroutineText(value.as<OpObject>()->name, value);
    }
}

constexpr TypeSlots kCoroutineSlots{.repr = coroutineRepr};

} // namespace

void installCoroutineType(Interpreter& interp) {
    interp.types.coroutineType =
        interp.makeClass("coroutine", {interp.types.object}, BuiltinType::Coroutine, kCoroutineSlots);
    interp.addMethod(interp.types.coroutineType, "close", coroutineClose);
}

} // namespace awaitscope::script
