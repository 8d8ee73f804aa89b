#pragma once

// asyncio.gather: wraps each coroutine in a task at once, and resolves to every result in
// argument order. The first failure fails the gather (the other tasks keep running) unless
// return_exceptions, in which case failures take their place in the results. Cancelling
// the gather cancels every child. A port of tasks.py's gather and _GatheringFuture.
#include "awaitscope/runtime/Task.h"

#include <functional>
#include <tuple>
#include <variant>
#include <vector>

namespace awaitscope {

// A result, or the exception that took its place (gather with return_exceptions).
template <class T>
using Outcome = std::variant<detail::Stored<T>, std::exception_ptr>;

struct ReturnExceptions {};
inline constexpr ReturnExceptions returnExceptions{};

namespace detail {

class GatheringFuture : public FutureState {
public:
    GatheringFuture(Loop& loop, bool returnExceptions, const SourceLocation& where);
    ScopeId scope() const { return scope_; }
    // Children are added right after construction, in argument order.
    void addChild(FutureState& child);
    // After the last child: a gather of nothing resolves at once.
    void sealChildren();
    bool cancel(std::optional<std::string> message = std::nullopt) override;

    // In argument order; each one is held from the moment it is done (all are, when the results
    // are collected). A pending child is not held: a future that nobody else holds can never
    // finish, and holding it would keep it and this gather (its callback holds this) alive for good.
    const std::vector<FutureState*>& children() const { return children_; }
    // For return_exceptions: what takes the place of a failed or cancelled child (null if none).
    std::exception_ptr outcomeError(FutureState& child);

protected:
    // Stores the typed results, reading each child (called once, when all are done).
    virtual void collect() = 0;

private:
    static void childDone(void* self, void* future, bool run);
    void onChildDone(FutureState& child);
    void finish(std::exception_ptr error);

    std::vector<FutureState*> children_;  // null once a pending child was destroyed
    std::vector<Ref<FutureState>> finishedChildren_;
    std::size_t finished_ = 0;
    bool returnExceptions_;
    bool cancelRequested_ = false;
    ScopeId scope_ = kNoScope;
};

template <class R>
class GatheringFutureT final : public GatheringFuture, public ValueSlot<R> {
public:
    using Collect = std::function<R(GatheringFuture&)>;
    GatheringFutureT(Loop& loop, bool returnExceptions, const SourceLocation& where, Collect collectFn)
        : GatheringFuture(loop, returnExceptions, where), collect_(std::move(collectFn)) {}

private:
    void collect() override { this->value.emplace(collect_(*this)); }
    Collect collect_;
};

template <class T>
struct ChildSlots {
    std::vector<ValueSlot<T>*> slots;
};

template <class T>
Stored<T> takeStored(ValueSlot<T>& slot) {
    if constexpr (std::is_copy_constructible_v<Stored<T>>)
        return *slot.value;
    else
        return std::move(*slot.value);
}

template <class T>
TaskHandle<T> asChildTask(Task<T>&& coroutine, ScopeId scope, const SourceLocation& where) {
    return createTask(std::move(coroutine), TaskOptions{{}, scope}, where);
}
template <class T>
TaskHandle<T> asChildTask(const TaskHandle<T>& task, ScopeId, const SourceLocation&) {
    return task;
}

template <class A>
struct ValueOf;
template <class T>
struct ValueOf<Task<T>> {
    using type = T;
};
template <class T>
struct ValueOf<TaskHandle<T>> {
    using type = T;
};

template <class T, class Input>
Future<std::vector<Stored<T>>> gatherList(std::vector<Input>&& inputs, const SourceLocation& where) {
    using Result = std::vector<Stored<T>>;
    auto slots = std::make_shared<std::vector<ValueSlot<T>*>>();
    auto* outer = new GatheringFutureT<Result>(Loop::running(), false, where, [slots](GatheringFuture&) {
        Result results;
        results.reserve(slots->size());
        for (ValueSlot<T>* slot : *slots)
            results.push_back(takeStored(*slot));
        return results;
    });
    Future<Result> future(outer, outer);
    for (Input& input : inputs) {
        TaskHandle<T> child = asChildTask(std::move(input), outer->scope(), where);
        slots->push_back(child.state());
        outer->addChild(*child.state());
    }
    outer->sealChildren();
    return future;
}

template <class T, class Input>
Future<std::vector<Outcome<T>>> gatherOutcomes(std::vector<Input>&& inputs, const SourceLocation& where) {
    using Result = std::vector<Outcome<T>>;
    auto slots = std::make_shared<std::vector<ValueSlot<T>*>>();
    auto* outer = new GatheringFutureT<Result>(Loop::running(), true, where, [slots](GatheringFuture& gathering) {
        Result results;
        results.reserve(slots->size());
        for (std::size_t i = 0; i < slots->size(); ++i) {
            if (std::exception_ptr error = gathering.outcomeError(*gathering.children()[i]))
                results.emplace_back(std::in_place_index<1>, error);
            else
                results.emplace_back(std::in_place_index<0>, takeStored(*(*slots)[i]));
        }
        return results;
    });
    Future<Result> future(outer, outer);
    for (Input& input : inputs) {
        TaskHandle<T> child = asChildTask(std::move(input), outer->scope(), where);
        slots->push_back(child.state());
        outer->addChild(*child.state());
    }
    outer->sealChildren();
    return future;
}

} // namespace detail

// gather(list of coroutines or tasks) -> Future<vector<T>>.
template <class T>
Future<std::vector<detail::Stored<T>>> gather(std::vector<Task<T>> coroutines,
                                              SourceLocation where = SourceLocation::current()) {
    return detail::gatherList<T>(std::move(coroutines), where);
}
template <class T>
Future<std::vector<detail::Stored<T>>> gather(std::vector<TaskHandle<T>> tasks,
                                              SourceLocation where = SourceLocation::current()) {
    return detail::gatherList<T>(std::move(tasks), where);
}
// gather(..., return_exceptions=True) -> Future<vector<Outcome<T>>>.
template <class T>
Future<std::vector<Outcome<T>>> gather(ReturnExceptions, std::vector<Task<T>> coroutines,
                                       SourceLocation where = SourceLocation::current()) {
    return detail::gatherOutcomes<T>(std::move(coroutines), where);
}
template <class T>
Future<std::vector<Outcome<T>>> gather(ReturnExceptions, std::vector<TaskHandle<T>> tasks,
                                       SourceLocation where = SourceLocation::current()) {
    return detail::gatherOutcomes<T>(std::move(tasks), where);
}

// gather(a(), b(), c()) with different result types -> Future<tuple<A, B, C>>.
template <class... Inputs>
auto gatherAll(Inputs&&... inputs) {
    using Result = std::tuple<detail::Stored<typename detail::ValueOf<std::decay_t<Inputs>>::type>...>;
    const SourceLocation where = SourceLocation::current();
    auto slots = std::make_shared<std::tuple<detail::ValueSlot<typename detail::ValueOf<std::decay_t<Inputs>>::type>*...>>();
    auto* outer = new detail::GatheringFutureT<Result>(Loop::running(), false, where, [slots](detail::GatheringFuture&) {
        return std::apply([](auto*... slot) { return Result(detail::takeStored(*slot)...); }, *slots);
    });
    Future<Result> future(outer, outer);
    auto children = std::make_tuple(detail::asChildTask(std::forward<Inputs>(inputs), outer->scope(), where)...);
    std::apply(
        [&](auto&... child) {
            *slots = std::make_tuple(static_cast<detail::ValueSlot<typename std::decay_t<decltype(child)>::value_type>*>(
                child.state())...);
            (outer->addChild(*child.state()), ...);
        },
        children);
    outer->sealChildren();
    return future;
}

} // namespace awaitscope
