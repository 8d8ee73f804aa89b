#pragma once

// Small asyncio programs written against the C++ runtime, recorded into Traces for the
// analysis, format and report tests. Each comment gives the Python the program mirrors and
// the figures a test can expect from it (virtual clock: exact to the nanosecond).
#include <awaitscope/Runtime.h>

#include <chrono>
#include <stdexcept>
#include <vector>

namespace recorded {

using namespace awaitscope;
using namespace std::chrono_literals;

template <class Program>
Trace record(Program program, const char* title) {
    Trace trace;
    trace.metadata.title = title;
    trace.metadata.recorder = "awaitscope tests";
    Recorder recorder(trace);
    Loop loop({ClockKind::Virtual, &recorder});
    loop.run(program());
    return trace;
}

// runtime_cases/blocking_freezes_loop.py: the heartbeat due at 0.5 s waits while
// time.sleep(1.5) holds the loop from 0.2 s to 1.7 s, so it runs 1.2 s late; total 2.7 s.
// Tasks: 0 main, 1 heartbeat, 2 blocker.
inline Task<> heartbeat() {
    for (int i = 0; i < 3; ++i)
        co_await sleep(500ms);
}
// Sleeps `after`, then holds the loop for `hold` with time.sleep.
inline Task<> blocker(std::chrono::milliseconds after, std::chrono::milliseconds hold) {
    co_await sleep(after);
    blockingSleep(hold);
}
inline std::vector<Task<>> both(Task<> first, Task<> second) {
    std::vector<Task<>> tasks;
    tasks.push_back(std::move(first));
    tasks.push_back(std::move(second));
    return tasks;
}
inline Task<> blockingMain() { co_await gather(both(heartbeat(), blocker(200ms, 1500ms))); }
inline Trace blockingFreezesLoop() { return record(blockingMain, "blocking freezes the loop"); }

// A thread's work ends while the loop is frozen: to_thread(work) takes 0.1 s on a thread
// while a blocker holds the loop with time.sleep(0.5) from 0.01 s to 0.51 s, so the task
// awaiting the thread is ready at 0.1 s and runs 0.41 s late. Tasks: 0 main, 1 the
// to_thread call, 2 its thread lane, 3 the blocker.
inline Task<> threadCall() {
    co_await toThread([] { blockingSleep(100ms); }, "work");
}
inline Task<> threadFreezeMain() { co_await gather(both(threadCall(), blocker(10ms, 500ms))); }
inline Trace threadEndsInAFreeze() { return record(threadFreezeMain, "a thread ends while the loop is frozen"); }

// asyncio.gather of three calls that wait 1 s, 2 s and 3 s: 3 s in all instead of 6 s.
// Tasks: 0 main, 1..3 the calls.
inline Task<> call(std::chrono::milliseconds delay) { co_await sleep(delay); }
inline Task<> gatherMain() {
    std::vector<Task<>> calls;
    calls.push_back(call(1000ms));
    calls.push_back(call(2000ms));
    calls.push_back(call(3000ms));
    co_await gather(std::move(calls));
}
inline Trace gatherThreeCalls() { return record(gatherMain, "gather three calls"); }

// The same three calls awaited one after another: 6 s, no concurrency.
inline Task<> sequentialMain() {
    co_await call(1000ms);
    co_await call(2000ms);
    co_await call(3000ms);
}
inline Trace sequentialCalls() { return record(sequentialMain, "three calls in sequence"); }

// asyncio's three classic warnings in one run: a coroutine created and dropped (never
// awaited), a task that fails with nobody awaiting it, and a task still sleeping when main
// returns at 0.2 s. Tasks: 0 main, 1 failing, 2 sleeping.
inline Task<> forgotten() { co_await sleep(10ms); }
inline Task<> failing() {
    co_await sleep(100ms);
    throw std::runtime_error("tool failed");
}
inline Task<> sleepy() { co_await sleep(10s); }
inline Task<> warningsMain() {
    {
        Task<> dropped = forgotten();  // never awaited
    }
    createTask(failing());
    createTask(sleepy());
    co_await sleep(200ms);
}
inline Trace threeWarnings() { return record(warningsMain, "never awaited, never retrieved, pending at exit"); }

} // namespace recorded
