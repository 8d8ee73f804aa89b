#pragma once

// What the files of the asyncio module share. As CPython's Lib/asyncio, one file per idea:
// AsyncioModule.cpp (the namespace, asyncio.run and helpers), Tasks.cpp (tasks, gathering
// futures, sleep, gather, wait_for, as_completed), Threads.cpp (to_thread), Locks.cpp,
// Queues.cpp, TaskGroups.cpp, Timeouts.cpp and EventLoop.cpp. Each maps onto the runtime one
// to one, so a script's tasks, awaits and task groups are the runtime's own.
#include "script/modules/asyncio/AsyncioObjects.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <chrono>
#include <optional>
#include <string>

namespace awaitscope::script {

// ---- AsyncioModule.cpp
TimeNs secondsToNs(Interpreter& interp, const Value& v, const char* what);
std::optional<std::chrono::nanoseconds> optionalTimeout(Interpreter& interp, const Value& v);
Loop& runningLoop(Interpreter& interp);  // raises RuntimeError outside the loop
detail::Op<Value> withResult(detail::Op<void> inner, Value result);
Value asyncioRun(Interpreter& interp, CallArgs& args);

// ---- Tasks.cpp
void installTaskTypes(Interpreter& interp);
// The one script object of a runtime task (asyncio.current_task() is the same object each time).
Value taskObjectFor(Interpreter& interp, TaskHandle<Value> handle, const CodeObject* code = nullptr);
Value asyncioSleep(Interpreter& interp, CallArgs& args);
Value asyncioCreateTask(Interpreter& interp, CallArgs& args);
// create_task(coro, name=...): what asyncio.create_task and loop.create_task share.
Value createTaskOf(Interpreter& interp, const Value& coroutine, const Value& name);
// A new asyncio.Future on the running loop (asyncio.Future(), loop.create_future()).
Value newPlainFuture(Interpreter& interp);
// Calls a callback from the loop (done-callbacks, call_soon, call_later): an exception it raises
// is reported on stderr as asyncio's "Exception in callback", and the loop goes on. Returns what
// the callback returned, or an empty Value if it raised.
Value runLoopCallback(Interpreter& interp, const Value& callback, const Value* args, int count);
Value asyncioWait(Interpreter& interp, CallArgs& args);
Value asyncioShield(Interpreter& interp, CallArgs& args);
Value asyncioIsFuture(Interpreter& interp, CallArgs& args);
Value asyncioEnsureFuture(Interpreter& interp, CallArgs& args);
Value asyncioGather(Interpreter& interp, CallArgs& args);
Value asyncioWaitFor(Interpreter& interp, CallArgs& args);
Value asyncioAsCompleted(Interpreter& interp, CallArgs& args);
Value asyncioCurrentTask(Interpreter& interp, CallArgs& args);
Value asyncioAllTasks(Interpreter& interp, CallArgs& args);
Value asyncioIsCoroutine(Interpreter& interp, CallArgs& args);
Value asyncioIsCoroutineFunction(Interpreter& interp, CallArgs& args);

// ---- Threads.cpp
Value asyncioToThread(Interpreter& interp, CallArgs& args);
// Runs function(*arguments) in a worker thread of the runtime (keyword values last, named by kwNames).
detail::Op<Value> toThreadOp(Interpreter* interp, Value function, std::vector<Value> arguments, Value kwNames,
                             std::string label, SourceLocation where);
std::string callableName(Interpreter& interp, const Value& function);
// asyncio.wrap_future: an asyncio Future that takes a concurrent.futures.Future's outcome.
Value wrapFuture(Interpreter& interp, const Value& future);
Value asyncioWrapFuture(Interpreter& interp, CallArgs& args);

// ---- Locks.cpp: Event, Lock, Semaphore
void installLockTypes(Interpreter& interp);

// ---- Queues.cpp
void installQueueType(Interpreter& interp);

// ---- TaskGroups.cpp
void installTaskGroupType(Interpreter& interp);

// ---- Timeouts.cpp
void installTimeoutType(Interpreter& interp);
Value asyncioTimeout(Interpreter& interp, CallArgs& args);
Value asyncioTimeoutAt(Interpreter& interp, CallArgs& args);

// ---- Streams.cpp: open_connection, start_server, StreamReader, StreamWriter, Server
void installStreamTypes(Interpreter& interp);
void addStreamFunctions(Interpreter& interp, const Value& module);

// ---- EventLoop.cpp
void installLoopType(Interpreter& interp);
Value asyncioGetRunningLoop(Interpreter& interp, CallArgs& args);

} // namespace awaitscope::script
