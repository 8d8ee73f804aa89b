#pragma once

// asyncio.Lock: FIFO-fair. release() hands the lock to the first waiter still waiting.
#include "awaitscope/runtime/Task.h"

namespace awaitscope {

class Lock {
public:
    Lock();
    // Copies share the same lock, as Python names share one object.
    Lock(const Lock& other);
    Lock& operator=(const Lock& other);
    ~Lock();
    bool locked() const;
    detail::Op<void> acquire();
    void release();

private:
    struct State;
    detail::Ref<State> state_;
};

} // namespace awaitscope
