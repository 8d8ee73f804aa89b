// coroutine: what calling an `async def` makes, and what asyncio's own coroutines are
// (sleep, Lock.acquire, Queue.get, ...: operations of the runtime). A script coroutine is
// exactly one runtime Task<Value>: its frame runs in the machine until it reaches `await`,
// then coroutineBody co_awaits the awaitable on the runtime and resumes the frame with the
// result, or raises the exception into it.
#include "script/objects/Awaitables.h"

#include "script/objects/Types.h"
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
    ~FrameOwner() {
        if (frame)
            interp->freeFrame(frame);
    }
};

// One Python coroutine = one runtime coroutine: run the frame until it awaits, await on the
// runtime, resume the frame with the result (or raise the exception into it).
Task<Value> coroutineBody(Interpreter* interp, FrameOwner owner) {
    Frame* frame = owner.frame;
    Value sent;
    bool throwIn = false;
    while (true) {
        Value awaitable;
        const Interpreter::Status status = interp->execute(frame, std::move(sent), throwIn, awaitable);
        if (status == Interpreter::Status::Returned)
            co_return awaitable;
        const SourceLocation where =
            frame->code->location(static_cast<std::size_t>(frame->pc > 0 ? frame->pc - 1 : 0));
        throwIn = false;
        sent = Value();
        try {
            switch (awaitable.object()->kind()) {
            case Kind::Coroutine: {
                auto* coroutine = awaitable.as<CoroutineObject>();
                if (coroutine->frame)
                    coroutine->frame->nesting = frame->nesting + 1;
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

} // namespace

Value Interpreter::makeCoroutine(FunctionObject* function, Frame* frame) {
    (void)function;
    const SourceLocation creation = currentLocation();
    Task<Value> task = coroutineBody(this, FrameOwner(this, frame));
    CodeObject* code = frame->code;
    task.describe(code->qualname.c_str(), code->definition(), creation);
    return Value(heap_.make<CoroutineObject>(*this, std::move(task), frame, code, creation));
}

CoroutineObject::~CoroutineObject() {
    if (task.valid() && !task.started()) {
        if (interp->loopDestroyed) {
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

std::string coroutineRepr(Interpreter&, const Value& value) {
    switch (value.object()->kind()) {
    case Kind::Coroutine: return coroutineText(value.as<CoroutineObject>()->code->qualname, value);
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
