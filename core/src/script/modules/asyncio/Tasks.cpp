// Tasks and futures (CPython's tasks.py and futures.py): create_task, gather, wait_for,
// wait, shield, as_completed, sleep, current_task, and the methods of Task, Future and
// _GatheringFuture.
#include "script/modules/asyncio/Asyncio.h"
#include "awaitscope/trace/Recorder.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace awaitscope::script {

TaskObject::TaskObject(Interpreter& interp_, TaskHandle<Value> handle_)
    : Object(Kind::Task), interp(&interp_), handle(std::move(handle_)) {
    interp->taskObjects[handle.state()] = this;
}

TaskObject::~TaskObject() {
    auto found = interp->taskObjects.find(handle.state());
    if (found != interp->taskObjects.end() && found->second == this)
        interp->taskObjects.erase(found);
    if (interp->loopDestroyed && handle.valid())
        handle.state()->markRetrieved();
}

void FutureObject::clearReferences() { future = Future<Value>(); }

Value newPlainFuture(Interpreter& interp) {
    Loop& loop = runningLoop(interp);
    return Value(interp.heap().make<FutureObject>(Future<Value>(new detail::FutureValue<Value>(loop, WaitKind::Future)),
                                                  interp.types.plainFutureType));
}

Value runLoopCallback(Interpreter& interp, const Value& callback, const Value* args, int count) {
    if (interp.aborting())
        return Value();
    try {
        return interp.call(callback, args, count);
    } catch (const ScriptError& e) {
        interp.writeStderr("Exception in callback " + interp.repr(callback) + "\n" + interp.formatTraceback(e.exception));
        return Value();
    }
}

Value taskObjectFor(Interpreter& interp, TaskHandle<Value> handle, const CodeObject* code) {
    auto found = interp.taskObjects.find(handle.state());
    if (found != interp.taskObjects.end())
        return Value(found->second);
    auto* task = interp.heap().make<TaskObject>(interp, std::move(handle));
    task->code = code;
    return Value(task);
}

namespace {

Task<Value> awaitInTask(Interpreter* interp, Value awaitable) {
    switch (awaitable.object()->kind()) {
    case Kind::Sleep: {
        auto* s = awaitable.as<SleepObject>();
        s->awaited = true;
        SleepAwaiter sleeper = sleepNs(s->delay);
        co_await sleeper;
        co_return s->result;
    }
    case Kind::Op: {
        auto* op = awaitable.as<OpObject>();
        op->awaited = true;
        if (!op->raiseInstead.empty())
            interp->raise(op->raiseInstead);
        if (!op->ready.empty())
            co_return op->ready;
        if (!op->op)
            interp->raise(interp->exc.runtimeError, "cannot reuse already awaited coroutine");
        detail::Op<Value> inner = std::move(*op->op);
        op->op.reset();
        co_return co_await std::move(inner);
    }
    case Kind::Future: {
        Future<Value> future = awaitable.as<FutureObject>()->future;
        co_return co_await future;
    }
    default:
        interp->typeError("An asyncio.Future, a coroutine or an awaitable is required");
    }
}

// What create_task, gather and friends schedule: a coroutine's own task, or a task wrapping an awaitable.
Task<Value> taskBody(Interpreter& interp, const Value& awaitable) {
    if (awaitable.is(Kind::Coroutine))
        return awaitable.as<CoroutineObject>()->take();
    if (awaitable.is(Kind::Sleep) || awaitable.is(Kind::Op) || awaitable.is(Kind::Future)) {
        // Scheduled is started: a task cancelled before its first step leaves no never-awaited warning.
        if (awaitable.is(Kind::Sleep))
            awaitable.as<SleepObject>()->awaited = true;
        else if (awaitable.is(Kind::Op))
            awaitable.as<OpObject>()->awaited = true;
        Task<Value> task = awaitInTask(&interp, awaitable);
        const char* name = awaitable.is(Kind::Sleep) ? "sleep" : awaitable.is(Kind::Op) ? awaitable.as<OpObject>()->name : "_wrap_awaitable";
        const SourceLocation here = interp.currentLocation();
        task.describe(name, here, here);
        return task;
    }
    interp.typeError("An asyncio.Future, a coroutine or an awaitable is required");
}

TaskHandle<Value> scheduled(Interpreter& interp, const Value& awaitable, ScopeId scope, const SourceLocation& where) {
    if (awaitable.is(Kind::Task))
        return awaitable.as<TaskObject>()->handle;
    return createTask(taskBody(interp, awaitable), TaskOptions{{}, scope}, where);
}

detail::Op<Value> waitForOp(Interpreter* interp, Value awaitable, std::optional<std::chrono::nanoseconds> timeout,
                            SourceLocation where) {
    if (awaitable.is(Kind::Task)) {
        detail::Op<Value> inner = waitFor(awaitable.as<TaskObject>()->handle, timeout);
        co_return co_await std::move(inner);
    }
    if (awaitable.is(Kind::Future)) {  // ensure_future leaves a future as it is
        detail::Op<Value> inner = waitFor(awaitable.as<FutureObject>()->future, timeout);
        co_return co_await std::move(inner);
    }
    Task<Value> body = taskBody(*interp, awaitable);
    detail::Op<Value> inner = waitFor(std::move(body), timeout, where);
    co_return co_await std::move(inner);
}

bool isAwaitableArgument(const Value& v) {
    return v.is(Kind::Coroutine) || v.is(Kind::Task) || v.is(Kind::Future) || v.is(Kind::Sleep) || v.is(Kind::Op);
}

detail::FutureState* futureStateOf(const Value& v) {
    if (v.is(Kind::Task))
        return v.as<TaskObject>()->handle.state();
    return v.as<FutureObject>()->future.state();
}

// ensure_future: a task or future as it is, anything else scheduled as a task.
Value ensureFuture(Interpreter& interp, const Value& awaitable, const SourceLocation& where) {
    if (awaitable.is(Kind::Task) || awaitable.is(Kind::Future))
        return awaitable;
    return taskObjectFor(interp, scheduled(interp, awaitable, kNoScope, where));
}

// tasks.py's wait after its checks: the futures, then (done, pending) as two sets.
detail::Op<Value> waitOp(Interpreter* interp, std::vector<Value> futures, ReturnWhen returnWhen,
                         std::optional<std::chrono::nanoseconds> timeout) {
    std::vector<detail::Ref<detail::FutureState>> states;
    for (const Value& f : futures)
        states.emplace_back(futureStateOf(f));
    co_await wait(std::move(states), returnWhen, timeout);
    Value done = interp->newSet();
    Value pending = interp->newSet();
    for (const Value& f : futures) {
        Value& into = futureStateOf(f)->done() ? done : pending;
        interp->setInsert(into.as<SetObject>(), f, interp->hash(f));
    }
    co_return interp->newTuple({done, pending});
}

} // namespace

Value asyncioSleep(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "sleep", {"delay", "result"}, 1);
    const TimeNs delay = secondsToNs(interp, a[0], "delay");
    auto* object = interp.heap().make<SleepObject>(interp, delay, a.has(1) ? a[1] : Value::none(), interp.currentLocation());
    object->createdAt = interp.hasLoop() ? interp.loop().now() : 0;
    return Value(object);
}

Value createTaskOf(Interpreter& interp, const Value& coroutine, const Value& name) {
    runningLoop(interp);
    // asyncio's own coroutines (sleep, wait_for, Queue.get, ...) are coroutines too.
    if (!coroutine.is(Kind::Coroutine) && !coroutine.is(Kind::Sleep) && !coroutine.is(Kind::Op))
        interp.typeError("a coroutine was expected, got " + interp.repr(coroutine));
    interp.flushCost();
    const CodeObject* code = coroutine.is(Kind::Coroutine) ? coroutine.as<CoroutineObject>()->code : nullptr;
    // CPython 3.11 creates the task unnamed (taking a Task-N number), then renames it.
    TaskHandle<Value> handle = createTask(taskBody(interp, coroutine), TaskOptions{}, interp.currentLocation());
    if (!name.empty() && !name.isNone())
        handle.setName(interp.toStr(name));
    return taskObjectFor(interp, std::move(handle), code);
}

Value asyncioCreateTask(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "create_task", {"coro", "name", "context"}, 1);
    return createTaskOf(interp, a[0], a.has(1) ? a[1] : Value());
}

Value asyncioEnsureFuture(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "ensure_future", {"coro_or_future"}, 1);
    if (a[0].is(Kind::Task) || a[0].is(Kind::Future))
        return a[0];
    runningLoop(interp);
    return ensureFuture(interp, a[0], interp.currentLocation());
}

Value asyncioGather(Interpreter& interp, CallArgs& args) {
    bool returnExceptions = false;
    for (int k = 0; k < args.kwCount(); ++k) {
        const std::string& key = args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text;
        if (key != "return_exceptions")
            interp.typeError("gather() got an unexpected keyword argument '" + key + "'");
        returnExceptions = interp.truthy(args.kwValues[k]);
    }
    Loop& loop = runningLoop(interp);
    for (int i = 0; i < args.count; ++i)
        if (!args[i].is(Kind::Coroutine) && !args[i].is(Kind::Task) && !args[i].is(Kind::Future) &&
            !args[i].is(Kind::Sleep) && !args[i].is(Kind::Op))
            interp.typeError("An asyncio.Future, a coroutine or an awaitable is required");
    interp.flushCost();
    const SourceLocation where = interp.currentLocation();
    auto slots = std::make_shared<std::vector<detail::ValueSlot<Value>*>>();
    Interpreter* self = &interp;
    auto* outer = new detail::GatheringFutureT<Value>(loop, returnExceptions, where,
                                                      [self, slots, returnExceptions](detail::GatheringFuture& g) {
        std::vector<Value> results;
        results.reserve(slots->size());
        for (std::size_t i = 0; i < slots->size(); ++i) {
            if (returnExceptions)
                if (std::exception_ptr error = g.outcomeError(*g.children()[i])) {
                    results.push_back(self->exceptionFrom(error));
                    continue;
                }
            results.push_back((*slots)[i]->value ? *(*slots)[i]->value : Value::none());
        }
        return self->newList(std::move(results));
    });
    Future<Value> future(outer, outer);
    for (int i = 0; i < args.count; ++i) {
        if (args[i].is(Kind::Future)) {  // a future (another gather) is a child as it is: ensure_future wraps nothing
            const Future<Value>& child = args[i].as<FutureObject>()->future;
            slots->push_back(child.slot());
            outer->addChild(*child.state());
            continue;
        }
        TaskHandle<Value> child = scheduled(interp, args[i], outer->scope(), where);
        slots->push_back(child.state());
        outer->addChild(*child.state());
    }
    outer->sealChildren();
    return Value(interp.heap().make<FutureObject>(std::move(future)));
}

// The checks asyncio.wait makes when awaited, in its order; an error becomes an awaitable that raises it.
Value asyncioWait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait", {"fs", "timeout", "return_when"}, 1);
    const Value& fs = a[0];
    if (isAwaitableArgument(fs))
        return raisingOp(interp, "wait",
                         interp.newException(interp.exc.typeError, "expect a list of futures, not " + interp.typeName(fs)));
    const std::optional<std::chrono::nanoseconds> timeout = optionalTimeout(interp, a.has(1) ? a[1] : Value());
    std::vector<Value> items = interp.toVector(fs);
    if (items.empty())
        return raisingOp(interp, "wait", interp.newException(interp.exc.valueError, "Set of Tasks/Futures is empty."));
    ReturnWhen returnWhen = ReturnWhen::AllCompleted;
    if (a.has(2)) {
        const std::string mode = a[2].is(Kind::Str) ? a[2].as<StrObject>()->text : std::string();
        if (mode == "FIRST_COMPLETED")
            returnWhen = ReturnWhen::FirstCompleted;
        else if (mode == "FIRST_EXCEPTION")
            returnWhen = ReturnWhen::FirstException;
        else if (mode != "ALL_COMPLETED")
            return raisingOp(interp, "wait",
                             interp.newException(interp.exc.valueError, "Invalid return_when value: " + interp.toStr(a[2])));
    }
    for (const Value& item : items)
        if (!isAwaitableArgument(item))
            interp.typeError("An asyncio.Future, a coroutine or an awaitable is required");
    runningLoop(interp);
    interp.flushCost();
    // A set in asyncio: each future once.
    std::vector<Value> futures;
    const SourceLocation where = interp.currentLocation();
    for (const Value& item : items) {
        const bool seen = std::any_of(futures.begin(), futures.end(), [&](const Value& f) { return f.object() == item.object(); });
        if (!seen)
            futures.push_back(ensureFuture(interp, item, where));
    }
    return makeOp(interp, "wait", waitOp(&interp, std::move(futures), returnWhen, timeout), fs);
}

Value asyncioShield(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "shield", {"arg"}, 1);
    if (!isAwaitableArgument(a[0]))
        interp.typeError("An asyncio.Future, a coroutine or an awaitable is required");
    runningLoop(interp);
    interp.flushCost();
    Value inner = ensureFuture(interp, a[0], interp.currentLocation());
    detail::FutureState* state = futureStateOf(inner);
    if (state->done())
        return inner;
    detail::ValueSlot<Value>* slot = inner.is(Kind::Task)
                                         ? static_cast<detail::ValueSlot<Value>*>(inner.as<TaskObject>()->handle.state())
                                         : inner.as<FutureObject>()->future.slot();
    return Value(interp.heap().make<FutureObject>(shield<Value>(*state, *slot), interp.types.plainFutureType));
}

Value asyncioWaitFor(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait_for", {"fut", "timeout"}, 2);
    const Value& target = a[0];
    if (!target.is(Kind::Coroutine) && !target.is(Kind::Task) && !target.is(Kind::Future) && !target.is(Kind::Sleep) &&
        !target.is(Kind::Op))
        interp.typeError("An asyncio.Future, a coroutine or an awaitable is required");
    return makeOp(interp, "wait_for", waitForOp(&interp, target, optionalTimeout(interp, a[1]), interp.currentLocation()),
                  target);
}

Value asyncioAsCompleted(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "as_completed", {"fs", "timeout"}, 1);
    Loop& loop = runningLoop(interp);
    std::vector<Value> items = interp.toVector(a[0]);
    interp.flushCost();
    const SourceLocation where = interp.currentLocation();
    ScopeId scope = kNoScope;
    if (Recorder* recorder = interp.recorder())
        scope = recorder->scopeBegin(ScopeKind::AsCompleted, loop.currentTaskId(), where, loop.now());
    std::vector<TaskHandle<Value>> tasks;
    for (const Value& item : items)
        tasks.push_back(scheduled(interp, item, scope, where));
    AsCompleted<Value> completed(std::move(tasks), optionalTimeout(interp, a.has(1) ? a[1] : Value()));
    return Value(interp.heap().make<AsCompletedObject>(std::move(completed)));
}

Value asyncioCurrentTask(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "current_task", {"loop"}, 0);
    if (!interp.hasLoop() || !interp.loopRunning())
        interp.raise(interp.exc.runtimeError, "no running event loop");
    detail::TaskState* task = interp.loop().currentTask();
    if (!task)
        return Value::none();
    return taskObjectFor(interp, TaskHandle<Value>(static_cast<detail::TaskStateT<Value>*>(task)));
}

Value asyncioAllTasks(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "all_tasks", {"loop"}, 0);
    Loop& loop = runningLoop(interp);
    Value result = interp.newSet();
    for (detail::TaskState* task : loop.pendingTasks()) {
        Value object = taskObjectFor(interp, TaskHandle<Value>(static_cast<detail::TaskStateT<Value>*>(task)));
        const std::size_t h = interp.hash(object);
        interp.setInsert(result.as<SetObject>(), object, h);
    }
    return result;
}

Value asyncioIsFuture(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "isfuture", {"obj"}, 1);
    return Value::boolean(a[0].is(Kind::Task) || a[0].is(Kind::Future));
}

Value asyncioIsCoroutine(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "iscoroutine", {"obj"}, 1);
    return Value::boolean(a[0].is(Kind::Coroutine) || a[0].is(Kind::Sleep) || a[0].is(Kind::Op));
}

Value asyncioIsCoroutineFunction(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "iscoroutinefunction", {"func"}, 1);
    Value f = a[0];
    if (f.is(Kind::BoundMethod))
        f = f.as<BoundMethodObject>()->function;
    return Value::boolean(f.is(Kind::Function) && f.as<FunctionObject>()->code->isCoroutine);
}

namespace {

Value futureResult(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "result", {"self"}, 1);
    detail::FutureState* state = futureStateOf(a[0]);
    if (std::exception_ptr error = state->errorForResult())
        interp.raise(interp.exceptionFrom(error));
    if (a[0].is(Kind::Task)) {
        auto& value = a[0].as<TaskObject>()->handle.state()->value;
        return value ? *value : Value::none();
    }
    return a[0].as<FutureObject>()->future.result();
}

Value futureException(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "exception", {"self"}, 1);
    std::exception_ptr error;
    try {
        error = futureStateOf(a[0])->exception();
    } catch (...) {
        interp.raise(interp.exceptionFrom(std::current_exception()));
    }
    return error ? interp.exceptionFrom(error) : Value::none();
}

Value futureDone(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "done", {"self"}, 1);
    return Value::boolean(futureStateOf(a[0])->done());
}

Value futureCancelled(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cancelled", {"self"}, 1);
    return Value::boolean(futureStateOf(a[0])->cancelled());
}

Value futureCancel(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cancel", {"self", "msg"}, 1);
    std::optional<std::string> message;
    if (a.has(1) && !a[1].isNone())
        message = interp.toStr(a[1]);
    interp.flushCost();
    return Value::boolean(futureStateOf(a[0])->cancel(message));
}

struct DoneCallbackData {
    Interpreter* interp;
    Value callback;
    Value future;
};

void runDoneCallback(void* self, void*, bool run) {
    auto* data = static_cast<DoneCallbackData*>(self);
    if (run)
        runLoopCallback(*data->interp, data->callback, &data->future, 1);
    delete data;
}

Value futureAddDoneCallback(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "add_done_callback", {"self", "fn", "context"}, 2);
    futureStateOf(a[0])->addDoneCallback({&runDoneCallback, new DoneCallbackData{&interp, a[1], a[0]}, CallbackKind::Program});
    return Value::none();
}

Value futureRemoveDoneCallback(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "remove_done_callback", {"self", "fn"}, 2);
    detail::FutureState* state = futureStateOf(a[0]);
    std::vector<detail::DoneCallback> removed = state->takeDoneCallbacks([&](const detail::DoneCallback& c) {
        return c.fn == &runDoneCallback && interp.equals(static_cast<DoneCallbackData*>(c.self)->callback, a[1]);
    });
    for (const detail::DoneCallback& c : removed)
        c.fn(c.self, state, false);
    return Value::integer(static_cast<std::int64_t>(removed.size()));
}

Future<Value>& plainFuture(Interpreter& interp, const Value& self, const char* method) {
    if (!self.is(Kind::Future))
        interp.typeError(std::string("descriptor '") + method + "' requires a 'Future' object");
    return self.as<FutureObject>()->future;
}

Value futureSetResult(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set_result", {"self", "result"}, 2);
    Future<Value>& future = plainFuture(interp, a[0], "set_result");
    interp.flushCost();
    if (future.done())
        interp.raise(interp.exc.invalidStateError, "invalid state");
    future.setResult(a[1]);
    return Value::none();
}

Value futureSetException(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set_exception", {"self", "exception"}, 2);
    Future<Value>& future = plainFuture(interp, a[0], "set_exception");
    interp.flushCost();
    if (future.done())
        interp.raise(interp.exc.invalidStateError, "invalid state");
    Value error = a[1];
    if (error.is(Kind::Class) && interp.isSubclass(error.as<ClassObject>(), interp.exc.baseException))
        error = interp.call(error, {});
    if (!interp.isException(error))
        interp.typeError("exceptions must derive from BaseException");
    if (interp.isInstance(error, interp.exc.stopIteration))
        interp.typeError("StopIteration interacts badly with generators and cannot be raised into a Future");
    future.setException(interp.toExceptionPtr(error));
    return Value::none();
}

Value newFuture(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Future", {"cls", "loop"}, 1);
    return newPlainFuture(interp);
}

Value taskGetName(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_name", {"self"}, 1);
    return interp.str(a[0].as<TaskObject>()->handle.name());
}

Value taskSetName(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set_name", {"self", "value"}, 2);
    a[0].as<TaskObject>()->handle.setName(interp.toStr(a[1]));
    return Value::none();
}

Value taskCancelling(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cancelling", {"self"}, 1);
    return Value::integer(a[0].as<TaskObject>()->handle.cancelling());
}

Value taskUncancel(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "uncancel", {"self"}, 1);
    return Value::integer(a[0].as<TaskObject>()->handle.uncancel());
}

std::string taskRepr(Interpreter& interp, const Value& value) {
    auto* task = value.as<TaskObject>();
    if (!task->handle.valid())
        return "<Task>";
    std::string state = "pending";
    std::string extra;
    if (task->handle.done()) {
        if (task->handle.cancelled()) {
            state = "cancelled";
        } else {
            state = "finished";
            const std::exception_ptr& error = task->handle.state()->storedException();
            if (error)
                extra = " exception=" + interp.repr(interp.exceptionFrom(error));
            else
                extra = " result=" + interp.repr(task->handle.state()->value ? *task->handle.state()->value : Value::none());
        }
    }
    std::string coro;
    if (task->code)
        coro = " coro=<" + task->code->qualname + "() " + (task->handle.done() ? "done, defined" : "running") + " at " +
               task->code->file + ":" + std::to_string(task->code->firstLine) + ">";
    return "<Task " + state + " name='" + task->handle.name() + "'" + coro + extra + ">";
}

std::string futureRepr(Interpreter& interp, const Value& value) {
    auto* future = value.as<FutureObject>();
    std::string text = "<" + interp.typeName(value) + " ";
    if (!future->future.valid() || !future->future.done())
        return text + "pending>";
    if (future->future.cancelled())
        return text + "cancelled>";
    text += "finished";
    if (future->cls) {  // asyncio.Future shows its outcome
        if (const std::exception_ptr& error = future->future.state()->storedException())
            text += " exception=" + interp.repr(interp.exceptionFrom(error));
        else if (future->future.slot()->value)
            text += " result=" + interp.repr(*future->future.slot()->value);
    }
    return text + ">";
}

Value asCompletedNext(Interpreter& interp, const Value& asCompleted) {
    auto* object = static_cast<AsCompletedObject*>(asCompleted.object());
    if (object->handedOut >= object->completed.size())
        return {};
    ++object->handedOut;
    return makeOp(interp, "_wait_for_one", object->completed.next(), asCompleted);
}

std::string asCompletedRepr(Interpreter&, const Value& value) {
    return "<generator object as_completed at " + pointerText(value.object()) + ">";
}

// Iterating as_completed hands out one awaitable per task, in the order they finish.
Value asCompletedIter(Interpreter& interp, const Value& iterable) {
    Value iterator = newIterator(interp, IteratorKind::Callable, iterable);
    iterator.as<IteratorObject>()->produce = asCompletedNext;
    return iterator;
}

constexpr TypeSlots kTaskSlots{.repr = taskRepr};
constexpr TypeSlots kFutureSlots{.repr = futureRepr};
constexpr TypeSlots kAsCompletedSlots{.repr = asCompletedRepr, .iter = asCompletedIter};

} // namespace

void installTaskTypes(Interpreter& interp) {
    auto& t = interp.types;
    t.taskType = interp.makeClass("Task", {t.object}, BuiltinType::Task, kTaskSlots, nullptr, "asyncio.tasks");
    t.futureType =
        interp.makeClass("_GatheringFuture", {t.object}, BuiltinType::Future, kFutureSlots, nullptr, "asyncio.tasks");
    t.asCompletedType = interp.makeClass("generator", {t.object}, BuiltinType::Runtime, kAsCompletedSlots);
    t.plainFutureType =
        interp.makeClass("Future", {t.object}, BuiltinType::Future, kFutureSlots, newFuture, "asyncio.futures");
    interp.addMethod(t.plainFutureType, "set_result", futureSetResult);
    interp.addMethod(t.plainFutureType, "set_exception", futureSetException);
    for (ClassObject* cls : {t.taskType, t.futureType, t.plainFutureType}) {
        interp.addMethod(cls, "result", futureResult);
        interp.addMethod(cls, "exception", futureException);
        interp.addMethod(cls, "done", futureDone);
        interp.addMethod(cls, "cancelled", futureCancelled);
        interp.addMethod(cls, "cancel", futureCancel);
        interp.addMethod(cls, "add_done_callback", futureAddDoneCallback);
        interp.addMethod(cls, "remove_done_callback", futureRemoveDoneCallback);
    }
    interp.addMethod(t.taskType, "get_name", taskGetName);
    interp.addMethod(t.taskType, "set_name", taskSetName);
    interp.addMethod(t.taskType, "cancelling", taskCancelling);
    interp.addMethod(t.taskType, "uncancel", taskUncancel);
}

} // namespace awaitscope::script
