// The asyncio namespace, asyncio.run, and the helpers the other asyncio files share.
#include "script/modules/Modules.h"
#include "script/modules/asyncio/Asyncio.h"
#include "awaitscope/trace/Recorder.h"

#include <cmath>

namespace awaitscope::script {

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

detail::Op<Value> withResult(detail::Op<void> inner, Value result) {
    co_await std::move(inner);
    co_return result;
}

namespace {

// The tasks of loop.shutdown_asyncgens(): each closing coroutine becomes a task, and an error
// while closing one is reported, as asyncio's exception handler does, without stopping the rest.
Task<Value> closeAsyncGenerators(Interpreter* interp, std::vector<Value> closings, std::vector<std::string> names) {
    std::vector<TaskHandle<Value>> tasks;
    for (Value& closing : closings) {
        auto* coroutine = closing.as<CoroutineObject>();
        tasks.push_back(createTask(coroutine->take(), TaskOptions{}, coroutine->creation));
    }
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        Value error;
        try {
            co_await tasks[i];
        } catch (const ScriptAbort&) {
            throw;
        } catch (...) {
            error = interp->exceptionFrom(std::current_exception());
        }
        if (!error.empty())
            interp->writeStderr("an error occurred during closing of asynchronous generator " + names[i] + "\n" +
                                interp->formatTraceback(error));
    }
    co_return Value::none();
}

// asyncio.run's loop.shutdown_asyncgens(): async generators iterated but left unfinished (a
// `break` out of `async for` over one that is still referenced) run their `finally` blocks now.
void shutdownAsyncGenerators(Interpreter& interp, const SourceLocation& where) {
    if (interp.asyncGenerators.empty()) {
        interp.loop().skipTaskNumbers(1);  // CPython runs shutdown_asyncgens as a task all the same
        return;
    }
    std::vector<Value> closings;
    std::vector<std::string> names;
    const std::vector<AsyncGeneratorObject*> left = interp.asyncGenerators;
    for (AsyncGeneratorObject* generator : left) {
        Value held(generator);
        names.push_back(interp.repr(held));
        closings.push_back(asyncGeneratorStep(interp, held, AsyncGenAction::Close, Value()));
    }
    for (AsyncGeneratorObject* generator : left)
        generator->hooked = false;
    interp.asyncGenerators.clear();
    interp.loop().run(closeAsyncGenerators(&interp, std::move(closings), std::move(names)), where);
}

} // namespace

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
        shutdownAsyncGenerators(interp, where);
        interp.loop().skipTaskNumbers(1);  // shutdown_default_executor's task
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
        interp.loop().skipTaskNumbers(2);  // asyncio.run's shutdown tasks, if the error is caught
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

Value makeAsyncioModule(Interpreter& interp) {
    auto& types = interp.types;
    auto& exc = interp.exc;
    if (!types.taskType) {
        installTaskTypes(interp);
        installLockTypes(interp);
        installQueueType(interp);
        installTaskGroupType(interp);
        installTimeoutType(interp);
        installLoopType(interp);
        installStreamTypes(interp);
    }
    Value module = newModule(interp, "asyncio");
    auto fn = [&](const char* name, NativeFn f) { addFunction(interp, module, name, f); };
    fn("run", asyncioRun);
    fn("sleep", asyncioSleep);
    fn("create_task", asyncioCreateTask);
    fn("ensure_future", asyncioEnsureFuture);
    fn("gather", asyncioGather);
    fn("wait_for", asyncioWaitFor);
    fn("wait", asyncioWait);
    fn("shield", asyncioShield);
    fn("isfuture", asyncioIsFuture);
    fn("timeout", asyncioTimeout);
    fn("timeout_at", asyncioTimeoutAt);
    fn("as_completed", asyncioAsCompleted);
    fn("to_thread", asyncioToThread);
    fn("wrap_future", asyncioWrapFuture);
    fn("current_task", asyncioCurrentTask);
    fn("all_tasks", asyncioAllTasks);
    fn("get_running_loop", asyncioGetRunningLoop);
    fn("get_event_loop", asyncioGetRunningLoop);
    fn("iscoroutine", asyncioIsCoroutine);
    fn("iscoroutinefunction", asyncioIsCoroutineFunction);
    auto cls = [&](const char* name, ClassObject* c) { addValue(interp, module, name, Value(c)); };
    cls("Task", types.taskType);
    cls("Future", types.plainFutureType);
    cls("Event", types.eventType);
    cls("Lock", types.lockType);
    cls("Semaphore", types.semaphoreType);
    cls("BoundedSemaphore", types.boundedSemaphoreType);
    cls("Condition", types.conditionType);
    cls("Queue", types.queueType);
    cls("PriorityQueue", types.priorityQueueType);
    cls("LifoQueue", types.lifoQueueType);
    cls("Handle", types.handleType);
    cls("TimerHandle", types.timerHandleType);
    // concurrent.futures' constants, which asyncio.wait takes
    for (const char* mode : {"FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"})
        addValue(interp, module, mode, interp.str(mode));
    cls("TaskGroup", types.taskGroupType);
    cls("Timeout", types.timeoutType);
    cls("CancelledError", exc.cancelledError);
    cls("TimeoutError", exc.timeoutError);
    cls("InvalidStateError", exc.invalidStateError);
    cls("QueueEmpty", exc.queueEmpty);
    cls("QueueFull", exc.queueFull);
    addStreamFunctions(interp, module);
    return module;
}

} // namespace awaitscope::script
