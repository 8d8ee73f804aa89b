#include "awaitscope/runtime/ToThread.h"

#include <algorithm>
#include <thread>

namespace awaitscope::detail {

namespace {

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

VirtualThreadJob runJob(Loop& loop, ThreadWorker& worker, const std::function<void()>& work, TaskId lane) {
    Recorder* recorder = loop.recorder();
    VirtualThreadJob job{lane, std::max(loop.now(), worker.freeAt), 0, nullptr};
    Loop::ThreadContext context{lane, job.start, 0, &worker};
    if (recorder)
        recorder->resume(lane, context.start);
    Loop::ThreadContext* previous = loop.enterThread(&context);
    try {
        work();
    } catch (...) {
        job.error = std::current_exception();
    }
    loop.leaveThread(previous);
    job.end = context.start + context.elapsed;
    worker.freeAt = job.end;
    if (recorder)
        recorder->finish(lane, job.end, job.error ? TaskOutcome::Failed : TaskOutcome::Done,
                         job.error ? recorder->string(loop.describe(job.error)) : 0);
    return job;
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

    ThreadPool& pool = loop.defaultThreadPool();
    ThreadWorker& worker = pool.workerFor(loop.now(), [&loop] { return loop.newThreadIdent(); });
    VirtualThreadJob job = runJob(loop, worker, work, lane);
    const TimeNs end = job.end;
    std::exception_ptr error = job.error;
    auto* done = new ThreadCompletion{Ref<FutureState>(&future), error, lane};
    future.addRef();  // `owned`: lets the loop's inspection see which task the result wakes
    loop.pushTimer(end, {&finishedThunk, done, nullptr, nullptr, &future, CallbackKind::ThreadResult});
}

VirtualThreadJob runOnVirtualWorker(Loop& loop, ThreadWorker& worker, const std::function<void()>& work,
                                    std::string_view label, const SourceLocation& where) {
    return runJob(loop, worker, work, loop.nextThreadLane(label, where));
}

} // namespace awaitscope::detail
