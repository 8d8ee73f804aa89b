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

} // namespace awaitscope::script
