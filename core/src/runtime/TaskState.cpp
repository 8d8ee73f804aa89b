#include "awaitscope/runtime/detail/TaskState.h"

#include "awaitscope/runtime/Loop.h"
#include "awaitscope/runtime/detail/Promise.h"

#include <vector>

namespace awaitscope::detail {

namespace {

// Task.cancel() cancels what the task awaits, which may be a task that awaits it back, or a
// long chain of tasks. CPython 3.11 recurses until its C stack guard raises RecursionError
// (chains of 3,000 tasks cancel, 10,000 do not); so do we, at a fixed depth, well within the
// stack of any thread, rather than overflow it.
constexpr std::size_t kMaxCancelDepth = 3000;

// The tasks whose cancel() is running on this thread, outermost first.
std::vector<const TaskState*>& cancelsInProgress() {
    thread_local std::vector<const TaskState*> tasks;
    return tasks;
}

} // namespace

// Entered by cancel() before it cancels what the task awaits: throws RecursionError when that
// leads back to the task (a cycle of awaits) or runs too deep.
class TaskState::CancelInProgress {
public:
    explicit CancelInProgress(TaskState& task) : task_(task) {
        std::vector<const TaskState*>& chain = cancelsInProgress();
        if (task.cancelling_)
            std::rethrow_exception(task.loop().exceptionPolicy().recursionError(cycleMessage(chain, task)));
        if (chain.size() >= kMaxCancelDepth)
            std::rethrow_exception(task.loop().exceptionPolicy().recursionError(
                "maximum recursion depth exceeded while cancelling a chain of " + std::to_string(chain.size()) +
                " tasks that await one another"));
        chain.push_back(&task);
        task.cancelling_ = true;
    }
    ~CancelInProgress() {
        cancelsInProgress().pop_back();
        task_.cancelling_ = false;
    }
    CancelInProgress(const CancelInProgress&) = delete;
    CancelInProgress& operator=(const CancelInProgress&) = delete;

private:
    // "Task-2 awaits Task-3, which awaits Task-2": the cycle from the task round to itself.
    static std::string cycleMessage(const std::vector<const TaskState*>& chain, const TaskState& task) {
        std::string text = "cannot cancel " + task.name() + ": it awaits itself round a cycle (" + task.name();
        bool inCycle = false;
        for (const TaskState* link : chain) {
            inCycle = inCycle || link == &task;
            if (inCycle && link != &task)
                text += " awaits " + link->name() + ", which";
        }
        return text + " awaits " + task.name() + "); tasks that await one another never finish";
    }

    TaskState& task_;
};

TaskState::TaskState(Loop& loop, std::coroutine_handle<> root, PromiseBase& rootPromise)
    : FutureState(loop, WaitKind::Task), root_(root), resumePoint_(root) {
    rootPromise.task = this;
    rootPromise.started = true;
    ++liveCounts().tasks;
}

TaskState::~TaskState() {
    // Reported here, while this is still a TaskState, so the report can name the task.
    if (exceptionUnretrieved())
        loop().reportUnretrieved(*this);
    // A task destroyed while pending still owns its frame (asyncio: "Task was destroyed but it is pending!").
    if (root_)
        root_.destroy();
    --liveCounts().tasks;
}

void TaskState::abandon() {
    if (root_)
        std::exchange(root_, nullptr).destroy();
    resumePoint_ = nullptr;
    futWaiter_.reset();
    awaited_.reset();
    dropCallbacks();
}

void TaskState::start(TaskId id, std::string name, std::uint64_t number) {
    id_ = id;
    name_ = std::move(name);
    number_ = number;
}

const std::string& TaskState::name() const {
    if (name_.empty() && number_)
        name_ = "Task-" + std::to_string(number_);
    return name_;
}

std::string TaskState::repr() const {
    // asyncio's Task repr, as far as the runtime knows it: the innermost visible frame's await.
    std::string text = std::string("<Task ") + (done() ? "finished" : "pending") + " name='" + name() + "'";
    if (location.known())
        text += std::string(" coro=<") + (location.function ? location.function : "?") + "() running at " +
                (location.file ? location.file : "?") + ":" + std::to_string(location.line) + ">";
    return text + ">";
}

void TaskState::setName(std::string name) {
    name_ = std::move(name);
    number_ = 0;
    if (Recorder* recorder = loop().recorder(); recorder && id_ != kNoTask)
        recorder->setTaskName(id_, name_);
}

bool TaskState::cancel(std::optional<std::string> message) {
    markRetrieved();
    if (done())
        return false;
    ++numCancelsRequested_;
    if (futWaiter_) {
        CancelInProgress entered(*this);
        if (futWaiter_->cancel(message))
            return true;  // keep futWaiter_: it may swallow the cancellation and need it again
    }
    mustCancel_ = true;
    cancelMessage_ = std::move(message);
    return true;
}

void TaskState::suspendOnFuture(std::coroutine_handle<> resumeAt, FutureState& future, WaitKind kind,
                                std::string_view what, TaskId target) {
    resumePoint_ = resumeAt;
    suspension_ = Suspension::Future;
    awaited_ = &future;
    awaitedKind_ = kind;
    awaitedWhat_ = what;
    awaitedTarget_ = target;
}

void TaskState::stepThunk(void* self, void*, bool run) {
    if (run)
        static_cast<TaskState*>(self)->step({});
}

void TaskState::wakeupThunk(void* self, void* future, bool run) {
    if (run)
        static_cast<TaskState*>(self)->wakeup(*static_cast<FutureState*>(future));
}

void TaskState::wakeup(FutureState& future) { step(future.errorForResult()); }

void TaskState::step(std::exception_ptr error) {
    Loop& loop = this->loop();
    if (mustCancel_) [[unlikely]] {
        if (!error || !loop.exceptionPolicy().isCancelled(error))
            error = makeCancelledError();
        mustCancel_ = false;
    }
    futWaiter_.reset();
    const TimeNs startedAt = loop.now();
    TaskState* previous = loop.enterTask(this, startedAt);
    if (Recorder* recorder = loop.recorder())
        recorder->resume(id_, startedAt);
    if (error) [[unlikely]]
        pendingThrow_ = std::move(error);
    suspension_ = Suspension::None;
    // Keep the task alive until the step is over: finishing releases the loop's reference.
    Ref<TaskState> self(this);
    resumePoint_.resume();
    finishStep();
    loop.leaveTask(previous);
}

void TaskState::finishStep() {
    Loop& loop = this->loop();
    Recorder* recorder = loop.recorder();
    loop.endCpuBlock(*this);
    if (root_.done()) {
        std::exception_ptr error = harvestRoot();
        root_ = nullptr;
        resumePoint_ = nullptr;
        pendingThrow_ = nullptr;
        TaskOutcome outcome = TaskOutcome::Done;
        StringId text = 0;
        if (!error) {
            outcome = mustCancel_ ? TaskOutcome::Cancelled : TaskOutcome::Done;
        } else if (loop.exceptionPolicy().isCancelled(error)) {
            outcome = TaskOutcome::Cancelled;
        } else {
            outcome = TaskOutcome::Failed;
            if (recorder)
                text = recorder->string(loop.describe(error));
        }
        if (recorder)
            recorder->finish(id_, loop.now(), outcome, text);
        if (!error) {
            if (mustCancel_) {
                mustCancel_ = false;
                cancelFuture(cancelMessage_);
            } else {
                markFinished();
            }
        } else if (outcome == TaskOutcome::Cancelled) {
            cancelledException_ = error;
            cancelFuture(std::nullopt);
        } else {
            setException(error);
        }
        loop.taskFinished(*this);
        return;
    }
    switch (suspension_) {
    case Suspension::Future: {
        Ref<FutureState> future = std::move(awaited_);
        if (recorder)
            recorder->suspend(id_, loop.now(), recorder->taskAwait(id_, location, awaitedKind_, awaitedWhat_, awaitedTarget_));
        if (future.get() == this) [[unlikely]] {
            // tasks.py __step: a task awaiting itself would wait for its own end forever;
            // asyncio raises RuntimeError in it at its next step instead.
            pendingThrow_ = loop.exceptionPolicy().runtimeError("Task cannot await on itself: " + repr());
            loop.scheduleStep(*this, WaitKind::Task, id_);
            break;
        }
        future->addDoneCallback({&TaskState::wakeupThunk, this});
        futWaiter_ = future;
        if (mustCancel_ && future->cancel(cancelMessage_))
            mustCancel_ = false;
        break;
    }
    case Suspension::Yield:
    case Suspension::None:  // a foreign awaitable suspended us without a future: treat it as a yield
        if (recorder)
            recorder->suspend(id_, loop.now(), recorder->taskYield(id_, location));
        loop.requeueAfterYield(*this);
        break;
    }
}

} // namespace awaitscope::detail
