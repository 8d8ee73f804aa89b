#pragma once

// asyncio.Semaphore: at most `value` holders at a time; waiters are woken in FIFO order.
#include "awaitscope/runtime/Task.h"

namespace awaitscope {

class Semaphore {
public:
    explicit Semaphore(int value = 1);
    // Copies share the same semaphore, as Python names share one object.
    Semaphore(const Semaphore& other);
    Semaphore& operator=(const Semaphore& other);
    ~Semaphore();
    bool locked() const;
    int value() const;
    detail::Op<void> acquire();
    void release();

private:
    struct State;
    detail::Ref<State> state_;
};

} // namespace awaitscope
