// Laziness and ownership: coroutines run nothing until awaited, and no frame, future or
// task outlives a run, whether it ends normally, by exception, by cancellation or stuck.
#include <awaitscope/Runtime.h>
#include <awaitscope/runtime/detail/Pool.h>

#include <QtTest>

using namespace awaitscope;
using namespace std::chrono_literals;

namespace {

// Counts live instances, like cppcoro's lifetime tests.
struct Probe {
    static inline int alive = 0;
    Probe() { ++alive; }
    Probe(const Probe&) { ++alive; }
    Probe(Probe&&) noexcept { ++alive; }
    ~Probe() { --alive; }
};

int bodiesRun = 0;

Task<int> counted(Probe, std::chrono::milliseconds delay) {
    ++bodiesRun;
    co_await sleep(delay);
    co_return 1;
}

Task<int> throwing(Probe) {
    co_await sleep(1ms);
    throw std::runtime_error("fails");
}

Task<int> tickAfter(std::chrono::milliseconds delay, std::vector<std::string>* order) {
    co_await sleep(delay);
    order->push_back("tick");
    co_return 0;
}

bool nothingAlive() {
    const auto& counts = detail::liveCounts();
    return counts.frames == 0 && counts.futures == 0 && counts.tasks == 0 && Probe::alive == 0;
}

QString liveSummary() {
    const auto& c = detail::liveCounts();
    return QString("frames=%1 futures=%2 tasks=%3 probes=%4").arg(c.frames).arg(c.futures).arg(c.tasks).arg(Probe::alive);
}

} // namespace

class TestFrameLifetime : public QObject {
    Q_OBJECT
private slots:
    void init() { bodiesRun = 0; }
    void cleanup() { QVERIFY2(nothingAlive(), qPrintable(liveSummary())); }

    void taskDoesNotStartUntilAwaited() {
        Loop loop;
        std::vector<int> bodiesSeen;
        loop.run([&]() -> Task<> {
            Task<int> later = counted(Probe{}, 1ms);
            bodiesSeen.push_back(bodiesRun);
            co_await sleep(10ms);
            bodiesSeen.push_back(bodiesRun);
            co_await std::move(later);
            bodiesSeen.push_back(bodiesRun);
        }());
        QCOMPARE(bodiesSeen, (std::vector<int>{0, 0, 1}));
    }

    void destroyingATaskThatWasNeverAwaitedDestroysItsArguments() {
        {
            Task<int> never = counted(Probe{}, 1ms);
            QCOMPARE(Probe::alive, 1);
            QCOMPARE(detail::liveCounts().frames, 1L);
        }
        QCOMPARE(Probe::alive, 0);
        QCOMPARE(bodiesRun, 0);
    }

    void exceptionsLeaveNoFrames() {
        Loop loop;
        loop.run([]() -> Task<> {
            try {
                co_await throwing(Probe{});
            } catch (const std::runtime_error&) {
            }
            TaskHandle<int> t = createTask(throwing(Probe{}));
            try {
                co_await t;
            } catch (const std::runtime_error&) {
            }
        }());
    }

    void cancellationLeavesNoFrames() {
        Loop loop;
        loop.run([]() -> Task<> {
            try {
                co_await withTaskGroup([](TaskGroup& g) -> Task<> {
                    for (int i = 0; i < 5; ++i)
                        g.createTask(counted(Probe{}, 1s));
                    g.createTask(throwing(Probe{}));
                    co_return;
                });
            } catch (const ExceptionGroup&) {
            }
            try {
                co_await waitFor(counted(Probe{}, 1s), 10ms);
            } catch (const TimeoutError&) {
            }
            TaskHandle<int> t = createTask(counted(Probe{}, 1s));
            co_await sleep(1ms);
            t.cancel();
            try {
                co_await t;
            } catch (const CancelledError&) {
            }
        }());
    }

    void tasksLeftPendingAreCancelledAtExit() {
        Loop loop;
        loop.run([]() -> Task<> {
            for (int i = 0; i < 3; ++i)
                createTask(counted(Probe{}, 1h));
            co_await sleep(1ms);
        }());
        QCOMPARE(loop.pendingTaskCount(), std::size_t(0));
    }

    void aStuckRunFreesEverythingWhenTheLoopGoes() {
        {
            Loop loop;
            try {
                loop.run([]() -> Task<> {
                    Event never;
                    createTask(counted(Probe{}, 1h));
                    Queue<Probe> queue;
                    co_await queue.get();
                    co_await never.wait();
                }());
                QFAIL("a deadlock was expected");
            } catch (const DeadlockError&) {
            }
            QVERIFY(loop.pendingTaskCount() > 0);
        }
    }

    void aLoopTornDownMidGatherFreesTheGatherAndItsChildren() {
        {
            Loop loop(LoopOptions{ClockKind::Virtual, nullptr, nullptr, 2, 0});  // stop once all four wait
            try {
                loop.run([]() -> Task<> {
                    std::vector<Task<int>> children;
                    for (int i = 0; i < 3; ++i)
                        children.push_back(counted(Probe{}, 1h));
                    co_await gather(std::move(children));
                }());
                QFAIL("the iteration budget should have stopped the run");
            } catch (const BudgetExceeded&) {
            }
            QCOMPARE(loop.pendingTaskCount(), std::size_t(4));
        }
        QCOMPARE(Probe::alive, 0);
    }

    void neverAwaitedInsideARunIsFreed() {
        Loop loop;
        loop.run([]() -> Task<> {
            for (int i = 0; i < 4; ++i) {
                auto dropped = counted(Probe{}, 1ms);
                (void)dropped;
            }
            co_await sleep(1ms);
        }());
        QCOMPARE(bodiesRun, 0);
    }

    // Once every pooled block is free, the pool carves its slabs again from the start, so a
    // run creating tasks one after another walks memory forwards (the free lists would hand
    // the blocks back in reverse). Blocks still in use are never handed out twice.
    void poolStartsOverInAddressOrderOnceEverythingIsFree() {
        constexpr std::size_t size = 48;
        const auto allocate = [] { return reinterpret_cast<quintptr>(detail::poolAllocate(size)); };
        const auto release = [](quintptr block) { detail::poolFree(reinterpret_cast<void*>(block), size); };
        const quintptr first = allocate();
        const quintptr second = allocate();
        const quintptr third = allocate();
        QCOMPARE(second, first + size);
        QCOMPARE(third, second + size);

        release(first);
        release(second);
        release(third);
        QCOMPARE(allocate(), first);
        QCOMPARE(allocate(), second);

        // `first` and `second` are live again: freeing `first` alone makes it the only one
        // to reuse, and the next fresh block comes after `second`, not over it.
        release(first);
        QCOMPARE(allocate(), first);
        QCOMPARE(allocate(), third);
        release(first);
        release(second);
        release(third);
    }

    void wallClockRunsRealThreadsAndTimers() {
        Trace trace;
        Recorder recorder(trace);
        Loop loop({ClockKind::Wall, &recorder});
        std::vector<std::string> order;
        loop.run([&]() -> Task<> {
            TaskHandle<int> ticker = createTask(tickAfter(5ms, &order));
            int fromThread = co_await toThread([] {
                blockingSleep(30ms);
                return 42;
            }, "worker");
            order.push_back("thread " + std::to_string(fromThread));
            co_await ticker;
        }());
        QCOMPARE(order, (std::vector<std::string>{"tick", "thread 42"}));
        QCOMPARE(trace.tasks.size(), std::size_t(3));
        QCOMPARE(trace.tasks[2].kind, TaskKind::Thread);
        QVERIFY(trace.tasks[2].events.back().time >= 30'000'000);  // the work really took 30 ms
    }
};

QTEST_APPLESS_MAIN(TestFrameLifetime)
#include "tst_frame_lifetime.moc"
