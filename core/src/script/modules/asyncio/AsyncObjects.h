#pragma once

// Script objects that wrap the runtime: coroutine objects (an unstarted Task<Value>), tasks,
// futures and the asyncio primitives. Awaiting one of them is a co_await on the runtime.
#include "awaitscope/Runtime.h"
#include "script/objects/Objects.h"

#include <optional>

namespace awaitscope::script {

class Interpreter;

// An async def called but not yet awaited or scheduled. Awaiting it runs it inline (a nested
// frame of the current task); create_task makes it a task. Dropped unstarted, it is recorded
// as never awaited and CPython's RuntimeWarning goes to stderr.
struct CoroutineObject final : Object {
    CoroutineObject(Interpreter& interp_, Task<Value> task_, Frame* frame_, const CodeObject* code_,
                    const SourceLocation& creation_)
        : Object(Kind::Coroutine), interp(&interp_), task(std::move(task_)), frame(frame_), code(code_),
          creation(creation_) {}
    ~CoroutineObject() override;
    void clearReferences() override;
    // Hands the coroutine to the runtime (to await or schedule); null if already used.
    Task<Value> take();
    void close();  // coroutine.close(): discard without a warning

    Interpreter* interp;
    Task<Value> task;
    Frame* frame;  // owned by the coroutine's C++ frame; valid while the task is
    const CodeObject* code;
    SourceLocation creation;
    bool consumed = false;
};

struct TaskObject final : Object {
    TaskObject(Interpreter& interp_, TaskHandle<Value> handle_);
    ~TaskObject() override;
    void clearReferences() override { handle = TaskHandle<Value>(); }
    Interpreter* interp;
    TaskHandle<Value> handle;
    const CodeObject* code = nullptr;  // the coroutine it runs, when known (for repr)
};

// What asyncio.gather returns.
struct FutureObject final : Object {
    explicit FutureObject(Future<Value> future_) : Object(Kind::Future), future(std::move(future_)) {}
    void clearReferences() override { future = Future<Value>(); }
    Future<Value> future;
};

// asyncio.sleep(delay): a coroutine in CPython, so it warns when never awaited.
struct SleepObject final : Object {
    SleepObject(Interpreter& interp_, TimeNs delay_, Value result_, const SourceLocation& created_)
        : Object(Kind::Sleep), interp(&interp_), delay(delay_), result(std::move(result_)), created(created_) {}
    ~SleepObject() override;
    void clearReferences() override { result.clear(); }
    Interpreter* interp;
    TimeNs delay;
    Value result;
    SourceLocation created;
    TimeNs createdAt = 0;
    bool awaited = false;
};

// Any other awaitable the asyncio module hands out: the runtime's own coroutine (Lock.acquire,
// Queue.get, wait_for, to_thread, TaskGroup.__aexit__, ...) or a value ready at once.
struct OpObject final : Object {
    OpObject(Interpreter& interp_, const char* name_, const SourceLocation& created_)
        : Object(Kind::Op), interp(&interp_), name(name_), created(created_) {}
    ~OpObject() override;
    void clearReferences() override {
        keep.clear();
        ready.clear();
        discard();
    }
    void discard();
    Interpreter* interp;
    const char* name;
    SourceLocation created;
    std::optional<detail::Op<Value>> op;
    Value ready;          // set: awaiting gives this at once
    Value raiseInstead;   // set: awaiting raises this
    Value keep;           // what the operation needs alive
    TimeNs createdAt = 0;
    bool awaited = false;
    bool warn = true;     // CPython warns when its coroutine is never awaited
};

enum class RuntimeKind : std::uint8_t { Event, Lock, Semaphore, Queue, TaskGroup, Timeout, Loop, AsCompleted, Stream };

struct RuntimeObject : Object {
    explicit RuntimeObject(RuntimeKind kind_) : Object(Kind::Runtime), runtimeKind(kind_) {}
    RuntimeKind runtimeKind;
};

struct EventObject final : RuntimeObject {
    EventObject() : RuntimeObject(RuntimeKind::Event) {}
    Event event;
};

struct LockObject final : RuntimeObject {
    LockObject() : RuntimeObject(RuntimeKind::Lock) {}
    Lock lock;
};

struct SemaphoreObject final : RuntimeObject {
    explicit SemaphoreObject(int value) : RuntimeObject(RuntimeKind::Semaphore), semaphore(value) {}
    Semaphore semaphore;
};

struct QueueObject final : RuntimeObject {
    explicit QueueObject(std::size_t maxsize) : RuntimeObject(RuntimeKind::Queue), queue(maxsize) {}
    void clearReferences() override {
        while (!queue.empty())
            queue.getNowait();
    }
    Queue<Value> queue;
};

struct TaskGroupObject final : RuntimeObject {
    explicit TaskGroupObject(const SourceLocation& where) : RuntimeObject(RuntimeKind::TaskGroup), group(where) {}
    TaskGroup group;
    bool entered = false;
};

struct TimeoutObject final : RuntimeObject {
    TimeoutObject(std::optional<TimeNs> when, bool relative_, TimeNs delay_)
        : RuntimeObject(RuntimeKind::Timeout), timeout(when), relative(relative_), delay(delay_) {}
    Timeout timeout;
    bool relative;   // asyncio.timeout(delay): the deadline is set on entry
    TimeNs delay;
    bool entered = false;
};

struct LoopObject final : RuntimeObject {
    LoopObject() : RuntimeObject(RuntimeKind::Loop) {}
};

struct AsCompletedObject final : RuntimeObject {
    explicit AsCompletedObject(AsCompleted<Value> completed_)
        : RuntimeObject(RuntimeKind::AsCompleted), completed(std::move(completed_)) {}
    AsCompleted<Value> completed;
    std::size_t handedOut = 0;
};

struct StreamObject final : RuntimeObject {
    explicit StreamObject(bool error_) : RuntimeObject(RuntimeKind::Stream), error(error_) {}
    bool error;
};

} // namespace awaitscope::script
