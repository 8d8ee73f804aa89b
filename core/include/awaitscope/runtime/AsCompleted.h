#pragma once

// asyncio.as_completed (3.11): every input becomes a task at once; next() returns results in
// the order the tasks finish. With a timeout, the remaining next() calls raise TimeoutError.
#include "awaitscope/runtime/Queue.h"
#include "awaitscope/runtime/Task.h"

#include <chrono>
#include <optional>
#include <vector>

namespace awaitscope {

template <class T>
class AsCompleted {
public:
    AsCompleted(std::vector<Task<T>> coroutines, std::optional<std::chrono::nanoseconds> timeoutAfter = std::nullopt,
                SourceLocation where = SourceLocation::current())
        : state_(new State) {
        Loop& loop = Loop::running();
        ScopeId scope = kNoScope;
        if (Recorder* recorder = loop.recorder())
            scope = recorder->scopeBegin(ScopeKind::AsCompleted, loop.currentTaskId(), where, loop.now());
        for (Task<T>& coroutine : coroutines)
            state_->todo.push_back(createTask(std::move(coroutine), TaskOptions{{}, scope}, where));
        arm(timeoutAfter);
    }
    AsCompleted(std::vector<TaskHandle<T>> tasks, std::optional<std::chrono::nanoseconds> timeoutAfter = std::nullopt)
        : state_(new State) {
        state_->todo = std::move(tasks);
        arm(timeoutAfter);
    }

    std::size_t size() const { return total_; }

    // _wait_for_one(): the next task to finish, its result or its exception.
    detail::Op<T> next() {
        detail::Ref<State> state = state_;
        std::optional<TaskHandle<T>> finished = co_await state->done.get();
        if (!finished)
            std::rethrow_exception(Loop::running().exceptionPolicy().timeout());
        co_return finished->result();
    }

private:
    struct State : detail::RefCounted {
        std::vector<TaskHandle<T>> todo;
        Queue<std::optional<TaskHandle<T>>> done;
        detail::Ref<detail::CancelToken> timeoutHandle;

        static void onCompletion(void* self, void* future, bool run) {
            auto* state = static_cast<State*>(self);
            if (run)
                state->completed(static_cast<detail::FutureState*>(future));
            state->release();
        }
        void completed(detail::FutureState* future) {
            auto found = std::find_if(todo.begin(), todo.end(), [&](const TaskHandle<T>& t) { return t.state() == future; });
            if (found == todo.end())
                return;  // the timeout came first
            TaskHandle<T> task = *found;
            todo.erase(found);
            done.putNowait(task);
            if (todo.empty() && timeoutHandle)
                timeoutHandle->cancelled = true;
        }
        void onTimeout() {
            for (TaskHandle<T>& task : todo) {
                for (std::size_t n = task.state()->removeDoneCallback(&State::onCompletion, this); n > 0; --n)
                    release();
                done.putNowait(std::nullopt);
            }
            todo.clear();
        }
    };

    void arm(std::optional<std::chrono::nanoseconds> timeoutAfter) {
        total_ = state_->todo.size();
        for (TaskHandle<T>& task : state_->todo) {
            state_->addRef();
            task.state()->addDoneCallback({&State::onCompletion, state_.get(), CallbackKind::WaitChild});
        }
        if (!state_->todo.empty() && timeoutAfter) {
            detail::Ref<State> state = state_;
            state_->timeoutHandle = Loop::running().callLater(timeoutAfter->count(), [state] { state->onTimeout(); });
        }
    }

    detail::Ref<State> state_;
    std::size_t total_ = 0;
};

} // namespace awaitscope
