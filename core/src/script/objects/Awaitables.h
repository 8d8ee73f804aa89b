#pragma once

// What `await` accepts: coroutines, whose Python type is `coroutine` (a script's own: an
// unstarted Task<Value> of the runtime; asyncio's: sleep, Lock.acquire, Queue.get, wait_for,
// ..., operations of the runtime), tasks and gathering futures. Awaiting one is a co_await
// on the runtime (objects/Coroutine.cpp: coroutineBody).
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
    // Set for a coroutine written in C++ (an async generator's __anext__/asend/athrow/aclose,
    // anext with a default, contextlib's): its Python type. Never warned about when dropped
    // unawaited (CPython does not warn about those).
    ClassObject* nativeType = nullptr;
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

struct TaskObject final : Object {
    TaskObject(Interpreter& interp_, TaskHandle<Value> handle_);
    ~TaskObject() override;
    void clearReferences() override { handle = TaskHandle<Value>(); }
    Interpreter* interp;
    TaskHandle<Value> handle;
    const CodeObject* code = nullptr;  // the coroutine it runs, when known (for repr)
};

// What asyncio.gather returns (a _GatheringFuture), or an asyncio.Future (`cls` says which).
struct FutureObject final : Object {
    explicit FutureObject(Future<Value> future_, ClassObject* cls_ = nullptr)
        : Object(Kind::Future), future(std::move(future_)), cls(cls_) {}
    void clearReferences() override;
    Future<Value> future;
    ClassObject* cls;
};

// What asyncio hands out for its own coroutines: `name` is what their repr and the
// never-awaited warning call them; `keep` is what the operation needs alive.
Value makeOp(Interpreter& interp, const char* name, detail::Op<Value> op, Value keep = {}, bool warn = true);
// An awaitable that gives `result` at once (entering a TaskGroup, releasing a Lock, ...).
Value readyOp(Interpreter& interp, Value result);
// A coroutine of the interpreter's own, written in C++ (anext with a default, contextlib's
// managers): `code` names its frame on the timeline, `type` is its Python type.
Value nativeCoroutine(Interpreter& interp, Task<Value> task, const CodeObject* code, ClassObject* type);
// One that raises `error` when awaited.
Value raisingOp(Interpreter& interp, const char* name, Value error);

} // namespace awaitscope::script
