// Event, Lock, Semaphore and Condition: ports of asyncio/locks.py (3.11), waiter for waiter.
#include "awaitscope/runtime/Condition.h"
#include "awaitscope/runtime/Event.h"
#include "awaitscope/runtime/Lock.h"
#include "awaitscope/runtime/Semaphore.h"

#include <algorithm>
#include <deque>

namespace awaitscope {

namespace {

using Waiter = detail::Ref<detail::FutureValue<void>>;

void resolve(detail::FutureValue<void>& waiter) {
    waiter.value.emplace();
    waiter.markFinished();
}

void removeWaiter(std::deque<Waiter>& waiters, const Waiter& waiter) {
    if (auto found = std::find(waiters.begin(), waiters.end(), waiter); found != waiters.end())
        waiters.erase(found);
}

detail::FutureAwaiter<void> awaitWaiter(const Waiter& waiter) {
    return {waiter.get(), waiter.get(), waiter->kind(), waiter->label()};
}

// Joins `waiters` with a new waiter of `kind`, waits for it and leaves the queue again; what
// the wait raised (a cancellation) is handed back rather than thrown, for the caller's cleanup.
// The caller keeps the queue's owner alive.
detail::Op<std::exception_ptr> waitInQueue(std::deque<Waiter>& waiters, WaitKind kind) {
    Waiter waiter(new detail::FutureValue<void>(Loop::running(), kind));
    waiters.push_back(waiter);
    std::exception_ptr error;
    try {
        co_await awaitWaiter(waiter);
    } catch (...) {
        error = std::current_exception();
    }
    removeWaiter(waiters, waiter);
    co_return error;
}

} // namespace

// ---- Event ----

struct Event::State : detail::RefCounted {
    std::deque<Waiter> waiters;
    bool value = false;
};

Event::Event() : state_(new State) {}
Event::Event(const Event& other) = default;
Event& Event::operator=(const Event& other) = default;
Event::~Event() = default;
bool Event::isSet() const { return state_->value; }
void Event::clear() { state_->value = false; }

void Event::set() {
    if (state_->value)
        return;
    state_->value = true;
    for (const Waiter& waiter : state_->waiters)
        if (!waiter->done())
            resolve(*waiter);
}

detail::Op<void> Event::wait() {
    detail::Ref<State> state = state_;
    if (state->value)
        co_return;
    const std::exception_ptr error = co_await waitInQueue(state->waiters, WaitKind::Event);
    if (error)
        std::rethrow_exception(error);
}

// ---- Lock ----

struct Lock::State : detail::RefCounted {
    std::deque<Waiter> waiters;
    bool locked = false;

    void wakeUpFirst() {
        if (!waiters.empty() && !waiters.front()->done())
            resolve(*waiters.front());
    }
};

Lock::Lock() : state_(new State) {}
Lock::Lock(const Lock& other) = default;
Lock& Lock::operator=(const Lock& other) = default;
Lock::~Lock() = default;
bool Lock::locked() const { return state_->locked; }

detail::Op<void> Lock::acquire() {
    detail::Ref<State> state = state_;
    const bool noLiveWaiters =
        std::all_of(state->waiters.begin(), state->waiters.end(), [](const Waiter& w) { return w->cancelled(); });
    if (!state->locked && noLiveWaiters) {
        state->locked = true;
        co_return;
    }
    const std::exception_ptr error = co_await waitInQueue(state->waiters, WaitKind::Lock);
    if (error) {
        if (Loop::running().exceptionPolicy().isCancelled(error) && !state->locked)
            state->wakeUpFirst();
        std::rethrow_exception(error);
    }
    state->locked = true;
}

void Lock::release() {
    if (!state_->locked)
        std::rethrow_exception(Loop::running().exceptionPolicy().runtimeError("Lock is not acquired."));
    state_->locked = false;
    state_->wakeUpFirst();
}

// ---- Semaphore ----

struct Semaphore::State : detail::RefCounted {
    std::deque<Waiter> waiters;
    int value = 1;

    bool locked() const {
        return value == 0 ||
               std::any_of(waiters.begin(), waiters.end(), [](const Waiter& w) { return !w->cancelled(); });
    }
    void wakeUpNext() {
        for (const Waiter& waiter : waiters) {
            if (!waiter->done()) {
                --value;
                resolve(*waiter);
                return;
            }
        }
    }
};

Semaphore::Semaphore(int value) : state_(new State) {
    if (value < 0)
        throw std::invalid_argument("Semaphore initial value must be >= 0");
    state_->value = value;
}

Semaphore::Semaphore(const Semaphore& other) = default;
Semaphore& Semaphore::operator=(const Semaphore& other) = default;
Semaphore::~Semaphore() = default;
bool Semaphore::locked() const { return state_->locked(); }
int Semaphore::value() const { return state_->value; }

detail::Op<void> Semaphore::acquire() {
    detail::Ref<State> state = state_;
    if (!state->locked()) {
        --state->value;
        co_return;
    }
    Waiter waiter(new detail::FutureValue<void>(Loop::running(), WaitKind::Semaphore));
    state->waiters.push_back(waiter);
    std::exception_ptr error;
    try {
        co_await awaitWaiter(waiter);
    } catch (...) {
        error = std::current_exception();
    }
    removeWaiter(state->waiters, waiter);
    if (error) {
        if (Loop::running().exceptionPolicy().isCancelled(error) && !waiter->cancelled()) {
            ++state->value;
            state->wakeUpNext();
        }
        std::rethrow_exception(error);
    }
    if (state->value > 0)
        state->wakeUpNext();
}

void Semaphore::release() {
    ++state_->value;
    state_->wakeUpNext();
}

// ---- Condition ----

struct Condition::State : detail::RefCounted {
    explicit State(Lock lock_) : lock(std::move(lock_)) {}
    Lock lock;
    std::deque<Waiter> waiters;
};

Condition::Condition() : state_(new State(Lock())) {}
Condition::Condition(Lock lock) : state_(new State(std::move(lock))) {}
Condition::Condition(const Condition& other) = default;
Condition& Condition::operator=(const Condition& other) = default;
Condition::~Condition() = default;
Lock& Condition::lock() { return state_->lock; }
bool Condition::locked() const { return state_->lock.locked(); }
detail::Op<void> Condition::acquire() { return state_->lock.acquire(); }
void Condition::release() { state_->lock.release(); }
std::size_t Condition::waiterCount() const { return state_->waiters.size(); }

detail::Op<void> Condition::wait() {
    detail::Ref<State> state = state_;
    const ExceptionPolicy& policy = Loop::running().exceptionPolicy();
    if (!state->lock.locked())
        std::rethrow_exception(policy.runtimeError("cannot wait on un-acquired lock"));
    state->lock.release();
    const std::exception_ptr error = co_await waitInQueue(state->waiters, WaitKind::Condition);
    // The lock is taken again whatever happened; a cancellation meanwhile is raised after.
    bool cancelled = false;
    for (;;) {
        std::exception_ptr acquireError;
        try {
            co_await state->lock.acquire();
        } catch (...) {
            acquireError = std::current_exception();
        }
        if (!acquireError)
            break;
        if (!policy.isCancelled(acquireError))
            std::rethrow_exception(acquireError);
        cancelled = true;
    }
    if (error)
        std::rethrow_exception(error);
    if (cancelled)
        std::rethrow_exception(policy.cancelled(std::nullopt));
}

void Condition::notify(std::size_t n) {
    if (!state_->lock.locked())
        std::rethrow_exception(Loop::running().exceptionPolicy().runtimeError("cannot notify on un-acquired lock"));
    std::size_t woken = 0;
    for (const Waiter& waiter : state_->waiters) {
        if (woken >= n)
            break;
        if (!waiter->done()) {
            ++woken;
            resolve(*waiter);
        }
    }
}

void Condition::notifyAll() { notify(state_->waiters.size()); }

} // namespace awaitscope
