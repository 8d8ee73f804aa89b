#include "awaitscope/runtime/ToThread.h"

#include <algorithm>
#include <thread>

namespace awaitscope::detail {

namespace {

int defaultWorkerCount() {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return static_cast<int>(std::min(32u, cores + 4));  // concurrent.futures.ThreadPoolExecutor's default
}

struct ThreadCompletion {
    Ref<FutureState> future;
    std::exception_ptr error;
    TaskId lane;
};

void complete(Loop& loop, ThreadCompletion& done) {
    loop.threadFinished();
    if (done.future->done())
        return;  // the awaiting task was cancelled meanwhile
    if (done.error)
        done.future->setException(done.error);
    else
        done.future->markFinished();
}

void finishedThunk(void* self, void*, bool run) {
    auto* done = static_cast<ThreadCompletion*>(self);
    Loop& loop = done->future->loop();
    if (run)
        complete(loop, *done);
    else
        loop.threadFinished();
    delete done;
}

} // namespace

void startThreadWork(FutureState& future, std::function<void()> work, std::string label, const SourceLocation& where) {
    Loop& loop = future.loop();
    Recorder* recorder = loop.recorder();
    const TaskId lane = loop.nextThreadLane(label, where);
    loop.threadStarted();

    if (loop.clock() == ClockKind::Wall) {
        if (recorder)
            recorder->resume(lane, loop.now());
        // Reference counts are not thread-safe: the worker touches only raw pointers, and the
        // work object goes back to the loop thread to be destroyed there.
        auto* done = new ThreadCompletion{Ref<FutureState>(&future), nullptr, lane};
        std::thread([&loop, done, work = std::move(work), recorder]() mutable {
            try {
                work();
            } catch (...) {
                done->error = std::current_exception();
            }
            loop.postFromThread([&loop, done, recorder, finishedWork = std::move(work)] {
                if (recorder)
                    recorder->finish(done->lane, loop.now(), done->error ? TaskOutcome::Failed : TaskOutcome::Done,
                                     done->error ? recorder->string(loop.describe(done->error)) : 0);
                complete(loop, *done);
                delete done;
            });
        }).detach();
        return;
    }

    // Virtual clock: the pool's workers are free at these times; the job takes the first free one.
    std::vector<TimeNs>& workerFreeAt = loop.threadPoolFreeAt();
    if (workerFreeAt.empty())
        workerFreeAt.assign(static_cast<std::size_t>(defaultWorkerCount()), 0);
    auto worker = std::min_element(workerFreeAt.begin(), workerFreeAt.end());
    Loop::ThreadContext context{lane, std::max(loop.now(), *worker), 0};
    if (recorder)
        recorder->resume(lane, context.start);
    Loop::ThreadContext* previous = loop.enterThread(&context);
    std::exception_ptr error;
    try {
        work();
    } catch (...) {
        error = std::current_exception();
    }
    loop.leaveThread(previous);
    const TimeNs end = context.start + context.elapsed;
    *worker = end;
    if (recorder)
        recorder->finish(lane, end, error ? TaskOutcome::Failed : TaskOutcome::Done,
                         error ? recorder->string(loop.describe(error)) : 0);
    auto* done = new ThreadCompletion{Ref<FutureState>(&future), error, lane};
    future.addRef();  // `owned`: lets the loop's inspection see which task the result wakes
    loop.pushTimer(end, {&finishedThunk, done, nullptr, nullptr, &future, CallbackKind::ThreadResult});
}

} // namespace awaitscope::detail
