#pragma once

// The event loop: asyncio's BaseEventLoop reduced to what coroutines need. One thread, a
// FIFO ready queue, a timer heap ordered by (deadline, insertion sequence), and a clock that
// is virtual by default (sleeping costs no real time and every run is deterministic).
#include "awaitscope/runtime/Errors.h"
#include "awaitscope/runtime/ThreadPool.h"
#include "awaitscope/trace/SourceLocation.h"
#include "awaitscope/runtime/detail/ReadyQueue.h"
#include "awaitscope/runtime/detail/TaskState.h"
#include "awaitscope/runtime/detail/TimerHeap.h"
#include "awaitscope/trace/Recorder.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <string_view>
#include <vector>

namespace awaitscope {

template <class T, bool Visible>
class BasicTask;

enum class ClockKind : std::uint8_t { Virtual, Wall };

struct LoopOptions {
    ClockKind clock = ClockKind::Virtual;
    Recorder* recorder = nullptr;                // null: recording off
    const ExceptionPolicy* exceptions = nullptr;  // null: the C++ exception classes
    std::uint64_t maxIterations = 0;              // 0: no budget
    TimeNs maxTime = 0;                           // 0: no budget (virtual clock only)
    // Virtual clock: when the loop must wait for a timer, round the wait up to a multiple of
    // this, as CPython's epoll selector does (1 ms). Timers armed a few microseconds apart
    // then fire in the same iteration, as they do under CPython. 0: wake exactly on time.
    TimeNs timerResolution = 0;
    // Record the ready queue and timer heap at the start of every iteration, before its wait
    // (Trace::loopQueues).
    // For lessons: it costs time in proportion to the queues' length.
    bool recordLoopQueues = false;
    // A step that has spent this much CPU time (chargeCpu) gets a recorded CPU block, so the
    // frozen loop it causes names the line doing the work (markCpuSite).
    TimeNs cpuBlockThreshold = 100'000'000;
};

class Loop {
public:
    Loop();
    explicit Loop(LoopOptions options);
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;
    ~Loop();

    // The loop running on this thread, or null.
    static Loop* current();
    // The loop running on this thread; throws RuntimeError("no running event loop").
    static Loop& running();

    TimeNs now() const {
        if (options_.clock == ClockKind::Virtual)
            return threadContext_ ? threadContext_->start + threadContext_->elapsed : virtualNow_;
        return wallNow();
    }
    ClockKind clock() const { return options_.clock; }
    Recorder* recorder() const { return options_.recorder; }
    const ExceptionPolicy& exceptionPolicy() const { return *policy_; }

    // asyncio.run(main()): runs main as Task-1, then cancels what is left, like asyncio.run.
    template <class T>
    T run(BasicTask<T, true> main, SourceLocation where = SourceLocation::current());

    // asyncio's call_soon / call_later / call_at, for plain C++ callbacks. The token cancels.
    // `what` names the callback in the recorded queues (Loop Insides).
    detail::Ref<detail::CancelToken> callSoon(std::function<void()> callback, CallbackKind what = CallbackKind::Program);
    detail::Ref<detail::CancelToken> callAt(TimeNs when, std::function<void()> callback,
                                            CallbackKind what = CallbackKind::Program);
    detail::Ref<detail::CancelToken> callLater(TimeNs delay, std::function<void()> callback,
                                               CallbackKind what = CallbackKind::Program);

    // Hold the loop: time.sleep, a blocking network call, CPU work. The clock advances and
    // nothing else runs. Inside to_thread work, only the thread's own clock advances.
    void block(TimeNs duration, BlockKind kind, std::string_view what, const SourceLocation& where);
    // The script interpreter's cost model: CPU time spent, with no event of its own.
    void chargeCpu(TimeNs cost);
    // Says where CPU time is being spent now; once the running step has computed for
    // cpuBlockThreshold (since it began, or since its last blocking call), it gets a CPU block
    // from then, at this line. Called every so often by the interpreter (not per instruction).
    void markCpuSite(const SourceLocation& where);
    // The step of `task` ends: closes its CPU block, if it has one.
    void endCpuBlock(const detail::TaskState& task) {
        if (cpuBlockTask_ == &task) [[unlikely]]
            closeCpuBlock();
    }

    detail::TaskState* currentTask() const { return currentTask_; }
    std::size_t readyCount() const { return ready_.size(); }
    std::size_t timerCount() const { return timers_.size(); }
    std::uint64_t iterations() const { return iterations_; }
    std::size_t pendingTaskCount() const { return pendingCount_; }
    // Pending tasks in creation order.
    std::vector<detail::TaskState*> pendingTasks() const;

    // ---- Used by the runtime's own primitives ----
    void pushReady(const detail::ReadyItem& item) { ready_.push(item); }
    void pushTimer(TimeNs when, const detail::ReadyItem& item) { timers_.push(when, item); }
    void scheduleDoneCallback(detail::FutureState& future, detail::DoneCallback callback);
    void scheduleStep(detail::TaskState& task, WaitKind cause, TaskId waker);
    // After asyncio.sleep(0): back of the queue. The Suspend event already says it is ready.
    void requeueAfterYield(detail::TaskState& task) { ready_.push({&detail::TaskState::stepThunk, &task, nullptr, nullptr, nullptr, CallbackKind::TaskStep});
    }
    // Registers a new task, records it and schedules its first step.
    void startTask(detail::TaskState& task, std::string name, detail::PromiseBase& root, const SourceLocation& where,
                   ScopeId scope);
    void taskFinished(detail::TaskState& task);
    // A step of `task` begins at `time` (now()).
    detail::TaskState* enterTask(detail::TaskState* task, TimeNs time) {
        cpuSince_ = time;
        return std::exchange(currentTask_, task);
    }
    void leaveTask(detail::TaskState* previous) { currentTask_ = previous; }
    TaskId currentTaskId() const;
    // When the task woken now became ready: a timer's deadline, or now.
    TimeNs readyTime() const { return currentDue_ >= 0 ? currentDue_ : now(); }
    void reportUnretrieved(detail::FutureState& future);
    std::string describe(const std::exception_ptr& error) const { return policy_->describe(error); }

    // to_thread on the virtual clock: work runs inline, on a clock of its own.
    struct ThreadContext {
        TaskId lane = kNoTask;
        TimeNs start = 0;
        TimeNs elapsed = 0;
        const ThreadWorker* worker = nullptr;  // the pool thread it runs on (threading.current_thread)
    };
    ThreadContext* threadContext() const { return threadContext_; }
    ThreadContext* enterThread(ThreadContext* context) { return std::exchange(threadContext_, context); }
    void leaveThread(ThreadContext* previous) { threadContext_ = previous; }
    // asyncio's default executor on the virtual clock (to_thread, run_in_executor(None, ...)).
    ThreadPool& defaultThreadPool() { return defaultThreadPool_; }
    // The ident of a thread the run starts now (threadIdent).
    std::uint64_t newThreadIdent() { return threadIdent(++threadsCreated_); }
    void threadStarted() { ++threadsInFlight_; }
    void threadFinished() { --threadsInFlight_; }
    // Wall clock: a finished worker thread hands its completion to the loop through here.
    void postFromThread(std::function<void()> callback);
    TaskId nextThreadLane(std::string_view name, const SourceLocation& where);
    // "Task-<n>" numbers that asyncio spends on tasks of its own which run none of the program's
    // code (asyncio.run's shutdown_asyncgens and shutdown_default_executor) and are not drawn:
    // the program's later tasks get the numbers CPython gives them.
    void skipTaskNumbers(std::uint64_t count) { taskNameCounter_ += count; }

    // Runs until `future` is done (run_until_complete). Throws DeadlockError or BudgetExceeded.
    void runUntilComplete(detail::FutureState& future);
    // Runs asyncio.run's shutdown: records tasks pending at exit, cancels them and waits.
    void shutdown();
    // Records every pending task as pending at exit (once per task).
    void recordPendingAtExit();
    // Stops the loop at the end of the current iteration; run/runUntilComplete then throw
    // `error`. For embedders that must end a run at once (the script interpreter's budgets).
    void stop(std::exception_ptr error) { stopWithError(std::move(error)); }

    // Makes this the running loop of the thread for as long as it lives.
    class RunScope {
    public:
        explicit RunScope(Loop& loop);
        ~RunScope();
        RunScope(const RunScope&) = delete;
        RunScope& operator=(const RunScope&) = delete;

    private:
        Loop* previous_;
    };

private:
    TimeNs wallNow() const;
    void runForever();
    void runOnce();
    void waitForWork();
    void drainInbox();
    void stopWithError(std::exception_ptr error);
    void recordQueues();
    void closeCpuBlock();
    std::string deadlockMessage() const;
    static void stopThunk(void* self, void* future, bool run);
    static void callbackThunk(void* self, void* arg, bool run);

    LoopOptions options_;
    const ExceptionPolicy* policy_;
    detail::ReadyQueue ready_;
    detail::TimerHeap timers_;
    TimeNs virtualNow_ = 0;
    std::chrono::steady_clock::time_point wallStart_;
    TimeNs currentDue_ = -1;
    detail::TaskState* currentTask_ = nullptr;
    TimeNs cpuSince_ = 0;  // the running step's CPU work since: its start, or its last blocking call's end
    const detail::TaskState* cpuBlockTask_ = nullptr;  // the step with an open CPU block
    BlockId cpuBlock_ = 0;
    detail::TaskState* pendingHead_ = nullptr;
    detail::TaskState* pendingTail_ = nullptr;
    std::size_t pendingCount_ = 0;
    TaskId nextTaskId_ = 0;
    std::uint64_t taskNameCounter_ = 0;
    std::uint64_t iterations_ = 0;
    bool stopping_ = false;
    bool running_ = false;
    std::exception_ptr stopError_;
    ThreadContext* threadContext_ = nullptr;
    int threadsInFlight_ = 0;
    ThreadPool defaultThreadPool_{kDefaultMaxWorkers, "asyncio"};
    std::uint64_t threadsCreated_ = 0;
    std::thread::id loopThread_;

    std::mutex inboxMutex_;
    std::condition_variable inboxReady_;
    std::vector<std::function<void()>> inbox_;
};

// The running loop's clock, in nanoseconds.
inline TimeNs now() { return Loop::running().now(); }

template <class Rep, class Period>
constexpr TimeNs toNs(std::chrono::duration<Rep, Period> d) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

} // namespace awaitscope
