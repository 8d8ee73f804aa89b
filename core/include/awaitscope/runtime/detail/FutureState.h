#pragma once

// The untyped core of asyncio.Future: state, exception, done-callbacks. Typed values live in
// a ValueSlot<T> beside it (FutureValue<T>, TaskStateT<T>). Every state change follows
// futures.py: callbacks run through call_soon, in the order they were added.
#include "awaitscope/runtime/detail/Ref.h"
#include "awaitscope/trace/Trace.h"

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace awaitscope {
class Loop;
}

namespace awaitscope::detail {

class FutureState;
class TaskState;

// A done-callback runs from the ready queue like any other callback; `future` is the future
// that finished, `run` is always true for done-callbacks.
struct DoneCallback {
    using Fn = void (*)(void* self, void* future, bool run);
    Fn fn = nullptr;
    void* self = nullptr;
    CallbackKind what = CallbackKind::Other;
};

// `void` results are stored as std::monostate.
template <class T>
using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class T>
struct ValueSlot {
    std::optional<Stored<T>> value;
};

class FutureState : public RefCounted {
public:
    enum class Status : std::uint8_t { Pending, Finished, Cancelled };

    explicit FutureState(Loop& loop, WaitKind kind = WaitKind::Future, std::string_view label = {});
    ~FutureState() override;

    Loop& loop() const { return *loop_; }
    WaitKind kind() const { return kind_; }
    // What awaiting it looks like in the trace: "asyncio.sleep", "Lock.acquire", ...
    // A label must stay valid and unchanged while the loop lives (a literal, or a string the
    // caller keeps): the recorder caches awaits by the label's address.
    std::string_view label() const { return label_; }
    Status status() const { return status_; }
    bool done() const { return status_ != Status::Pending; }
    bool cancelled() const { return status_ == Status::Cancelled; }
    const std::optional<std::string>& cancelMessage() const { return cancelMessage_; }

    // The task this future is, if it is one.
    virtual TaskId taskId() const { return kNoTask; }

    // Future.cancel(); Task and the gathering future override it.
    virtual bool cancel(std::optional<std::string> message = std::nullopt);
    // The typed caller stores the value first, then calls markFinished (set_result).
    void markFinished();
    void setException(std::exception_ptr error);

    // What result() raises: the exception, or a CancelledError, or null for a value.
    // Marks the exception as retrieved. Throws InvalidStateError while pending.
    std::exception_ptr errorForResult();
    // Future.exception(): the exception (null if none); raises CancelledError if cancelled.
    std::exception_ptr exception();
    // The exception without marking it retrieved (for descriptions and diagnostics).
    const std::exception_ptr& storedException() const { return exception_; }
    bool exceptionUnretrieved() const { return logTraceback_; }
    void markRetrieved() { logTraceback_ = false; }

    void addDoneCallback(DoneCallback callback);
    // Tells every pending callback it will never run (so each drops what it holds) and
    // forgets them: breaks the cycles a loop torn down mid-run would leave (gather <-> children).
    void dropCallbacks();
    // The task that will wake when this future is done, if one waits on it.
    TaskId waitingTask() const;
    std::size_t removeDoneCallback(DoneCallback::Fn fn, void* self);
    // Future.remove_done_callback for callbacks told apart by what they hold: takes out every
    // pending callback `match` accepts; the caller tells each it will never run.
    std::vector<DoneCallback> takeDoneCallbacks(const std::function<bool(const DoneCallback&)>& match);

    // Future._make_cancelled_error(): a task hands back the CancelledError that ended it.
    std::exception_ptr makeCancelledError();

protected:
    // Future.cancel() without the Task override: used by Task itself when its coroutine ends cancelled.
    bool cancelFuture(std::optional<std::string> message);
    std::exception_ptr cancelledException_;  // Task._cancelled_exc
    std::optional<std::string> cancelMessage_;

private:
    void scheduleCallbacks();

    Loop* loop_;
    std::string_view label_;
    WaitKind kind_;
    Status status_ = Status::Pending;
    bool logTraceback_ = false;
    std::exception_ptr exception_;
    std::vector<DoneCallback> callbacks_;
};

template <class T>
class FutureValue final : public FutureState, public ValueSlot<T> {
public:
    using FutureState::FutureState;
};

// Live-object counts for this thread, for tests that prove nothing leaks.
struct LiveCounts {
    long frames = 0;   // coroutine frames (promises) alive
    long futures = 0;  // futures and tasks alive
    long tasks = 0;    // tasks alive
};
LiveCounts& liveCounts();

} // namespace awaitscope::detail
