#pragma once

// asyncio.Event: wait() suspends until set(); set() wakes every waiter, in the order they came.
#include "awaitscope/runtime/Task.h"

#include <deque>

namespace awaitscope {

class Event {
public:
    Event();
    // Copies share the same event, as Python names share one object.
    Event(const Event& other);
    Event& operator=(const Event& other);
    ~Event();
    bool isSet() const;
    void set();
    void clear();
    detail::Op<void> wait();

private:
    struct State;
    detail::Ref<State> state_;
};

} // namespace awaitscope
