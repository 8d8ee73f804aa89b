// The `asyncio` module of scripts: every function and class maps onto the runtime, so a
// script's tasks, awaits, gathers and task groups are the runtime's own.
#include "script/modules/asyncio/AsyncObjects.h"
#include "script/vm/Interpreter.h"
#include "awaitscope/trace/Recorder.h"

#include <cmath>
#include <cstring>

namespace awaitscope::script {

Value newModule(Interpreter& interp, const char* name);

namespace {

TimeNs secondsToNs(Interpreter& interp, const Value& v, const char* what) {
    if (!v.isNumber())
        interp.typeError(std::string(what) + " must be a number, not " + interp.typeName(v));
    const double s = v.toDouble();
    if (std::isnan(s))
        interp.valueError(std::string(what) + " must not be NaN");
    if (s <= 0)
        return 0;
    if (s > 1e9)
        return static_cast<TimeNs>(1e18);
    return static_cast<TimeNs>(std::llround(s * 1e9));
}

std::optional<std::chrono::nanoseconds> optionalTimeout(Interpreter& interp, const Value& v) {
    if (v.empty() || v.isNone())
        return std::nullopt;
    if (!v.isNumber())
        interp.typeError("timeout must be a number or None, not " + interp.typeName(v));
    const double s = v.toDouble();
    if (s <= 0)
        return std::chrono::nanoseconds(0);
    return std::chrono::nanoseconds(s > 1e9 ? static_cast<TimeNs>(1e18) : static_cast<TimeNs>(std::llround(s * 1e9)));
}

Loop& runningLoop(Interpreter& interp) {
    if (!interp.hasLoop() || !interp.loopRunning())
        interp.raise(interp.exc.runtimeError, "no running event loop");
    return interp.loop();
}

Value makeOp(Interpreter& interp, const char* name, detail::Op<Value> op, Value keep = {}, bool warn = true) {
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

detail::Op<Value> withResult(detail::Op<void> inner, Value result) {
    co_await std::move(inner);
    co_return result;
}

// Runs any awaitable as the body of a new task (gather, wait_for and as_completed take them).
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

Value taskObjectFor(Interpreter& interp, TaskHandle<Value> handle, const CodeObject* code = nullptr) {
    auto found = interp.taskObjects.find(handle.state());
    if (found != interp.taskObjects.end())
        return Value(found->second);
    auto* task = interp.heap().make<TaskObject>(interp, std::move(handle));
    task->code = code;
    return Value(task);
}

// What create_task, gather and friends schedule: a coroutine's own task, or a task wrapping an awaitable.
Task<Value> taskBody(Interpreter& interp, const Value& awaitable) {
    if (awaitable.is(Kind::Coroutine))
        return awaitable.as<CoroutineObject>()->take();
    if (awaitable.is(Kind::Sleep) || awaitable.is(Kind::Op) || awaitable.is(Kind::Future)) {
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

// ---- module functions ----

Value asyncioRun(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "run", {"main", "debug"}, 1);
    if (interp.loopRunning())
        interp.raise(interp.exc.runtimeError, "asyncio.run() cannot be called from a running event loop");
    if (!a[0].is(Kind::Coroutine))
        interp.valueError("a coroutine was expected, got " + interp.repr(a[0]));
    Task<Value> main = a[0].as<CoroutineObject>()->take();
    const SourceLocation where = interp.currentLocation();
    interp.flushCost();
    interp.setLoopRunning(true);
    std::string message;
    std::uint32_t line = where.line;
    bool record = false;
    try {
        Value result = interp.loop().run(std::move(main), where);
        interp.setLoopRunning(false);
        return result;
    } catch (const DeadlockError& error) {
        message = std::string("the program would wait forever: ") + error.what();
        record = true;
    } catch (const BudgetExceeded& error) {
        message = error.what();
        record = true;
    } catch (const ScriptAbort& abort) {
        message = abort.message;
        line = abort.line;
    } catch (...) {
        interp.setLoopRunning(false);
        throw;
    }
    // The run is over. Tasks still pending are cancelled and drained (without running any more
    // script code), as asyncio.run's shutdown does, so that nothing they hold is left behind.
    interp.beginAbort();
    try {
        interp.loop().shutdown();
    } catch (...) {
    }
    interp.setLoopRunning(false);
    if (record)
        if (Recorder* recorder = interp.recorder())
            recorder->scriptError(interp.loop().now(), kNoTask, where, message);
    throw ScriptAbort(message, line);
}

Value asyncioSleep(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "sleep", {"delay", "result"}, 1);
    const TimeNs delay = secondsToNs(interp, a[0], "delay");
    auto* object = interp.heap().make<SleepObject>(interp, delay, a.has(1) ? a[1] : Value::none(), interp.currentLocation());
    object->createdAt = interp.hasLoop() ? interp.loop().now() : 0;
    return Value(object);
}

Value asyncioCreateTask(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "create_task", {"coro", "name", "context"}, 1);
    runningLoop(interp);
    if (!a[0].is(Kind::Coroutine))
        interp.typeError("a coroutine was expected, got " + interp.repr(a[0]));
    interp.flushCost();
    const CodeObject* code = a[0].as<CoroutineObject>()->code;
    // CPython 3.11 creates the task unnamed (taking a Task-N number), then renames it.
    TaskHandle<Value> handle = createTask(a[0].as<CoroutineObject>()->take(), TaskOptions{}, interp.currentLocation());
    if (a.has(1) && !a[1].isNone())
        handle.setName(interp.toStr(a[1]));
    return taskObjectFor(interp, std::move(handle), code);
}

Value asyncioEnsureFuture(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "ensure_future", {"coro_or_future"}, 1);
    if (a[0].is(Kind::Task) || a[0].is(Kind::Future))
        return a[0];
    runningLoop(interp);
    return taskObjectFor(interp, scheduled(interp, a[0], kNoScope, interp.currentLocation()));
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

Value asyncioWaitFor(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait_for", {"fut", "timeout"}, 2);
    const Value& target = a[0];
    if (!target.is(Kind::Coroutine) && !target.is(Kind::Task) && !target.is(Kind::Future) && !target.is(Kind::Sleep) &&
        !target.is(Kind::Op))
        interp.typeError("An asyncio.Future, a coroutine or an awaitable is required");
    return makeOp(interp, "wait_for", waitForOp(&interp, target, optionalTimeout(interp, a[1]), interp.currentLocation()),
                  target);
}

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
    return "to_thread";
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
        result.as<SetObject>()->table.insert(object, h, Value::none());
    }
    return result;
}

Value asyncioGetRunningLoop(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_running_loop", {}, 0);
    runningLoop(interp);
    return Value(interp.heap().make<LoopObject>());
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

// ---- constructors ----

Value newEvent(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Event", {"cls"}, 1);
    return Value(interp.heap().make<EventObject>());
}

Value newLock(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Lock", {"cls"}, 1);
    return Value(interp.heap().make<LockObject>());
}

Value newSemaphore(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Semaphore", {"cls", "value"}, 1);
    const std::int64_t value = a.has(1) ? interp.toIndex(a[1], "value") : 1;
    if (value < 0)
        interp.valueError("Semaphore initial value must be >= 0");
    return Value(interp.heap().make<SemaphoreObject>(static_cast<int>(std::min<std::int64_t>(value, 1 << 30))));
}

Value newQueue(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Queue", {"cls", "maxsize"}, 1);
    const std::int64_t maxsize = a.has(1) ? interp.toIndex(a[1], "maxsize") : 0;
    return Value(interp.heap().make<QueueObject>(static_cast<std::size_t>(std::max<std::int64_t>(0, maxsize))));
}

Value newTaskGroup(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "TaskGroup", {"cls"}, 1);
    return Value(interp.heap().make<TaskGroupObject>(interp.currentLocation()));
}

// ---- Task and Future methods ----

detail::FutureState* futureOf(const Value& v) {
    if (v.is(Kind::Task))
        return v.as<TaskObject>()->handle.state();
    return v.as<FutureObject>()->future.state();
}

Value futureResult(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "result", {"self"}, 1);
    detail::FutureState* state = futureOf(a[0]);
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
        error = futureOf(a[0])->exception();
    } catch (...) {
        interp.raise(interp.exceptionFrom(std::current_exception()));
    }
    return error ? interp.exceptionFrom(error) : Value::none();
}

Value futureDone(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "done", {"self"}, 1);
    return Value::boolean(futureOf(a[0])->done());
}

Value futureCancelled(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cancelled", {"self"}, 1);
    return Value::boolean(futureOf(a[0])->cancelled());
}

Value futureCancel(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cancel", {"self", "msg"}, 1);
    std::optional<std::string> message;
    if (a.has(1) && !a[1].isNone())
        message = interp.toStr(a[1]);
    interp.flushCost();
    return Value::boolean(futureOf(a[0])->cancel(message));
}

struct DoneCallbackData {
    Interpreter* interp;
    Value callback;
    Value future;
};

void runDoneCallback(void* self, void*, bool run) {
    auto* data = static_cast<DoneCallbackData*>(self);
    if (run && !data->interp->aborting()) {
        try {
            data->interp->call(data->callback, {data->future});
        } catch (const ScriptError& e) {
            data->interp->writeStderr("Exception in callback " + data->interp->repr(data->callback) + "\n" +
                                      data->interp->formatTraceback(e.exception));
        }
    }
    delete data;
}

Value futureAddDoneCallback(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "add_done_callback", {"self", "fn", "context"}, 2);
    futureOf(a[0])->addDoneCallback({&runDoneCallback, new DoneCallbackData{&interp, a[1], a[0]}});
    return Value::none();
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

// ---- Event, Lock, Semaphore ----

Value eventSet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set", {"self"}, 1);
    interp.flushCost();
    static_cast<EventObject*>(a[0].object())->event.set();
    return Value::none();
}

Value eventClear(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "clear", {"self"}, 1);
    static_cast<EventObject*>(a[0].object())->event.clear();
    return Value::none();
}

Value eventIsSet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "is_set", {"self"}, 1);
    return Value::boolean(static_cast<EventObject*>(a[0].object())->event.isSet());
}

Value eventWait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait", {"self"}, 1);
    // The runtime's coroutine reads the event when it starts: call it on the object the Op keeps alive.
    Event& event = static_cast<EventObject*>(a[0].object())->event;
    return makeOp(interp, "wait", withResult(event.wait(), Value::boolean(true)), a[0]);
}

Value lockAcquire(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "acquire", {"self"}, 1);
    Lock& lock = static_cast<LockObject*>(a[0].object())->lock;
    return makeOp(interp, "acquire", withResult(lock.acquire(), Value::boolean(true)), a[0]);
}

Value lockRelease(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "release", {"self"}, 1);
    interp.flushCost();
    static_cast<LockObject*>(a[0].object())->lock.release();
    return Value::none();
}

Value lockLocked(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "locked", {"self"}, 1);
    return Value::boolean(static_cast<LockObject*>(a[0].object())->lock.locked());
}

Value semaphoreAcquire(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "acquire", {"self"}, 1);
    Semaphore& semaphore = static_cast<SemaphoreObject*>(a[0].object())->semaphore;
    return makeOp(interp, "acquire", withResult(semaphore.acquire(), Value::boolean(true)), a[0]);
}

Value semaphoreRelease(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "release", {"self"}, 1);
    interp.flushCost();
    static_cast<SemaphoreObject*>(a[0].object())->semaphore.release();
    return Value::none();
}

Value semaphoreLocked(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "locked", {"self"}, 1);
    return Value::boolean(static_cast<SemaphoreObject*>(a[0].object())->semaphore.locked());
}

// ---- Queue ----

Queue<Value>& queueOf(const Value& v) { return static_cast<QueueObject*>(v.object())->queue; }

Value queuePut(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "put", {"self", "item"}, 2);
    Queue<Value>& queue = queueOf(a[0]);
    return makeOp(interp, "put", withResult(queue.put(a[1]), Value::none()), a[0]);
}

Value queueGet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get", {"self"}, 1);
    Queue<Value>& queue = queueOf(a[0]);
    return makeOp(interp, "get", queue.get(), a[0]);
}

Value queueJoin(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "join", {"self"}, 1);
    Queue<Value>& queue = queueOf(a[0]);
    return makeOp(interp, "join", withResult(queue.join(), Value::none()), a[0]);
}

Value queuePutNowait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "put_nowait", {"self", "item"}, 2);
    interp.flushCost();
    queueOf(a[0]).putNowait(a[1]);
    return Value::none();
}

Value queueGetNowait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_nowait", {"self"}, 1);
    interp.flushCost();
    return queueOf(a[0]).getNowait();
}

Value queueTaskDone(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "task_done", {"self"}, 1);
    interp.flushCost();
    queueOf(a[0]).taskDone();
    return Value::none();
}

Value queueQsize(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "qsize", {"self"}, 1);
    return Value::integer(static_cast<std::int64_t>(queueOf(a[0]).qsize()));
}

Value queueEmpty(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "empty", {"self"}, 1);
    return Value::boolean(queueOf(a[0]).empty());
}

Value queueFull(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "full", {"self"}, 1);
    return Value::boolean(queueOf(a[0]).full());
}

Value queueMaxsize(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "maxsize", {"self"}, 1);
    return Value::integer(static_cast<std::int64_t>(queueOf(a[0]).maxsize()));
}

// ---- TaskGroup, Timeout, loop ----

Value taskGroupCreateTask(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "create_task", {"self", "coro", "name", "context"}, 2);
    auto* group = static_cast<TaskGroupObject*>(a[0].object());
    if (!a[1].is(Kind::Coroutine))
        interp.typeError("a coroutine was expected, got " + interp.repr(a[1]));
    std::string name;
    if (a.has(2) && !a[2].isNone())
        name = interp.toStr(a[2]);
    interp.flushCost();
    if (!group->entered) {
        a[1].as<CoroutineObject>()->close();
        interp.raise(interp.exc.runtimeError, "TaskGroup " + interp.repr(a[0]) + " has not been entered");
    }
    const CodeObject* code = a[1].as<CoroutineObject>()->code;
    TaskHandle<Value> handle = group->group.createTask(a[1].as<CoroutineObject>()->take(), {}, interp.currentLocation());
    if (!name.empty())
        handle.setName(name);
    return taskObjectFor(interp, std::move(handle), code);
}

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

void addProperty(Interpreter& interp, ClassObject* cls, const char* name, NativeFn getter) {
    interp.dictSetStr(cls->dict.as<DictObject>(), name,
                      interp.newNative(nullptr, "property", {}, interp.newNative(getter, name)));
}

} // namespace

// ---- object lifetimes ----

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

// ---- context managers (async with / with) ----

Value asyncEnter(Interpreter& interp, const Value& manager) {
    if (manager.is(Kind::Runtime)) {
        auto* runtime = manager.as<RuntimeObject>();
        switch (runtime->runtimeKind) {
        case RuntimeKind::TaskGroup: {
            auto* group = static_cast<TaskGroupObject*>(runtime);
            if (group->entered)
                interp.raise(interp.exc.runtimeError, "TaskGroup " + interp.repr(manager) + " has already been entered");
            interp.flushCost();
            group->group.enter();
            group->entered = true;
            return readyOp(interp, manager);
        }
        case RuntimeKind::Timeout: {
            auto* timeout = static_cast<TimeoutObject*>(runtime);
            interp.flushCost();
            timeout->timeout.enter();
            timeout->entered = true;
            return readyOp(interp, manager);
        }
        case RuntimeKind::Lock: {
            Lock& lock = static_cast<LockObject*>(runtime)->lock;
            return makeOp(interp, "__aenter__", withResult(lock.acquire(), Value::none()), manager, false);
        }
        case RuntimeKind::Semaphore: {
            Semaphore& semaphore = static_cast<SemaphoreObject*>(runtime)->semaphore;
            return makeOp(interp, "__aenter__", withResult(semaphore.acquire(), Value::none()), manager, false);
        }
        default: break;
        }
    }
    if (manager.is(Kind::Instance)) {
        ClassObject* cls = manager.as<InstanceObject>()->klass();
        Value enter = interp.lookupClass(cls, interp.intern("__aenter__"));
        Value exit = interp.lookupClass(cls, interp.intern("__aexit__"));
        if (!enter.empty() && !exit.empty())
            return interp.call(enter, {manager});
    }
    interp.typeError("'" + interp.typeName(manager) + "' object does not support the asynchronous context manager protocol");
}

namespace {

detail::Op<Value> taskGroupExit(TaskGroup group, std::exception_ptr error) {
    detail::Op<void> exit = group.exit(std::move(error));
    co_await std::move(exit);
    co_return Value::boolean(false);
}

} // namespace

Value asyncExit(Interpreter& interp, const Value& manager, const Value& error) {
    const std::exception_ptr errorPtr = error.empty() ? nullptr : interp.toExceptionPtr(error);
    if (manager.is(Kind::Runtime)) {
        auto* runtime = manager.as<RuntimeObject>();
        switch (runtime->runtimeKind) {
        case RuntimeKind::TaskGroup:
            return makeOp(interp, "__aexit__", taskGroupExit(static_cast<TaskGroupObject*>(runtime)->group, errorPtr),
                          manager, false);
        case RuntimeKind::Timeout: {
            interp.flushCost();
            std::exception_ptr replacement = static_cast<TimeoutObject*>(runtime)->timeout.exit(errorPtr);
            if (replacement) {
                Value raised = interp.exceptionFrom(replacement);
                auto* op = interp.heap().make<OpObject>(interp, "__aexit__", interp.currentLocation());
                Value result(op);
                op->raiseInstead = raised;
                op->warn = false;
                return result;
            }
            return readyOp(interp, Value::boolean(false));
        }
        case RuntimeKind::Lock:
            interp.flushCost();
            static_cast<LockObject*>(runtime)->lock.release();
            return readyOp(interp, Value::boolean(false));
        case RuntimeKind::Semaphore:
            interp.flushCost();
            static_cast<SemaphoreObject*>(runtime)->semaphore.release();
            return readyOp(interp, Value::boolean(false));
        default: break;
        }
    }
    Value exit = interp.lookupClass(interp.typeOf(manager), interp.intern("__aexit__"));
    if (error.empty())
        return interp.call(exit, {manager, Value::none(), Value::none(), Value::none()});
    return interp.call(exit, {manager, Value(interp.typeOf(error)), error, Value::none()});
}

Value withEnter(Interpreter& interp, const Value& manager) {
    if (manager.is(Kind::Instance)) {
        ClassObject* cls = manager.as<InstanceObject>()->klass();
        Value enter = interp.lookupClass(cls, interp.intern("__enter__"));
        Value exit = interp.lookupClass(cls, interp.intern("__exit__"));
        if (!enter.empty() && !exit.empty())
            return interp.call(enter, {manager});
    }
    std::string message = "'" + interp.typeName(manager) + "' object does not support the context manager protocol";
    if (manager.is(Kind::Runtime))
        message += " (did you mean 'async with'?)";
    interp.typeError(message);
}

Value withExit(Interpreter& interp, const Value& manager, const Value& error) {
    Value exit = interp.lookupClass(interp.typeOf(manager), interp.intern("__exit__"));
    if (error.empty())
        return interp.call(exit, {manager, Value::none(), Value::none(), Value::none()});
    return interp.call(exit, {manager, Value(interp.typeOf(error)), error, Value::none()});
}

Value asCompletedNext(Interpreter& interp, const Value& asCompleted) {
    auto* object = static_cast<AsCompletedObject*>(asCompleted.object());
    if (object->handedOut >= object->completed.size())
        return {};
    ++object->handedOut;
    return makeOp(interp, "_wait_for_one", object->completed.next(), asCompleted);
}

void installAsyncioTypes(Interpreter& interp) {
    auto& t = interp.types;
    auto make = [&](const char* name, const char* module, NativeFn construct = nullptr) {
        return interp.makeClass(name, {t.object}, BuiltinType::Runtime, construct, module);
    };
    t.taskType = interp.makeClass("Task", {t.object}, BuiltinType::Task, nullptr, "asyncio.tasks");
    t.futureType = interp.makeClass("_GatheringFuture", {t.object}, BuiltinType::Future, nullptr, "asyncio.tasks");
    t.eventType = make("Event", "asyncio.locks", newEvent);
    t.lockType = make("Lock", "asyncio.locks", newLock);
    t.semaphoreType = make("Semaphore", "asyncio.locks", newSemaphore);
    t.queueType = make("Queue", "asyncio.queues", newQueue);
    t.taskGroupType = make("TaskGroup", "asyncio.taskgroups", newTaskGroup);
    t.timeoutType = make("Timeout", "asyncio.timeouts");
    t.loopType = make("_UnixSelectorEventLoop", "asyncio.unix_events");
    t.asCompletedType = make("generator", "builtins");
    for (ClassObject* cls : {t.taskType, t.futureType}) {
        interp.addMethod(cls, "result", futureResult);
        interp.addMethod(cls, "exception", futureException);
        interp.addMethod(cls, "done", futureDone);
        interp.addMethod(cls, "cancelled", futureCancelled);
        interp.addMethod(cls, "cancel", futureCancel);
        interp.addMethod(cls, "add_done_callback", futureAddDoneCallback);
    }
    interp.addMethod(t.coroutineType, "close", coroutineClose);
    interp.addMethod(t.taskType, "get_name", taskGetName);
    interp.addMethod(t.taskType, "set_name", taskSetName);
    interp.addMethod(t.taskType, "cancelling", taskCancelling);
    interp.addMethod(t.taskType, "uncancel", taskUncancel);
    interp.addMethod(t.eventType, "set", eventSet);
    interp.addMethod(t.eventType, "clear", eventClear);
    interp.addMethod(t.eventType, "is_set", eventIsSet);
    interp.addMethod(t.eventType, "wait", eventWait);
    interp.addMethod(t.lockType, "acquire", lockAcquire);
    interp.addMethod(t.lockType, "release", lockRelease);
    interp.addMethod(t.lockType, "locked", lockLocked);
    interp.addMethod(t.semaphoreType, "acquire", semaphoreAcquire);
    interp.addMethod(t.semaphoreType, "release", semaphoreRelease);
    interp.addMethod(t.semaphoreType, "locked", semaphoreLocked);
    interp.addMethod(t.queueType, "put", queuePut);
    interp.addMethod(t.queueType, "get", queueGet);
    interp.addMethod(t.queueType, "join", queueJoin);
    interp.addMethod(t.queueType, "put_nowait", queuePutNowait);
    interp.addMethod(t.queueType, "get_nowait", queueGetNowait);
    interp.addMethod(t.queueType, "task_done", queueTaskDone);
    interp.addMethod(t.queueType, "qsize", queueQsize);
    interp.addMethod(t.queueType, "empty", queueEmpty);
    interp.addMethod(t.queueType, "full", queueFull);
    addProperty(interp, t.queueType, "maxsize", queueMaxsize);
    interp.addMethod(t.taskGroupType, "create_task", taskGroupCreateTask);
    interp.addMethod(t.timeoutType, "when", timeoutWhen);
    interp.addMethod(t.timeoutType, "reschedule", timeoutReschedule);
    interp.addMethod(t.timeoutType, "expired", timeoutExpired);
    interp.addMethod(t.loopType, "time", loopTime);
    interp.addMethod(t.loopType, "create_task", loopCreateTask);
    interp.addMethod(t.loopType, "run_in_executor", loopRunInExecutor);
}

Value Interpreter::makeAsyncioModule() {
    Value module = newModule(*this, "asyncio");
    auto* d = module.as<ModuleObject>()->dict.as<DictObject>();
    auto fn = [&](const char* name, NativeFn f) { dictSetStr(d, name, newNative(f, name)); };
    fn("run", asyncioRun);
    fn("sleep", asyncioSleep);
    fn("create_task", asyncioCreateTask);
    fn("ensure_future", asyncioEnsureFuture);
    fn("gather", asyncioGather);
    fn("wait_for", asyncioWaitFor);
    fn("timeout", asyncioTimeout);
    fn("timeout_at", asyncioTimeoutAt);
    fn("as_completed", asyncioAsCompleted);
    fn("to_thread", asyncioToThread);
    fn("current_task", asyncioCurrentTask);
    fn("all_tasks", asyncioAllTasks);
    fn("get_running_loop", asyncioGetRunningLoop);
    fn("get_event_loop", asyncioGetRunningLoop);
    fn("iscoroutine", asyncioIsCoroutine);
    fn("iscoroutinefunction", asyncioIsCoroutineFunction);
    auto cls = [&](const char* name, ClassObject* c) { dictSetStr(d, name, Value(c)); };
    cls("Task", types.taskType);
    cls("Future", types.futureType);
    cls("Event", types.eventType);
    cls("Lock", types.lockType);
    cls("Semaphore", types.semaphoreType);
    cls("BoundedSemaphore", types.semaphoreType);
    cls("Queue", types.queueType);
    cls("TaskGroup", types.taskGroupType);
    cls("Timeout", types.timeoutType);
    cls("CancelledError", exc.cancelledError);
    cls("TimeoutError", exc.timeoutError);
    cls("InvalidStateError", exc.invalidStateError);
    cls("QueueEmpty", exc.queueEmpty);
    cls("QueueFull", exc.queueFull);
    return module;
}

} // namespace awaitscope::script
