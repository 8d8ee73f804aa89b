#include "awaitscope/runtime/Loop.h"

#include "awaitscope/runtime/detail/Promise.h"

#include <algorithm>
#include <memory>
#include <thread>

namespace awaitscope {

namespace {

thread_local Loop* tlsRunningLoop = nullptr;

} // namespace

Loop::Loop() : Loop(LoopOptions{}) {}

Loop::Loop(LoopOptions options)
    : options_(options), policy_(options.exceptions ? options.exceptions : &defaultExceptionPolicy()),
      wallStart_(std::chrono::steady_clock::now()) {
    if (Recorder* recorder = options_.recorder) {
        nextTaskId_ = recorder->nextTaskId();
        recorder->setClock(options_.clock == ClockKind::Virtual ? "virtual" : "wall");
    }
}

Loop::~Loop() {
    // Drop queued callbacks so that the references they hold are released.
    while (!ready_.empty())
        ready_.pop().finish(false);
    timers_.drain([](const detail::ReadyItem& item) { item.finish(false); });
    // Tasks still pending own their frames, and a gather and its children hold each other:
    // destroy every frame and drop every callback first, then let the tasks go.
    const std::vector<detail::TaskState*> stillPending = pendingTasks();
    std::vector<detail::Ref<detail::TaskState>> pending(stillPending.begin(), stillPending.end());
    for (auto& task : pending)
        task->abandon();
    while (pendingHead_)
        taskFinished(*pendingHead_);
}

Loop* Loop::current() { return tlsRunningLoop; }

Loop& Loop::running() {
    if (!tlsRunningLoop)
        throw RuntimeError("no running event loop");
    return *tlsRunningLoop;
}

Loop::RunScope::RunScope(Loop& loop) : previous_(std::exchange(tlsRunningLoop, &loop)) {}
Loop::RunScope::~RunScope() { tlsRunningLoop = previous_; }

TimeNs Loop::wallNow() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - wallStart_).count();
}

TaskId Loop::currentTaskId() const { return currentTask_ ? currentTask_->id() : kNoTask; }

std::vector<detail::TaskState*> Loop::pendingTasks() const {
    std::vector<detail::TaskState*> tasks;
    tasks.reserve(pendingCount_);
    for (detail::TaskState* task = pendingHead_; task; task = task->nextPending)
        tasks.push_back(task);
    return tasks;
}

void Loop::callbackThunk(void* self, void*, bool run) {
    const std::unique_ptr<std::function<void()>> callback(static_cast<std::function<void()>*>(self));  // also if it throws
    if (run)
        (*callback)();
}

detail::Ref<detail::CancelToken> Loop::callSoon(std::function<void()> callback, CallbackKind what) {
    detail::Ref<detail::CancelToken> token(new detail::CancelToken);
    token->addRef();
    ready_.push({&Loop::callbackThunk, new std::function<void()>(std::move(callback)), nullptr, &token->cancelled,
                 token.get(), what});
    return token;
}

detail::Ref<detail::CancelToken> Loop::callAt(TimeNs when, std::function<void()> callback, CallbackKind what) {
    detail::Ref<detail::CancelToken> token(new detail::CancelToken);
    token->addRef();
    pushTimer(when, {&Loop::callbackThunk, new std::function<void()>(std::move(callback)), nullptr, &token->cancelled,
                     token.get(), what});
    return token;
}

detail::Ref<detail::CancelToken> Loop::callLater(TimeNs delay, std::function<void()> callback, CallbackKind what) {
    return callAt(now() + delay, std::move(callback), what);
}

void Loop::scheduleDoneCallback(detail::FutureState& future, detail::DoneCallback callback) {
    future.addRef();
    ready_.push({callback.fn, callback.self, &future, nullptr, &future,
                 callback.fn == &detail::TaskState::wakeupThunk ? CallbackKind::TaskWakeup : callback.what});
    if (callback.fn == &detail::TaskState::wakeupThunk && options_.recorder) {
        auto* task = static_cast<detail::TaskState*>(callback.self);
        const WaitKind cause = future.cancelled() ? WaitKind::Cancel : future.kind();
        options_.recorder->ready(task->id(), readyTime(), cause, currentTaskId());
    }
}

void Loop::scheduleStep(detail::TaskState& task, WaitKind cause, TaskId waker) {
    ready_.push({&detail::TaskState::stepThunk, &task, nullptr, nullptr, nullptr, CallbackKind::TaskStep});
    if (options_.recorder)
        options_.recorder->ready(task.id(), readyTime(), cause, waker);
}

void Loop::startTask(detail::TaskState& task, std::string name, detail::PromiseBase& root, const SourceLocation& where,
                     ScopeId scope) {
    // Unnamed tasks are "Task-N" like asyncio's; the name is only spelled out when asked for.
    const std::uint64_t number = name.empty() ? ++taskNameCounter_ : 0;
    const TaskId parent = currentTaskId();
    TaskId id = nextTaskId_++;
    if (Recorder* recorder = options_.recorder) {
        const FrameId frame = recorder->frame(root.name, root.definition, where);
        root.frame = frame;  // the first step enters this frame: no second lookup
        root.frameKnown = true;
        id = recorder->taskCreated(parent, TaskKind::Task, name, frame, recorder->site(where), now(), scope, number);
        nextTaskId_ = id + 1;
    }
    task.start(id, std::move(name), number);
    task.location = where;
    task.addRef();
    task.previousPending = pendingTail_;
    task.nextPending = nullptr;
    (pendingTail_ ? pendingTail_->nextPending : pendingHead_) = &task;
    pendingTail_ = &task;
    ++pendingCount_;
    scheduleStep(task, WaitKind::Start, parent);
}

TaskId Loop::nextThreadLane(std::string_view name, const SourceLocation& where) {
    TaskId id = nextTaskId_++;
    if (Recorder* recorder = options_.recorder) {
        const FrameId frame = recorder->frame(name, where, where);
        id = recorder->taskCreated(currentTaskId(), TaskKind::Thread, name, frame, recorder->site(where), now());
        nextTaskId_ = id + 1;
    }
    return id;
}

void Loop::taskFinished(detail::TaskState& task) {
    (task.previousPending ? task.previousPending->nextPending : pendingHead_) = task.nextPending;
    (task.nextPending ? task.nextPending->previousPending : pendingTail_) = task.previousPending;
    task.nextPending = task.previousPending = nullptr;
    --pendingCount_;
    task.release();
}

void Loop::reportUnretrieved(detail::FutureState& future) {
    Recorder* recorder = options_.recorder;
    if (!recorder)
        return;
    recorder->unretrievedError(now(), future.taskId(), describe(future.storedException()));
    future.markRetrieved();
}

void Loop::block(TimeNs duration, BlockKind kind, std::string_view what, const SourceLocation& where) {
    Recorder* recorder = options_.recorder;
    const bool onLoopThread = !running_ || loopThread_ == std::this_thread::get_id();
    const TaskId lane = threadContext_ ? threadContext_->lane : currentTaskId();
    BlockId block = 0;
    if (recorder && onLoopThread && lane != kNoTask) {
        if (!threadContext_ && currentTask_)
            endCpuBlock(*currentTask_);  // the CPU work before this call ends where it begins
        block = recorder->block(where, kind, what);
        recorder->blockBegin(lane, now(), block);
    }
    // The program's top level before any task exists (a plain script's time.sleep): kept for
    // the lane it gets if no task ever comes (Recorder::mainProgramEnded).
    const bool topLevel = recorder && !running_ && !threadContext_ && lane == kNoTask && recorder->nextTaskId() == 0;
    const TimeNs topLevelBegin = now();
    if (topLevel)
        block = recorder->block(where, kind, what);
    if (duration > 0) {
        if (options_.clock == ClockKind::Virtual) {
            if (threadContext_)
                threadContext_->elapsed += duration;
            else
                virtualNow_ += duration;
        } else if (kind == BlockKind::Cpu) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(duration);
            while (std::chrono::steady_clock::now() < until) {
            }
        } else {
            std::this_thread::sleep_for(std::chrono::nanoseconds(duration));
        }
    }
    if (recorder && onLoopThread && lane != kNoTask)
        recorder->blockEnd(lane, now(), block);
    else if (topLevel)
        recorder->topLevelBlock(topLevelBegin, now(), block);
    if (!threadContext_)
        cpuSince_ = now();  // what follows is CPU work again, and is measured from here
}

void Loop::chargeCpu(TimeNs cost) {
    if (options_.clock != ClockKind::Virtual)
        return;  // on the wall clock, CPU time is simply spent
    if (threadContext_)
        threadContext_->elapsed += cost;
    else
        virtualNow_ += cost;
}

void Loop::markCpuSite(const SourceLocation& where) {
    Recorder* recorder = options_.recorder;
    if (!recorder || threadContext_ || !currentTask_ || cpuBlockTask_ == currentTask_)
        return;
    if (now() - cpuSince_ < options_.cpuBlockThreshold)
        return;
    const std::string what = std::string("CPU work in ") + (where.function && *where.function ? where.function : "?") + "()";
    cpuBlock_ = recorder->block(where, BlockKind::Cpu, what);
    recorder->blockSince(currentTask_->id(), cpuSince_, cpuBlock_);
    cpuBlockTask_ = currentTask_;
}

void Loop::closeCpuBlock() {
    const detail::TaskState& task = *std::exchange(cpuBlockTask_, nullptr);
    if (Recorder* recorder = options_.recorder)
        recorder->blockEnd(task.id(), now(), cpuBlock_);
}

void Loop::postFromThread(std::function<void()> callback) {
    {
        std::lock_guard lock(inboxMutex_);
        inbox_.push_back(std::move(callback));
    }
    inboxReady_.notify_one();
}

void Loop::drainInbox() {
    std::vector<std::function<void()>> arrived;
    {
        std::lock_guard lock(inboxMutex_);
        arrived.swap(inbox_);
    }
    for (auto& callback : arrived)
        ready_.push({&Loop::callbackThunk, new std::function<void()>(std::move(callback)), nullptr, nullptr, nullptr,
                     CallbackKind::ThreadResult});
}

void Loop::stopThunk(void* self, void*, bool run) {
    if (run)
        static_cast<Loop*>(self)->stopping_ = true;
}

void Loop::stopWithError(std::exception_ptr error) {
    stopError_ = std::move(error);
    stopping_ = true;
}

void Loop::runUntilComplete(detail::FutureState& future) {
    future.addDoneCallback({&Loop::stopThunk, this, CallbackKind::LoopStop});
    runForever();
    future.removeDoneCallback(&Loop::stopThunk, this);
    if (stopError_)
        std::rethrow_exception(std::exchange(stopError_, nullptr));
    if (!future.done())
        throw RuntimeError("Event loop stopped before Future completed.");
}

void Loop::runForever() {
    RunScope scope(*this);
    running_ = true;
    loopThread_ = std::this_thread::get_id();
    while (true) {
        runOnce();
        if (stopping_)
            break;
    }
    stopping_ = false;
    running_ = false;
}

void Loop::waitForWork() {
    std::unique_lock lock(inboxMutex_);
    if (!inbox_.empty())
        return;
    if (timers_.empty()) {
        inboxReady_.wait(lock, [&] { return !inbox_.empty(); });
        return;
    }
    const TimeNs wait = timers_.nextDeadline() - now();
    if (wait > 0)
        inboxReady_.wait_for(lock, std::chrono::nanoseconds(wait), [&] { return !inbox_.empty(); });
}

void Loop::runOnce() {
    // Cancelled timers at the head of the heap are dropped before they can decide the wait.
    while (!timers_.empty() && timers_.next().isCancelled())
        timers_.pop().finish(false);
    // The queues as the loop sees them before it waits: an idle loop shows the timers it is
    // waiting for, and a timer that fell due during a long step shows as still in the heap, as
    // in CPython, until this iteration's wait moves it to the ready queue.
    if (options_.recordLoopQueues && options_.recorder)
        recordQueues();

    if (options_.clock == ClockKind::Wall) {
        if (ready_.empty() && !stopping_) {
            if (timers_.empty() && threadsInFlight_ == 0) {
                stopWithError(std::make_exception_ptr(DeadlockError(deadlockMessage())));
                return;
            }
            waitForWork();
        }
        drainInbox();
    } else if (ready_.empty() && !stopping_) {
        if (timers_.empty()) {
            stopWithError(std::make_exception_ptr(DeadlockError(deadlockMessage())));
            return;
        }
        TimeNs wake = timers_.nextDeadline();
        if (const TimeNs resolution = options_.timerResolution; resolution > 0 && wake > virtualNow_)
            wake = virtualNow_ + (wake - virtualNow_ + resolution - 1) / resolution * resolution;
        virtualNow_ = std::max(virtualNow_, wake);
    }

    const TimeNs end = now();
    while (!timers_.empty() && timers_.nextDeadline() <= end)
        ready_.push(timers_.pop());

    const std::size_t todo = ready_.size();
    for (std::size_t i = 0; i < todo; ++i) {
        // Field by field, not as a copy of the item: the step that queued it wrote it moments
        // ago with 8-byte stores, and a struct copy reads it with 16-byte loads, which cannot
        // be forwarded from those stores and wait for them to reach the cache (ping-pong:
        // 21 -> 16 ns a pair).
        const detail::ReadyItem& item = ready_.front();
        const detail::ReadyItem::Fn fn = item.fn;
        void* self = item.self;
        void* arg = item.arg;
        const bool run = !item.isCancelled();
        // Released when the callback returns, and also when it throws (a timeout whose cancel
        // goes round a cycle of awaiting tasks raises RecursionError out of the run).
        struct Release {
            detail::RefCounted* owned;
            ~Release() {
                if (owned)
                    owned->release();
            }
        } release{item.owned};
        currentDue_ = item.due;
        ready_.dropFront();
        fn(self, arg, run);
    }
    currentDue_ = -1;
    ++iterations_;

    if (options_.maxIterations && iterations_ >= options_.maxIterations && !stopping_)
        stopWithError(std::make_exception_ptr(
            BudgetExceeded("the run did not finish within " + std::to_string(options_.maxIterations) +
                           " loop iterations")));
    if (options_.maxTime && options_.clock == ClockKind::Virtual && virtualNow_ > options_.maxTime && !stopping_)
        stopWithError(std::make_exception_ptr(BudgetExceeded("the run did not finish within its time budget")));
}

namespace {

// The task a queued callback is about: the task a step or wake-up runs; for a done-callback,
// the task that finished; for a timer or a thread's result, the task awaiting the future it
// resolves. A timeout or the program's own callback may concern no task.
TaskId taskOfItem(const detail::ReadyItem& item) {
    if (item.fn == &detail::TaskState::stepThunk || item.fn == &detail::TaskState::wakeupThunk)
        return static_cast<detail::TaskState*>(item.self)->id();
    if (auto* task = dynamic_cast<detail::TaskState*>(item.owned))
        return task->id();
    if (auto* future = dynamic_cast<detail::FutureState*>(item.owned))
        return future->waitingTask();
    return kNoTask;
}

} // namespace

void Loop::recordQueues() {
    constexpr std::size_t kMaxTimersShown = 64;
    Recorder& recorder = *options_.recorder;
    if (recorder.loopQueuesFull())
        return;
    const auto iteration = static_cast<std::uint32_t>(iterations_);
    const TimeNs time = now();
    for (std::size_t i = 0; i < ready_.size(); ++i)
        recorder.loopQueue({iteration, time, LoopQueue::Ready, taskOfItem(ready_.at(i)), 0, ready_.at(i).what});
    std::size_t shown = 0;
    timers_.forEachInOrder([&](TimeNs deadline, const detail::ReadyItem& item) {
        if (shown++ < kMaxTimersShown && !item.isCancelled())
            recorder.loopQueue({iteration, time, LoopQueue::Timer, taskOfItem(item), deadline, item.what});
    });
}

void Loop::recordPendingAtExit() {
    if (Recorder* recorder = options_.recorder)
        for (detail::TaskState* task = pendingHead_; task; task = task->nextPending)
            if (task->markPendingAtExit())
                recorder->pendingAtExit(now(), task->id());
}

std::string Loop::deadlockMessage() const {
    std::string message = "every task is waiting and nothing is scheduled that could wake them; under CPython "
                          "the program would wait forever. Waiting:";
    for (detail::TaskState* task = pendingHead_; task; task = task->nextPending)
        message += " " + task->name();
    return message;
}

void Loop::shutdown() {
    std::vector<detail::TaskState*> leftover = pendingTasks();
    recordPendingAtExit();
    if (!leftover.empty()) {
        // asyncio.run: cancel every task left, then wait for them with gather(return_exceptions=True).
        std::vector<detail::Ref<detail::TaskState>> tasks(leftover.begin(), leftover.end());
        for (auto& task : tasks)
            task->cancel();
        detail::Ref<detail::FutureState> allDone(new detail::FutureState(*this));
        struct Waiter {
            detail::FutureState* outer;
            std::size_t remaining;
        };
        auto waiter = std::make_unique<Waiter>(Waiter{allDone.get(), tasks.size()});
        auto onDone = [](void* self, void* future, bool run) {
            auto* w = static_cast<Waiter*>(self);
            if (!run)
                return;
            auto* child = static_cast<detail::FutureState*>(future);
            if (!child->cancelled())
                child->markRetrieved();
            if (--w->remaining == 0 && !w->outer->done())
                w->outer->markFinished();
        };
        for (auto& task : tasks)
            task->addDoneCallback({onDone, waiter.get(), CallbackKind::RunCleanup});
        runUntilComplete(*allDone);
        for (auto& task : tasks)
            if (task->done() && !task->cancelled() && task->storedException() && options_.recorder)
                options_.recorder->unretrievedError(
                    now(), task->id(),
                    "unhandled exception during asyncio.run() shutdown: " + describe(task->storedException()));
    }
    // asyncio.run waits for the default executor: worker threads still running keep the program alive.
    while (threadsInFlight_ > 0 && !stopError_) {
        stopping_ = false;
        RunScope scope(*this);
        runOnce();
    }
    stopping_ = false;
}

} // namespace awaitscope
