#pragma once

// asyncio.Queue: get() waits while empty; with a maxsize, put() waits while full
// (back-pressure). task_done()/join() count unfinished items. A port of queues.py (3.11),
// with its two subclasses as an order: LifoQueue (newest first) and PriorityQueue (smallest
// first, kept as a binary heap exactly as heapq keeps it, so equal items leave in the same order).
#include "awaitscope/runtime/Event.h"
#include "awaitscope/runtime/Task.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <stdexcept>
#include <type_traits>

namespace awaitscope {

enum class QueueOrder : std::uint8_t { Fifo, Lifo, Priority };

template <class T>
class Queue {
public:
    // Priority order needs `less` (what heapq's `<` is for the items).
    using Less = std::function<bool(const T&, const T&)>;

    explicit Queue(std::size_t maxsize = 0, QueueOrder order = QueueOrder::Fifo, Less less = {}) : state_(new State) {
        state_->maxsize = maxsize;
        state_->order = order;
        if (order == QueueOrder::Priority && !std::is_move_assignable_v<T>)
            throw std::invalid_argument("a priority queue moves its items by assignment");
        state_->less = order == QueueOrder::Priority && !less ? defaultLess() : std::move(less);
        state_->finished.set();
    }
    QueueOrder order() const { return state_->order; }

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

    static Less defaultLess() {
        if constexpr (requires(const T& a, const T& b) { a < b; })
            return [](const T& a, const T& b) { return a < b; };
        else
            return {};
    }

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
        QueueOrder order = QueueOrder::Fifo;
        Less less;
        Event finished;

        bool full() const { return maxsize > 0 && items.size() >= maxsize; }
        void putNowait(T item) {
            if (full())
                std::rethrow_exception(Loop::running().exceptionPolicy().queueFull());
            items.push_back(std::move(item));
            if constexpr (std::is_move_assignable_v<T>)  // heap order moves items by assignment
                if (order == QueueOrder::Priority)
                    siftDown(0, items.size() - 1);
            ++unfinished;
            finished.clear();
            wakeupNext(getters);
        }
        T getNowait() {
            if (items.empty())
                std::rethrow_exception(Loop::running().exceptionPolicy().queueEmpty());
            T item = takeNext();
            wakeupNext(putters);
            return item;
        }
        T takeNext() {
            if (order == QueueOrder::Lifo) {
                T item = std::move(items.back());
                items.pop_back();
                return item;
            }
            if constexpr (std::is_move_assignable_v<T>) {
                if (order == QueueOrder::Priority && items.size() > 1) {
                    // heapq.heappop: the last item takes the root's place, sinks to a leaf, then rises.
                    T item = std::move(items.front());
                    items.front() = std::move(items.back());
                    items.pop_back();
                    siftUp(0);
                    return item;
                }
            }
            T item = std::move(items.front());
            items.pop_front();
            return item;
        }
        // heapq._siftdown: the item at `pos` rises towards `start` while smaller than its parent.
        void siftDown(std::size_t start, std::size_t pos) {
            T moving = std::move(items[pos]);
            try {
                while (pos > start) {
                    const std::size_t parent = (pos - 1) / 2;
                    if (!less(moving, items[parent]))
                        break;
                    items[pos] = std::move(items[parent]);
                    pos = parent;
                }
            } catch (...) {  // items that do not compare: every item stays in the queue
                items[pos] = std::move(moving);
                throw;
            }
            items[pos] = std::move(moving);
        }
        // heapq._siftup: moves the smaller child up until a leaf is reached, then _siftdown.
        void siftUp(std::size_t pos) {
            const std::size_t end = items.size();
            const std::size_t start = pos;
            T moving = std::move(items[pos]);
            std::size_t child = 2 * pos + 1;
            try {
                while (child < end) {
                    const std::size_t right = child + 1;
                    if (right < end && !less(items[child], items[right]))
                        child = right;
                    items[pos] = std::move(items[child]);
                    pos = child;
                    child = 2 * pos + 1;
                }
            } catch (...) {
                items[pos] = std::move(moving);
                throw;
            }
            items[pos] = std::move(moving);
            siftDown(start, pos);
        }
    };

    detail::Ref<State> state_;
};

} // namespace awaitscope
