#pragma once

// The objects of the asyncio module's primitives (tasks and futures are in objects/Awaitables.h).
#include "awaitscope/Runtime.h"
#include "script/objects/Awaitables.h"
#include "script/objects/Objects.h"

#include <optional>

namespace awaitscope::script {

class Interpreter;

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
    int bound = -1;  // BoundedSemaphore: its initial value, which release() may not exceed
};

struct QueueObject final : RuntimeObject {
    QueueObject(std::size_t maxsize, QueueOrder order, Queue<Value>::Less less)
        : RuntimeObject(RuntimeKind::Queue), queue(maxsize, order, std::move(less)) {}
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

struct ConditionObject final : RuntimeObject {
    explicit ConditionObject(Condition condition_) : RuntimeObject(RuntimeKind::Condition), condition(std::move(condition_)) {}
    Condition condition;
    Value lock;  // the Lock object it was given, if any (kept alive with it)
    void clearReferences() override { lock.clear(); }
};

// The loop's one script object; while it lives, get_running_loop() hands out this one.
struct LoopObject final : RuntimeObject {
    explicit LoopObject(Interpreter& interp_);
    ~LoopObject() override;
    Interpreter* interp;
};

// What call_soon (Handle) and call_later / call_at (TimerHandle) return.
struct HandleObject final : RuntimeObject {
    HandleObject(detail::Ref<detail::CancelToken> token_, std::optional<TimeNs> when_)
        : RuntimeObject(RuntimeKind::Handle), token(std::move(token_)), when(when_) {}
    detail::Ref<detail::CancelToken> token;
    std::optional<TimeNs> when;  // TimerHandle only
    Value callback;              // for repr
};

struct AsCompletedObject final : RuntimeObject {
    explicit AsCompletedObject(AsCompleted<Value> completed_)
        : RuntimeObject(RuntimeKind::AsCompleted), completed(std::move(completed_)) {}
    AsCompleted<Value> completed;
    std::size_t handedOut = 0;
};

} // namespace awaitscope::script
