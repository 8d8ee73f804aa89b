#pragma once

// asyncio.Queue: get() waits while empty; with a maxsize, put() waits while full
// (back-pressure). task_done()/join() count unfinished items. A port of queues.py (3.11).
#include "awaitscope/runtime/Event.h"
#include "awaitscope/runtime/Task.h"

#include <algorithm>
#include <deque>

namespace awaitscope {

template <class T>
class Queue {
public:
    explicit Queue(std::size_t maxsize = 0) : state_(new State) {
        state_->maxsize = maxsize;
        state_->finished.set();
    }

    std::size_t qsize() const { return state_->items.size(); }
    std::size_t maxsize() const { return state_->maxsize; }
    bool empty() const { return state_->items.empty(); }
    bool full() const { return state_->full(); }

    detail::Op<void> put(T item) {
        detail::Ref<State> state = state_;
        while (state->full()) {
            Waiter putter(new detail::FutureValue<void>(Loop::running(), WaitKind::Queue, "Queue.put"));
            state->putters.push_back(putter);
            std::exception_ptr error;
            try {
                co_await detail::FutureAwaiter<void>{putter.get(), putter.get(), WaitKind::Queue, "Queue.put"};
            } catch (...) {
                error = std::current_exception();
            }
            if (error) {
                putter->cancel();
                remove(state->putters, putter);
                if (!state->full() && !putter->cancelled())
                    wakeupNext(state->putters);
                std::rethrow_exception(error);
            }
        }
        state->putNowait(std::move(item));
    }

    void putNowait(T item) { state_->putNowait(std::move(item)); }

    detail::Op<T> get() {
        detail::Ref<State> state = state_;
        while (state->items.empty()) {
            Waiter getter(new detail::FutureValue<void>(Loop::running(), WaitKind::Queue, "Queue.get"));
            state->getters.push_back(getter);
            std::exception_ptr error;
            try {
                co_await detail::FutureAwaiter<void>{getter.get(), getter.get(), WaitKind::Queue, "Queue.get"};
            } catch (...) {
                error = std::current_exception();
            }
            if (error) {
                getter->cancel();
                remove(state->getters, getter);
                if (!state->items.empty() && !getter->cancelled())
                    wakeupNext(state->getters);
                std::rethrow_exception(error);
            }
        }
        co_return state->getNowait();
    }

    T getNowait() { return state_->getNowait(); }

    void taskDone() {
        if (state_->unfinished == 0)
            throw std::invalid_argument("task_done() called too many times");
        if (--state_->unfinished == 0)
            state_->finished.set();
    }

    detail::Op<void> join() {
        detail::Ref<State> state = state_;
        if (state->unfinished > 0)
            co_await state->finished.wait();
    }

private:
    using Waiter = detail::Ref<detail::FutureValue<void>>;

    static void remove(std::deque<Waiter>& waiters, const Waiter& waiter) {
        if (auto found = std::find(waiters.begin(), waiters.end(), waiter); found != waiters.end())
            waiters.erase(found);
    }
    static void wakeupNext(std::deque<Waiter>& waiters) {
        while (!waiters.empty()) {
            Waiter waiter = waiters.front();
            waiters.pop_front();
            if (!waiter->done()) {
                waiter->value.emplace();
                waiter->markFinished();
                break;
            }
        }
    }

    struct State : detail::RefCounted {
        std::deque<T> items;
        std::deque<Waiter> getters;
        std::deque<Waiter> putters;
        std::size_t maxsize = 0;
        std::size_t unfinished = 0;
        Event finished;

        bool full() const { return maxsize > 0 && items.size() >= maxsize; }
        void putNowait(T item) {
            if (full())
                std::rethrow_exception(Loop::running().exceptionPolicy().queueFull());
            items.push_back(std::move(item));
            ++unfinished;
            finished.clear();
            wakeupNext(getters);
        }
        T getNowait() {
            if (items.empty())
                std::rethrow_exception(Loop::running().exceptionPolicy().queueEmpty());
            T item = std::move(items.front());
            items.pop_front();
            wakeupNext(putters);
            return item;
        }
    };

    detail::Ref<State> state_;
};

} // namespace awaitscope
