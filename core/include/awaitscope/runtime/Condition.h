#pragma once

// asyncio.Condition: wait() releases the lock, sleeps until notified, and takes the lock
// again before it returns (even when cancelled, as locks.py does); notify(n) wakes the n
// oldest waiters. It shares its Lock with whoever passed it in.
#include "awaitscope/runtime/Lock.h"

namespace awaitscope {

class Condition {
public:
    Condition();
    explicit Condition(Lock lock);
    // Copies share the same condition, as Python names share one object.
    Condition(const Condition& other);
    Condition& operator=(const Condition& other);
    ~Condition();

    Lock& lock();
    bool locked() const;
    detail::Op<void> acquire();
    void release();
    // Throws RuntimeError("cannot wait on un-acquired lock") when the lock is not held.
    detail::Op<void> wait();
    // Throws RuntimeError("cannot notify on un-acquired lock") when the lock is not held.
    void notify(std::size_t n = 1);
    void notifyAll();
    std::size_t waiterCount() const;

private:
    struct State;
    detail::Ref<State> state_;
};

} // namespace awaitscope
